"""Write a corpus's tables to a folder: CSV (UTF-8 with BOM, so Excel shows the
Japanese) and Parquet copies.

The tables are those of :func:`kiji.pipeline.tables`: the loader's
(``articles``, ``skipped``, ``paragraphs``, ``sentences``), the per-article
stages' and the corpus-wide tables derived from them.

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
article whose analysis fails is listed in the run's ``failures``; the failure
is added to its ``warnings`` in the ``articles`` table and the run goes on.
A run that lost a stage (it failed for every article, or a derived table
failed) raises :class:`~kiji.core.run.StageLost`: nothing is committed and the
previous output stays.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .. import pipeline
from ..core.run import Run, StageLost, default_run
from ..loading.corpus import Corpus
from .excel_safe import excel_safe
from .manifest import manifest_data
from .output_folder import StagedOutput

PARQUET_ONLY = {"tokens", "sentences", "paragraphs"}
CSV_MAX_ROWS = 200_000
CSV_MODES = ("none", "small", "all")


def all_tables(corpus: Corpus, progress: Callable[[str], None] | None = None,
               warn: Callable[[str], None] | None = None, run: Run | None = None) -> dict[str, pd.DataFrame]:
    """Every table of :func:`kiji.pipeline.tables`, computed by ``run`` (default:
    :func:`kiji.core.run.default_run`).

    One article's failures are reported through ``warn`` and added to its
    ``warnings``.  A stage that failed for every article, or a derived table
    that failed, raises :class:`~kiji.core.run.StageLost` (one line).
    """
    run = run or default_run()
    seen = len(run.failures)
    tables = pipeline.tables(corpus, run, progress)
    found = run.failures[seen:]
    lost = [f for f in found if not f.article_id]
    n = len(corpus.articles)
    for stage in dict.fromkeys(f.stage for f in found if f.article_id):
        failed = {f.article_id for f in found if f.stage == stage and f.article_id}
        if n and len(failed) >= n:
            lost.append(next(f for f in found if f.stage == stage))
    if lost:
        first = lost[0]
        who = "every article" if first.article_id else "the corpus"
        raise StageLost(f"the {first.stage} stage failed for {who} ({first.error}); nothing was written")
    if found:
        articles = tables["articles"].copy()
        for failure in found:
            if warn:
                warn(failure.message())
            rows = articles["article_id"] == failure.article_id
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
           csv: str = "all", record: dict | None = None, run: Run | None = None) -> list[Path]:
    """Write every table of :func:`all_tables` to ``out``; returns the files written.

    ``staged``: an output folder already checked (the CLI checks it before
    loading); by default one is made for ``out`` here.  Raises
    :class:`~kiji.report.output_folder.OutputError` for an unusable ``out``.
    ``csv``: which tables get a CSV copy (see the module docstring);
    ``record``: more entries for the run manifest (the re-run key); ``run``: the run that
    computes the stages (default: :func:`kiji.core.run.default_run`).
    """
    staged = staged or StagedOutput(out, corpus.folder, warn=warn)
    with staged:
        tables = all_tables(corpus, progress, warn, run)
        written: list[Path] = []
        for name, frame in tables.items():
            written += write_table(frame, staged.path, name, csv=csv)
        final = staged.commit({**manifest_data("export", corpus), **(record or {})})
    return [final / p.relative_to(staged.path) for p in written]
