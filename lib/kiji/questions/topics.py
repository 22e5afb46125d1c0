"""Topic model: latent Dirichlet allocation (scikit-learn) over the articles' content words.

Each article is a bag of content-word base forms; LDA finds ``k`` topics (distributions over words)
and the share of each topic in each article.  The model is fitted in batch mode with a fixed
``random_state``: the same corpus and ``k`` give the same topics on any machine.  Words in fewer
than ``min_df`` articles or in more than ``max_df`` of them (function-like words every article
uses) are left out of the model (the counts are in the term tables).

How to read it: a topic is its top words (``terms``), not a name; ``k`` is the analyst's choice —
try a few values and keep the one whose topics read as distinct themes.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .distinctive import grouped_words


@dataclass
class Topics:
    """Result of :func:`topic_model`.

    ``terms``: ``topic`` (1…k), ``rank``, ``word``, ``weight`` (the word's probability in the topic);
    ``documents``: ``article_id``, ``topic``, ``share`` (of the article, rows of an article sum to 1),
    ``n_words`` (the article's words in the model); ``k``; ``vocabulary`` (words in the model)."""

    terms: pd.DataFrame
    documents: pd.DataFrame
    k: int
    vocabulary: int

    def summary(self, n: int = 8) -> pd.DataFrame:
        """One row per topic: ``topic``, ``words`` (its ``n`` top words, ``・``-joined), ``share`` (of all
        the words in the model), ``main_articles`` (articles whose largest topic it is)."""
        docs = self.documents
        weighted = (docs["share"] * docs["n_words"]).groupby(docs["topic"]).sum()
        main = docs.loc[docs.groupby("article_id")["share"].idxmax(), "topic"].value_counts()
        words = self.terms[self.terms["rank"] <= n].groupby("topic")["word"].apply("・".join)
        topics = list(range(1, self.k + 1))
        return pd.DataFrame({"topic": topics, "words": [words.get(t, "") for t in topics],
                             "share": [round(float(weighted.get(t, 0) / max(weighted.sum(), 1)), 4) for t in topics],
                             "main_articles": [int(main.get(t, 0)) for t in topics]})

    def labels(self, n: int = 3) -> dict[int, str]:
        """``{topic: "topic: w1・w2・w3"}`` from each topic's ``n`` top words."""
        top = self.terms[self.terms["rank"] <= n].groupby("topic")["word"].apply("・".join)
        return {t: f"{t}: {top.get(t, '')}" for t in range(1, self.k + 1)}


def topic_model(tokens: pd.DataFrame, k: int = 8, *, random_state: int = 0, min_df: int = 2,
                max_df: float = 0.5, top_n: int = 10, stopwords=None) -> Topics:
    """Fit an LDA model with ``k`` topics on the articles of ``tokens`` (see the module doc).

    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> texts = ["選手が試合で得点した。", "監督は試合の選手をほめた。", "選手と監督が試合に臨んだ。",
    ...          "株価と為替が動いた。", "為替の変動で株価が下がった。", "日銀は為替と株価を注視した。"]
    >>> sents = pd.DataFrame({"article_id": list("abcdef"), "sentence_id": 0, "text_norm": texts})
    >>> model = topic_model(tokenize_sentences(sents), k=2, max_df=1.0, stopwords=())
    >>> sorted(set(model.terms[model.terms["rank"] <= 2]["word"]))
    ['株価', '為替', '試合', '選手']
    >>> model.documents.groupby("article_id")["share"].sum().round(6).unique().tolist()
    [1.0]
    """
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import LatentDirichletAllocation

    cw = grouped_words(tokens, pd.Series(dtype=str), stopwords=stopwords)
    ids = list(dict.fromkeys(cw["article_id"]))
    df = cw.drop_duplicates(["article_id", "word"])["word"].value_counts()
    n_docs = max(len(ids), 1)
    keep = df[(df >= min(min_df, n_docs)) & (df / n_docs <= max_df)].index
    if len(keep) == 0:
        raise ValueError("no word is left for the topic model (lower min_df or raise max_df)")
    vocab = {w: i for i, w in enumerate(sorted(keep))}
    doc = {a: i for i, a in enumerate(ids)}
    kept = cw[cw["word"].isin(vocab)]
    counts = kept.groupby(["article_id", "word"]).size()
    rows = [doc[a] for a, _ in counts.index]
    cols = [vocab[w] for _, w in counts.index]
    matrix = csr_matrix((counts.to_numpy(float), (rows, cols)), shape=(len(ids), len(vocab)))
    lda = LatentDirichletAllocation(n_components=k, learning_method="batch", random_state=random_state,
                                    max_iter=50)
    theta = lda.fit_transform(matrix)
    theta = theta / theta.sum(axis=1, keepdims=True)
    words = np.array(sorted(vocab, key=lambda w: vocab[w]))
    phi = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
    terms = []
    for t in range(k):
        best = np.argsort(-phi[t], kind="stable")[:top_n]
        terms += [(t + 1, r + 1, words[j], round(float(phi[t, j]), 6)) for r, j in enumerate(best)]
    n_words = np.asarray(matrix.sum(axis=1)).ravel().astype(int)
    documents = pd.DataFrame({"article_id": np.repeat(ids, k), "topic": np.tile(np.arange(1, k + 1), len(ids)),
                              "share": theta.ravel().round(6), "n_words": np.repeat(n_words, k)})
    return Topics(pd.DataFrame(terms, columns=["topic", "rank", "word", "weight"]), documents, k, len(vocab))


def corpus_topics(tokens: pd.DataFrame, n_articles: int, k_max: int = 8, **options) -> Topics | None:
    """The topic model of a corpus of ``n_articles`` with at most one topic per five articles (at least
    2, at most ``k_max``), or ``None`` when no model can be fitted: too few articles share words (a
    single article, or two or three whose words are either in all of them or in one only).

    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> one = pd.DataFrame({"article_id": ["a"], "sentence_id": 0, "text_norm": ["選手が試合で得点した。"]})
    >>> corpus_topics(tokenize_sentences(one), 1) is None
    True
    """
    try:
        return topic_model(tokens, k=min(k_max, max(2, n_articles // 5)), **options)
    except ValueError:  # no word is left for a model
        return None


def topic_shares(topics: Topics, group: pd.Series) -> pd.DataFrame:
    """Share of each topic in each group: the topic shares of the group's articles weighted by their
    words in the model (= the share of the group's words the model gives to the topic).  Columns
    ``group``, ``topic``, ``share`` (a group's rows sum to 1), ``n_articles``.  Articles ``group``
    does not name form the group ``(なし)``.

    >>> model = Topics(pd.DataFrame(columns=["topic", "rank", "word", "weight"]),
    ...                pd.DataFrame({"article_id": ["a", "a", "b", "b"], "topic": [1, 2, 1, 2],
    ...                              "share": [0.9, 0.1, 0.5, 0.5], "n_words": [30, 30, 10, 10]}), 2, 0)
    >>> topic_shares(model, pd.Series({"a": "X", "b": "X"}))[["group", "topic", "share"]].values.tolist()
    [['X', 1, 0.8], ['X', 2, 0.2]]
    """
    from .distinctive import UNGROUPED

    docs = topics.documents.copy()
    mapping = pd.Series(group).astype(str)
    mapping.index = mapping.index.astype(str)
    docs["group"] = docs["article_id"].astype(str).map(mapping).astype(object).fillna(UNGROUPED)
    docs["weighted"] = docs["share"] * docs["n_words"]
    out = docs.groupby(["group", "topic"]).agg(weighted=("weighted", "sum"),
                                               n_articles=("article_id", "nunique")).reset_index()
    total = out.groupby("group")["weighted"].transform("sum").replace(0, 1)
    out["share"] = (out["weighted"] / total).round(6)
    return out[["group", "topic", "share", "n_articles"]]
