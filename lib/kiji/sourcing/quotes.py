"""「」 quotations in (normalized) Japanese text.

NFKC keeps 「」『』, so quotes are found the same way in ``text`` and
``text_norm``.  Only top-level 「…」 spans are returned; 『』 and 「」 nested
inside a quote stay part of it.  An unmatched 」 means the quote began before
this text (the quote runs from the start); an unmatched 「 runs to the end.

``mask_quotes`` replaces every quoted character with ``MASK`` (same length, so
offsets stay valid): patterns that look for speakers and cue verbs run on the
masked text and can never fire on words inside somebody's quotation
(「…によると…」 or a name mentioned in a quote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE = "「", "」"
MASK = "〓"  # U+3013 GETA MARK: unchanged by NFKC, never in news text

_QUOTATIVE_AFTER = re.compile(r"^\s*(?:と|とし|とした|という|。?$)")
#: a name in brackets: a model number, a product, a title in katakana or Latin letters (「EOS R8」)
_NAME_CHARS = re.compile(r"[A-Za-z0-9ァ-ヺ]")
_NOT_A_NAME = re.compile(r"[ぁ-ゖ。、!?！？]")
NAME_MAX_CHARS = 30


@dataclass(frozen=True)
class Quote:
    start: int  # index of 「 (or 0 when the quote opened before this text)
    end: int    # index after 」 (or len(text) when it never closes)
    text: str   # the quoted words, without the brackets


def find_quotes(text: str) -> list[Quote]:
    """Top-level 「」 quotations of ``text``, in order."""
    quotes: list[Quote] = []
    depth, start = 0, None
    for i, ch in enumerate(text):
        if ch == OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch == CLOSE:
            if depth == 0:  # the quote opened before this text
                if not quotes:
                    quotes.append(Quote(0, i + 1, text[:i]))
                continue
            depth -= 1
            if depth == 0 and start is not None:
                quotes.append(Quote(start, i + 1, text[start + 1:i]))
                start = None
    if depth > 0 and start is not None:
        quotes.append(Quote(start, len(text), text[start + 1:]))
    return quotes


def mask_quotes(text: str) -> tuple[str, list[Quote]]:
    """(``text`` with every quoted character replaced by ``MASK``, the quotes)."""
    quotes = find_quotes(text)
    chars = list(text)
    for q in quotes:
        inner_start = q.start + 1 if text[q.start:q.start + 1] == OPEN else q.start
        inner_end = q.end - 1 if text[q.end - 1:q.end] == CLOSE else q.end
        for i in range(inner_start, inner_end):
            chars[i] = MASK
    return "".join(chars), quotes


def is_name_like(words: str) -> bool:
    """The bracketed words look like a name, not speech: at most :data:`NAME_MAX_CHARS` characters,
    no hiragana and no sentence punctuation, with Latin letters, digits or katakana (model numbers,
    products, titles: 「EOS R8」, 「AQUOS sense8」, 「スマートライトS3」).

    >>> [is_name_like(w) for w in ("EOS R8", "スマートライトS3", "楽しい現場でした", "断固反対")]
    [True, True, False, False]
    """
    w = words.strip()
    return bool(w) and len(w) <= NAME_MAX_CHARS and not _NOT_A_NAME.search(w) and bool(_NAME_CHARS.search(w))


def is_attributed_quote(text: str, quote: Quote, speech_cue: bool = False) -> bool:
    """True for a quotation of someone's words, not a quoted term.

    A quote counts when quotative と follows it (「…」と述べた, 「…」とし, 「…」という)
    or when it ends the text (a sentence that is only a quotation, 「…」。).
    「シャヘド136」を or 「知識移転」になって are terms, not quotations; a name-like quote
    (:func:`is_name_like`: 「EOS R8」と名付けられた) counts only when ``speech_cue`` says a
    listed speech cue closes its clause.
    """
    if is_name_like(quote.text) and not speech_cue:
        return False
    return bool(_QUOTATIVE_AFTER.match(text[quote.end:]))


def unbalanced(text: str) -> int:
    """Number of 「 still open at the end of ``text`` (0 when balanced)."""
    depth = 0
    for ch in text:
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE and depth:
            depth -= 1
    return depth
