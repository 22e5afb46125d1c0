"""The analyst's own questions: comparing groups of articles (and, with coding rules, the analyst's
concepts) — after the analyses, before the reports.

``distinctive``    distinctive words per group (G² and a ratio, long format)
``trends``         rising words by period
``correspondence`` correspondence analysis of words (or codes) × groups, biplot
``clusters``       hierarchical clustering of groups or articles, dendrogram
``topics``         topic model (LDA): topic terms, topic shares by group
``charts``         the figures of the modules above

Every function takes the token table (:func:`kiji.tokens.tokenize_corpus`) and a
``group`` Series (``article_id`` → group label) explicitly.
"""
from __future__ import annotations

import os

import pandas as pd

#: Topics of the exported topic model (``kiji export``); in a notebook or with ``kiji.open`` K is a parameter.
EXPORT_TOPICS = 8


#: Most groups a comparison keeps apart (the smaller ones beyond it are merged into "その他").
MAX_GROUPS = 40


def default_grouping(articles: pd.DataFrame, by: str | None = None) -> tuple[str, pd.Series]:
    """``(name, group)``: the grouping ``by`` (any variable of :func:`kiji.loading.groups.grouping`),
    else the one it prefers; ``group`` maps ``article_id`` → group label, at most :data:`MAX_GROUPS`."""
    from kiji.loading.groups import grouping

    chosen = grouping(articles, by or "", max_groups=MAX_GROUPS)
    return chosen.by, chosen.group


def tables(corpus, by: str | None = None, tokens: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Tables for ``kiji export``: ``distinctive_words`` (per group of ``by``, else ``--group-by``
    (``KIJI_GROUP_BY``), else the grouping the reports choose),
    ``rising_words`` (per period), ``ca_coordinates`` / ``ca_inertia`` (words × groups),
    ``group_clusters``, ``topic_terms``, ``topic_documents``, ``topic_shares`` (by group).  A table
    that cannot be computed (one group only, too few words) is written empty.  ``tokens``: the
    ``tokens`` stage's table (computed by the default run when not given)."""
    from kiji.tokens import tokenize_corpus

    from .clusters import cluster_groups
    from .correspondence import correspondence, word_group_table
    from .distinctive import distinctive_words
    from .topics import corpus_topics, topic_shares
    from .trends import rising_words

    tokens = tokenize_corpus(corpus) if tokens is None else tokens
    name, group = default_grouping(corpus.articles, by or os.environ.get("KIJI_GROUP_BY", ""))
    _, period = default_grouping(corpus.articles, "period")
    out = {"distinctive_words": distinctive_words(tokens, group).assign(group_by=name),
           "rising_words": rising_words(tokens, period)}
    out.update({table: pd.DataFrame(columns=columns) for table, columns in EMPTY.items()})
    if group.nunique() >= 2:
        try:
            ca = correspondence(word_group_table(tokens, group))
            out["ca_coordinates"], out["ca_inertia"] = ca.coordinates.assign(group_by=name), ca.inertia
            out["group_clusters"] = cluster_groups(tokens, group).membership.assign(group_by=name)
        except ValueError:  # fewer than two groups with words: the tables stay empty
            pass
    model = corpus_topics(tokens, corpus.articles.shape[0], EXPORT_TOPICS)
    if model is not None:  # else too few articles share words: the tables stay empty
        out.update(topic_terms=model.terms, topic_documents=model.documents,
                   topic_shares=topic_shares(model, group).assign(group_by=name))
    return out


#: Columns of the tables :func:`tables` writes empty when they cannot be computed.
EMPTY = {"ca_coordinates": ["kind", "label", "count", "mass", "dim1", "dim2", "inertia_share", "group_by"],
         "ca_inertia": ["dim", "eigenvalue", "share", "cumulative"],
         "group_clusters": ["group", "cluster", "leaf_order", "n_words", "group_by"],
         "topic_terms": ["topic", "rank", "word", "weight"],
         "topic_documents": ["article_id", "topic", "share", "n_words"],
         "topic_shares": ["group", "topic", "share", "n_articles", "group_by"]}
