"""The analysis form of any Japanese text: one normalization for articles and data files alike.

Raw text is kept for display; ``normalize_text`` makes the copy used for
analysis, and the vocabularies in ``data/`` are validated to be in that same
form, so a term written in a data file meets the text it is meant to match:

1. fold the cp932 look-alikes to the characters other encodings produce
   (FF5E→301C, 2225→2016, 2015→2014), so the same byte sequence
   normalizes the same whatever the file's encoding; hyphen look-alikes
   (FF0D full-width hyphen-minus, 2212 minus sign) become ASCII ``-``, so
   ``Ｆ－１６`` is ``F-16``;
2. remove zero-width and invisible characters (U+200B–U+200F, U+2060,
   U+FEFF, soft hyphen, bidi controls) that NFKC keeps and a tokenizer would
   turn into tokens;
3. Unicode NFKC (full-width ASCII → ASCII, half-width kana → kana, ...);
4. remove private-use characters.

〜 (wave dash) survives, so ``3月〜5月`` stays a range.
"""
from __future__ import annotations

import re
import unicodedata

CP932_FOLD = str.maketrans({
    "\uff5e": "\u301c",  # FULLWIDTH TILDE → WAVE DASH
    "\uff0d": "-",       # FULLWIDTH HYPHEN-MINUS → HYPHEN-MINUS
    "\u2212": "-",       # MINUS SIGN → HYPHEN-MINUS
    "\u2225": "\u2016",  # PARALLEL TO → DOUBLE VERTICAL LINE
    "\u2015": "\u2014",  # HORIZONTAL BAR → EM DASH
})

INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def normalize_text(text: str) -> str:
    """Analysis copy of ``text``: cp932 folding, invisible characters removed, NFKC."""
    text = INVISIBLE.sub("", text.translate(CP932_FOLD))
    text = unicodedata.normalize("NFKC", text)
    return PRIVATE_USE.sub("", text)


def is_normalized(text: str) -> bool:
    """True when ``text`` is already in the analysis form."""
    return normalize_text(text) == text
