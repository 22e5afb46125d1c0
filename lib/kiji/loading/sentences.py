"""Paragraphs → sentences for Japanese text.

A sentence ends after 。．！？!? (with any closing brackets or further marks
that follow, e.g. ``。」`` or ``！？``).  Text inside 「」『』()（）【】 is never
split, so a quotation stays whole with its attribution; if a paragraph's
brackets never close, the unclosed part is split ignoring brackets rather than
becoming one giant sentence.  A whitespace run right after a sentence end
inside a line (one-line articles whose paragraphs were joined by spaces) starts
a new paragraph.

A sentence is at most :data:`MAX_SENTENCE_CHARS` characters, the last line of
defence against text that no rule splits (a whole article inside one 「…」, a
page without punctuation): :func:`cap_sentences` splits a longer one at its
sentence ends ignoring brackets, then at the last 、 or space before the limit,
else at the limit, and says how many it split so the loader can warn.
"""
from __future__ import annotations

import re

TERMINATORS = set("。．！？!?")
OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〈": "〉", "《": "》"}
CLOSERS = set(OPENERS.values())
TRAILING = CLOSERS | TERMINATORS | set("…‥")

#: Longest sentence kept whole (characters); see :func:`cap_sentences`.
MAX_SENTENCE_CHARS = 5_000
_SOFT_BREAKS = "、，,;；　 "

_PARAGRAPH_BREAK = re.compile(r"(?<=[。．！？!?」』])[ \t\u3000\u00a0]+(?=\S)")


def split_paragraphs(line: str) -> list[str]:
    """A line of text → paragraphs (a whitespace run after a sentence end starts a new one).

    Never inside 「」『』 (「勝つ！ 絶対に勝つ！」と投稿した stays one paragraph), unless
    the bracket never closes on the line.  One pass: linear in the line length.
    """
    last_close = max(line.rfind("」"), line.rfind("』"))
    out, start, depth, scanned = [], 0, 0, 0
    for m in _PARAGRAPH_BREAK.finditer(line):
        for ch in line[scanned:m.start()]:
            if ch in "「『":
                depth += 1
            elif ch in "」』" and depth:
                depth -= 1
        scanned = m.start()
        if depth and last_close > m.end():
            continue
        out.append(line[start:m.start()])
        start = m.end()
        depth = 0
    out.append(line[start:])
    return [p.strip() for p in out if p.strip()]


def split_sentences(paragraph: str, respect_brackets: bool = True) -> list[str]:
    """Split one paragraph into sentences, keeping bracketed quotations whole."""
    sentences: list[str] = []
    stack: list[str] = []
    start = i = 0
    n = len(paragraph)
    while i < n:
        ch = paragraph[i]
        if respect_brackets and ch in OPENERS:
            stack.append(OPENERS[ch])
        elif respect_brackets and stack and ch == stack[-1]:
            stack.pop()
        elif ch in TERMINATORS and not stack:
            j = i + 1
            while j < n and paragraph[j] in TRAILING:
                j += 1
            sentences.append(paragraph[start:j])
            start = i = j
            continue
        i += 1
    rest = paragraph[start:]
    if rest.strip():
        if stack and respect_brackets:
            sentences.extend(split_sentences(rest, respect_brackets=False))
        else:
            sentences.append(rest)
    return [s.strip() for s in sentences if s.strip()]


def _cut(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, each ending after a 、 or space when one is in
    its second half (one pass: each character is looked at a bounded number of times)."""
    pieces, start, n = [], 0, len(text)
    while n - start > limit:
        stop = start + limit
        cut = max(text.rfind(ch, start + limit // 2, stop) for ch in _SOFT_BREAKS) + 1
        stop = cut if cut > start else stop
        pieces.append(text[start:stop])
        start = stop
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def cap_sentences(sentences: list[str], limit: int = MAX_SENTENCE_CHARS) -> tuple[list[str], int]:
    """(sentences, how many were longer than ``limit``): a longer one is split at its sentence ends
    ignoring brackets, and any piece still too long is cut (:func:`_cut`).

    >>> cap_sentences(["首相は「増税しない。景気が先だ。」と述べた。"], limit=12)
    (['首相は「増税しない。', '景気が先だ。」', 'と述べた。'], 1)
    >>> cap_sentences(["あ" * 5 + "、" + "い" * 5], limit=8)
    (['あああああ、', 'いいいいい'], 1)
    """
    out: list[str] = []
    too_long = 0
    for sentence in sentences:
        if len(sentence) <= limit:
            out.append(sentence)
            continue
        too_long += 1
        for piece in split_sentences(sentence, respect_brackets=False):
            out.extend(_cut(piece, limit) if len(piece) > limit else [piece])
    return out, too_long
