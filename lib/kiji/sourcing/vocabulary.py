"""Sourcing vocabularies from ``data/`` (analyst-editable CSV), loaded once.

Files: ``source_cues.csv``, ``anonymous_sources.csv``, ``outlets.csv``,
``institutions.csv``, ``source_roles.csv``, ``source_people.csv``,
``source_channels.csv`` (columns documented in ``data/README.md``).
All terms are NFKC-normalized so they match ``text_norm``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..loading.normalize import normalize_text
from ..core.paths import data_file


def _read(name: str) -> pd.DataFrame:
    table = pd.read_csv(data_file(name), dtype=str, keep_default_na=False)
    return table.map(lambda v: normalize_text(v).strip())


def _alt(terms) -> str:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return "|".join(re.escape(t) for t in terms)


@dataclass(frozen=True)
class Vocab:
    cues: pd.DataFrame            # cue, cue_type, needs_quotative (bool)
    anon_heads: dict[str, str]    # head term -> source_kind
    anon_mods: list[str]
    outlets: dict[str, tuple[str, str]]   # alias -> (outlet, side)
    institutions: dict[str, tuple[str, str]]  # name -> (side, kind)
    roles: dict[str, str]         # role -> side ('' when none)
    people: dict[str, str]        # surname/name -> side
    channels: dict[str, str]      # term -> kind


@lru_cache(maxsize=1)
def load_vocab() -> Vocab:
    cues = _read("source_cues.csv")
    cues["needs_quotative"] = cues["needs_quotative"].str.lower().eq("true")
    anon = _read("anonymous_sources.csv")
    heads = {r.term: r.source_kind for r in anon.itertuples() if r.match == "head"}
    mods = [r.term for r in anon.itertuples() if r.match == "modifier"]
    out = _read("outlets.csv")
    if "side" not in out:
        out["side"] = "other"
    outlets = {r.alias: (r.outlet, r.side or "other") for r in out.itertuples()
               if not ("." in r.alias and " " not in r.alias)}
    inst = _read("institutions.csv")
    institutions = {r.name: (r.side or "other", r.kind) for r in inst.itertuples()}
    roles = {r.role: r.side for r in _read("source_roles.csv").itertuples()}
    people = {r.name: r.side for r in _read("source_people.csv").itertuples()}
    channels = {r.term: r.kind for r in _read("source_channels.csv").itertuples()}
    return Vocab(cues, heads, mods, outlets, institutions, roles, people, channels)


__all__ = ["Vocab", "load_vocab", "_alt"]
