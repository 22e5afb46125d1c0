"""Leftmost-longest, non-overlapping matching of a literal term list in a text.

Used by the actor aliases (``kiji.escalation.actors``) and the escalation lexicon
(``kiji.escalation.detector``): both match literal NFKC strings on ``text_norm``
without a tokenizer.  At each position the longest term wins, and a match
never overlaps an earlier one, so ``米国防総省`` is one match (not ``米国`` +
``国防総省``) and a term inside a longer term is not counted twice.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    """One occurrence: ``text[start:end] == term``."""

    start: int
    end: int
    term: str


class TermMatcher:
    """Compiled matcher for a fixed list of literal terms."""

    def __init__(self, terms: Iterable[str]):
        unique = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
        self.terms = unique
        self._regex = re.compile("|".join(re.escape(t) for t in unique)) if unique else None

    def find(self, text: str) -> list[Match]:
        """All leftmost-longest non-overlapping matches, in text order."""
        if self._regex is None or not text:
            return []
        return [Match(m.start(), m.end(), m.group(0)) for m in self._regex.finditer(text)]
