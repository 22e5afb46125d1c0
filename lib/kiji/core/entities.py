"""The one entity table (``data/entities.csv``), shared by the loader, sourcing and escalation.

Each row maps an ``alias`` (as written, in the analysis form) to an ``entity``
(its canonical name), a ``kind`` and the ``side`` it acts for (a state or
alliance of the same table; ``|`` when an alias names two, e.g. 韓米).  Who
uses what:

* the loader names the outlet of a URL, a credit line or a told-to phrase
  from the ``outlet`` rows (an alias with a dot is a web domain);
* sourcing classifies a cited phrase (outlet, institution, person) and finds
  its side;
* escalation finds the actors of a sentence: every alias except outlets,
  markers and blockers, standing for its side.

Blockers need no list of their own: the matcher is leftmost-longest, so an
outlet (ワシントン・ポスト) or a ``blocker`` row (中国地方) covers the shorter
alias inside it (ワシントン, 中国).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd

from .textnorm import normalize_text
from .vocab import Snapshot, built

ENTITIES = "entities.csv"
TITLES = "titles.csv"
#: Kinds that are institutions when cited (a ministry, a government, an army …).
INSTITUTION_KINDS = ("government", "office", "ministry", "military", "agency", "alliance", "party",
                     "armed_group", "company")
#: Kinds that never act or speak themselves.
NOT_ACTORS = ("outlet", "marker", "blocker")


@dataclass(frozen=True)
class Entity:
    alias: str
    entity: str
    kind: str
    sides: tuple[str, ...]

    @property
    def side(self) -> str:
        return self.sides[0] if len(self.sides) == 1 else ""


class EntityTable:
    """Lookups over ``entities.csv``."""

    def __init__(self, table: pd.DataFrame):
        self.rows: dict[str, Entity] = {}
        for alias, entity, kind, side in zip(table["alias"], table["entity"], table["kind"], table["side"]):
            sides = tuple(s for s in str(side).split("|") if s)
            self.rows[alias] = Entity(alias, entity or alias, kind, sides)
        self._outlet_alias = {a.casefold(): e.entity for a, e in self.rows.items()
                              if e.kind == "outlet" and not _is_domain(a)}
        self._domains = {a.lower(): e.entity for a, e in self.rows.items() if e.kind == "outlet" and _is_domain(a)}

    def of_kind(self, *kinds: str) -> dict[str, Entity]:
        return {a: e for a, e in self.rows.items() if e.kind in kinds}

    # ---- outlets
    def outlet(self, name: str) -> str:
        """Canonical outlet for an alias ('' when unknown); case-insensitive for Latin names."""
        return self._outlet_alias.get(normalize_text(name).strip().casefold(), "")

    def outlet_from_url(self, url: str) -> str:
        """Canonical outlet whose domain serves ``url`` ('' when unknown)."""
        host = urlparse(url).netloc.lower().split(":")[0]
        for domain, outlet in self._domains.items():
            if host == domain or host.endswith("." + domain):
                return outlet
        return ""

    def outlet_aliases(self) -> list[str]:
        """Every outlet alias that is not a domain, longest first."""
        return sorted((a for a, e in self.rows.items() if e.kind == "outlet" and not _is_domain(a)),
                      key=len, reverse=True)

    def outlet_side(self, outlet: str) -> str:
        return next((e.side for e in self.rows.values() if e.kind == "outlet" and e.entity == outlet), "")

    # ---- actors
    def actor_aliases(self) -> dict[str, tuple[str, ...]]:
        """alias → the actors it stands for (its sides); () for aliases that only block."""
        return {a: (() if e.kind in NOT_ACTORS else (e.sides or (e.entity,))) for a, e in self.rows.items()}


def _is_domain(alias: str) -> bool:
    return "." in alias and " " not in alias


def _build(snap: Snapshot) -> EntityTable:
    return EntityTable(snap.table(ENTITIES))


def entity_table() -> EntityTable:
    """The entity table as the data file is now (rebuilt only when its content changes)."""
    return built([ENTITIES], _build)[1]


def _titles(snap: Snapshot) -> pd.DataFrame:
    return snap.table(TITLES)


def titles() -> pd.DataFrame:
    """``data/titles.csv``: ``title``, ``kind`` (title / honorific / organisation / other), ``side``, ``note``."""
    return built([TITLES, ENTITIES], _titles)[1]
