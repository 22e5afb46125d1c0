"""Sourcing vocabularies, built from the validated data files (rebuilt when a file changes).

Files: ``source_cues.csv``, ``anonymous_sources.csv``, ``source_channels.csv``,
and the shared ``entities.csv`` / ``titles.csv`` (columns documented in
``data/README.md``).  Terms are validated to be in the analysis form, so they
match ``text_norm`` as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..core.entities import ENTITIES, INSTITUTION_KINDS, TITLES, EntityTable
from ..core.vocab import Snapshot, built

SOURCE_DATA_FILES = ["source_cues.csv", "anonymous_sources.csv", "source_channels.csv", ENTITIES, TITLES]


def _alt(terms) -> str:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return "|".join(re.escape(t) for t in terms)


@dataclass(frozen=True)
class Vocab:
    cues: pd.DataFrame            # cue, cue_type, needs_quotative (bool)
    anon_heads: dict[str, str]    # head term -> source_kind
    anon_mods: list[str]          # modifiers that precede the head (ある, 複数の …)
    anon_mod_suffixes: list[str]  # modifiers that follow a noun (…に近い)
    outlets: dict[str, tuple[str, str]]   # alias -> (outlet, side)
    institutions: dict[str, tuple[str, str]]  # name -> (side, kind: an institution kind, 'state' or 'marker')
    roles: dict[str, str]         # title -> side ('' when none)
    people: dict[str, str]        # surname/name -> side
    channels: dict[str, str]      # term -> kind


def _institution_kind(kind: str) -> str:
    if kind in INSTITUTION_KINDS or kind == "state":
        return kind
    return "marker"   # places, markers and blockers only tell (or block) the side of a phrase


def build_vocab(snap: Snapshot) -> Vocab:
    cues = snap.table("source_cues.csv")
    anon = snap.table("anonymous_sources.csv")
    heads = {r.term: r.source_kind for r in anon.itertuples() if r.match == "head"}
    mods = [r.term for r in anon.itertuples() if r.match == "modifier"]
    mod_suffixes = [r.term for r in anon.itertuples() if r.match == "modifier_suffix"]
    ents = EntityTable(snap.table(ENTITIES))
    outlets = {a: (e.entity, e.side or "other") for a, e in ents.rows.items()
               if e.kind == "outlet" and not ("." in a and " " not in a)}
    # every non-outlet alias tells the side of a phrase it appears in; only institution kinds
    # (and a state named alone) are sources by themselves, people are found by their names
    institutions = {a: (e.side or "other", _institution_kind(e.kind) if e.kind != "person" else "marker")
                    for a, e in ents.rows.items() if e.kind != "outlet"}
    people = {a: e.side for a, e in ents.rows.items() if e.kind == "person"}
    titles = snap.table(TITLES)
    roles = {t: s for t, s, k in zip(titles["title"], titles["side"], titles["kind"]) if k == "title"}
    channels = dict(zip(*[snap.table("source_channels.csv")[c] for c in ("term", "kind")]))
    return Vocab(cues, heads, mods, mod_suffixes, outlets, institutions, roles, people, channels)


def load_vocab() -> Vocab:
    """The sourcing vocabulary as the data files are now."""
    return built(SOURCE_DATA_FILES, build_vocab)[1]


__all__ = ["SOURCE_DATA_FILES", "Vocab", "build_vocab", "load_vocab", "_alt"]
