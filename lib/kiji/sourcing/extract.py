"""Who is cited, and how: the ``sources`` table.

``extract_sources(sentences)`` returns one row per attribution (a source that a
sentence credits with a statement, a report, an assessment or a declined
comment).  It runs the named steps of :mod:`kiji.sourcing.attributions`
(find cues → find the subject → classify the phrase → resolve anaphora →
chain second-hand attributions) with the shipped vocabulary
(:func:`kiji.sourcing.model.load_sourcing_vocab`), article by article,
as the ``sources`` stage (:mod:`kiji.sourcing.stage`) of a run.

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

from ..core.run import Run, default_run
from .attributions import COLUMNS, extract_attributions
from .model import SOURCING_FILES, load_sourcing_vocab
from .stage import STAGE

__all__ = ["COLUMNS", "SOURCING_FILES", "extract_sources"]


def extract_sources(sentences: pd.DataFrame, *, run: Run | None = None) -> pd.DataFrame:
    """One row per attribution; see the module docstring for the columns.

    ``sentences`` needs ``article_id``, ``sentence_id``, ``text_norm``; any
    subset of articles works.  Results are cached per article by the run
    (default: :func:`kiji.core.run.default_run`), keyed on the same snapshot
    of the vocabulary files that computes them.
    """
    return (run or default_run()).table(STAGE, sentences)


def _extract_sources(sentences: pd.DataFrame) -> pd.DataFrame:
    """:func:`extract_sources` without the cache, on the data files as they are now."""
    return extract_attributions(sentences, load_sourcing_vocab())
