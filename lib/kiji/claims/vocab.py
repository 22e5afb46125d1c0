"""The claims ledger's analyst-editable tables, read and validated.

* ``claim_units.csv`` — ``unit`` (as written after the number, NFKC), ``canonical``
  (unit values are converted to), ``factor`` (canonical = value × factor),
  ``kind`` (currency, length, people, count, duration, …), ``note``.
* ``claim_qualifiers.csv`` — ``qualifier``, ``position`` (``before`` or ``after`` the
  number), ``low_factor``/``high_factor`` (bounds = value × factor; empty = open
  end), ``note``.
* ``claim_subjects.csv`` — ``alias`` (a subject as extracted, or the end of one),
  ``subject`` (the group it belongs to), ``note``.

A bad row stops the run with one line naming the file, the line and the problem.
"""
from __future__ import annotations

import csv
import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from kiji.core.textnorm import normalize_text
from kiji.core.paths import data_file

UNITS = "claim_units.csv"
QUALIFIERS = "claim_qualifiers.csv"
SUBJECTS = "claim_subjects.csv"
DATA_FILES = [UNITS, QUALIFIERS, SUBJECTS]


class ClaimVocabError(ValueError):
    """A claims data file has a bad row (message: file, line, problem)."""


@dataclass(frozen=True)
class Unit:
    unit: str
    canonical: str
    factor: float
    kind: str


@dataclass(frozen=True)
class Qualifier:
    qualifier: str
    position: str
    low_factor: float   # -inf when open
    high_factor: float  # +inf when open


@dataclass
class ClaimVocab:
    units: dict[str, Unit] = field(default_factory=dict)
    qualifiers: dict[str, Qualifier] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)

    def before(self) -> list[str]:
        return sorted((q for q, v in self.qualifiers.items() if v.position == "before"), key=len, reverse=True)

    def after(self) -> list[str]:
        return sorted((q for q, v in self.qualifiers.items() if v.position == "after"), key=len, reverse=True)


def _rows(path: Path, columns: list[str]):
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:len(columns)]] != columns:
            raise ClaimVocabError(f"{path.name} line 1: header must start with {','.join(columns)}")
        for n, row in enumerate(reader, 2):
            if not any(c.strip() for c in row):
                continue
            if len(row) < len(columns) - 1:
                raise ClaimVocabError(f"{path.name} line {n}: expected {len(columns)} fields, got {len(row)}")
            row = [normalize_text(c.strip()) for c in row] + [""] * (len(columns) - len(row))
            yield n, dict(zip(columns, row))


def _number(path: Path, n: int, name: str, text: str, *, open_value: float | None = None) -> float:
    if text == "" and open_value is not None:
        return open_value
    try:
        value = float(text)
    except ValueError:
        raise ClaimVocabError(f"{path.name} line {n}: {name} {text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise ClaimVocabError(f"{path.name} line {n}: {name} {text!r} must be a finite number ≥ 0")
    return value


def _check_unique(path: Path, n: int, key: str, seen: dict):
    if key in seen:
        raise ClaimVocabError(f"{path.name} line {n}: {key!r} already defined on line {seen[key]}")
    seen[key] = n


def read_units(path: Path) -> dict[str, Unit]:
    out, seen = {}, {}
    for n, r in _rows(path, ["unit", "canonical", "factor", "kind", "note"]):
        if not r["unit"] or not r["canonical"] or not r["kind"]:
            raise ClaimVocabError(f"{path.name} line {n}: unit, canonical and kind must not be empty")
        _check_unique(path, n, r["unit"], seen)
        factor = _number(path, n, "factor", r["factor"])
        if factor == 0:
            raise ClaimVocabError(f"{path.name} line {n}: factor must not be 0")
        out[r["unit"]] = Unit(r["unit"], r["canonical"], factor, r["kind"])
    # one kind per canonical unit
    kinds: dict[str, str] = {}
    for u in out.values():
        if kinds.setdefault(u.canonical, u.kind) != u.kind:
            raise ClaimVocabError(f"{path.name} line {seen[u.unit]}: canonical unit {u.canonical!r} has kind "
                                  f"{u.kind!r} here but {kinds[u.canonical]!r} elsewhere")
    return out


def read_qualifiers(path: Path) -> dict[str, Qualifier]:
    out, seen = {}, {}
    for n, r in _rows(path, ["qualifier", "position", "low_factor", "high_factor", "note"]):
        if not r["qualifier"]:
            raise ClaimVocabError(f"{path.name} line {n}: qualifier must not be empty")
        if r["position"] not in ("before", "after"):
            raise ClaimVocabError(f"{path.name} line {n}: position {r['position']!r} must be 'before' or 'after'")
        _check_unique(path, n, r["qualifier"], seen)
        low = _number(path, n, "low_factor", r["low_factor"], open_value=-math.inf)
        high = _number(path, n, "high_factor", r["high_factor"], open_value=math.inf)
        if low > high:
            raise ClaimVocabError(f"{path.name} line {n}: low_factor {low} is above high_factor {high}")
        out[r["qualifier"]] = Qualifier(r["qualifier"], r["position"], low, high)
    return out


def read_subjects(path: Path) -> dict[str, str]:
    out, seen = {}, {}
    for n, r in _rows(path, ["alias", "subject", "note"]):
        if not r["alias"] or not r["subject"]:
            raise ClaimVocabError(f"{path.name} line {n}: alias and subject must not be empty")
        _check_unique(path, n, r["alias"], seen)
        out[r["alias"]] = r["subject"]
    return out


_CACHE: dict[str, ClaimVocab] = {}


def load_vocab() -> ClaimVocab:
    """The three tables from the data folder (``KIJI_DATA`` or ``data/``), memoized on content."""
    paths = [data_file(name) for name in DATA_FILES]
    key = hashlib.sha256(b"".join(str(p).encode() + p.read_bytes() for p in paths)).hexdigest()
    vocab = _CACHE.get(key)
    if vocab is None:
        vocab = ClaimVocab(read_units(paths[0]), read_qualifiers(paths[1]), read_subjects(paths[2]))
        _CACHE[key] = vocab
    return vocab
