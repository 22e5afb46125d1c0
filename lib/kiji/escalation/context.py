"""Is a sentence about a military or political conflict?  The gate in front of the escalation lexicon.

Many lexicon terms are ordinary words outside a war: a patent licence (特許の使用を許可), a drug that
slows arteriosclerosis (抑制), a divorce settlement (協議).  A lexicon match therefore counts only
*in context*: its sentence holds a context word of ``data/escalation_context.csv`` (軍事, 兵士,
ミサイル, 停戦, 安全保障 …), or its article is a conflict article — at least
:data:`ARTICLE_MIN_SENTENCES` sentences with a context word, making at least
:data:`ARTICLE_MIN_SHARE` of its sentences.

Context words are matched literally on ``text_norm``, leftmost-longest, like the lexicon; a row
whose ``effect`` is ``blocker`` is matched and dropped (梅雨前線 is weather, not a front line; 制裁金
is a fine).  With no ``context`` row at all the gate is open: every match counts, as before the
gate existed.

>>> gate = ContextGate.from_rows([("ミサイル", "context"), ("ミサイル型", "blocker")])
>>> gate.sentence("北朝鮮が弾道ミサイルを発射した。"), gate.sentence("ミサイル型の加湿器が人気だ。")
(True, False)
>>> gate.article(["北朝鮮がミサイルを発射した。", "政府は協議した。", "ミサイルは日本海に落ちた。"])
True
>>> gate.article(["新型カメラが出た。", "価格は協議中。", "映画でミサイルが出る。", "続編も。", "以上。"])
False
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..core.matching import TermMatcher

CONTEXT = "escalation_context.csv"
#: a conflict article has at least this many sentences with a context word …
ARTICLE_MIN_SENTENCES = 2
#: … and they make at least this share of its sentences
ARTICLE_MIN_SHARE = 0.1


@dataclass
class ContextGate:
    """Context words and blockers, compiled once."""

    context: frozenset[str]
    blockers: frozenset[str]

    def __post_init__(self):
        self.matcher = TermMatcher(self.context | self.blockers)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]]) -> ContextGate:
        rows = list(rows)
        return cls(frozenset(t for t, e in rows if e == "context"), frozenset(t for t, e in rows if e == "blocker"))

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> ContextGate:
        return cls.from_rows(zip(table["term"], table["effect"]))

    @property
    def open(self) -> bool:
        """No context words: the gate lets everything through."""
        return not self.context

    def sentence(self, text: str) -> bool:
        """The sentence holds a context word (not inside a blocker)."""
        return self.open or any(m.term in self.context for m in self.matcher.find(text))

    def article(self, texts: Iterable[str]) -> bool:
        """The article is about a conflict (see the module docstring)."""
        if self.open:
            return True
        flags = [self.sentence(t) for t in texts]
        hits = sum(flags)
        return hits >= ARTICLE_MIN_SENTENCES and hits >= ARTICLE_MIN_SHARE * len(flags)
