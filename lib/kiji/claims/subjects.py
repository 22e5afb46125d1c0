"""The noun phrase a quantity belongs to, read from the sentence's tokens.

Rules, tried in this order (``N`` is the quantity with its qualifiers and unit):

1. apposition ``X N``: a noun phrase right before the quantity
   (``北朝鮮軍約1万1000人`` → 北朝鮮軍, ``射程距離約300キロ`` → 射程距離,
   ``米国の高官2人`` → 米国の高官; one ``Aの`` before the phrase is kept);
2. ``N の X`` / ``N もの X`` / ``N にわたる X``: the noun phrase the quantity modifies
   (``約1万人の北朝鮮軍`` → 北朝鮮軍, ``60億ドル相当の武器`` → 武器, ``何百機もの無人機``);
3. ``X の N``: the phrase the quantity is a part of (``有権者の55%`` → 有権者);
4. predicate ``X は/が … N`` when the quantity ends its clause (followed by 。、だ で
   に と を超え …, or by a change: 減 増 上昇 下落 高 安 …): the topic or subject, when
   only nouns, particles and one comma stand between (``最大射程は約190マイル。`` →
   最大射程, ``日本人は…、前年から90万人減り`` → 日本人); ``X を … N`` for counters
   (``無人機を年に数千機`` → 無人機).  Never for durations.  A quantity ending in a
   qualifier such as を超える is a predicate too;
5. ``N人が X する``: people counted by what happened to them (``3人が死亡``,
   ``226人がけがをした`` → 死亡, けが), tried before rule 4.

A noun phrase is a run of nouns (compound), prefixes and ``・``; time nouns
(名詞,副詞可能: 今年, 過去, 一部) never make a subject.  When no rule applies the
subject is ``""`` (unresolved): the claim is kept and stands alone.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .extract import Tok

_WORD = re.compile(r"[^\W_]")
_STOP_POS1 = {"数", "非自立", "代名詞", "副詞可能"}
_SKIP_AFTER = {"相当", "規模", "分", "前", "後", "間", "余り", "あまり", "程度", "ほど", "以上", "超", "近く"}
_TOPIC = {"は", "が", "も", "を"}
_WALK_PARTICLES = {"に", "で", "まで", "から", "より", "と", "、", "には", "では"}
_CONNECTORS = {"にわたる", "にわたった", "に及ぶ", "に及んだ", "に上る", "に上った"}
#: the quantity is the predicate of its clause: 死者は100人に上った, 最大射程は約190マイル。
_PREDICATE_AFTER = re.compile(r"^(?:$|[。、」()]|だ|で|です|に|と|を(?:超|上回|下回)|まで|へ|"
                              r"(?:\([^()]*\))?(?:減|増|上昇|下落|低下|値上がり|値下がり|高|安|上回|下回))")
#: kinds whose counter floats away from its noun: 無人機を年に数千機
_FLOATING_KINDS = {"count", "people"}


def _nounish(t: Tok, *, first: bool = False) -> bool:
    if t.pos == "名詞" and not _WORD.search(t.surface):
        return False  # janome tags ASCII ( ) % / as nouns
    if t.pos == "名詞":
        return t.pos1 not in _STOP_POS1 or (t.pos1 in ("数", "副詞可能") and not first)
    if t.pos == "接頭詞":
        return t.pos1 == "名詞接続"
    return t.pos == "記号" and t.surface in ("・", "-")


def _compound_back(tokens: Sequence[Tok], i: int) -> tuple[int, int] | None:
    """Token span [j, i] of the compound noun ending at token i (inclusive)."""
    if i < 0 or not _nounish(tokens[i], first=True) or tokens[i].pos == "接頭詞":
        return None
    j = i
    while j - 1 >= 0 and tokens[j - 1].end == tokens[j].start and (
            _nounish(tokens[j - 1]) or _adjective_noun(tokens, j - 1)):
        j -= 1
    if _adjective_noun(tokens, j):
        pass
    # a phrase does not start with a suffix, a numeral or a symbol
    while j <= i and not _adjective_noun(tokens, j) and (tokens[j].pos1 in ("接尾", "数") or tokens[j].pos == "記号"):
        j += 1
    return (j, i) if j <= i else None


def _adjective_noun(tokens: Sequence[Tok], k: int) -> bool:
    """深さ, 速さ, 高さ: an adjective stem with the nominal suffix さ is a noun."""
    return (0 <= k < len(tokens) - 1 and tokens[k].pos == "形容詞" and tokens[k + 1].surface == "さ"
            and tokens[k + 1].pos1 == "接尾" and tokens[k].end == tokens[k + 1].start)


def _compound_forward(tokens: Sequence[Tok], i: int) -> tuple[int, int] | None:
    if _adjective_noun(tokens, i):
        i_end = i + 1
        while i_end + 1 < len(tokens) and _nounish(tokens[i_end + 1]) and tokens[i_end + 1].start == tokens[i_end].end:
            i_end += 1
        return i, i_end
    if i >= len(tokens) or not _nounish(tokens[i], first=True) or tokens[i].pos1 in ("接尾", "数"):
        return None
    j = i
    while j + 1 < len(tokens) and _nounish(tokens[j + 1]) and tokens[j + 1].start == tokens[j].end:
        j += 1
    while j >= i and (tokens[j].pos == "接頭詞" or tokens[j].pos == "記号"):
        j -= 1
    return (i, j) if j >= i else None


def _with_genitive(tokens: Sequence[Tok], span: tuple[int, int]) -> tuple[int, int]:
    """Extend ``X`` to ``AのX`` (one level)."""
    j, i = span
    if j - 2 >= 0 and tokens[j - 1].surface == "の" and tokens[j - 1].pos == "助詞":
        before = _compound_back(tokens, j - 2)
        if before:
            return before[0], i
    return span


def _quoted_back(tokens: Sequence[Tok], i: int) -> tuple[int, int] | None:
    """Compound before a particle, looking inside 「…」 when the particle follows a quote."""
    if i >= 0 and tokens[i].surface == "」":
        return _compound_back(tokens, i - 1)
    if i >= 0 and tokens[i].surface == ")":  # 東証株価指数(TOPIX)は
        j = i
        while j >= 0 and tokens[j].surface != "(":
            j -= 1
        span = _compound_back(tokens, j - 1) if j > 0 and i - j <= 6 else None
        return (span[0], i) if span else None
    return _compound_back(tokens, i)


def find_subject(text: str, tokens: Sequence[Tok], start: int, end: int, kind: str = "",
                 predicate: bool = False) -> tuple[str, str]:
    """``(subject, rule)`` for the quantity spanning ``text[start:end]`` of unit kind ``kind``;
    ``("", "")`` when unresolved (a one-character phrase such as 他 is unresolved too)."""
    subject, rule = _find(text, tokens, start, end, kind, predicate)
    return (subject, rule) if len(subject) > 1 else ("", "")


Span = tuple[int, int]


@dataclass
class _Site:
    """Where the quantity sits among the tokens: ``b`` the last token before it, ``a`` the first after."""

    text: str
    tokens: Sequence[Tok]
    start: int
    end: int
    kind: str
    predicate: bool
    b: int
    a: int


def _apposition(x: _Site) -> Span | None:
    """1. X N (with one Aの before X)."""
    if x.b >= 0 and x.tokens[x.b].end == x.start:
        span = _compound_back(x.tokens, x.b)
        if span:
            return _with_genitive(x.tokens, span)
    return None


def _modified_start(tokens: Sequence[Tok], k: int) -> int:
    """Index of the noun after ``の`` / ``もの`` / ``にわたる`` at ``k``, or -1."""
    n = len(tokens)
    if k >= n:
        return -1
    t = tokens[k]
    if t.surface == "の" and t.pos == "助詞":
        return k + 1
    if t.surface == "も" and k + 1 < n and tokens[k + 1].surface == "の":
        return k + 2
    if t.surface in _CONNECTORS and k + 1 < n and tokens[k + 1].pos == "名詞":
        return k + 1
    if (t.surface == "に" and k + 2 < n and tokens[k + 1].base_form in ("わたる", "及ぶ")
            and tokens[k + 2].pos == "名詞"):
        return k + 2
    return -1


def _modifies(x: _Site) -> Span | None:
    """2. N の X / N もの X / N にわたる X; 2b. N を超える X."""
    k = x.a
    while k < len(x.tokens) and k < x.a + 2 and x.tokens[k].surface in _SKIP_AFTER:
        k += 1
    k = _modified_start(x.tokens, k)
    if k >= 0:
        span = _compound_forward(x.tokens, k)
        if span:
            return span
    if (x.predicate and x.a < len(x.tokens) and x.tokens[x.a].start == x.end
            and x.text[x.end - 1:x.end] in ("る", "た")):
        return _compound_forward(x.tokens, x.a)
    return None


def _part_of(x: _Site) -> Span | None:
    """3. X の N."""
    t = x.tokens
    if x.b >= 1 and t[x.b].surface == "の" and t[x.b].pos == "助詞" and t[x.b].end == x.start:
        return _compound_back(t, x.b - 1)
    return None


def _agent_of(x: _Site) -> Span | None:
    """5. N人が X する: people counted by what happened to them (3人が死亡, 226人がけがをした)."""
    t, a = x.tokens, x.a
    if x.kind != "people" or a + 2 >= len(t) or t[a].surface not in ("が", "も") or t[a].start != x.end:
        return None
    event, nxt = t[a + 1], t[a + 2]
    verbal = (nxt.pos == "動詞" and nxt.base_form == "する") or (
        nxt.surface == "を" and a + 3 < len(t) and t[a + 3].base_form == "する")
    if event.pos == "名詞" and event.pos1 in ("サ変接続", "一般") and verbal:
        return a + 1, a + 1
    return None


def _walkable(t: Tok) -> bool:
    return (t.pos in ("名詞", "接頭詞") or (t.pos == "助詞" and t.surface in _WALK_PARTICLES)
            or (t.pos == "助動詞" and t.surface == "で"))


def _topic(x: _Site) -> Span | None:
    """4. X は/が/を … N: only nouns, particles and one comma in between, at most 12 tokens back;
    not for durations (3年 after a topic is rarely the topic's measure)."""
    if x.kind == "duration":
        return None
    predicate = x.predicate or bool(_PREDICATE_AFTER.match(x.text[x.end:]))
    commas = 0
    for k in range(x.b, max(x.b - 12, -1), -1):
        t = x.tokens[k]
        if t.pos == "助詞" and t.surface in _TOPIC:
            if predicate if t.surface != "を" else x.kind in _FLOATING_KINDS:
                return _quoted_back(x.tokens, k - 1)
            return None
        commas += t.surface == "、"
        if commas > 1 or not (_walkable(t) or t.surface == "、"):
            return None
    return None


_RULES = (("apposition", _apposition), ("modifies", _modifies), ("part_of", _part_of),
          ("agent_of", _agent_of), ("topic", _topic))


_BOUNDS: list = [None, [], []]  # the token sequence last seen, its starts, its ends


def _bounds(tokens: Sequence[Tok]) -> tuple[list[int], list[int]]:
    """Token start and end offsets (increasing), computed once per token sequence."""
    if _BOUNDS[0] is not tokens:
        _BOUNDS[:] = [tokens, [t.start for t in tokens], [t.end for t in tokens]]
    return _BOUNDS[1], _BOUNDS[2]


def _find(text: str, tokens: Sequence[Tok], start: int, end: int, kind: str,
          predicate: bool) -> tuple[str, str]:
    starts, ends = _bounds(tokens)
    # last token ending before the quantity, first starting after it (bisect: linear per article, issue 12)
    site = _Site(text, tokens, start, end, kind, predicate, bisect.bisect_right(ends, start) - 1,
                 bisect.bisect_left(starts, end))
    for name, rule in _RULES:
        span = rule(site)
        if span:
            return text[tokens[span[0]].start:tokens[span[1]].end], name
    return "", ""


def subject_group(subject: str, aliases: dict[str, str]) -> str:
    """Group key of a subject: its alias entry; else the longest alias the subject
    ends with (最大射程 → 射程); else the subject itself."""
    if not subject:
        return ""
    if subject in aliases:
        return aliases[subject]
    best = ""
    for alias in aliases:
        if len(alias) > len(best) and subject.endswith(alias):
            best = alias
    return aliases[best] if best else subject
