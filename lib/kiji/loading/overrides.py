"""Analyst overrides of article metadata, from ``data/metadata.csv``.

Long format, one row per field: ``source_file`` (the article's file name),
``field`` (e.g. ``published``, ``outlet``, ``origin_outlet``, ``title``),
``value`` and an optional ``note``.  An override always wins over what the
loader read, and the field's ``*_source`` column then says ``override``.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.paths import data_dir
from .dates import parse_date_line

OVERRIDABLE = {"title", "published", "url", "outlet", "outlet_kind", "outlet_description", "origin_outlet",
               "origin_title", "origin_url", "translator", "credits"}
COLUMNS = ["source_file", "field", "value", "note"]


def load_overrides(path: Path | str | None = None) -> pd.DataFrame:
    """The override table (empty when the file does not exist)."""
    path = Path(path) if path else data_dir() / "metadata.csv"
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"source_file", "field", "value"} - set(table.columns)
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {sorted(missing)}; expected {COLUMNS}")
    if "note" not in table.columns:
        table["note"] = ""
    return table[COLUMNS]


def apply_overrides(meta: dict[str, str], sources: dict[str, str], warnings: list[str],
                    rows: pd.DataFrame) -> None:
    """Apply one file's override rows to ``meta``/``sources`` in place."""
    for field, value in zip(rows["field"], rows["value"]):
        field = field.strip()
        if field not in OVERRIDABLE:
            warnings.append(f"metadata.csv: unknown field {field!r} ignored")
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
