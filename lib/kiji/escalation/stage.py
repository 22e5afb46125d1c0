"""The ``escalation`` stage: one row per escalation-lexicon match, article by article.

>>> STAGE.name, STAGE.needs
('escalation', ())
"""
from __future__ import annotations

from kiji.core.stage import Stage
from kiji.core.vocab import Snapshot

from .detector import ESCALATION_COLUMNS, ESCALATION_DATA_FILES, build_detector, detect


def build_escalation(snap: Snapshot, tokenizer: str):
    """The per-article detection for one snapshot of the lexicons (each worker builds it once)."""
    detector = build_detector(snap)
    return lambda sentences: detect(sentences, detector)


STAGE = Stage("escalation", build_escalation, reads=ESCALATION_DATA_FILES, columns=ESCALATION_COLUMNS)
