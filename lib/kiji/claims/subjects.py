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

import re
from typing import Sequence

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


def _find(text: str, tokens: Sequence[Tok], start: int, end: int, kind: str,
          predicate: bool) -> tuple[str, str]:
    def phrase(span):
        return text[tokens[span[0]].start:tokens[span[1]].end]

    before = [k for k, t in enumerate(tokens) if t.end <= start]
    after = [k for k, t in enumerate(tokens) if t.start >= end]
    b = before[-1] if before else -1
    a = after[0] if after else len(tokens)

    # 1. apposition: X N
    if b >= 0 and tokens[b].end == start:
        span = _compound_back(tokens, b)
        if span:
            return phrase(_with_genitive(tokens, span)), "apposition"
    # 2. N の X, N もの X, N にわたる X
    k = a
    while k < len(tokens) and k < a + 2 and tokens[k].surface in _SKIP_AFTER:
        k += 1
    if k < len(tokens):
        if tokens[k].surface == "の" and tokens[k].pos == "助詞":
            k += 1
        elif tokens[k].surface == "も" and k + 1 < len(tokens) and tokens[k + 1].surface == "の":
            k += 2
        elif tokens[k].surface in _CONNECTORS and k + 1 < len(tokens) and tokens[k + 1].pos == "名詞":
            k += 1
        elif (tokens[k].surface == "に" and k + 1 < len(tokens)
              and tokens[k + 1].base_form in ("わたる", "及ぶ") and k + 2 < len(tokens)
              and tokens[k + 2].pos == "名詞"):
            k += 2
        else:
            k = -1
        if k >= 0:
            span = _compound_forward(tokens, k)
            if span:
                return phrase(span), "modifies"
    # 2b. N を超える X: a quantity ending in a verb qualifier modifies the noun after it
    if predicate and a < len(tokens) and tokens[a].start == end and text[end - 1:end] in ("る", "た"):
        span = _compound_forward(tokens, a)
        if span:
            return phrase(span), "modifies"
    # 3. X の N
    if b >= 1 and tokens[b].surface == "の" and tokens[b].pos == "助詞" and tokens[b].end == start:
        span = _compound_back(tokens, b - 1)
        if span:
            return phrase(span), "part_of"
    # 5. N人が X する: people counted by what they did (3人が死亡, 226人がけがをした)
    if kind == "people" and a + 2 < len(tokens) and tokens[a].surface in ("が", "も") and tokens[a].start == end:
        event = tokens[a + 1]
        nxt = tokens[a + 2]
        if event.pos == "名詞" and event.pos1 in ("サ変接続", "一般") and (
                (nxt.pos == "動詞" and nxt.base_form == "する")
                or (nxt.surface == "を" and a + 3 < len(tokens) and tokens[a + 3].base_form == "する")):
            return event.surface, "agent_of"
    # 4. X は/が/を … N (only nouns and particles in between, at most 12 tokens back);
    #    not for durations (3年 after a topic is rarely the topic's measure)
    if kind == "duration":
        return "", ""
    predicate = predicate or bool(_PREDICATE_AFTER.match(text[end:]))
    commas = 0
    k = b
    while k >= 0 and b - k < 12:
        t = tokens[k]
        if t.pos == "助詞" and t.surface in _TOPIC:
            if not (predicate if t.surface != "を" else kind in _FLOATING_KINDS):
                break
            span = _quoted_back(tokens, k - 1)
            if span:
                return phrase(span), "topic"
            break
        if t.surface == "、":
            commas += 1
            if commas > 1:
                break
        elif not (t.pos == "名詞" or (t.pos == "助詞" and t.surface in _WALK_PARTICLES) or t.pos == "接頭詞"
                  or (t.pos == "助動詞" and t.surface == "で")):
            break
        k -= 1
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
