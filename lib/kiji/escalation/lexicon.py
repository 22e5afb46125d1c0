"""The escalation vocabularies from ``data/``: lexicon, ladder levels, modality cues."""
from __future__ import annotations

import pandas as pd

from ..core import vocab

MODALITIES = ["act", "threat", "conditional", "possibility"]
NUCLEAR_CATEGORY = "nuclear_threat"
LEXICON, LEVELS = "escalation_lexicon.csv", "escalation_levels.csv"
MODALITY_CUES, MODALITY_LABELS = "modality_cues.csv", "modalities.csv"
NEGATION = "escalation_negation.csv"
CONTEXT = "escalation_context.csv"


def load_lexicon(snap: vocab.Snapshot | None = None) -> pd.DataFrame:
    """``data/escalation_lexicon.csv``, validated; ``level`` as int (-1 for blockers), blank ``modality`` as ""."""
    df = (snap or vocab.snapshot([LEXICON])).table(LEXICON)
    df["level"] = df["level"].map(lambda v: -1 if v is None or v != v else int(v)).astype(int)
    return df.reset_index(drop=True)


def load_levels(snap: vocab.Snapshot | None = None) -> pd.DataFrame:
    """``data/escalation_levels.csv``: ``level`` (int), ``label_ja``, ``label_en``, ``description``."""
    df = (snap or vocab.snapshot([LEVELS])).table(LEVELS)
    df["level"] = df["level"].astype(int)
    return df.sort_values("level").reset_index(drop=True)


def load_modality_cues(snap: vocab.Snapshot | None = None) -> pd.DataFrame:
    """``data/modality_cues.csv``: ``cue``, ``modality`` (act/threat/possibility/conditional), ``note``."""
    return (snap or vocab.snapshot([MODALITY_CUES])).table(MODALITY_CUES).reset_index(drop=True)


def load_negation(snap: vocab.Snapshot | None = None) -> pd.DataFrame:
    """``data/escalation_negation.csv``: ``cue``, ``effect`` (negates / keeps), ``note``."""
    return (snap or vocab.snapshot([NEGATION])).table(NEGATION).reset_index(drop=True)


def load_context(snap: vocab.Snapshot | None = None) -> pd.DataFrame:
    """``data/escalation_context.csv``: ``term``, ``effect`` (context / blocker), ``note``."""
    return (snap or vocab.snapshot([CONTEXT])).table(CONTEXT).reset_index(drop=True)


def modality_labels() -> dict[str, str]:
    """modality → Japanese label, from ``data/modalities.csv``."""
    df = vocab.table(MODALITY_LABELS)
    return dict(zip(df["modality"], df["label_ja"]))


def __getattr__(name: str):
    if name == "MODALITY_JA":  # kept for notebooks written before the labels moved to data/
        return modality_labels()
    raise AttributeError(name)
