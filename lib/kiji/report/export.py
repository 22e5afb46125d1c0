"""Write a corpus's tables to a folder: CSV (UTF-8 with BOM, so Excel shows the
Japanese) and Parquet copies.

Core tables: ``articles``, ``skipped``, ``paragraphs``, ``sentences``.  Each
analysis module listed in :data:`ANALYSES` adds its own tables through its
``tables(corpus)`` function.  Tables listed in :data:`PARQUET_ONLY` (large,
e.g. tokens) are written as Parquet only.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..loading.corpus import Corpus

ANALYSES: list[str] = ["terms", "sourcing", "escalation", "claims"]
PARQUET_ONLY = {"tokens"}


def core_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    return {"articles": corpus.articles, "skipped": corpus.skipped,
            "paragraphs": corpus.paragraphs, "sentences": corpus.sentences}


def all_tables(corpus: Corpus, progress: Callable[[str], None] | None = None) -> dict[str, pd.DataFrame]:
    """Core tables plus every analysis module's tables."""
    tables = core_tables(corpus)
    for name in ANALYSES:
        if progress:
            progress(name)
        module = importlib.import_module(f"kiji.{name}")
        tables.update(module.tables(corpus))
    return tables


def write_table(frame: pd.DataFrame, out: Path, name: str) -> list[Path]:
    """Write one table as CSV (UTF-8 with BOM) and Parquet; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if name not in PARQUET_ONLY:
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    path = out / f"{name}.parquet"
    _parquet_safe(frame).to_parquet(path, index=False)
    written.append(path)
    return written


def _parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists/sets/dicts in object columns become strings Parquet can hold."""
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: isinstance(v, (list, tuple, set, dict))).any():
            frame[col] = frame[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v)
    return frame


def export(corpus: Corpus, out: str | Path, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write every table of :func:`all_tables` to ``out``; returns the files written."""
    out = Path(out)
    written: list[Path] = []
    for name, frame in all_tables(corpus, progress).items():
        written += write_table(frame, out, name)
    return written
