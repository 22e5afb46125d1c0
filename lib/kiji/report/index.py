"""The report index page ``index.html``, rendered from a Jinja2 template with autoescape.

Every value (titles, file names, errors, outlets) comes from untrusted article
files, so the template escapes all of them; nothing is assembled as HTML text
in Python.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..core.names import shown_name
from ..loading.corpus import load_corpus
from ..loading.inventory import summary
from .manifest import versions
from .webfont import embed_fonts

#: Rows of the article, skipped-file and what-changed lists shown on the index (the rest: data/*.csv).
MAX_ROWS = 50

TEMPLATE_DIR = Path(__file__).parent / "templates"


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def write_index(articles: Path, out: Path, results: list, seconds: float,
                corpus=None, changes: dict | None = None, work: str = "",
                data_files: list[str] | None = None) -> Path:
    """Write ``index.html``: corpus summary, what changed, links to each report, skipped files,
    the data files, versions and run time.

    ``data_files``: the CSV tables this run wrote to ``data/`` (by default
    the ``*.csv`` found there); files kiji did not write are never listed."""
    corpus = corpus if corpus is not None else load_corpus(articles)
    s = summary(corpus)
    page = _environment().get_template("index.html.j2").render(
        folder=shown_name(articles.name), generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), seconds=seconds,
        s=s, dates=f"{s['first_date']} … {s['last_date']}" if s["first_date"] else "no dates",
        changes=changes, titles=dict(zip(corpus.articles.article_id, corpus.articles.title)),
        results=results, articles=list(corpus.articles.itertuples()),
        skipped=list(corpus.skipped.itertuples(index=False)),
        data_files=data_files if data_files is not None else [p.name for p in sorted((out / "data").glob("*.csv"))],
        work=work, versions=versions(), max_rows=MAX_ROWS,
    )
    page, _ = embed_fonts(page)
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
