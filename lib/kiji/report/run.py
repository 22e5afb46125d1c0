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

import datetime as dt
import re
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..core.paths import REPO_ROOT
from ..core.run import LocalPool, Run, default_run
from ..loading.corpus import load_corpus
from ..loading.inventory import summary
from .export import all_tables, write_table
from .index import write_index
from .manifest import compare_runs, headline_figures, manifest_data
from .output_folder import StagedOutput
from .page import PageContext, finish_page
from .params import check, declared, for_notebook
from .reuse import PageReuse, carry_verified, run_key
from .sanitize import sanitize_notebook

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class NotebookResult:
    name: str
    html: str
    ok: bool
    seconds: float
    error: str = ""
    title: str = ""
    answers: str = ""
    reused: bool = False


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


def _answers(nb) -> str:
    """The one line saying what a report answers: the notebook's ``kiji.answers`` metadata."""
    return str((nb.metadata.get("kiji") or {}).get("answers", ""))


#: Test markers are for nbval, not for readers (shown code never carries them).
_MARKER = re.compile(r"^\s*#\s*NBVAL_[A-Z_]+\s*$\n?", re.M)
#: The kernel's own log (e.g. "Kernel is running over TCP without encryption", socket errors while it
#: shuts down after Ctrl-C) is not for the terminal; cell errors reach the report through its replies.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL"]


def execution_error(exc: BaseException, executed=None) -> str:
    """One line: which cell failed (its 1-based position in the notebook as opened in Jupyter) and
    the error's first line (never an empty message)."""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        first = (str(evalue or "").strip().splitlines() or [""])[0]
        index = getattr(exc, "cell_index", None)
        if index is None or index < 0:
            return f"{ename}: {first}".rstrip(": ")
        cells = [c for c in getattr(executed, "cells", [])
                 if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
        injected = [i for i, c in enumerate(cells) if "injected-parameters" in c.metadata.get("tags", [])]
        position = index + 1 - sum(1 for i in injected if i < index)
        return f"cell {position}: {ename}: {first}".rstrip(": ")
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first}".rstrip(": ")


def run_notebook(path: Path, articles: Path, out: Path, show_code: bool = False,
                 context: PageContext | None = None, parameters: dict | None = None) -> NotebookResult:
    """Execute one notebook with papermill and export it to a sanitized, finished HTML page
    (no code unless ``show_code``, no prompt numbers or test markers, header and fonts)."""
    import logging

    import papermill
    from nbconvert import HTMLExporter

    executed = out / "notebooks" / path.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    failure: BaseException | None = None
    # parameters were checked against the notebooks' declarations (kiji.report.params): papermill's
    # own notes ("Passed unknown parameter", "Input notebook does not contain a cell with tag parameters")
    # are not for the terminal
    logging.getLogger("papermill").setLevel(logging.ERROR)
    try:
        papermill.execute_notebook(str(path), str(executed),
                                   parameters={"ARTICLES": str(articles), "DATA_DIR": str((out / "data").resolve()),
                                               **(parameters or {})},
                                   cwd=str(path.parent), kernel_name="python3", progress_bar=False,
                                   log_output=False, extra_arguments=KERNEL_ARGS)
    except Exception as exc:  # papermill saved the notebook with the error; render it anyway
        failure = exc
    seconds = time.monotonic() - start
    nb = nbformat.read(executed if executed.exists() else path, as_version=4)
    error = execution_error(failure, nb) if failure is not None else ""
    sanitize_notebook(nb)
    # the parameter cells show this machine's paths: the page header names the folder instead
    # (papermill's "An exception was encountered at In [n]" banners are not for readers either)
    nb.cells = [c for c in nb.cells if not {"parameters", "injected-parameters", "papermill-error-cell-tag"}
                & set(c.metadata.get("tags", []))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = _MARKER.sub("", cell.source)
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="kiji_report",
                            exclude_input=not show_code, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    title = _title(nb) or path.stem
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    if context is not None:
        context = PageContext(**{**context.__dict__, "seconds": seconds})
        body, _missing = finish_page(body, context)
    html_path = out / f"{path.stem}.html"
    html_path.write_text(body, encoding="utf-8")
    return NotebookResult(path.stem, html_path.name, not error, seconds, error, title, _answers(nb))


def status_line(result: NotebookResult, width: int = 22) -> str:
    """The terminal's line for one notebook: name, status, time, and for a failure the cell and error."""
    if result.reused:
        return f"  {result.name:<{width}} ok         0 s  (unchanged: previous page re-used)"
    line = f"  {result.name:<{width}} {'ok' if result.ok else 'FAILED':<6} {result.seconds:5.0f} s"
    return line + (f"  {result.error}" if result.error else "")


_DATA_LINK = re.compile(r'href="data/([A-Za-z0-9_][A-Za-z0-9_.-]*)\.csv"')


def _carry_data_files(previous: Path, work: Path, page: str, files: dict) -> None:
    """The full tables a re-used page links (``data/<name>.csv`` and its Parquet copy), from the
    previous output into the new one (verified against the previous manifest's ``files``), unless
    this run wrote them already."""
    try:
        html = (work / page).read_text(encoding="utf-8")
    except OSError:
        return
    for name in set(_DATA_LINK.findall(html)):
        for suffix in (".csv", ".parquet"):
            rel = f"data/{name}{suffix}"
            if not (work / rel).exists():
                carry_verified(previous, rel, files, work)


def page_context(articles: Path, corpus) -> PageContext:
    """What every page's header says about the run: folder, article count, date range, when."""
    s = summary(corpus)
    dates = f"{s['first_date']} … {s['last_date']}" if s["first_date"] else "日付なし (no dates)"
    return PageContext(folder=articles.name, articles=s["articles"], dates=dates,
                       generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"))


def render_reports(articles: str | Path, out: str | Path, notebooks: Path | None = None,
                   show_code: bool = False, log=print, corpus=None, staged: StagedOutput | None = None,
                   warn=None, parameters: dict | None = None, no_input: bool | None = None,
                   run: Run | None = None) -> list[NotebookResult]:
    """Run every notebook on ``articles``; write HTML pages and ``index.html`` into ``out``.

    First the per-article work is done once, through the cache, while the
    tables behind the figures are written to ``out/data/`` (CSV + Parquet);
    the notebooks then read their per-article results from the cache.
    Code cells are left out of the pages unless ``show_code`` (``no_input`` is
    accepted for older callers: hiding code is the default).  ``parameters``
    are passed to every notebook (e.g. ``{"KWIC_TERMS": "停戦,制裁"}``).  The
    terminal gets one line per notebook (:func:`status_line`).  Parameters are checked against
    the notebooks' declarations (:mod:`kiji.report.params`) before any work, converted to their
    types, and each notebook receives those it declares.
    ``run`` computes the stages (default: :func:`kiji.core.run.default_run`); its settings are saved
    in ``out/data/run-settings.json`` for the notebooks (:meth:`kiji.core.run.Run.load`).
    """
    articles = Path(articles).resolve()
    paths = notebook_paths(notebooks)
    parameters = check(parameters or {}, declared(paths))
    staged = staged or StagedOutput(out, articles, warn=warn or log)
    with staged:
        work = staged.path
        started = time.monotonic()
        corpus = corpus if corpus is not None else load_corpus(articles)
        run = run or default_run()
        log("analysing articles (cached per article) ...")
        tables = all_tables(corpus, progress=lambda name: log(f"  {name}"), warn=warn or log, run=run)
        run.save(work / "data")
        data_files = []
        for name, frame in tables.items():
            data_files += [p.name for p in write_table(frame, work / "data", name) if p.suffix == ".csv"]
        log(f"  {run.stats_text()}")
        figures = headline_figures(corpus, tables)
        del tables  # the notebooks read their own copies: do not hold two
        if isinstance(run.executor, LocalPool):  # the kernels compute in their own processes: free our
            run.executor.close()                 # idle workers (~250 MiB each); a later map restarts them
        context = page_context(articles, corpus)
        results = []
        pages = PageReuse(staged.out, staged.previous, run_key(corpus, run.tokenizer, articles=articles))
        log(f"notebooks ({len(paths)}):")
        for path in paths:
            own = for_notebook(parameters, path)
            key = pages.key(path, show_code=show_code, parameters=own)
            if (page := pages.carry(path, key, work)):
                _carry_data_files(staged.out, work, page, pages.files)
                source = nbformat.read(path, as_version=4)
                result = NotebookResult(path.stem, page, True, 0.0, "", _title(source) or path.stem,
                                        _answers(source), reused=True)
                log(status_line(result))
                results.append(result)
                continue
            result = run_notebook(path, articles, work, show_code=show_code, context=context, parameters=own)
            log(status_line(result))
            results.append(result)
            pages.remember(path, key, result.ok)
        changes = compare_runs(staged.previous, corpus, figures)
        write_index(articles, work, results, time.monotonic() - started, corpus=corpus, changes=changes,
                    work=run.stats_text(), data_files=sorted(data_files))
        staged.commit({**manifest_data("report", corpus, figures), **pages.manifest_entry()})
    return results
