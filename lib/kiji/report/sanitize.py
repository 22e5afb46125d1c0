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
* output metadata is reduced to numeric image ``width``/``height`` and the
  ``unconfined`` / ``needs_background`` display hints: nbconvert writes
  ``width={{ width }}`` unquoted into the ``<img>`` tag (a string like
  ``"1 onerror=..."`` became a live attribute) and ``filenames`` into ``src``;
  notebook-level widget state is dropped;
* markdown cells are rendered by nbconvert; raw cells are removed.
"""
from __future__ import annotations

import re

import nh3

SAFE_TYPES = {"text/plain", "image/png", "image/jpeg", "image/gif", "text/html", "application/vnd.jupyter.stderr"}
ALLOWED_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
                "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "ul", "ol", "li",
                "b", "i", "em", "strong", "code", "pre", "small", "sub", "sup", "blockquote", "dl", "dt", "dd"}
ALLOWED_ATTRIBUTES = {"*": {"class"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"},
                      "a": {"href"}}
#: The only links an output may carry: to a table in the report's data folder.
DATA_LINK = re.compile(r"^data/[A-Za-z0-9_][A-Za-z0-9_.-]*\.(csv|parquet)$")


def _attribute_filter(element: str, attribute: str, value: str):
    if element == "a" and attribute == "href":
        return value if DATA_LINK.match(value) and ".." not in value else None
    return value


def clean_html(html: str) -> str:
    """Allow-list HTML cleaning (keeps table structure and links to ``data/*.csv``, drops everything
    script-capable)."""
    return nh3.clean(html, tags=ALLOWED_TAGS | {"a"}, attributes=ALLOWED_ATTRIBUTES, url_schemes=set(),
                     attribute_filter=_attribute_filter, link_rel=None, strip_comments=True)


IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _clean_output_metadata(metadata) -> dict:
    """Only the image display hints nbconvert needs, each of a safe type."""
    clean = {}
    for mime in IMAGE_TYPES:
        meta = metadata.get(mime) if metadata else None
        if not isinstance(meta, dict):
            continue
        kept = {k: meta[k] for k in ("width", "height") if _number(meta.get(k))}
        if meta.get("unconfined") is True:
            kept["unconfined"] = True
        if meta.get("needs_background") in ("light", "dark"):
            kept["needs_background"] = meta["needs_background"]
        if kept:
            clean[mime] = kept
    return clean


def sanitize_notebook(nb):
    """Sanitize every output of an nbformat notebook in place; returns it."""
    nb.cells = [c for c in nb.cells if c.cell_type != "raw"]
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if "metadata" in output:
                output["metadata"] = _clean_output_metadata(output["metadata"])
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
