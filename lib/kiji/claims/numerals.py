"""Numerals in normalized Japanese text: find them and read their value.

Works on ``text_norm`` (NFKC: full-width digits and commas are already ASCII).
Forms read by :func:`parse_numeral`:

* Arabic, with thousands separators and decimals: ``300``, ``1,000``, ``3.5``, ``0・75``
  (the 中黒 some newspapers write as a decimal point);
* Arabic or kanji groups joined by the myriad units 万 / 億 / 兆:
  ``1万1000`` (11000), ``60億``, ``3億5000万``, ``1.5万``, ``5千``;
* kanji numerals with 十 / 百 / 千: ``三千``, ``二十五``, ``千五百``, ``一〇〇``;
* vague quantities, returned as a range: ``数千`` (2,000–9,000), ``数十`` (20–90),
  ``数百万``, ``数`` alone (2–9), ``何百`` (as 数百), ``十数`` (11–19), ``数十万``.

:func:`find_numerals` finds numeral spans, including ranges joined by
``〜 ~ - − – から`` (``3〜5``, ``10-12``, ``3万〜5万``) and Japanese
"N、N+1" approximations (``3、4人`` → 3–4).  Whether a span is a quantity, a
date, an ordinal or part of a name is decided later (:mod:`kiji.claims.extract`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}

_ARABIC = r"\d+(?:,\d{3})*(?:[.・]\d+)?"
_KANJI = r"[〇零一二三四五六七八九十百千]+"
_VAGUE = r"(?:数|十数|何(?=[十百千万億]))[十百千]*"
_GROUP = rf"(?:{_ARABIC}[十百千]?|{_VAGUE}|{_KANJI})"
#: one numeral: groups joined by 万/億/兆 (the last group may be empty: 60億); at most three
#: myriad units (兆, 億, 万), so a long run of digits and myriads is read in linear time
NUMERAL = rf"(?:{_GROUP}(?:[万億兆]{_GROUP}?){{0,3}})"
_RANGE_SEP = r"(?:〜|~|-|−|–|から)"
#: a numeral, or a range of two numerals
NUMERAL_RE = re.compile(rf"(?P<a>{NUMERAL})(?:(?P<sep>{_RANGE_SEP})(?P<b>{NUMERAL}))?")


@dataclass(frozen=True)
class Numeral:
    """A numeral span in a text: ``value`` (point value; the middle of the range
    for vague numerals and ranges), ``low``/``high`` (equal to value for exact
    numerals), ``vague`` (数千, 何百 …), ``is_range`` (3〜5), ``start``/``end``
    (offsets in the text), ``text`` (as written)."""

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    vague: bool = False
    is_range: bool = False


def _parse_small(group: str) -> tuple[float, float, bool] | None:
    """One group below 万: returns (low, high, vague) or None when not a numeral."""
    if not group:
        return None
    # vague: 数 / 何 / 十数, optionally followed by 十 百 千
    m = re.fullmatch(r"(数|何|十数)([十百千]*)", group)
    if m:
        mult = 1
        for ch in m.group(2):
            mult *= SMALL_UNITS[ch]
        if m.group(1) == "十数":
            return 11 * mult, 19 * mult, True
        return 2 * mult, 9 * mult, True
    m = re.fullmatch(rf"({_ARABIC})([十百千]?)", group)
    if m:
        if len(m.group(1)) > 18:
            return None  # a run of digits, not a number anyone states
        value = float(m.group(1).replace(",", "").replace("・", "."))
        if m.group(2):
            value *= SMALL_UNITS[m.group(2)]
        return value, value, False
    if re.fullmatch(_KANJI, group):
        kanji = _kanji_value(group)
        return (kanji, kanji, False) if kanji is not None else None
    return None


def _kanji_value(text: str) -> float | None:
    """Kanji numeral below 万: positional (一〇〇) or with 十/百/千 (千五百, 二十五)."""
    if all(ch in KANJI_DIGITS for ch in text):
        if len(text) > 15:
            return None
        return float(int("".join(str(KANJI_DIGITS[ch]) for ch in text)))
    total, digit = 0, None
    last_unit = 10**9
    for ch in text:
        if ch in KANJI_DIGITS:
            if digit is not None:
                return None  # 二三十: not a numeral we read
            digit = KANJI_DIGITS[ch]
        else:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # 十百: malformed
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit is not None:
        total += digit
    return float(total)


def parse_numeral(text: str) -> tuple[float, float, bool] | None:
    """``(low, high, vague)`` of one numeral (no range), or None when it is not one.

    >>> parse_numeral("1万1000")
    (11000.0, 11000.0, False)
    >>> parse_numeral("数千")
    (2000, 9000, True)
    """
    parts = re.split(r"([万億兆])", text)
    # parts: group, unit, group, unit, ..., group (possibly empty)
    low = high = 0.0
    vague = False
    seen_unit = None
    i = 0
    while i < len(parts):
        group = parts[i]
        unit = BIG_UNITS[parts[i + 1]] if i + 1 < len(parts) else 1
        if seen_unit is not None and unit >= seen_unit:
            return None  # 1万2万: not one numeral
        if group:
            parsed = _parse_small(group)
            if parsed is None:
                return None
            lo, hi, vg = parsed
            if unit > 1 and (lo >= 10**4 and not vg):
                return None  # 20000万: not a numeral
            low += lo * unit
            high += hi * unit
            vague = vague or vg
        elif unit == 1:
            pass  # trailing empty group after 万/億
        else:
            return None  # 万 with nothing before it
        if unit > 1:
            seen_unit = unit
        i += 2
    if not text or text[-1] in "万億兆" and len(parts) < 2:
        return None
    return low, high, vague


def _decreasing_prefix(text: str) -> str:
    """The longest prefix whose 万/億/兆 units strictly decrease (1万1万 → 1万): linear time."""
    last = None
    for m in re.finditer(r"[万億兆]", text):
        unit = BIG_UNITS[m.group(0)]
        if last is not None and unit >= last[0]:
            return text[:last[1]]
        last = (unit, m.end())
    return text


def find_numerals(text: str) -> list[Numeral]:
    """Every numeral span of ``text``, left to right, ranges as one span."""
    out: list[Numeral] = []
    pos = 0
    while True:
        m = NUMERAL_RE.search(text, pos)
        if not m:
            break
        pos = m.end()
        prefix = _decreasing_prefix(m.group("a"))
        a = parse_numeral(prefix)
        if a is None:
            pos = m.end("a")  # not a numeral we read (二三十): skip the run, never re-scan it
            continue
        if prefix != m.group("a"):  # 1万1万: two numerals; take the first, rescan from its end
            low, high, vague = a
            pos = m.start() + len(prefix)
            out.append(Numeral(prefix, m.start(), pos, (low + high) / 2 if vague else low, low, high, vague))
            continue
        start, end = m.start(), m.end("a")
        low, high, vague = a
        is_range = False
        if m.group("b"):
            b = parse_numeral(m.group("b"))
            # 3万〜5万, 3〜5, 300-400: the second numeral must be larger; "1万-5" is 1万 then -5
            if b is not None and b[0] > a[0] and not (vague or b[2]):
                a_text = m.group("a")
                # 3〜5万: the first numeral borrows the second's 万/億 when it has none
                big = re.search(r"[万億兆]$", m.group("b"))
                if big and not re.search(r"[万億兆]", a_text) and low < 10**4:
                    mult = BIG_UNITS[big.group(0)]
                    if low * mult < b[0]:
                        low, high = low * mult, high * mult
                high = b[1]
                end, is_range = m.end("b"), True
            else:
                pos = m.end("a")
        else:
            # 3、4人: two consecutive integers separated by 、 read as a range
            n = re.match(r"、(\d+)", text[end:])
            if n and not vague and low.is_integer() and float(n.group(1)) == low + 1 and low < 100:
                high = low + 1
                end, is_range = end + n.end(), True
                pos = end
        value = (low + high) / 2 if (vague or is_range) else low
        out.append(Numeral(text[start:end], start, end, float(value), float(low), float(high),
                           vague, is_range))
    return out
