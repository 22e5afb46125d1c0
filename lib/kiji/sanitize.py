"""Make executed notebooks safe to publish as HTML.

nbconvert does not sanitize outputs: any ``text/html`` or ``text/markdown``
output reaches the report verbatim.  :func:`sanitize_notebook` rewrites a
notebook's outputs before export:

* ``text/html`` is cleaned with nh3 (an allow-list: tables, headings, lists,
  inline text markup; no scripts, event handlers, styles, forms, frames,
  ``<base>`` or ``javascript:`` links);
* script-capable or unsanitizable types (``application/javascript``,
  ``text/markdown``, ``text/latex``, ``image/svg+xml``,
  ``text/vnd.mermaid``, widget and other vendor types) are dropped; the
  ``text/plain`` fallback, which nbconvert escapes, is kept;
* markdown cells are rendered by nbconvert; raw cells are removed.
"""
from __future__ import annotations

import nh3

SAFE_TYPES = {"text/plain", "image/png", "image/jpeg", "image/gif", "text/html", "application/vnd.jupyter.stderr"}
ALLOWED_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
                "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "ul", "ol", "li",
                "b", "i", "em", "strong", "code", "pre", "small", "sub", "sup", "blockquote", "dl", "dt", "dd"}
ALLOWED_ATTRIBUTES = {"*": {"class"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}


def clean_html(html: str) -> str:
    """Allow-list HTML cleaning (keeps table structure, drops everything script-capable)."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=set(),
                     link_rel=None, strip_comments=True)


def sanitize_notebook(nb):
    """Sanitize every output of an nbformat notebook in place; returns it."""
    nb.cells = [c for c in nb.cells if c.cell_type != "raw"]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            for mime in list(data):
                if mime not in SAFE_TYPES:
                    del data[mime]
                elif mime == "text/html":
                    html = data[mime]
                    data[mime] = clean_html("".join(html) if isinstance(html, list) else html)
            if not data:
                data["text/plain"] = "[output removed: not safe to publish]"
    return nb
