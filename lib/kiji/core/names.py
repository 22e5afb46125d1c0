"""File names of any bytes, shown safely.

A POSIX file name is bytes; Python gives it as ``str`` with each byte that is
not UTF-8 as a lone surrogate (``os.fsdecode``), which cannot be printed,
written to CSV or Parquet.  A name may also hold terminal escape codes
(``\\x1b[31m``), line breaks or bidirectional overrides that make one name
look like another.  :func:`shown_name` is the one form kiji shows and stores:
such bytes as ``\\xff``, such characters as ``\\x1b`` / ``\\u202e``; the file
itself is still opened through its real name.
"""
from __future__ import annotations

import unicodedata

#: Characters that reorder or hide text (shown escaped, like control characters).
_INVISIBLE = set("\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")


def shown_name(name: str) -> str:
    """``name`` as kiji shows it: undecodable bytes and control characters escaped.

    >>> shown_name("bad\\udcff\\udcfe.txt")
    'bad\\\\xff\\\\xfe.txt'
    >>> shown_name("esc\\x1b[31mred.txt")
    'esc\\\\x1b[31mred.txt'
    >>> shown_name("記事_01.txt")
    '記事_01.txt'
    """
    if name.isprintable() and not _INVISIBLE.intersection(name):
        return name
    out = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch in _INVISIBLE or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
