"""Analyst-editable data files, validated when loaded and keyed on their content.

Everything kiji knows beyond the articles lives in ``data/`` (or the folder
``KIJI_DATA`` names).  Each file has a :class:`~kiji.core.schemas.Schema`;
:func:`table` reads a file, checks it and returns it as a DataFrame of
strings (booleans as ``bool``, numbers as ``int``/``float``).  A file that
breaks its schema raises :class:`VocabError` whose message is one line:
``data/entities.csv line 12: column 'kind': 'persn' is not one of person, state, …``.

Consistency with the cache: a :class:`Snapshot` reads the bytes of a set of
files once; its ``key`` hashes exactly those bytes and its tables are parsed
from exactly those bytes.  Whatever is built from a snapshot (a matcher, a
detector, a tokenizer) is memoized under that key by :func:`built`, so an
edit to a data file takes effect on the next call in a running kernel, and a
cached result is always stored under the key of the vocabulary that produced
it.
"""
from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .paths import data_dir
from .schemas import SCHEMAS, SIDE_KINDS, Schema
from .textnorm import normalize_text

_TRUE, _FALSE = "true", "false"


class VocabError(ValueError):
    """A data file that does not conform to its schema (the message is one line)."""


# --------------------------------------------------------------------------- parsing
def _where(schema: Schema) -> str:
    return f"{data_dir().name}/{schema.name}"


def _decode(schema: Schema, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise VocabError(f"{_where(schema)} line {line}: not UTF-8 (save the file as UTF-8)") from None


def _rows(schema: Schema, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line number, cells)]) of a file, whatever its format."""
    import csv

    if schema.format == "lines":
        rows = []
        for n, line in enumerate(text.split("\n"), 1):
            word = line.split("#", 1)[0].strip()
            if word:
                rows.append((n, [word]))
        return [c.name for c in schema.columns], rows
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    lines = list(reader)
    out: list[tuple[int, list[str]]] = []
    if schema.format == "headerless":
        header = [c.name for c in schema.columns]
        start = 0
    else:
        if not lines:
            raise VocabError(f"{_where(schema)} line 1: the header row is missing "
                             f"(expected {','.join(c.name for c in schema.columns)})")
        header = [h.strip() for h in lines[0]]
        start = 1
    for n, cells in enumerate(lines[start:], start + 1):
        if not any(c.strip() for c in cells):
            continue
        out.append((n, [c.strip() for c in cells]))
    return header, out


def _check_header(schema: Schema, header: list[str]) -> None:
    names = [c.name for c in schema.columns]
    missing = [n for n in names if n not in header and n not in schema.optional]
    if missing:
        raise VocabError(f"{_where(schema)} line 1: missing column(s) {', '.join(missing)} "
                         f"(expected {','.join(names)})")
    unknown = [h for h in header if h not in names]
    if unknown:
        raise VocabError(f"{_where(schema)} line 1: unknown column(s) {', '.join(unknown)} "
                         f"(expected {','.join(names)})")
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise VocabError(f"{_where(schema)} line 1: column(s) {', '.join(dup)} appear twice")


def _check_cell(schema: Schema, n: int, col, value: str) -> Any:
    where = f"{_where(schema)} line {n}: column '{col.name}'"
    if value == "":
        if col.required:
            raise VocabError(f"{where} is empty")
        return False if col.kind == "bool" else (None if col.kind in ("int", "float") else "")
    values = value.split(col.multi) if col.multi else [value]
    for v in values:
        if col.kind == "term" and normalize_text(v) != v:
            raise VocabError(f"{where}: {v!r} is not in the analysis form (write {normalize_text(v)!r})")
        if col.kind == "choice" and v not in col.choices:
            raise VocabError(f"{where}: {v!r} is not one of {', '.join(col.choices)}")
    if col.kind == "bool":
        if value.lower() not in (_TRUE, _FALSE):
            raise VocabError(f"{where}: {value!r} is not true or false")
        return value.lower() == _TRUE
    if col.kind == "int":
        try:
            return int(value)
        except ValueError:
            raise VocabError(f"{where}: {value!r} is not a whole number") from None
    if col.kind == "float":
        try:
            return float(value)
        except ValueError:
            raise VocabError(f"{where}: {value!r} is not a number") from None
    return value


def parse(schema: Schema, raw: bytes) -> pd.DataFrame:
    """The validated table of ``raw`` (the bytes of ``schema.name``), with a ``_line`` column."""
    header, rows = _rows(schema, _decode(schema, raw))
    if schema.format == "csv":
        _check_header(schema, header)
    records = []
    seen: dict[tuple, int] = {}
    for n, cells in rows:
        if len(cells) != len(header):
            raise VocabError(f"{_where(schema)} line {n}: {len(cells)} field(s), expected {len(header)} "
                             f"({','.join(header)}); quote a value that contains a comma")
        record = dict(zip(header, cells))
        out = {}
        for col in schema.columns:
            out[col.name] = _check_cell(schema, n, col, record.get(col.name, ""))
        if schema.key:
            k = tuple(out[c] for c in schema.key)
            if k in seen:
                raise VocabError(f"{_where(schema)} line {n}: duplicate of line {seen[k]} "
                                 f"({', '.join(f'{c}={v!r}' for c, v in zip(schema.key, k))})")
            seen[k] = n
        out["_line"] = n
        records.append(out)
    frame = pd.DataFrame(records, columns=[c.name for c in schema.columns] + ["_line"])
    return frame


def _check_sides(schema: Schema, frame: pd.DataFrame, entities: pd.DataFrame) -> None:
    """Every non-empty ``side`` names an entity that can be a side (a state, an alliance, …)."""
    sides = set(entities.loc[entities["kind"].isin(SIDE_KINDS), "entity"])
    for value, n in zip(frame["side"], frame["_line"]):
        side = next((v for v in value.split("|") if v and v not in sides), "")
        if side:
            raise VocabError(f"{_where(schema)} line {n}: column 'side': {side!r} is not the entity of a "
                             f"{'/'.join(SIDE_KINDS)} row in entities.csv")


# --------------------------------------------------------------------------- snapshots
@dataclass(frozen=True)
class Snapshot:
    """The bytes of some data files, read once, with their validated tables."""

    key: str
    raw: dict[str, bytes]

    def table(self, name: str, line_numbers: bool = False) -> pd.DataFrame:
        """Validated table of one file of this snapshot (a copy: callers may modify it).

        ``line_numbers=True`` keeps a ``_line`` column: the row's line in the file."""
        frame = _parsed(name, self.raw[name])
        return frame.copy() if line_numbers else frame.drop(columns="_line")

    def lines(self, name: str) -> list[str]:
        """The single column of a one-column file (stopwords)."""
        frame = _parsed(name, self.raw[name])
        return list(frame[frame.columns[0]])


_LOCK = threading.Lock()
_PARSED: dict[tuple[str, str], pd.DataFrame] = {}
_BUILT: dict[tuple[str, str], Any] = {}


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _parsed(name: str, raw: bytes, folder: Path | None = None) -> pd.DataFrame:
    key = (name, _digest(raw))
    with _LOCK:
        if key in _PARSED:
            return _PARSED[key]
    schema = SCHEMAS.get(name)
    if schema is None:
        raise VocabError(f"{name}: no schema is registered for this data file")
    frame = parse(schema, raw)
    if "side" in frame.columns and name != "entities.csv":
        _check_sides(schema, frame, _parsed("entities.csv", _read_bytes("entities.csv", folder), folder))
    elif name == "entities.csv":
        _check_sides(schema, frame, frame)
    with _LOCK:
        _PARSED[key] = frame
    return frame


def _read_bytes(name: str, folder: Path | None = None) -> bytes:
    folder = folder or data_dir()
    path = folder / name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise VocabError(f"{folder.name}/{name}: file not found in {folder} "
                         "(set KIJI_DATA to the folder holding kiji's data files)") from None
    except OSError as exc:
        raise VocabError(f"{folder.name}/{name}: cannot be read ({exc.strerror})") from None


def snapshot(names: Iterable[str], folder: Path | None = None) -> Snapshot:
    """Read ``names`` once (from ``folder``, default the data folder), validate them, and key
    them on their content."""
    names = sorted(set(names))
    raw = {n: _read_bytes(n, folder) for n in names}
    h = hashlib.sha256()
    for n in names:
        h.update(n.encode() + b"\0" + _digest(raw[n]).encode() + b"\n")
    snap = Snapshot(h.hexdigest(), raw)
    for n in names:
        _parsed(n, raw[n], folder)  # validate now: a bad file stops the run before any work
    return snap


def table(name: str) -> pd.DataFrame:
    """The validated table of one data file as it is on disk now."""
    return snapshot([name]).table(name)


def built(names: Iterable[str], build: Callable[[Snapshot], Any]) -> tuple[Snapshot, Any]:
    """(snapshot of ``names``, ``build(snapshot)``), the build memoized on the snapshot's key.

    ``build`` must depend on nothing but the snapshot; it is identified by its
    qualified name, so two builders never share an entry.
    """
    snap = snapshot(names)
    key = (f"{build.__module__}.{build.__qualname__}", snap.key)
    with _LOCK:
        if key in _BUILT:
            return snap, _BUILT[key]
    value = build(snap)
    with _LOCK:
        if len(_BUILT) > 64:
            _BUILT.clear()
        _BUILT[key] = value
    return snap, value


def check_all(names: Iterable[str] | None = None) -> list[str]:
    """Validate every registered data file present in the data folder; return the problems (one line each)."""
    problems = []
    for name in sorted(names or SCHEMAS):
        if not (data_dir() / name).exists():
            continue
        try:
            snapshot([name])
        except VocabError as exc:
            problems.append(str(exc))
    return problems


class IdentityMemo:
    """``build(source)`` memoised on the identity of ``source`` (a vocabulary object), at most ``size`` kept.

    For objects compiled from a vocabulary that is itself rebuilt when its data files change: a new
    vocabulary object gets a new compiled object, the same one gets the cached one.
    """

    def __init__(self, build: Callable[[Any], Any], size: int = 8):
        self.build, self.size = build, size
        self._store: dict[int, tuple[Any, Any]] = {}

    def __call__(self, source: Any) -> Any:
        hit = self._store.get(id(source))
        if hit is None or hit[0] is not source:
            if len(self._store) >= self.size:
                self._store.clear()
            hit = self._store[id(source)] = (source, self.build(source))
        return hit[1]
