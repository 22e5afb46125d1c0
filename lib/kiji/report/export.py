"""Write a corpus's tables to a folder: CSV (UTF-8 with BOM, so Excel shows the
Japanese) and Parquet copies.

Core tables: ``articles``, ``skipped``, ``paragraphs``, ``sentences``.  Each
analysis module listed in :data:`ANALYSES` adds its own tables through its
``tables(corpus)`` function.

Every table is written as Parquet.  CSV copies (``csv=``): ``"all"``; ``"none"``;
``"small"`` (the default of ``kiji export``): the tables an analyst opens in a
spreadsheet, i.e. not the per-token/per-sentence tables of :data:`PARQUET_ONLY`
and no table over :data:`CSV_MAX_ROWS` rows (their Parquet files hold
everything; ``pandas.read_parquet`` or ``--csv all`` when a CSV is needed).

The CSV files are Excel-safe (:mod:`kiji.report.excel_safe`): a text cell
that would start with ``=``, ``+``, ``-``, ``@``, TAB or CR gets a leading
``'``; the Parquet files keep the raw text.

:func:`export` writes through a :class:`~kiji.report.output_folder.StagedOutput`:
the folder is swapped in complete, with its manifest, or not at all.  An
article whose analysis fails is listed in :mod:`kiji.core.failures`; the
failure is added to its ``warnings`` in the ``articles`` table and the run
goes on.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..core import failures
from ..loading.corpus import Corpus
from .excel_safe import excel_safe
from .manifest import manifest_data
from .output_folder import StagedOutput

ANALYSES: list[str] = ["terms", "sourcing", "escalation", "claims", "questions"]
PARQUET_ONLY = {"tokens", "sentences", "paragraphs"}
CSV_MAX_ROWS = 200_000
CSV_MODES = ("none", "small", "all")


def core_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    return {"articles": corpus.articles, "skipped": corpus.skipped,
            "paragraphs": corpus.paragraphs, "sentences": corpus.sentences}


def all_tables(corpus: Corpus, progress: Callable[[str], None] | None = None,
               warn: Callable[[str], None] | None = None) -> dict[str, pd.DataFrame]:
    """Core tables plus every analysis module's tables.

    Failures (one article's, or a whole analysis's) are reported through
    ``warn`` and added to the articles' ``warnings``; they never stop the run.
    """
    failures.take()  # forget failures of earlier calls in this process
    tables = core_tables(corpus)
    for name in ANALYSES:
        if progress:
            progress(name)
        try:
            module = importlib.import_module(f"kiji.{name}")
            tables.update(module.tables(corpus))
        except Exception as exc:  # a whole analysis failed: the others still run
            failures.record(name, "", exc)
    found = failures.take()
    if found:
        articles = tables["articles"].copy()
        for failure in found:
            if warn:
                warn(failure.message())
            rows = articles["article_id"] == failure.article_id if failure.article_id else slice(None)
            articles.loc[rows, "warnings"] = [
                "; ".join(w for w in (old, failure.message()) if w) for old in articles.loc[rows, "warnings"]]
        tables["articles"] = articles
    return tables


def wants_csv(name: str, frame: pd.DataFrame, csv: str) -> bool:
    """Whether ``--csv csv`` writes a CSV copy of table ``name``."""
    if csv not in CSV_MODES:
        raise ValueError(f"csv must be one of {', '.join(CSV_MODES)}, not {csv!r}")
    if csv == "small":
        return name not in PARQUET_ONLY and len(frame) <= CSV_MAX_ROWS
    return csv == "all"


def write_table(frame: pd.DataFrame, out: Path, name: str, csv: str = "all") -> list[Path]:
    """Write one table as Parquet and, as ``csv`` says, CSV (UTF-8 with BOM); returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if wants_csv(name, frame, csv):
        path = out / f"{name}.csv"
        excel_safe(frame).to_csv(path, index=False, encoding="utf-8-sig")
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


def export(corpus: Corpus, out: str | Path, progress: Callable[[str], None] | None = None,
           staged: StagedOutput | None = None, warn: Callable[[str], None] | None = None,
           csv: str = "all", record: dict | None = None) -> list[Path]:
    """Write every table of :func:`all_tables` to ``out``; returns the files written.

    ``staged``: an output folder already checked (the CLI checks it before
    loading); by default one is made for ``out`` here.  Raises
    :class:`~kiji.report.output_folder.OutputError` for an unusable ``out``.
    ``csv``: which tables get a CSV copy (see the module docstring);
    ``record``: more entries for the run manifest (the re-run key).
    """
    staged = staged or StagedOutput(out, corpus.folder, warn=warn)
    with staged:
        tables = all_tables(corpus, progress, warn)
        written: list[Path] = []
        for name, frame in tables.items():
            written += write_table(frame, staged.path, name, csv=csv)
        final = staged.commit({**manifest_data("export", corpus), **(record or {})})
    return [final / p.relative_to(staged.path) for p in written]
