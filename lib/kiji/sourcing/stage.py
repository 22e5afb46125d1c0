"""The ``sources`` stage: one row per attribution (who is cited and how), article by article.

>>> STAGE.name, STAGE.needs
('sources', ())
"""
from __future__ import annotations

import pandas as pd

from kiji.core.stage import Stage
from kiji.core.vocab import Snapshot

from .attributions import COLUMNS, Extractor, rows_frame
from .model import SOURCING_FILES, build_sourcing_vocab


def build_sources(snap: Snapshot, tokenizer: str):
    """The per-article extraction for one snapshot of the vocabulary (each worker builds it once)."""
    extractor = Extractor(build_sourcing_vocab(snap.table))

    def compute(sentences: pd.DataFrame) -> pd.DataFrame:
        if sentences.empty:
            return rows_frame([])
        return rows_frame(article_rows(extractor, str(sentences["article_id"].iloc[0]), sentences))
    return compute


def article_rows(extractor: Extractor, article_id: str, sentences: pd.DataFrame) -> list[dict]:
    """The attribution rows of one article (its sentences, in any order)."""
    ordered = sentences.sort_values("sentence_id", kind="stable")
    return extractor.article(article_id, list(ordered["sentence_id"]), list(ordered["text_norm"]))


STAGE = Stage("sources", build_sources, reads=SOURCING_FILES, columns=COLUMNS)
