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
   (``無人機を年に数千機`` → 無人機).  A duration only before ぶり / 連続
   (``日経平均株価は3営業日ぶりに反落``).  A quantity ending in a qualifier such as
   を超える is a predicate too; では / には and a place before が (``東海地方が130ミリ``) are walked past;
5. ``N人が X する``: people counted by what happened to them (``3人が死亡``,
   ``226人がけがをした`` → 死亡, けが), tried before rule 4;
6. a list of places whose topic is a clause away (``予想される雨量は、多い所で、東海で200ミリ、
   近畿で120ミリ`` → 雨量): the quantity has a place (:func:`find_place`) and only nouns,
   particles, commas, symbols, adjectives, adverbs and conjunctions stand back to ``X は``;
7. a duration before a relative clause (``24時間に予想される雨量`` → 雨量);
8. the sentence's ``X は`` topic for a quantity in a later clause, unless the clause is
   reported speech (quotative と) or the quantity modifies a noun.

Places (``東海で``, ``珠洲市の``, ``東海地方が`` right before the quantity) are never subjects:
they go to the ``place`` column.  Bases of a change (``前日比``, ``claim_changes.csv``) are never
subjects either.  A topic is widened to ``AのX`` (新型スピーカーの価格); a one-character one (量, 人)
without it, to its relative clause
(雨の量, けがをした人).  Walks are bounded (40 tokens) so the ledger stays linear.

A noun phrase is a run of nouns (compound), prefixes and ``・``; time nouns
(名詞,副詞可能: 今年, 過去, 一部) never make a subject.  When no rule applies the
subject is ``""`` (unresolved): the claim is kept and stands alone.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .extract import Tok, token_bounds

_WORD = re.compile(r"[^\W_]")
_STOP_POS1 = {"数", "非自立", "代名詞", "副詞可能"}
_SKIP_AFTER = {"相当", "規模", "分", "前", "後", "間", "余り", "あまり", "程度", "ほど", "以上", "超", "近く"}
_TOPIC = {"は", "が", "も", "を"}
_WALK_PARTICLES = {"に", "で", "まで", "から", "より", "と", "、", "には", "では", "の"}
#: between a list of places and its topic (雨量は、多い所で、東海で200ミリ▽近畿で120ミリ): also these
_LIST_POS = {"形容詞", "副詞", "接続詞", "記号", "連体詞"}
_CONNECTORS = {"にわたる", "にわたった", "に及ぶ", "に及んだ", "に上る", "に上った"}
#: the quantity is the predicate of its clause: 死者は100人に上った, 最大射程は約190マイル。 (a change
#: word after it, 減 高 安 …, from ``claim_changes.csv``, makes it a predicate too)
_PREDICATE_AFTER = re.compile(r"^(?:$|[。、」()▽]|だ|で|です|に|と|を(?:超|上回|下回)|まで|へ)")
#: how many tokens a rule walks at most (keeps the ledger linear in the length of a sentence)
_LOOKBACK = 40
#: a duration is its topic's measure only before these: 日経平均は3営業日ぶりに反落, 5日連続で上昇
_DURATION_PREDICATE = re.compile(r"^(?:ぶり|振り|連続|続け)")
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
    while j - 1 >= max(0, i - _LOOKBACK) and tokens[j - 1].end == tokens[j].start and (
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
        stop = min(len(tokens), i + _LOOKBACK)
        while i_end + 1 < stop and _nounish(tokens[i_end + 1]) and tokens[i_end + 1].start == tokens[i_end].end:
            i_end += 1
        return i, i_end
    if i >= len(tokens) or not _nounish(tokens[i], first=True) or tokens[i].pos1 in ("接尾", "数"):
        return None
    j = i
    while (j + 1 < min(len(tokens), i + _LOOKBACK) and _nounish(tokens[j + 1]) and tokens[j + 1].start == tokens[j].end
           and tokens[j + 1].pos1 != "数"):  # 58歳の女性2人: the phrase ends before the next number
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
                 predicate: bool = False, grammar: Grammar | None = None) -> tuple[str, str]:
    """``(subject, rule)`` for the quantity spanning ``text[start:end]`` of unit kind ``kind``;
    ``("", "")`` when unresolved (a one-character phrase such as 他 is unresolved too).
    ``grammar``: the change words and bases of ``claim_changes.csv`` (none when omitted)."""
    subject, rule = _find(text, tokens, start, end, kind, predicate, grammar or Grammar())
    return (subject, rule) if len(subject) > 1 else ("", "")


@dataclass(frozen=True)
class Grammar:
    """What the rules need from the data files: ``change_after(text)`` says whether ``text`` starts with a
    change word (減, 高, 安い …); ``bases`` are what a change is measured from (前日比), never a subject;
    ``place_heads`` the nouns ending a place phrase after a region name (地方, 北部: claim_places.csv)."""

    change_after: Callable[[str], bool] = lambda text: False
    bases: tuple[str, ...] = ()
    place_heads: frozenset[str] = frozenset()


def _is_place(grammar: Grammar, tokens: Sequence[Tok], span: Span) -> bool:
    """A noun phrase naming a place: it ends in a region name (名詞,固有名詞,地域 / 接尾,地域: 静岡県,
    東海), or it holds one and ends in a place head of ``claim_places.csv`` (東海地方, 九州北部);
    ロシア機, 北朝鮮軍 hold a region name but name a thing."""
    parts, j = [], span[0]  # 関東甲信地方・伊豆諸島: a coordination is a place when one of its parts is
    for k in range(span[0], span[1] + 1):
        if tokens[k].surface == "・" and k > j:
            parts.append((j, k - 1))
            j = k + 1
    parts.append((j, span[1]))
    return any(_is_one_place(grammar, tokens[a:b + 1]) for a, b in parts if a <= b)


def _is_one_place(grammar: Grammar, tokens: Sequence[Tok]) -> bool:
    head = tokens[-1]
    return head.pos2 == "地域" or (head.surface in grammar.place_heads and any(t.pos2 == "地域" for t in tokens))


def find_place(text: str, tokens: Sequence[Tok], start: int, grammar: Grammar | None = None) -> str:
    """The place a quantity is stated for: ``XでN``, ``XではN``, ``XのN``, ``XがN`` (in a list:
    東海地方が130ミリ) right before the quantity, when X names a place (a region token); else ``""``."""
    k = bisect.bisect_right(token_bounds(tokens)[1], start) - 1  # the last token ending before the quantity
    if k < 0 or tokens[k].end != start:
        return ""
    if tokens[k].pos == "助詞" and tokens[k].surface == "は" and k >= 1 and tokens[k - 1].surface == "で":
        k -= 1
    if tokens[k].pos != "助詞" or tokens[k].surface not in ("で", "では", "の", "が"):
        return ""
    span = _compound_back(tokens, k - 1)
    return (text[tokens[span[0]].start:tokens[span[1]].end]
            if span and _is_place(grammar or Grammar(), tokens, span) else "")


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
    grammar: Grammar


def _apposition(x: _Site) -> Span | None:
    """1. X N (with one Aの before X)."""
    if x.b >= 0 and x.tokens[x.b].end == x.start:
        span = _compound_back(x.tokens, x.b)
        if span and not _is_basis(x, span):
            return _with_genitive(x.tokens, span)
    return None


def _is_basis(x: _Site, span: Span) -> bool:
    """前日比 in 前日比244円安: what a change is measured from is not what changed."""
    phrase = x.text[x.tokens[span[0]].start:x.tokens[span[1]].end]
    return phrase in x.grammar.bases


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


def _past_adjectives(tokens: Sequence[Tok], k: int) -> int:
    """Index of the noun after adjectival words: 58ミリの[非常に激しい]雨 (形容動詞語幹 + に/な,
    形容詞, 副詞; at most four tokens); ``k`` when there are none or no noun follows."""
    j = k
    while j < len(tokens) and j < k + 4 and not _adjective_noun(tokens, j) and (
            tokens[j].pos1 == "形容動詞語幹" or tokens[j].pos in ("形容詞", "副詞")
            or (j > k and tokens[j].surface in ("に", "な") and tokens[j - 1].pos1 == "形容動詞語幹")):
        j += 1
    return j if j > k and j < len(tokens) and (tokens[j].pos == "名詞" or _adjective_noun(tokens, j)) else k


def _modifies(x: _Site) -> Span | None:
    """2. N の X / N もの X / N にわたる X; 2b. N を超える X."""
    k = x.a
    while k < len(x.tokens) and k < x.a + 2 and x.tokens[k].surface in _SKIP_AFTER:
        k += 1
    glued = k == x.a < len(x.tokens) and x.text[x.end:x.end + 1] == "の" and x.tokens[k].start == x.end + 1
    k = k if glued else _modified_start(x.tokens, k)  # 30分の休憩: janome reads 分の as one token
    if k >= 0:
        span = _compound_forward(x.tokens, _past_adjectives(x.tokens, k))
        if span:
            return k, span[1]
    if (x.predicate and x.a < len(x.tokens) and x.tokens[x.a].start == x.end
            and x.text[x.end - 1:x.end] in ("る", "た")):
        return _compound_forward(x.tokens, x.a)
    return None


def _part_of(x: _Site) -> Span | None:
    """3. X の N."""
    t = x.tokens
    if x.b >= 1 and t[x.b].surface == "の" and t[x.b].pos == "助詞" and t[x.b].end == x.start:
        span = _compound_back(t, x.b - 1)
        # 珠洲市の6人: a place is where, not what; 前日比244円安の1万6391円: a change, not a whole
        if span and not _is_place(x.grammar, t, span) and not any(tok.pos1 == "数" for tok in t[span[0]:span[1] + 1]):
            return span
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


def _is_predicate(x: _Site) -> bool:
    after = x.text[x.end:]
    if x.kind == "duration":
        return bool(_DURATION_PREDICATE.match(after))
    return x.predicate or bool(_PREDICATE_AFTER.match(after)) or x.grammar.change_after(after)


def _topic_at(x: _Site, k: int, in_list: bool = False) -> Span | None | bool:
    """At a particle of ``_TOPIC``: the topic's span; None when the walk must stop; True to walk on
    (では / には are places, not topics; a place before が in a list: 東海地方が130ミリ)."""
    t = x.tokens[k]
    if t.pos1 == "接続助詞":
        return None  # 増えたが、: a clause boundary
    if k >= 1 and x.tokens[k - 1].pos == "助詞" and (t.surface == "も" or x.tokens[k - 1].surface in ("で", "に")):
        return True  # では / には are places, よりも / からも comparisons: walk on
    if t.surface == "を":
        return _quoted_back(x.tokens, k - 1) if x.kind in _FLOATING_KINDS else None
    span = _quoted_back(x.tokens, k - 1)
    if span and t.surface in ("が", "も") and _is_place(x.grammar, x.tokens, span):
        return True
    if not (in_list or _is_predicate(x)):
        return None
    return _expand_short(x.tokens, span) if span else None


def _topic(x: _Site) -> Span | None:
    """4. X は/が/を … N: only nouns, particles, change words (安い) and one comma in between, at most
    12 tokens back; a duration only before ぶり / 連続 (日経平均は3営業日ぶりに反落)."""
    if x.kind == "duration" and not _DURATION_PREDICATE.match(x.text[x.end:]):
        return None
    commas, words = 0, 0
    for k in range(x.b, max(x.b - _LOOKBACK, -1), -1):
        t = x.tokens[k]
        words += t.pos1 != "数" and t.pos != "記号"  # 前日より91円62銭(0.45%)安い: numerals are free
        if words > 12:
            return None
        if t.pos == "助詞" and t.surface in _TOPIC:
            found = _topic_at(x, k)
            if found is True:
                continue
            return found or None
        commas += t.surface == "、"
        change = t.pos == "形容詞" and x.grammar.change_after(t.surface)
        if commas > 1 or not (_walkable(t) or t.surface == "、" or change):
            return None
    return None


def _list_topic(x: _Site) -> Span | None:
    """6. a list of places whose topic is a clause away: 予想される雨量は、多い所で、東海で200ミリ、
    近畿で120ミリ: the quantity is stated for a place (XでN, XのN, XがN) and, back to X は, stand only
    nouns, particles, commas, symbols (▽), adjectives, adverbs and conjunctions (at most 40 tokens)."""
    if x.kind == "duration" or not find_place(x.text, x.tokens, x.start, x.grammar):
        return None
    for k in range(x.b, max(x.b - _LOOKBACK, -1), -1):
        t = x.tokens[k]
        if t.pos == "助詞" and t.surface in ("は", "が"):
            found = _topic_at(x, k, in_list=True)
            if found is True:
                continue
            return found or None
        if not (_walkable(t) or t.pos in _LIST_POS or t.surface == "も"):
            return None
    return None


def _relative(x: _Site) -> Span | None:
    """7. ``N に V X``: a duration before a relative clause is the span of what the clause's noun
    measures (24時間に予想される雨量 → 雨量, 48時間に降った雨の量 → 雨の量)."""
    t, k = x.tokens, x.a
    if x.kind != "duration" or k >= len(t) or t[k].surface != "に" or t[k].start != x.end:
        return None
    k += 1
    verb = False
    while k < len(t) and k <= x.a + 5 and (t[k].pos in ("動詞", "助動詞") or t[k].pos1 == "サ変接続"):
        verb = verb or t[k].pos == "動詞"
        k += 1
    span = _compound_forward(t, k) if verb else None
    return _forward_genitive(t, span) if span else None


def _forward_genitive(tokens: Sequence[Tok], span: Span) -> Span:
    """``AのX``: the noun phrase goes on to its head (雨の量, クルスクの戦況変化; two levels at most)."""
    j, i = span
    for _ in range(2):
        if i + 2 < len(tokens) and tokens[i + 1].surface == "の" and tokens[i + 1].pos == "助詞":
            after = _compound_forward(tokens, i + 2)
            if after:
                i = after[1]
                continue
        break
    return j, i


def _expand_short(tokens: Sequence[Tok], span: Span) -> Span:
    """A topic is widened to ``AのX`` (雨の量, 新型スピーカーの価格: a price is some thing's price); a
    one-character one (量, 人, 数) without AのX, to its relative clause of verbs, auxiliaries, nouns
    and を/が/に/て (けがをした人, 避難所に避難している人)."""
    j, i = span
    if tokens[i].end - tokens[j].start > 1:
        return _with_genitive(tokens, span)  # 新型スピーカーの価格は: whose price (not every 価格 of the corpus)
    wider = _with_genitive(tokens, span)
    if wider != span:
        return wider
    k, verb = j - 1, False
    while k >= 0 and j - k <= 8 and (
            tokens[k].pos in ("動詞", "助動詞", "名詞")
            or (tokens[k].pos == "助詞" and tokens[k].surface in ("を", "が", "に", "て"))):
        verb = verb or tokens[k].pos == "動詞"
        k -= 1
    while k + 1 < j and tokens[k + 1].pos != "名詞":
        k += 1
    return (k + 1, i) if verb and k + 1 < j else span


def _reported(tokens: Sequence[Tok], a: int) -> bool:
    """A quotative と (助詞,格助詞,引用) after the quantity, not before なる: the clause is reported
    speech (…500人が集まったと語った, …時期だと警告), whose topic is the speaker, not the thing counted."""
    return any(tokens[k].pos2 == "引用" and tokens[k].surface == "と" and tokens[k + 1].base_form != "なる"
               for k in range(a, min(a + _LOOKBACK, len(tokens) - 1)))


def _sentence_topic(x: _Site) -> Span | None:
    """8. the topic of the sentence (X は, the first one, not では / には) when the quantity stands in a
    later clause of it: 外国人は6年連続で増えたが、5万5172人減の281万1543人 → 外国人.  A は-topic
    governs every clause of its sentence; only when another は or a quote (「」) stands between, or the
    quantity modifies a noun (N の X), it is not taken."""
    t = x.tokens
    if (x.text[x.end:x.end + 1] == "の" or _reported(t, x.a)
            or not any(t[k].surface == "、" for k in range(max(x.b - 2 * _LOOKBACK, 0), x.b + 1))):
        return None
    if x.b + 1 > 2 * _LOOKBACK:
        return None  # the sentence's start is too far back to be sure of its topic
    tops = [k for k in range(x.b + 1) if t[k].surface == "は" and t[k].pos1 == "係助詞"
            and not (k >= 1 and t[k - 1].pos == "助詞")]
    if len(tops) != 1 or any(tok.surface in ("「", "」") for tok in t[tops[0]:x.b + 1]):
        return None
    span = _quoted_back(t, tops[0] - 1)
    return _expand_short(t, span) if span and not _is_place(x.grammar, t, span) else None


_RULES = (("apposition", _apposition), ("modifies", _modifies), ("part_of", _part_of),
          ("agent_of", _agent_of), ("topic", _topic), ("relative", _relative), ("list_topic", _list_topic),
          ("sentence_topic", _sentence_topic))


def _find(text: str, tokens: Sequence[Tok], start: int, end: int, kind: str,
          predicate: bool, grammar: Grammar) -> tuple[str, str]:
    starts, ends = token_bounds(tokens)
    # last token ending before the quantity, first starting after it (bisect: linear per article, issue 12)
    site = _Site(text, tokens, start, end, kind, predicate, bisect.bisect_right(ends, start) - 1,
                 bisect.bisect_left(starts, end), grammar)
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
