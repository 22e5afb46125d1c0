"""Japanese-capable matplotlib setup, from a font installed from PyPI.

``use_japanese_font()`` selects IPAexGothic (bundled by ``matplotlib-fontja``)
and turns matplotlib's "Glyph ... missing from font" warning into an error, so
a chart that cannot show its Japanese labels fails loudly instead of drawing
boxes.
"""
from __future__ import annotations

import warnings

import matplotlib

_GLYPH_WARNING = r"Glyph .* missing from (current )?font"


def japanese_font_path() -> str:
    """Path of the bundled Japanese TrueType font (also used by word clouds)."""
    import matplotlib_fontja

    return str(matplotlib_fontja.get_font_ttf_path())


def use_japanese_font() -> str:
    """Make every later matplotlib chart render Japanese; return the font's path."""
    import matplotlib_fontja

    matplotlib_fontja.japanize()
    matplotlib.rcParams["axes.unicode_minus"] = False
    warnings.filterwarnings("error", message=_GLYPH_WARNING)
    return japanese_font_path()
