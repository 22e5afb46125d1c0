"""The escalation vocabularies from ``data/``: lexicon, ladder levels, modality cues."""
from __future__ import annotations

import pandas as pd

from ..core.paths import data_file

MODALITIES = ["act", "threat", "conditional", "possibility"]
MODALITY_JA = {"act": "行為・報道された行為", "threat": "威嚇・警告",
               "conditional": "条件付き", "possibility": "可能性・推測"}
NUCLEAR_CATEGORY = "nuclear_threat"


def load_lexicon() -> pd.DataFrame:
    """``data/escalation_lexicon.csv`` with ``level`` as int and blank ``modality`` as ""."""
    df = pd.read_csv(data_file("escalation_lexicon.csv"), dtype=str, keep_default_na=False)
    df["term"] = df["term"].str.strip()
    df = df[df["term"] != ""].drop_duplicates("term", keep="first").reset_index(drop=True)
    df["level"] = pd.to_numeric(df["level"], errors="coerce").fillna(-1).astype(int)
    return df


def load_levels() -> pd.DataFrame:
    """``data/escalation_levels.csv``: ``level`` (int), ``label_ja``, ``label_en``, ``description``."""
    df = pd.read_csv(data_file("escalation_levels.csv"), dtype=str, keep_default_na=False)
    df["level"] = df["level"].astype(int)
    return df.sort_values("level").reset_index(drop=True)


def load_modality_cues() -> pd.DataFrame:
    """``data/modality_cues.csv``: ``cue``, ``modality`` (act/threat/possibility/conditional), ``note``."""
    df = pd.read_csv(data_file("modality_cues.csv"), dtype=str, keep_default_na=False)
    df["cue"] = df["cue"].str.strip()
    bad = set(df["modality"]) - set(MODALITIES)
    if bad:
        raise ValueError(f"modality_cues.csv: unknown modalities {sorted(bad)}")
    return df[df["cue"] != ""].drop_duplicates("cue").reset_index(drop=True)


