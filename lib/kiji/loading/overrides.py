"""Analyst overrides of article metadata, from ``data/metadata.csv``.

Long format, one row per field: ``source_file`` (the article's file name, or
its path relative to the articles folder for a ``--recursive`` load: ``sports/a.txt``),
``field`` (e.g. ``published``, ``outlet``, ``origin_outlet``, ``title``, ``category``),
``value`` and an optional ``note``.  An override always wins over what the
loader read, and the field's ``*_source`` column then says ``override``.

Any other field is a new **external variable** of the analyst's (``desk``, ``region``,
``紙面``...): it becomes a column of the ``articles`` table (``""`` for articles without a
row) and can group every report (``kiji report --group-by desk``).  A variable name is one
word (letters of any script, digits, ``_``; not starting with a digit) and not a column kiji
computes (:data:`RESERVED`); a name close to a known field (``publised``) is kept but warned
about.

The table is read the way Excel may have saved it: UTF-8 with or without BOM,
cp932 (Shift_JIS) or UTF-16, detected like article files.  File names are
matched in Unicode NFC (macOS writes NFD names).  A ``metadata`` path given
explicitly that does not exist, rows naming files that are not in the
articles folder and unknown fields are reported as warnings
(``Corpus.warnings``); a table that cannot be read at all raises
:class:`MetadataError` (one line).
"""
from __future__ import annotations

import difflib
import io
import re
import unicodedata
from pathlib import Path

import pandas as pd

from ..core.paths import data_dir
from .dates import parse_date_line
from .decode import NotText, decode_bytes
from .files import NotReadable, read_bounded

OVERRIDABLE = {"title", "published", "url", "outlet", "outlet_kind", "outlet_description", "origin_outlet",
               "origin_title", "origin_url", "translator", "credits"}
COLUMNS = ["source_file", "field", "value", "note"]
#: Overridable fields beyond the loader's metadata (see :mod:`kiji.loading.variables`).
VARIABLE_FIELDS = {"category"}
#: Columns kiji computes: never set from metadata.csv.
RESERVED = {"article_id", "source_file", "format", "encoding", "n_paragraphs", "n_sentences", "n_chars",
            "warnings", "boilerplate", "content_sha256", "folder", "label", "date", "period", "group",
            "category_source"}
_NAME = re.compile(r"[^\W\d]\w*")


def field_problem(field: str) -> str:
    """Why ``field`` cannot be a column of the articles table ('' when it can)."""
    if field in OVERRIDABLE or field in VARIABLE_FIELDS:
        return ""
    if field in RESERVED or field.endswith("_source"):
        return f"field {field!r} is computed by kiji and cannot be set"
    if not _NAME.fullmatch(field):
        return (f"field {field!r} is not a variable name (one word: letters, digits, _, "
                "not starting with a digit)")
    return ""


def variable_fields(table: pd.DataFrame) -> list[str]:
    """The analyst's new variables named in an override table, in order of appearance."""
    names = dict.fromkeys(f.strip() for f in table["field"])
    return [n for n in names if n not in OVERRIDABLE and n not in VARIABLE_FIELDS and not field_problem(n)]


class MetadataError(ValueError):
    """The metadata table cannot be read; ``str(exc)`` is a one-line message."""


def load_overrides(path: Path | str | None = None, warnings: list[str] | None = None) -> pd.DataFrame:
    """The override table (empty when the file does not exist; a missing file given explicitly
    and unknown fields are appended to ``warnings``)."""
    given = path is not None
    path = Path(path) if path else data_dir() / "metadata.csv"
    warnings = warnings if warnings is not None else []
    if not path.exists():
        if given:
            warnings.append(f"metadata file {path} not found: no overrides applied")
        return pd.DataFrame(columns=COLUMNS)
    try:
        decoded = decode_bytes(read_bounded(path, max_bytes=50 * 2**20))
        table = pd.read_csv(io.StringIO(decoded.text), dtype=str, keep_default_na=False)
    except (NotReadable, NotText) as exc:
        raise MetadataError(f"{path.name}: not a readable table ({exc})") from None
    except (ValueError, pd.errors.ParserError) as exc:
        raise MetadataError(f"{path.name}: not a readable CSV table ({str(exc).splitlines()[0]})") from None
    table.columns = [str(c).strip().lstrip("\ufeff") for c in table.columns]
    missing = {"source_file", "field", "value"} - set(table.columns)
    if missing:
        raise MetadataError(f"{path.name}: missing column(s) {sorted(missing)}; expected {COLUMNS}")
    if "note" not in table.columns:
        table["note"] = ""
    table = table[COLUMNS].copy()
    table["source_file"] = [unicodedata.normalize("NFC", n.strip().replace("\\", "/")) for n in table["source_file"]]
    seen: set[str] = set()
    known = sorted(OVERRIDABLE | VARIABLE_FIELDS)
    for line, field in enumerate(table["field"], 2):
        field = field.strip()
        if field in known or field in seen:
            continue
        seen.add(field)
        if (problem := field_problem(field)):
            warnings.append(f"{path.name} line {line}: {problem}; its rows are ignored")
        elif (close := difflib.get_close_matches(field, known, n=1, cutoff=0.8)):
            warnings.append(f"{path.name} line {line}: new variable {field!r} (did you mean {close[0]!r}?)")
    table.attrs.update(name=path.name, given=given)
    return table


def unmatched_files(table: pd.DataFrame, names: list[str], folder: str, path=None) -> list[str]:
    """Warnings for rows of ``table`` naming files that are not among ``names``.

    The default table (``data/metadata.csv``, not given explicitly) usually
    describes another folder: it is only checked when it names a file here."""
    present = {unicodedata.normalize("NFC", n) for n in names}
    label = table.attrs.get("name", "metadata.csv")
    if not table.attrs.get("given") and not present & set(table["source_file"]):
        return []
    return [f"{label}: no such file in {folder}: {name!r} (its rows are ignored)"
            for name in dict.fromkeys(table["source_file"]) if name and name not in present]


def apply_overrides(meta: dict[str, str], sources: dict[str, str], warnings: list[str],
                    rows: pd.DataFrame, variables: dict[str, str] | None = None) -> None:
    """Apply one file's override rows to ``meta``/``sources`` in place; the analyst's own
    variables (and ``category``) go to ``variables``."""
    counts = rows["field"].str.strip().value_counts()
    for field, n in counts[counts > 1].items():
        value = rows.loc[rows["field"].str.strip() == field, "value"].iloc[-1].strip()
        warnings.append(f"metadata: {field!r} given {n} times for this file; the last row ({value!r}) is used")
    for field, value in zip(rows["field"], rows["value"]):
        field = field.strip()
        if field not in OVERRIDABLE:
            if (problem := field_problem(field)):
                warnings.append(f"metadata: {problem}; ignored")
            elif variables is not None:
                variables[field] = value.strip()
            continue
        value = value.strip()
        if field == "published" and value:
            iso = parse_date_line(value)
            if not iso:
                warnings.append(f"metadata.csv: published {value!r} is not a date; ignored")
                continue
            value = iso
        meta[field] = value
        sources[field] = "override"
