"""Execute every notebook on a folder of articles and write HTML reports.

For each ``notebooks/NN_*.ipynb``: papermill runs it with ``ARTICLES`` set to
the folder (in the notebooks' folder, so relative paths work), the executed
notebook is kept under ``OUT/notebooks/``, its outputs are sanitized
(:mod:`kiji.sanitize`) and nbconvert writes ``OUT/NN_*.html``.  A failing
notebook does not stop the others; ``OUT/index.html`` links every page and
shows which failed and why.  Every value on the index is HTML-escaped.
"""
from __future__ import annotations

import datetime as dt
import html
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import nbformat

from .corpus import load_corpus
from .inventory import summary
from .paths import REPO_ROOT
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
                   no_input: bool = False, log=print) -> list[NotebookResult]:
    """Run every notebook on ``articles``; write HTML pages and ``index.html`` into ``out``."""
    articles, out = Path(articles).resolve(), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results = []
    paths = notebook_paths(notebooks)
    for i, path in enumerate(paths, 1):
        log(f"[{i}/{len(paths)}] {path.name} ...")
        result = run_notebook(path, articles, out, no_input=no_input)
        log(f"[{i}/{len(paths)}] {path.name}: {'ok' if result.ok else 'FAILED'} ({result.seconds:.0f} s)")
        results.append(result)
    write_index(articles, out, results, time.monotonic() - started)
    return results


def _versions() -> dict[str, str]:
    out = {}
    for pkg in ("kiji", "janome", "pandas", "matplotlib", "papermill", "nbconvert"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "-"
    return out


def write_index(articles: Path, out: Path, results: list[NotebookResult], seconds: float) -> Path:
    """Write ``index.html``: corpus summary, skipped files, links to each report, versions, run time."""
    e = html.escape
    corpus = load_corpus(articles)
    s = summary(corpus)
    rows = "".join(
        f"<tr><td><a href=\"{e(r.html)}\">{e(r.name)}</a></td><td class=\"{'ok' if r.ok else 'failed'}\">"
        f"{'ok' if r.ok else 'FAILED'}</td><td>{r.seconds:.0f} s</td><td><pre>{e(r.error)}</pre></td></tr>"
        for r in results)
    skipped = "".join(f"<tr><td>{e(n)}</td><td>{e(reason)}</td></tr>"
                      for n, reason in corpus.skipped.itertuples(index=False)) or "<tr><td colspan=2>none</td></tr>"
    arts = "".join(
        f"<tr><td>{e(a.article_id)}</td><td>{e(a.title)}</td><td>{e(a.published)}</td><td>{e(a.outlet)}</td>"
        f"<td>{e(a.origin_outlet)}</td><td>{a.n_sentences}</td></tr>" for a in corpus.articles.itertuples())
    versions = ", ".join(f"{e(k)} {e(v)}" for k, v in _versions().items())
    dates = f"{s['first_date']} … {s['last_date']}" if s["first_date"] else "no dates"
    page = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>kiji reports</title>
<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto}}td,th{{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}}
table{{border-collapse:collapse;margin-bottom:1.5em}}.failed{{color:#b00;font-weight:bold}}.ok{{color:#070}}pre{{margin:0;white-space:pre-wrap}}</style>
</head><body>
<h1>kiji reports</h1>
<p>Articles folder: <code>{e(articles.name)}</code> — generated {e(dt.datetime.now().strftime('%Y-%m-%d %H:%M'))}
in {seconds:.0f} s.</p>
<h2>Corpus</h2>
<ul><li>{s['articles']} articles, {s['sentences']} sentences, {s['characters']} characters</li>
<li>{s['skipped']} files skipped</li><li>published: {e(dates)} ({s['undated']} undated)</li>
<li>outlets: {e(', '.join(s['outlets']) or '-')}</li></ul>
<h2>Reports</h2>
<table><tr><th>notebook</th><th>status</th><th>time</th><th>error</th></tr>{rows}</table>
<h2>Articles</h2>
<table><tr><th>id</th><th>title</th><th>published</th><th>outlet</th><th>origin</th><th>sentences</th></tr>{arts}</table>
<h2>Skipped files</h2>
<table><tr><th>file</th><th>reason</th></tr>{skipped}</table>
<p><small>{versions}</small></p>
</body></html>
"""
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
