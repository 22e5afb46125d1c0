"""Japanese that renders without any font on the reader's machine: each page embeds the fonts it
needs as web fonts, subset to the characters on that page.

:func:`embed_fonts` reads a finished HTML page, collects the characters of its text (not of
images or styles), splits them by :func:`kiji.core.fonts.assign_fonts` (IPAexGothic, then
DejaVu Sans), subsets each font to its share with fontTools, and adds ``@font-face`` rules with
WOFF2 ``data:`` URLs (allowed by the pages' ``font-src data:`` CSP) in front of every font stack
of the page.  ASCII is left to the reader's own fonts.  Characters no bundled font has get
matplotlib's Last Resort font (a visible placeholder per Unicode block) and a note on the page.

Five seed articles' characters (~1,000 distinct) come to ~170 KB of WOFF2 (~225 KB base64).
"""
from __future__ import annotations

import base64
import html as htmllib
import io
import re
from functools import lru_cache

from ..core.fonts import assign_fonts, placeholder_font_path

_STYLE = re.compile(r"<(style|script)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>", re.S)

#: CSS font-family names used for the embedded fonts, in order of preference.
FAMILY_PREFIX = "kiji-font-"
PLACEHOLDER_FAMILY = "kiji-placeholder"


def page_characters(page: str) -> set[str]:
    """Distinct non-ASCII characters of the page's text: title, body text, table cells, attribute-free."""
    text = _TAG.sub(" ", _STYLE.sub(" ", page))
    return {c for c in htmllib.unescape(text) if ord(c) > 0x7E}


@lru_cache(maxsize=64)
def subset_woff2(path: str, chars: str) -> bytes:
    """WOFF2 bytes of the font at ``path`` holding only ``chars`` (plus .notdef)."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence names
    options.drop_tables += ["FFTM"]  # FontForge timestamps: fontTools cannot subset them (warns)
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    font.close()
    return buffer.getvalue()


def _face(family: str, data: bytes) -> str:
    b64 = base64.b64encode(data).decode("ascii")
    source = f'url(data:font/woff2;base64,{b64}) format("woff2")'
    return f'@font-face{{font-family:"{family}";src:{source};font-display:block}}'


def font_css(chars) -> tuple[str, str]:
    """``(css, missing)``: @font-face rules and font stacks for ``chars``; ``missing`` are the
    characters only the placeholder font draws."""
    by_font, missing = assign_fonts(chars, western_first=True)
    faces, families = [], []
    for i, (path, have) in enumerate(by_font.items()):
        family = f"{FAMILY_PREFIX}{i}"
        faces.append(_face(family, subset_woff2(path, have)))
        families.append(f'"{family}"')
    placeholder = placeholder_font_path()
    tail = []
    if missing and placeholder:
        faces.append(_face(PLACEHOLDER_FAMILY, subset_woff2(placeholder, missing)))
        tail = [f'"{PLACEHOLDER_FAMILY}"']
    system = ["system-ui", "-apple-system", "'Segoe UI'", "Helvetica", "Arial", "sans-serif"]
    ui = ", ".join(families + system + tail)
    code = ", ".join(families + ["'DejaVu Sans Mono'", "Menlo", "Consolas", "monospace"] + tail)
    stacks = (f":root{{--jp-ui-font-family:{ui};--jp-content-font-family:{ui};--jp-code-font-family:{code};"
              f"--jp-cell-prompt-font-family:{code}}}body{{font-family:{ui}}}pre,code{{font-family:{code}}}")
    return "\n".join(faces + [stacks]), missing


def embed_fonts(page: str) -> tuple[str, str]:
    """The page with its subset fonts in a ``<style>`` before ``</head>``; returns ``(page, missing)``."""
    css, missing = font_css(page_characters(page))
    style = f'<style type="text/css">\n{css}\n</style>\n'
    head_end = page.lower().find("</head>")
    if head_end < 0:
        return style + page, missing
    return page[:head_end] + style + page[head_end:], missing
