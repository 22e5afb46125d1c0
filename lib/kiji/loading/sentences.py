"""Paragraphs → sentences for Japanese text.

A sentence ends after 。．！？!? (with any closing brackets or further marks
that follow, e.g. ``。」`` or ``！？``).  Text inside 「」『』()（）【】 is never
split, so a quotation stays whole with its attribution; if a paragraph's
brackets never close, the unclosed part is split ignoring brackets rather than
becoming one giant sentence.  A whitespace run right after a sentence end
inside a line (one-line articles whose paragraphs were joined by spaces) starts
a new paragraph.
"""
from __future__ import annotations

import re

TERMINATORS = set("。．！？!?")
OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〈": "〉", "《": "》"}
CLOSERS = set(OPENERS.values())
TRAILING = CLOSERS | TERMINATORS | set("…‥")

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
