"""Japanese-capable matplotlib setup and the small helpers every chart shares.

``use_japanese_font()`` selects IPAexGothic (bundled by ``matplotlib-fontja``) with DejaVu Sans
and matplotlib's Last Resort font behind it (:mod:`kiji.core.fonts`): a label in Hangul, an
emoji or any other script never fails a report; characters no real font has are drawn as
placeholder boxes (:func:`kiji.core.fonts.placeholder_note` says which).  Only if even the
placeholder font is missing (matplotlib < 3.10) is the "Glyph missing" warning silenced, and the
glyph drawn as an empty box.

Views that scale: :data:`PER_ARTICLE_MAX` is the largest corpus drawn article by article;
larger corpora are drawn by group (see :mod:`kiji.loading.groups`).  :func:`top_k` cuts any
ranking to a bounded number of rows, so no chart grows with the corpus.
"""
from __future__ import annotations

import warnings

import matplotlib
import pandas as pd

from .fonts import (
    FALLBACK_FAMILY,
    JAPANESE_FAMILY,
    PLACEHOLDER_FAMILY,
    japanese_font_path,
    placeholder_font_path,
    placeholder_note,
)

__all__ = ["PER_ARTICLE_MAX", "japanese_font_path", "placeholder_note", "top_k", "use_japanese_font",
           "bar_height", "figure"]

_GLYPH_WARNING = r"Glyph .* missing from (current )?font"

#: Largest number of articles (or groups) a chart shows one bar / row / column each.
PER_ARTICLE_MAX = 25


def use_japanese_font() -> str:
    """Make every later matplotlib chart render Japanese (and never fail on another script);
    returns the Japanese font's path."""
    import matplotlib_fontja
    from matplotlib import font_manager

    matplotlib_fontja.japanize()
    families = [JAPANESE_FAMILY, FALLBACK_FAMILY]
    placeholder = placeholder_font_path()
    if placeholder:
        if PLACEHOLDER_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
            font_manager.fontManager.addfont(placeholder)
        families.append(PLACEHOLDER_FAMILY)
    else:  # pragma: no cover - matplotlib < 3.10: boxes, but no failure
        warnings.filterwarnings("ignore", message=_GLYPH_WARNING)
    matplotlib.rcParams["font.family"] = families
    matplotlib.rcParams["axes.unicode_minus"] = False
    return japanese_font_path()


def top_k(frame: pd.DataFrame, k: int, by: str, *, label: str | None = None, other: str = "その他") -> pd.DataFrame:
    """The ``k`` rows with the largest ``by``; when rows are left out and ``label`` is given, one
    more row (``label`` = ``other``) sums the numeric columns of the rest."""
    frame = frame.sort_values(by, ascending=False, kind="stable")
    if len(frame) <= k or label is None:
        return frame.head(k)
    head, rest = frame.head(k), frame.iloc[k:]
    row = rest.select_dtypes("number").sum()
    row[label] = f"{other} ({len(rest)})"
    return pd.concat([head, row.to_frame().T], ignore_index=True)


def bar_height(n: int, per_bar: float = 0.32, base: float = 1.4, cap: int = PER_ARTICLE_MAX) -> float:
    """Figure height (inches) for ``n`` horizontal bars, bounded by ``cap`` bars."""
    return base + per_bar * min(max(n, 1), cap)


def figure(*args, **kwargs):
    """``plt.subplots`` with the Japanese font set first."""
    import matplotlib.pyplot as plt

    use_japanese_font()
    return plt.subplots(*args, **kwargs)
