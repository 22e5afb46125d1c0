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

import json

import nbformat

from . import cache
from .corpus import load_corpus
from .export import all_tables, write_table
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
                   no_input: bool = False, log=print, corpus=None) -> list[NotebookResult]:
    """Run every notebook on ``articles``; write HTML pages and ``index.html`` into ``out``.

    First the per-article work is done once, through the cache, while the
    tables behind the figures are written to ``out/data/`` (CSV + Parquet);
    the notebooks then read their per-article results from the cache.
    """
    articles, out = Path(articles).resolve(), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    corpus = corpus if corpus is not None else load_corpus(articles)
    cache.PROGRESS["enabled"] = True
    log("analysing articles (cached per article) ...")
    tables = all_tables(corpus, progress=lambda name: log(f"  {name}"))
    for name, frame in tables.items():
        write_table(frame, out / "data", name)
    log(f"  {cache.stats_text()}")
    figures = headline_figures(corpus, tables)
    results = []
    paths = notebook_paths(notebooks)
    for i, path in enumerate(paths, 1):
        log(f"[{i}/{len(paths)}] {path.name} ...")
        result = run_notebook(path, articles, out, no_input=no_input)
        log(f"[{i}/{len(paths)}] {path.name}: {'ok' if result.ok else 'FAILED'} ({result.seconds:.0f} s)")
        results.append(result)
    changes = compare_runs(read_manifest(out), corpus, figures)
    write_index(articles, out, results, time.monotonic() - started, corpus=corpus, changes=changes,
                work=cache.stats_text())
    write_manifest(out, corpus, figures)
    return results


MANIFEST = "kiji-run.json"


def headline_figures(corpus, tables: dict) -> dict[str, float]:
    """Figures compared between runs: corpus size plus one or two per analysis."""
    s = summary(corpus)
    figures = {"articles": s["articles"], "skipped files": s["skipped"], "sentences": s["sentences"],
               "characters": s["characters"]}
    if "tokens" in tables:
        figures["tokens"] = len(tables["tokens"])
    if "sources" in tables and len(tables["sources"]):
        src = tables["sources"]
        figures["attributions"] = len(src)
        figures["anonymous share"] = round(float((src["source_kind"] == "anonymous").mean()), 3)
    if "escalation" in tables:
        figures["escalation mentions"] = len(tables["escalation"])
    if "events" in tables:
        figures["dated events"] = len(tables["events"])
    return figures


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_manifest(out: Path, corpus, figures: dict) -> None:
    data = {"articles": {a.article_id: {"sha256": a.content_sha256, "title": a.title}
                         for a in corpus.articles.itertuples()},
            "figures": figures, "generated": dt.datetime.now().isoformat(timespec="seconds")}
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out / MANIFEST)


def compare_runs(previous: dict | None, corpus, figures: dict) -> dict | None:
    """New, removed and changed articles, and the headline figures that moved, since ``previous``."""
    if not previous:
        return None
    before = previous.get("articles", {})
    now = {a.article_id: a for a in corpus.articles.itertuples()}
    old_figures = previous.get("figures", {})
    return {
        "since": previous.get("generated", ""),
        "new": sorted(set(now) - set(before)),
        "removed": sorted((aid, before[aid].get("title", "")) for aid in set(before) - set(now)),
        "changed": sorted(aid for aid in set(now) & set(before) if before[aid].get("sha256") != now[aid].content_sha256),
        "moved": [(k, old_figures.get(k), v) for k, v in figures.items() if old_figures.get(k) != v],
    }


def _versions() -> dict[str, str]:
    out = {}
    for pkg in ("kiji", "janome", "pandas", "matplotlib", "papermill", "nbconvert"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "-"
    return out


def _changes_html(changes: dict | None, corpus) -> str:
    e = html.escape
    if changes is None:
        return "<p>First run into this folder: nothing to compare with.</p>"
    titles = dict(zip(corpus.articles.article_id, corpus.articles.title))
    def items(ids):
        return "".join(f"<li>{e(a)} — {e(titles.get(a, ''))}</li>" for a in ids) or "<li>none</li>"
    removed = "".join(f"<li>{e(a)} — {e(t)}</li>" for a, t in changes["removed"]) or "<li>none</li>"
    moved = "".join(f"<tr><td>{e(k)}</td><td>{e(str(old))}</td><td>{e(str(new))}</td></tr>"
                    for k, old, new in changes["moved"]) or "<tr><td colspan=3>no change</td></tr>"
    return (f"<p>Since the previous run ({e(changes['since'])}):</p>"
            f"<h3>New articles</h3><ul>{items(changes['new'])}</ul>"
            f"<h3>Changed articles</h3><ul>{items(changes['changed'])}</ul>"
            f"<h3>Removed articles</h3><ul>{removed}</ul>"
            f"<h3>Headline figures that moved</h3><table><tr><th>figure</th><th>before</th><th>now</th></tr>{moved}</table>")


def write_index(articles: Path, out: Path, results: list[NotebookResult], seconds: float,
                corpus=None, changes: dict | None = None, work: str = "") -> Path:
    """Write ``index.html``: corpus summary, what changed, links to each report, skipped files,
    the data files, versions and run time."""
    e = html.escape
    corpus = corpus if corpus is not None else load_corpus(articles)
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
    data_files = ", ".join(f'<a href="data/{e(p.name)}">{e(p.name)}</a>'
                           for p in sorted((out / "data").glob("*.csv"))) or "none"
    versions = ", ".join(f"{e(k)} {e(v)}" for k, v in _versions().items())
    dates = f"{s['first_date']} … {s['last_date']}" if s["first_date"] else "no dates"
    page = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>kiji reports</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
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
<h2>What changed</h2>
{_changes_html(changes, corpus)}
<h2>Reports</h2>
<table><tr><th>notebook</th><th>status</th><th>time</th><th>error</th></tr>{rows}</table>
<h2>Articles</h2>
<table><tr><th>id</th><th>title</th><th>published</th><th>outlet</th><th>origin</th><th>sentences</th></tr>{arts}</table>
<h2>Skipped files</h2>
<table><tr><th>file</th><th>reason</th></tr>{skipped}</table>
<p>The tables behind the figures (CSV with BOM for Excel, and Parquet) are in <code>data/</code>:
{data_files}.</p>
<p><small>Per-article work this run: {e(work or '-')}. {versions}</small></p>
</body></html>
"""
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
