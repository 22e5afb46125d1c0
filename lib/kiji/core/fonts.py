"""The fonts kiji draws and embeds with, all installed from PyPI, and which characters each covers.

Order of preference (:func:`font_chain`):

1. IPAexGothic, shipped by ``matplotlib-fontja``: Japanese (JIS X 0208/0213 kanji, kana), Latin,
   Greek and Cyrillic;
2. DejaVu Sans, shipped by matplotlib: more Latin, Cyrillic, symbols and some emoji;
3. Last Resort (``LastResortHE-Regular.ttf``, shipped by matplotlib >= 3.10): a *placeholder*
   glyph for every Unicode block (e.g. a box showing it is Hangul), so a character no real font
   has is drawn as a visible placeholder, never as nothing and never as an error.

:func:`placeholder_characters` tells which characters of a text only the placeholder font has,
so charts and pages can say so in a note.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

#: Family names as matplotlib knows them, in the order of :func:`font_chain`.
JAPANESE_FAMILY = "IPAexGothic"
FALLBACK_FAMILY = "DejaVu Sans"
PLACEHOLDER_FAMILY = "Last Resort High-Efficiency"


def japanese_font_path() -> str:
    """Path of the bundled Japanese TrueType font (IPAexGothic)."""
    import matplotlib_fontja

    return str(matplotlib_fontja.get_font_ttf_path())


def _matplotlib_font(name: str) -> str | None:
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
    return str(path) if path.is_file() else None


def fallback_font_path() -> str | None:
    return _matplotlib_font("DejaVuSans.ttf")


def placeholder_font_path() -> str | None:
    """matplotlib's Last Resort font, or None on matplotlib < 3.10."""
    return _matplotlib_font("LastResortHE-Regular.ttf")


def font_chain() -> list[tuple[str, str]]:
    """``(family, path)`` of the real fonts, best first (the placeholder font is not included)."""
    chain = [(JAPANESE_FAMILY, japanese_font_path())]
    fallback = fallback_font_path()
    if fallback:
        chain.append((FALLBACK_FAMILY, fallback))
    return chain


@lru_cache(maxsize=8)
def coverage(path: str) -> frozenset[int]:
    """Code points a font file maps to a glyph."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _visible(ch: str) -> bool:
    # controls, line/paragraph separators and format characters (ZWJ, variation selectors) never
    # need a glyph; spaces do (U+3000 IDEOGRAPHIC SPACE shows as a box in a font without it)
    import unicodedata

    return (unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
            and not 0xFE00 <= ord(ch) <= 0xFE0F and ch not in " \t\r\n")


def _western(ch: str) -> bool:
    """Latin-1/Latin Extended letters and the curly quotes: drawn narrower by DejaVu Sans than by
    IPAexGothic's full-width forms (``Russia’s``)."""
    return 0xA0 <= ord(ch) <= 0x24F or 0x2018 <= ord(ch) <= 0x201D


def assign_fonts(chars, western_first: bool = False) -> tuple[dict[str, str], str]:
    """Split ``chars`` by the first real font that has each: ``({path: chars}, missing)``.

    ``western_first``: Latin letters and curly quotes go to DejaVu Sans first (web pages).
    ``missing`` holds the visible characters no real font has (sorted, distinct)."""
    todo = sorted({c for c in chars if _visible(c)})
    chain = font_chain()
    out: dict[str, list[str]] = {path: [] for _, path in chain}
    for c in todo:
        order = chain[::-1] if western_first and _western(c) else chain
        for _family, path in order:
            if ord(c) in coverage(path):
                out[path].append(c)
                break
        else:
            out.setdefault("", []).append(c)
    missing = "".join(out.pop("", []))
    return {path: "".join(cs) for path, cs in out.items() if cs}, missing


def placeholder_characters(texts) -> str:
    """Distinct visible characters of ``texts`` (a string or an iterable of strings) that no real
    font has: they are drawn as placeholders."""
    if isinstance(texts, str):
        texts = [texts]
    chars: set[str] = set()
    for t in texts:
        chars.update(str(t))
    return assign_fonts(chars)[1]


def placeholder_note(texts, limit: int = 20) -> str:
    """One sentence for a chart or page, or '' when every character has a real font."""
    missing = placeholder_characters(texts)
    if not missing:
        return ""
    shown = " ".join(missing[:limit]) + (f" … (+{len(missing) - limit})" if len(missing) > limit else "")
    return (f"注: {len(missing)} 文字 ({shown}) は同梱フォントにないため、代替記号 (placeholder) で表示しています。"
            f" {len(missing)} character(s) have no bundled font and are shown as placeholders.")


def env_ok() -> bool:  # pragma: no cover - used for diagnostics only
    return os.path.isfile(japanese_font_path())
