"""The claims ledger's analyst-editable tables, read through :mod:`kiji.core.vocab`.

* ``claim_units.csv`` — ``unit`` (as written after the number, NFKC), ``canonical``
  (unit values are converted to), ``factor`` (canonical = value × factor),
  ``kind`` (currency, length, people, count, duration, …), ``note``, and optional
  ``position`` (``after``, the default, or ``before`` for units written before the
  number: 震度7, マグニチュード6.5), and optional ``display``: the unit a value is shown in,
  itself a listed ``unit`` of the same canonical unit (センチ → ``cm``, 時間 → ``時間``: 約8センチ is
  shown as 8 cm and 3時間 as 3 時間, while they are compared in km and days); empty = the canonical.
* ``claim_qualifiers.csv`` — ``qualifier``, ``position`` (``before`` or ``after`` the
  number), ``low_factor``/``high_factor`` (bounds = value × factor; empty = open
  end), ``note``.
* ``claim_subjects.csv`` — ``alias`` (a subject as extracted, or the end of one),
  ``subject`` (the group it belongs to), ``note``.
* ``claim_changes.csv`` — ``word``, ``role`` (``change``: written right after the
  quantity, it makes the quantity a change: 減, 増, 高, 安 …; ``basis``: what a change
  is measured from, never a subject: 前日比, 前年比 …), ``not_before`` (``|``-separated
  continuations that undo a change word: 高さ, 安値), ``note``.
* ``claim_rates.csv`` — ``cue`` (時速, 1時間に, 風速 …), ``position`` (``before``: written
  right before the number or its qualifier; ``subject``: the subject ends with it),
  ``seconds`` (the span the rate is per: 3600 for an hour, 1 for a second), ``kinds``
  (``|``-separated unit kinds it applies to: length, precipitation), ``note``.
* ``claim_places.csv`` — ``word``, ``note``: nouns that end a place phrase after a region
  name (東海地方, 九州北部, 東京都心); a phrase ending in a region name is a place anyway.

Columns, kinds and keys are the schemas in :mod:`kiji.core.schemas`; on top of
them this module checks what a schema cannot say (factor above 0, one kind per
canonical unit, low_factor ≤ high_factor).  A bad row stops the run with one
line naming the file, the line and the problem (:class:`kiji.core.vocab.VocabError`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from kiji.core.paths import data_dir
from kiji.core.vocab import Snapshot, VocabError, built

UNITS = "claim_units.csv"
QUALIFIERS = "claim_qualifiers.csv"
SUBJECTS = "claim_subjects.csv"
CHANGES = "claim_changes.csv"
RATES = "claim_rates.csv"
PLACES = "claim_places.csv"
DATA_FILES = [UNITS, QUALIFIERS, SUBJECTS, CHANGES, RATES, PLACES]

ClaimVocabError = VocabError


@dataclass(frozen=True)
class Unit:
    unit: str
    canonical: str
    factor: float
    kind: str
    position: str = "after"  # "before": written before the number (震度7, マグニチュード6.5); "bare": 45の自治体
    display: str = ""         # the unit values are shown in ("" = canonical)
    display_factor: float = 1.0  # canonical = displayed value × display_factor


@dataclass(frozen=True)
class Qualifier:
    qualifier: str
    position: str
    low_factor: float   # -inf when open
    high_factor: float  # +inf when open


@dataclass(frozen=True)
class Rate:
    cue: str
    position: str          # "before" the number, or "subject": the subject ends with the cue
    seconds: float         # the span of time the rate is per
    kinds: tuple[str, ...]  # unit kinds it applies to


@dataclass
class ClaimVocab:
    units: dict[str, Unit] = field(default_factory=dict)
    qualifiers: dict[str, Qualifier] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)
    changes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # change word -> not_before
    bases: tuple[str, ...] = ()
    rates: dict[str, Rate] = field(default_factory=dict)
    place_heads: frozenset[str] = frozenset()

    def bare_unit(self) -> Unit | None:
        """The row read for a number with no counter (``45の自治体``), if any."""
        return next((u for u in self.units.values() if u.position == "bare"), None)

    def change_after(self, text: str) -> bool:
        """Whether ``text`` (what follows a quantity) starts with a change word: ``減り``,
        ``(0.5%)高``, ``安い``; an optional closing and one parenthesis may come first."""
        m = re.match(r"\)?(?:\([^()]*\))?", text)
        rest = text[m.end():] if m else text
        for word, not_before in self.changes.items():
            if rest.startswith(word) and not rest[len(word):].startswith(not_before or ("\x00",)):
                return True
        return False

    def rate_before(self, text: str) -> Rate | None:
        """The ``before`` rate cue ``text`` ends with (longest), or None."""
        found = [r for c, r in self.rates.items() if r.position == "before" and text.endswith(c)]
        return max(found, key=lambda r: len(r.cue)) if found else None

    def rate_of_subject(self, subject: str) -> Rate | None:
        found = [r for c, r in self.rates.items() if r.position == "subject" and subject.endswith(c)]
        return max(found, key=lambda r: len(r.cue)) if found else None

    def unit_words(self, position: str = "after") -> list[str]:
        """Units written at ``position`` of the number, longest first."""
        return sorted((u for u, v in self.units.items() if v.position == position), key=len, reverse=True)

    def before(self) -> list[str]:
        return sorted((q for q, v in self.qualifiers.items() if v.position == "before"), key=len, reverse=True)

    def after(self) -> list[str]:
        return sorted((q for q, v in self.qualifiers.items() if v.position == "after"), key=len, reverse=True)


def _error(name: str, line: int, problem: str) -> VocabError:
    return VocabError(f"{data_dir().name}/{name} line {line}: {problem}")


def from_snapshot(snap: Snapshot) -> ClaimVocab:
    """The tables of a snapshot (which must hold :data:`DATA_FILES`), checked."""
    units: dict[str, Unit] = {}
    kinds: dict[str, tuple[str, int]] = {}
    for r in snap.table(UNITS, line_numbers=True).rename(columns={"_line": "line"}).itertuples(index=False):
        if not r.factor > 0 or not math.isfinite(r.factor):
            raise _error(UNITS, r.line, f"column 'factor': {r.factor!r} must be a number above 0")
        kind, line = kinds.setdefault(r.canonical, (r.kind, r.line))
        if kind != r.kind:
            raise _error(UNITS, r.line, f"column 'kind': canonical unit {r.canonical!r} has kind {r.kind!r} here "
                                         f"but {kind!r} on line {line}")
        units[r.unit] = Unit(r.unit, r.canonical, float(r.factor), r.kind, r.position or "after",
                             getattr(r, "display", "") or "")
    for u, unit in list(units.items()):
        shown = units.get(unit.display) if unit.display else None
        if unit.display and (shown is None or shown.canonical != unit.canonical):
            raise VocabError(f"{data_dir().name}/{UNITS}: column 'display': {unit.display!r} (row {u!r}) must be "
                             f"a listed unit converted to {unit.canonical!r}")
        units[u] = replace(unit, display=unit.display or unit.canonical,
                           display_factor=shown.factor if shown else 1.0)
    qualifiers: dict[str, Qualifier] = {}
    for r in snap.table(QUALIFIERS, line_numbers=True).rename(columns={"_line": "line"}).itertuples(index=False):
        low = -math.inf if r.low_factor is None or r.low_factor != r.low_factor else float(r.low_factor)
        high = math.inf if r.high_factor is None or r.high_factor != r.high_factor else float(r.high_factor)
        if low < 0 and math.isfinite(low) or high < 0:
            raise _error(QUALIFIERS, r.line, "column 'low_factor'/'high_factor': factors must not be negative")
        if low > high:
            raise _error(QUALIFIERS, r.line, f"column 'low_factor': {low:g} is above high_factor {high:g}")
        qualifiers[r.qualifier] = Qualifier(r.qualifier, r.position, low, high)
    subjects = dict(zip(*(snap.table(SUBJECTS)[c] for c in ("alias", "subject"))))
    changes, bases = _changes(snap)
    rates = _rates(snap)
    place_heads = frozenset(snap.table(PLACES)["word"])
    return ClaimVocab(units, qualifiers, subjects, changes, bases, rates, place_heads)


def _changes(snap: Snapshot) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    table = snap.table(CHANGES)
    changes = {r.word: tuple(w for w in (r.not_before or "").split("|") if w)
               for r in table.itertuples(index=False) if r.role == "change"}
    return changes, tuple(table.loc[table["role"] == "basis", "word"])


def _rates(snap: Snapshot) -> dict[str, Rate]:
    rates = {}
    for r in snap.table(RATES, line_numbers=True).rename(columns={"_line": "line"}).itertuples(index=False):
        if not r.seconds > 0 or not math.isfinite(r.seconds):
            raise _error(RATES, r.line, f"column 'seconds': {r.seconds!r} must be a number above 0")
        rates[r.cue] = Rate(r.cue, r.position, float(r.seconds), tuple(k for k in r.kinds.split("|") if k))
    return rates


def load_vocab() -> ClaimVocab:
    """The tables as they are on disk now (``KIJI_DATA`` or ``data/``), memoized on content."""
    return built(DATA_FILES, from_snapshot)[1]
