"""Number mentions in one sentence and what each one is.

:func:`find_mentions` reads ``text_norm`` and returns every numeral of the
sentence (nothing dropped) with its ``role``:

``quantity``  a claim: numeral + unit or counter from ``claim_units.csv``
              (``約1万1000人``, ``60億ドル``, ``1000日``, ``3年間``, ``3分の1``);
``date``      a calendar expression: ``2024年11月``, ``11月19日``, ``17日``,
              ``令和6年``, ``1994年``, ``2024年度``, ``1990年代``, any ``N月``;
``time``      a time of day: ``午後3時``, ``3時``, ``10時30分``;
``ordinal``   a rank or position: ``第3次``, ``2人目``, ``3回目``, ``1年生``;
``name``      part of a name or code: ``F-16``, ``G20``, ``Su-34``;
``no_unit``   a numeral with no unit or counter we know (``シャヘド136``, ``台風10号``).

Date versus duration is decided by grammar, not by value alone:
``N月`` (without カ/か/ヶ) is always a month; ``N日`` is a day of the month
when a month precedes it, or when it is a whole number up to 31 with no
qualifier and no duration marker after it (間, 前, 後, 以内, ぶり, 連続, …);
``N年`` is a year after an era name (令和, 平成 …), before a month, before
度/代, when written with a leading zero (09年), when N ≥ 10 is followed by a
point-in-time particle (24年に生まれた, 15年から, 19年以降), or when it is a
four-digit whole number with no duration marker.
Everything else with 年 / カ月 / 日 / 時間 is a duration (``1000日``, ``3年``,
``2カ月前``).

A unit listed with ``position=before`` is read before the numeral (``震度7``,
``マグニチュード6.5``) when no unit follows it; a Latin-letter one (``M``) only before a single digit
or a decimal (``M6.5``, ``M7``): ``M570`` or ``GM7`` is a model number (role ``name``).

Qualifiers (``claim_qualifiers.csv``) are taken right before the numeral
(``約``, ``最大``, ``少なくとも``) and right after the numeral or its unit
(``以上``, ``超``, ``余``, ``近く``).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .numerals import Numeral, find_numerals, parse_numeral
from .vocab import ClaimVocab, Rate, Unit

ERAS = ("令和", "平成", "昭和", "大正", "明治")
#: after N日 / N年: the expression is a span of time, not a calendar date
DURATION_AFTER = re.compile(r"^(?:間|前|後|以内|以上|以下|未満|超|ぶり|振り|連続|余|近く|程度|ほど|足らず|弱|強|"
                            r"にわた|あまり|続|分|目|半)")
#: after a two-digit N年: the year is a point in time (24年に, 15年から, 19年以降)
POINT_IN_TIME_AFTER = r"^(?:に(?!わた|一度|1度)|から|まで|以降|以来|当時|末|初め|春|夏|秋|冬)"
ROLES = ("quantity", "date", "time", "ordinal", "name", "no_unit")


@dataclass
class Tok:
    """A token of the sentence: character span and IPADIC part of speech."""

    start: int
    end: int
    surface: str
    pos: str
    pos1: str
    base_form: str = ""
    pos2: str = ""


@dataclass
class Mention:
    """One numeral in a sentence.  ``start``/``end`` cover the whole expression
    (qualifiers and unit included), ``expression`` is its text."""

    numeral: Numeral
    role: str
    start: int
    end: int
    expression: str
    unit: Unit | None = None
    raw_unit: str = ""
    qualifiers: list[str] = field(default_factory=list)
    fraction: tuple[float, float] | None = None  # N分のM: (N, M)
    rate: Rate | None = None  # 1時間に15キロ, 時速30キロ: a rate cue written before the number


def _longest(text: str, pos: int, words: Sequence[str]) -> str:
    best = ""
    for w in words:
        if len(w) > len(best) and text.startswith(w, pos):
            best = w
    return best


def _longest_ending(text: str, end: int, words: Sequence[str]) -> str:
    best = ""
    for w in words:
        if len(w) > len(best) and end - len(w) >= 0 and text[end - len(w):end] == w:
            best = w
    return best


_TOKEN_BOUNDS: list = [None, [], []]  # the token sequence last seen, its starts, its ends


def token_bounds(tokens: Sequence[Tok]) -> tuple[list[int], list[int]]:
    """Token start and end offsets (increasing), computed once per token sequence."""
    if _TOKEN_BOUNDS[0] is not tokens:
        _TOKEN_BOUNDS[:] = [tokens, [t.start for t in tokens], [t.end for t in tokens]]
    return _TOKEN_BOUNDS[1], _TOKEN_BOUNDS[2]


def _token_at(tokens: Sequence[Tok], pos: int) -> Tok | None:
    """The token covering character ``pos`` (bisection), or None."""
    k = bisect.bisect_right(token_bounds(tokens)[0], pos) - 1
    return tokens[k] if k >= 0 and tokens[k].start <= pos < tokens[k].end else None


def _kanji_ok(num: Numeral, unit_end: int, tokens: Sequence[Tok] | None) -> bool:
    """A numeral written without Arabic digits must be a numeral to the tokenizer too:
    the token at its start is 名詞,数, or a word made of the numeral and its unit
    (数カ月); 十分 (enough), 一層, 千葉 are words, not numbers."""
    if re.search(r"\d", num.text) or tokens is None:
        return True
    for t in tokens:
        if t.start <= num.start < t.end:
            if t.pos1 == "数":
                return True
            return t.start == num.start and t.end <= unit_end and t.pos1 == "一般"
    return True


#: characters around a numeral that :func:`_role` reads
_AROUND = 200


def _role(num: Numeral, text: str, raw_unit: str, end: int) -> str:
    """Role of a numeral from the text around it (before any fraction or kanji check)."""
    s, e = num.start, num.end
    # the rules look a few characters around the numeral: bounded windows keep each numeral O(1)
    prev, after, right = text[max(0, s - _AROUND):s], text[end:end + _AROUND], text[e:e + _AROUND]
    if re.search(r"[A-Za-z]-?$", prev) or re.match(r"^[A-Za-z]", after if raw_unit else right):
        return "name"  # F-16, G20, Su-34
    if prev.endswith("第") or re.match(r"^(?:目|位|番目|次|号|年生|回目)", after if raw_unit else right):
        return "ordinal"
    if text.startswith("月", e) and not num.vague:
        return "date"
    if (text.startswith("時", e) and not text.startswith("時間", e)) or prev.endswith(("午前", "午後")):
        return "time"
    if (raw_unit == "日" and _is_day(num, prev, after)) or (raw_unit == "年" and _is_year(num, prev, after)):
        return "date"
    if raw_unit in ("分", "分間") and re.search(r"\d時\s*$", prev):
        return "time"
    return "quantity" if raw_unit else "no_unit"


def _fraction(num: Numeral, after: str) -> tuple[tuple[float, float], int] | None:
    """``N分のM``: ((N, M), characters of ``のM``), or None."""
    m = re.match(r"の(\d+(?:\.\d+)?|[一二三四五六七八九])", after)
    if not m or not num.value:
        return None
    numerator = parse_numeral(m.group(1))
    return ((num.value, numerator[0]), m.end()) if numerator else None


def _unit_after(text: str, e: int, units: list[str], after_q: list[str]) -> tuple[str, str]:
    """(qualifier between numeral and unit such as 余 in 1万余人, unit as written)."""
    mid = _longest(text, e, [q for q in after_q if q in ("余", "強", "弱")])
    raw_unit = _longest(text, e + len(mid), units)
    if raw_unit:
        return mid, raw_unit
    return "", _longest(text, e, units)


def _prefix_topic(before: str, prefixes: list[str]) -> str:
    """The ``before`` unit that is the topic right before a number: ``マグニチュード(M)は``."""
    for p in prefixes:
        if re.search(re.escape(p) + r"(?:=[^()]{0,12})?\)?(?:\([^()]{0,12}\))?は(?:推定)?$", before):
            return p
    return ""


def _prefix_mention(num: Numeral, text: str, vocab: ClaimVocab, prefixes: list[str],
                    after_q: list[str]) -> Mention | None:
    """``震度7``, ``マグニチュード6.5``: a unit written before the number (``position=before``); also
    as the topic the number is predicated of: ``マグニチュード(M)は7.3``, ``規模(マグニチュード=M)は推定8.5``
    (the expression is then the number alone)."""
    prefix = _longest_ending(text, num.start, prefixes)
    if not prefix and not num.vague:
        topic = _prefix_topic(text[:num.start], prefixes)
        if topic:
            return Mention(num, "quantity", num.start, num.end, num.text, vocab.units[topic], topic)
    if not prefix or num.vague:
        return None
    if re.fullmatch(r"[A-Za-z]+", prefix) and (
            re.search(r"[A-Za-z0-9]$", text[:num.start - len(prefix)])
            or re.fullmatch(r"\d{2,}", num.text) or re.match(r"[A-Za-z0-9]", text[num.end:])):
        return None  # GM7, M570, M2A: a letter glued to a code or to a whole number of 2+ digits is a model number
    start, end = num.start - len(prefix), num.end
    qualifiers = []
    q = _longest(text, end, after_q)
    if q:
        qualifiers.append(q)
        end += len(q)
    return Mention(num, "quantity", start, end, text[start:end], vocab.units[prefix], prefix, qualifiers)


def _bare_mention(num: Numeral, text: str, vocab: ClaimVocab, tokens: Sequence[Tok] | None) -> Mention | None:
    """``45の自治体``: a whole number with no counter, followed by the ``bare`` row's word (の) and a
    noun, is a count of that noun (the tokenizer must read the number as 名詞,数 and the word after
    の as a common noun; never after 第, a letter or a digit, never vague)."""
    bare = vocab.bare_unit()
    if (bare is None or tokens is None or num.vague or num.is_range or not num.value.is_integer()
            or not text.startswith(bare.unit, num.end) or re.search(r"(?:第|[A-Za-z0-9.])$", text[:num.start])):
        return None
    after = _token_at(tokens, num.end + len(bare.unit))
    at = _token_at(tokens, num.start)
    if (after is None or after.start != num.end + len(bare.unit) or at is None or at.pos1 != "数"
            or after.pos != "名詞" or after.pos1 not in ("一般", "サ変接続")):
        return None
    return Mention(num, "quantity", num.start, num.end, text[num.start:num.end], bare, "")


def _mention(num: Numeral, text: str, vocab: ClaimVocab, tokens: Sequence[Tok] | None,
             units: list[str], before_q: list[str], after_q: list[str]) -> Mention:
    mid, raw_unit = _unit_after(text, num.end, units, after_q)
    if not raw_unit:
        prefixed = _prefix_mention(num, text, vocab, vocab.unit_words("before"), after_q) or _bare_mention(
            num, text, vocab, tokens)
        if prefixed:
            return prefixed
    end = num.end + len(mid) + len(raw_unit)
    unit = vocab.units.get(raw_unit)
    role = _role(num, text, raw_unit, end)
    fraction = None
    if role == "quantity" and raw_unit == "分" and text.startswith("の", end):
        found = _fraction(num, text[end:])
        if found:
            fraction, extra = found
            raw_unit, end, unit = "分の", end + extra, Unit("分の", "%", 100.0, "percent")
    if role == "quantity" and not _kanji_ok(num, end, tokens):
        role = "no_unit"
    if role != "quantity":
        if role == "date" and text.startswith("月", num.end):
            end = num.end + 1
        elif role not in ("date", "time") or not raw_unit:
            end = num.end
        return Mention(num, role, num.start, end, text[num.start:end])
    qualifiers: list[str] = []
    start = num.start
    q = _longest_ending(text, start, before_q)
    if q:
        qualifiers.append(q)
        start -= len(q)
    if mid:
        qualifiers.append(mid)
    q = _longest(text, end, after_q)
    if q:
        qualifiers.append(q)
        end += len(q)
    return Mention(num, role, start, end, text[start:end], unit, raw_unit, qualifiers, fraction)


def find_mentions(text: str, vocab: ClaimVocab, tokens: Sequence[Tok] | None = None) -> list[Mention]:
    """Every numeral in ``text`` (normalized) with its role, unit and qualifiers."""
    units = vocab.unit_words("after")
    before_q, after_q = vocab.before(), vocab.after()
    out = [_mention(num, text, vocab, tokens, units, before_q, after_q) for num in find_numerals(text)]
    return _with_rates(text, vocab, _merge_ranges(text, _merge_compounds(text, out)))


def _with_rates(text: str, vocab: ClaimVocab, mentions: list[Mention]) -> list[Mention]:
    """``1時間に15キロ``, ``時速30キロ``: a quantity right after a ``before`` cue of ``claim_rates.csv``
    is a rate (``rate`` set, the cue joins its expression); a numeral inside the cue (the 1 of
    1時間に) is part of the cue, not a mention of its own."""
    out = list(mentions)
    for m in mentions:
        rate = vocab.rate_before(text[:m.start]) if m.role == "quantity" and m.unit else None
        if rate is None or m.unit is None or m.unit.kind not in rate.kinds:
            continue
        start = m.start - len(rate.cue)
        out = [o for o in out if not (start <= o.start and o.end <= m.start)]
        m.rate, m.start, m.expression = rate, start, text[start:m.end]
    return out


RANGE_BETWEEN = re.compile(r"^(?:〜|~|-|−|–|から)$")


def _merge_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """``200人から300人``, ``100ミリ〜150ミリ``: two quantities with the same unit joined by a
    range separator are one range (the first one's before-qualifier, the second one's after)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.role == m.role == "quantity" and prev.raw_unit == m.raw_unit
                and prev.unit and not prev.fraction and not m.fraction
                and prev.expression.endswith(prev.raw_unit) and m.expression.startswith(m.numeral.text)
                and RANGE_BETWEEN.match(text[prev.end:m.start]) and m.numeral.low > prev.numeral.high
                and not (prev.numeral.vague or m.numeral.vague)):
            a, b = prev.numeral, m.numeral
            merged = Numeral(text[a.start:b.end], a.start, b.end, (a.low + b.high) / 2, a.low, b.high, False, True)
            out[-1] = Mention(merged, "quantity", prev.start, m.end, text[prev.start:m.end], prev.unit,
                              prev.raw_unit, prev.qualifiers + m.qualifiers)
        else:
            out.append(m)
    return out


def _merge_compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """``107円21銭``, ``1時間30分``, ``3年2カ月``: a quantity directly followed by a smaller
    unit of the same canonical unit is one amount (value in the first unit)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.role == m.role == "quantity" and prev.end == m.start
                and prev.unit and m.unit and not prev.fraction and not m.fraction
                and _smaller_part(prev.unit, m.unit)
                and prev.expression.endswith(prev.raw_unit) and m.expression.startswith(m.numeral.text)
                and not prev.numeral.is_range and not m.numeral.is_range):
            extra = m.numeral.value * _part_factor(prev.unit, m.unit)
            n = prev.numeral
            merged = Numeral(text[n.start:m.numeral.end] + m.raw_unit, n.start, m.numeral.end + len(m.raw_unit),
                             n.value + extra, n.low + extra, n.high + extra, n.vague or m.numeral.vague, False)
            out[-1] = Mention(merged, "quantity", prev.start, m.end, text[prev.start:m.end], prev.unit,
                              prev.raw_unit, prev.qualifiers + m.qualifiers)
        else:
            out.append(m)
    return out


def _smaller_part(big: Unit, small: Unit) -> bool:
    """``small`` can follow ``big`` inside one amount: same canonical unit and smaller (円 銭, 時間 分),
    or minutes of arc after degrees (北緯26度35分)."""
    return (big.canonical == small.canonical and small.factor < big.factor) or (big.unit, small.unit) == ("度", "分")


def _part_factor(big: Unit, small: Unit) -> float:
    """How many ``big`` one ``small`` is: 1/100 for 銭 after 円; 1/60 for a minute of arc."""
    return 1 / 60 if (big.unit, small.unit) == ("度", "分") else small.factor / big.factor


def _is_day(num: Numeral, prev: str, after: str) -> bool:
    if re.search(r"月\s*$", prev):
        return True
    if num.vague or num.is_range and not re.search(r"月\s*$", prev):
        return False
    if not num.low.is_integer() or not 1 <= num.low <= 31:
        return False
    if re.search(r"(?:約|およそ|ほぼ|最大|少なくとも|わずか)\s*$", prev):
        return False
    return not DURATION_AFTER.match(after)


def _is_year(num: Numeral, prev: str, after: str) -> bool:
    if prev.endswith(ERAS) or prev.endswith("西暦") or re.fullmatch(r"0\d", num.text):
        return True  # 令和6年, 09年 (a two-digit year written with its zero)
    if (not num.vague and num.low.is_integer() and num.low >= 10 and not num.is_range
            and re.match(POINT_IN_TIME_AFTER, after)
            and not re.search(r"(?:約|およそ|ほぼ|過去|最大|少なくとも)\s*$", prev)):
        return True  # 24年に生まれた, 15年から: a point in time, not a span
    if re.match(r"^\s*\d{1,2}\s*月(?!間)", after) or re.match(r"^(?:度|代)", after):
        return not num.vague
    if num.vague or not num.low.is_integer():
        return False
    return 1000 <= num.low <= 2200 and not DURATION_AFTER.match(after)
