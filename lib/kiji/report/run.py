"""Execute every notebook on a folder of articles and write HTML reports.

For each ``notebooks/NN_*.ipynb``: papermill runs it with ``ARTICLES`` set to
the folder (in the notebooks' folder, so relative paths work), the executed
notebook is kept under ``OUT/notebooks/``, its outputs are sanitized
(:mod:`kiji.report.sanitize`) and nbconvert writes ``OUT/NN_*.html``.  A failing
notebook does not stop the others; ``OUT/index.html`` links every page and
shows which failed and why.  Every value on the index is HTML-escaped.

Everything is written into a staging folder beside ``OUT`` and swapped in at
the end (:mod:`kiji.report.output_folder`): a run killed at any moment
leaves the previous complete reports or the new ones, never an index of one
run beside pages of another.  Files in ``OUT`` that kiji did not write stay
where they are and are not listed on the index.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..core import cache
from ..core.paths import REPO_ROOT
from ..loading.corpus import load_corpus
from .export import all_tables, write_table
from .index import write_index
from .manifest import compare_runs, headline_figures, manifest_data
from .output_folder import StagedOutput
from .reuse import PageReuse, run_key
from .sanitize import sanitize_notebook

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class NotebookResult:
    name: str
    html: str
    ok: bool
    seconds: float
    error: str = ""


def notebook_paths(folder: Path | None = None) -> list[Path]:
    folder = Path(folder) if folder else REPO_ROOT / "notebooks"
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def run_notebook(path: Path, articles: Path, out: Path, no_input: bool = False) -> NotebookResult:
    """Execute one notebook with papermill and export it to sanitized HTML."""
    import papermill
    from nbconvert import HTMLExporter

    executed = out / "notebooks" / path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    error = ""
    try:
        papermill.execute_notebook(str(path), str(executed), parameters={"ARTICLES": str(articles)},
                                   cwd=str(path.parent), kernel_name="python3", progress_bar=False,
                                   log_output=False)
    except Exception as exc:  # papermill saved the notebook with the error; render it anyway
        error = f"{type(exc).__name__}: {exc}".strip()
    seconds = time.monotonic() - start
    nb = nbformat.read(executed if executed.exists() else path, as_version=4)
    sanitize_notebook(nb)
    # the parameter cells show this machine's paths: the index names the folder instead
    nb.cells = [c for c in nb.cells if not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))]
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="kiji_report",
                            exclude_input=no_input, exclude_input_prompt=no_input,
                            exclude_output_prompt=no_input)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": _title(nb) or path.stem}})
    html_path = out / f"{path.stem}.html"
    html_path.write_text(body, encoding="utf-8")
    return NotebookResult(path.stem, html_path.name, not error, seconds, error)


def render_reports(articles: str | Path, out: str | Path, notebooks: Path | None = None,
                   no_input: bool = False, log=print, corpus=None, staged: StagedOutput | None = None,
                   warn=None) -> list[NotebookResult]:
    """Run every notebook on ``articles``; write HTML pages and ``index.html`` into ``out``.

    First the per-article work is done once, through the cache, while the
    tables behind the figures are written to ``out/data/`` (CSV + Parquet);
    the notebooks then read their per-article results from the cache.
    """
    articles = Path(articles).resolve()
    staged = staged or StagedOutput(out, articles, warn=warn or log)
    with staged:
        work = staged.path
        started = time.monotonic()
        corpus = corpus if corpus is not None else load_corpus(articles)
        cache.PROGRESS["enabled"] = True
        log("analysing articles (cached per article) ...")
        tables = all_tables(corpus, progress=lambda name: log(f"  {name}"), warn=warn or log)
        data_files = []
        for name, frame in tables.items():
            data_files += [p.name for p in write_table(frame, work / "data", name) if p.suffix == ".csv"]
        log(f"  {cache.stats_text()}")
        figures = headline_figures(corpus, tables)
        results = []
        paths = notebook_paths(notebooks)
        pages = PageReuse(staged.out, staged.previous, run_key(corpus, articles=articles))  # kiji.report.reuse
        for i, path in enumerate(paths, 1):
            key = pages.key(path, no_input=no_input)
            if (page := pages.carry(path, key, work)):
                log(f"[{i}/{len(paths)}] {path.name}: unchanged, previous page re-used")
                results.append(NotebookResult(path.stem, page, True, 0.0))
                continue
            log(f"[{i}/{len(paths)}] {path.name} ...")
            result = run_notebook(path, articles, work, no_input=no_input)
            log(f"[{i}/{len(paths)}] {path.name}: {'ok' if result.ok else 'FAILED'} ({result.seconds:.0f} s)")
            results.append(result)
            pages.remember(path, key, result.ok)
        changes = compare_runs(staged.previous, corpus, figures)
        write_index(articles, work, results, time.monotonic() - started, corpus=corpus, changes=changes,
                    work=cache.stats_text(), data_files=sorted(data_files))
        staged.commit({**manifest_data("report", corpus, figures), **pages.manifest_entry()})
    return results
