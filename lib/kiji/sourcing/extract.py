"""Who is cited, and how: the ``sources`` table.

``extract_sources(sentences)`` returns one row per attribution (a source that a
sentence credits with a statement, a report, an assessment or a declined
comment).  It runs the named steps of :mod:`kiji.sourcing.attributions`
(find cues → find the subject → classify the phrase → resolve anaphora →
chain second-hand attributions) with the shipped vocabulary
(:func:`kiji.sourcing.model.load_sourcing_vocab`), article by article,
through the per-article cache.

Columns of the returned DataFrame:
``attribution_id`` (``<article_id>:<sentence_id>:<n>``), ``article_id``,
``sentence_id``, ``source`` (as written), ``canonical`` (grouping key:
surname for people, outlet name for outlets, source without ある/別の… for
anonymous ones), ``source_kind`` (named_person, anonymous, institution,
media_outlet, social_media, document, or ``unresolved`` when a cue was found
but its speaker could not be: ``source`` then holds the subject phrase as
written, or '' when there was none), ``role`` (title / affiliation when
stated), ``side`` (the state or camp the source speaks for, from
``entities.csv``; ``other`` when unknown, '' for unresolved rows),
``side_inferred`` (True when an unmarked anonymous source took the side of
the previous attribution in the article), ``cue``, ``cue_type``, ``quote``
(attributed 「」 text, several joined by `` / ``), ``anonymity_reason``,
``declined_comment`` (bool), ``channel`` (X, 記者会見, 声明, …), ``pattern``
(speaker_before, speaker_after_quote, according_to, quoting, quoter,
recipient, ellipsis, continuation, caption, document, unresolved),
``via_attribution_id`` ('' when none).
"""
from __future__ import annotations

import pandas as pd

from .attributions import COLUMNS, Extractor, extract_attributions, rows_frame
from .model import SOURCING_FILES, build_sourcing_vocab, load_sourcing_vocab

__all__ = ["COLUMNS", "SOURCING_FILES", "extract_sources"]


def extract_sources(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per attribution; see the module docstring for the columns.

    ``sentences`` needs ``article_id``, ``sentence_id``, ``text_norm``; any
    subset of articles works.  Results are cached per article (:mod:`kiji.core.cache`),
    keyed on the same snapshot of the vocabulary files that computes them.
    """
    from ..core.cache import per_article

    return per_article("sources", sentences, _per_article, SOURCING_FILES)


_EXTRACTORS: dict[str, Extractor] = {}
_ACTIVE: list[Extractor] = []  # the extractor of the snapshot being computed (see _extract_article)


def _per_article(snap):
    ex = _EXTRACTORS.get(snap.key)
    if ex is None:
        if len(_EXTRACTORS) > 8:
            _EXTRACTORS.clear()
        ex = _EXTRACTORS[snap.key] = Extractor(build_sourcing_vocab(snap.table))

    def compute(group: pd.DataFrame) -> pd.DataFrame:
        _ACTIVE.append(ex)
        try:
            return rows_frame(_extract_article(str(group["article_id"].iloc[0]), group))
        finally:
            _ACTIVE.pop()
    return compute


def _extract_article(article_id: str, group: pd.DataFrame) -> list[dict]:
    """The attribution rows of one article (its sentences in ``group``)."""
    ex = _ACTIVE[-1] if _ACTIVE else Extractor(load_sourcing_vocab())
    ordered = group.sort_values("sentence_id", kind="stable")
    return ex.article(article_id, list(ordered["sentence_id"]), list(ordered["text_norm"]))


def _extract_sources(sentences: pd.DataFrame) -> pd.DataFrame:
    """:func:`extract_sources` without the cache, on the data files as they are now."""
    return extract_attributions(sentences, load_sourcing_vocab())
