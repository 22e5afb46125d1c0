"""Text normalization: newlines for splitting, and the analysis copy of a text.

Raw text is kept for display; ``normalize_text`` makes the copy used for
analysis:

1. fold the cp932 look-alikes to the characters other encodings produce
   (FF5E→301C, FF0D→2212, 2225→2016, 2015→2014), so the same byte sequence
   normalizes the same whatever the file's encoding;
2. remove zero-width and invisible characters (U+200B–U+200F, U+2060,
   U+FEFF, soft hyphen) that NFKC keeps and janome would turn into tokens;
3. Unicode NFKC (full-width ASCII → ASCII, half-width kana → kana, ...).

〜 (wave dash) survives, so ``3月〜5月`` stays a range.
"""
from __future__ import annotations

import re
import unicodedata

CP932_FOLD = str.maketrans({
    "\uff5e": "\u301c",  # FULLWIDTH TILDE → WAVE DASH
    "\uff0d": "\u2212",  # FULLWIDTH HYPHEN-MINUS → MINUS SIGN
    "\u2225": "\u2016",  # PARALLEL TO → DOUBLE VERTICAL LINE
    "\u2015": "\u2014",  # HORIZONTAL BAR → EM DASH
})

INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; other line separators (U+0085, U+2028) stay as text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters and the BOM wherever they occur."""
    return INVISIBLE.sub("", text)


def normalize_text(text: str) -> str:
    """Analysis copy of ``text``: cp932 folding, invisible characters removed, NFKC."""
    text = strip_invisible(text.translate(CP932_FOLD))
    text = unicodedata.normalize("NFKC", text)
    return PRIVATE_USE.sub("", text)
