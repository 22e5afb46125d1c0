"""Finish a report page exported by nbconvert: a header naming the folder, the article count, the
date range and the run, a link back to the index, a short table of contents, readable tables,
and the embedded web fonts (:mod:`kiji.report.webfont`).

The header is rendered from ``templates/page_header.html.j2`` with autoescape: folder names and
dates come from the user's files.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .webfont import embed_fonts

TEMPLATE_DIR = Path(__file__).parent / "templates"
_H2 = re.compile(r'<h2 id="([^"<>]+)">(.*?)(?:<a class="anchor-link"[^>]*>[^<]*</a>)?</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")

#: Page CSS: wrapping text in tables, left-aligned cells, header and notes.
PAGE_CSS = """
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {
  white-space: normal !important; text-align: left !important; vertical-align: top !important;
  max-width: 40em; min-width: 2.5em; }
.jp-RenderedHTMLCommon table { table-layout: auto; }
.jp-RenderedHTMLCommon table.kiji-table { width: 100%; }
main { max-width: 1200px; margin: 0 auto; }
.kiji-header { border-bottom: 1px solid #ccc; margin: 0 0 1em; padding: 1em 20px 1em 20px; }
.kiji-header p { margin: .2em 0; }
.kiji-toc ul { margin: .3em 0; columns: 2; }
.kiji-more, .kiji-note { color: #555; font-size: 90%; }
.jp-OutputArea-output pre { white-space: pre-wrap; }
"""


@dataclass
class PageContext:
    folder: str
    articles: int
    dates: str
    generated: str
    seconds: float = 0.0


def headings(page: str) -> list[tuple[str, str]]:
    """``(anchor, text)`` of every second-level heading of an nbconvert page."""
    return [(anchor, htmllib.unescape(_TAGS.sub("", text)).strip()) for anchor, text in _H2.findall(page)]


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def header_html(ctx: PageContext, toc: list[tuple[str, str]]) -> str:
    return _environment().get_template("page_header.html.j2").render(
        folder=ctx.folder, articles=ctx.articles, dates=ctx.dates, generated=ctx.generated,
        seconds=ctx.seconds, toc=toc)


def _insert_after(page: str, marker: str, text: str) -> str:
    at = page.find(marker)
    return page if at < 0 else page[:at + len(marker)] + text + page[at + len(marker):]


def _insert_before(page: str, marker: str, text: str) -> str:
    at = page.lower().find(marker)
    return page if at < 0 else page[:at] + text + page[at:]


def finish_page(page: str, ctx: PageContext) -> tuple[str, str]:
    """The page with header, table of contents, page CSS and fonts; returns ``(page, missing)``
    where ``missing`` are characters shown as placeholders (noted at the end of the page)."""
    page = _insert_before(page, "</head>", f'<style type="text/css">{PAGE_CSS}</style>\n')
    page = _insert_after(page, "<main>", "\n" + header_html(ctx, headings(page)))
    from ..core.fonts import placeholder_characters

    missing = placeholder_characters(htmllib.unescape(_TAGS.sub(" ", page.split("<main>", 1)[-1])))
    if missing:
        note = (f'<p class="kiji-note">注: {len(missing)} 文字 ({htmllib.escape(" ".join(missing[:30]))}) '
                "は同梱フォントにないため代替記号で表示しています (no bundled font has these characters: "
                "they are shown as placeholders).</p>\n")
        page = _insert_before(page, "</main>", note)
    page, _ = embed_fonts(page)
    return page, missing
