"""Text normalization for the loader: newlines for splitting, invisible characters, the analysis copy.

Raw text is kept for display; the analysis copy comes from
:func:`kiji.core.textnorm.normalize_text` (shared with the data-file
validation, so vocabularies and articles meet in the same form).
"""
from __future__ import annotations

from ..core.textnorm import INVISIBLE, normalize_text

__all__ = ["normalize_newlines", "strip_invisible", "normalize_text"]


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; other line separators (U+0085, U+2028) stay as text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters and the BOM wherever they occur."""
    return INVISIBLE.sub("", text)
