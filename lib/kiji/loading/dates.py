"""The one date grammar: publication-date lines and date mentions in sentences.

``parse_date_line(line)`` reads a line that is only a date (a header or footer
date) into ISO ``YYYY-MM-DD``; ``find_dates(text, published)`` finds the date
expressions of a sentence and resolves them against the article's
publication date, as below.

Dates mentioned in sentences:

Works on the normalized text (``text_norm``; NFKC makes digits and
parentheses ASCII).  Recognised forms:

==========================  =========  ==========================================
form                        precision  resolution (``resolved_from``)
==========================  =========  ==========================================
2024年11月17日, 25.11.2024,  day        ``absolute``
2024-11-17, 2024/11/17
2024年9月                   month      ``absolute``
1994年                      year       ``absolute``
11月17日, 1月20日           day        ``inferred year``: the year (article year ±1)
                                       that puts the date closest to the article date
9月                         month      ``inferred year``: likewise, ties go to the past
17日, 17日(現地時間)        day        ``article date``: the month (article month ±1)
                                       that puts the day closest to the article date
昨年/今年/来年/一昨年       year       ``article date``
先月/今月/来月              month      ``article date``
昨日/今日/本日/明日/一昨日  day        ``article date``
日曜日 … 土曜日             day        ``article date``: the most recent such weekday
                                       on or before the article date
==========================  =========  ==========================================

Without an article date (``published == ""``) every relative form stays
``unresolved``: its text and precision are kept, ``date`` is "" — a date is
never invented.  Durations and offsets are not dates: ``2日後``, ``数日``,
``10年間``, ``2か月前``, ``1000日前``, ``300キロ``.  A weekday or ``(現地時間)``
right after a date belongs to that date's text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeVar

from .normalize import normalize_text

WEEKDAYS = "月火水木金土日"  # Monday=0 … Sunday=6, as datetime.weekday()

_SUFFIX = r"(?:\s*\((?:[日月火水木金土](?:曜日?)?|現地時間|日本時間|米国時間|米東部時間)\)|[日月火水木金土]曜日)?"
_YEAR = r"(?:1[89]|20)\d{2}"
_DAY_EXCLUDE = r"(?!間|後|前|以内|以上|ぶり|目|連続|分|本|程度|余り|近く|経)"
_YEAR_EXCLUDE = r"(?!間|代|前|後|ぶり|以上|余り|近く|分|度)"

PATTERN = re.compile(
    "|".join([
        rf"(?P<ymd>(?<!\d)(?P<ymd_y>{_YEAR})\s*年\s*(?P<ymd_m>\d{{1,2}})\s*月\s*(?P<ymd_d>\d{{1,2}})\s*日{_SUFFIX})",
        rf"(?P<dmy>(?<![\d.])(?P<dmy_d>\d{{1,2}})\.(?P<dmy_m>\d{{1,2}})\.(?P<dmy_y>{_YEAR})(?![\d.]))",
        rf"(?P<iso>(?<![\d/-])(?P<iso_y>{_YEAR})[-/](?P<iso_m>\d{{1,2}})[-/](?P<iso_d>\d{{1,2}})(?![\d/-]))",
        rf"(?P<ym>(?<!\d)(?P<ym_y>{_YEAR})\s*年\s*(?P<ym_m>\d{{1,2}})\s*月(?!間))",
        rf"(?P<rym>(?P<rym_r>一昨年|昨年|去年|今年|ことし|来年)\s*の?\s*(?P<rym_m>\d{{1,2}})\s*月"
        rf"(?:\s*(?P<rym_d>\d{{1,2}})\s*日{_DAY_EXCLUDE}{_SUFFIX})?(?!間))",
        rf"(?P<rmd>(?P<rmd_r>先月|今月|来月)\s*(?P<rmd_d>\d{{1,2}})\s*日{_DAY_EXCLUDE}{_SUFFIX})",
        rf"(?P<md>(?<!\d)(?P<md_m>\d{{1,2}})\s*月\s*(?P<md_d>\d{{1,2}})\s*日{_DAY_EXCLUDE}{_SUFFIX})",
        rf"(?P<y>(?<!\d)(?P<y_y>{_YEAR})\s*年{_YEAR_EXCLUDE})",
        r"(?P<m>(?<!\d)(?P<m_m>\d{1,2})\s*月(?!間|\d))",
        rf"(?P<d>(?<![\d.])(?P<d_d>\d{{1,2}})\s*日{_DAY_EXCLUDE}{_SUFFIX})",
        r"(?P<rel>一昨年|昨年|去年|今年|ことし|来年|先月|今月|来月|一昨日|昨日|今日|本日|明日)",
        r"(?P<wd>(?P<wd_w>[月火水木金土日])曜日)",
    ])
)

_RELATIVE = {
    "一昨年": ("year", -2), "昨年": ("year", -1), "去年": ("year", -1), "今年": ("year", 0), "ことし": ("year", 0),
    "来年": ("year", 1), "先月": ("month", -1), "今月": ("month", 0), "来月": ("month", 1),
    "一昨日": ("day", -2), "昨日": ("day", -1), "今日": ("day", 0), "本日": ("day", 0),
    "明日": ("day", 1),
}


@dataclass(frozen=True)
class DateMention:
    """One date expression: ``date`` is ISO at ``precision`` or "" when unresolved."""

    start: int
    end: int
    date_text: str
    date: str
    precision: str
    resolved_from: str


def parse_published(published) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) → date; "" / None / NaN / invalid → None."""
    if published is None or (isinstance(published, float) and published != published):
        return None
    text = str(published).strip()[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


T = TypeVar("T")


def _closest(cands: list[tuple[int, T]]) -> T:
    """Candidate with the smallest absolute distance; ties go to the earlier (negative) one."""
    return min(cands, key=lambda c: (abs(c[0]), c[0]))[1]


Resolved = tuple[str, str, str]  # (date, precision, resolved_from)


def _absolute_day(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    d = _safe_date(int(g[f"{kind}_y"]), int(g[f"{kind}_m"]), int(g[f"{kind}_d"]))
    return (d.isoformat(), "day", "absolute") if d else None


def _year_month(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    y, m = int(g["ym_y"]), int(g["ym_m"])
    return (f"{y:04d}-{m:02d}", "month", "absolute") if 1 <= m <= 12 else None


def _year(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    return (g["y_y"], "year", "absolute")


def _month_day(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    m, d = int(g["md_m"]), int(g["md_d"])
    if not _safe_date(2000, m, d):  # 2000 is a leap year: 2月29日 is valid somewhere
        return None
    if pub is None:
        return ("", "day", "unresolved")
    cands = [((c - pub).days, c) for y in (pub.year - 1, pub.year, pub.year + 1) if (c := _safe_date(y, m, d))]
    return (_closest(cands).isoformat(), "day", "inferred year")


def _month(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    m = int(g["m_m"])
    if not 1 <= m <= 12:
        return None
    if pub is None:
        return ("", "month", "unresolved")
    cands = [((y * 12 + m) - (pub.year * 12 + pub.month), (y, m)) for y in (pub.year - 1, pub.year, pub.year + 1)]
    y, m = _closest(cands)
    return (f"{y:04d}-{m:02d}", "month", "inferred year")


def _day(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    d = int(g["d_d"])
    if not 1 <= d <= 31:
        return None
    if pub is None:
        return ("", "day", "unresolved")
    cands = []
    for k in (-1, 0, 1):
        y, m = _add_months(pub.year, pub.month, k)
        if c := _safe_date(y, m, d):
            cands.append(((c - pub).days, c))
    return (_closest(cands).isoformat(), "day", "article date")


def _relative(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    unit, k = _RELATIVE[g["rel"]]
    if pub is None:
        return ("", unit, "unresolved")
    if unit == "year":
        return (f"{pub.year + k:04d}", "year", "article date")
    if unit == "month":
        y, m = _add_months(pub.year, pub.month, k)
        return (f"{y:04d}-{m:02d}", "month", "article date")
    return ((pub + dt.timedelta(days=k)).isoformat(), "day", "article date")


def _relative_year_month(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    """ことし9月 / 来年1月 / 昨年12月25日: one date, the year taken from the article date."""
    m, d = int(g["rym_m"]), g["rym_d"]
    if not 1 <= m <= 12 or (d and not _safe_date(2000, m, int(d))):
        return None
    precision = "day" if d else "month"
    if pub is None:
        return ("", precision, "unresolved")
    y = pub.year + _RELATIVE[g["rym_r"]][1]
    if d:
        day = _safe_date(y, m, int(d))
        return (day.isoformat(), "day", "article date") if day else None
    return (f"{y:04d}-{m:02d}", "month", "article date")


def _relative_month_day(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    """今月19日 / 先月3日: one date, the month taken from the article date."""
    d = int(g["rmd_d"])
    if pub is None:
        return ("", "day", "unresolved") if 1 <= d <= 31 else None
    y, m = _add_months(pub.year, pub.month, _RELATIVE[g["rmd_r"]][1])
    day = _safe_date(y, m, d)
    return (day.isoformat(), "day", "article date") if day else None


def _weekday(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    if pub is None:
        return ("", "day", "unresolved")
    back = (pub.weekday() - WEEKDAYS.index(g["wd_w"])) % 7
    return ((pub - dt.timedelta(days=back)).isoformat(), "day", "article date")


_RESOLVERS = {"ymd": _absolute_day, "dmy": _absolute_day, "iso": _absolute_day, "ym": _year_month, "y": _year,
              "md": _month_day, "m": _month, "d": _day, "rel": _relative, "wd": _weekday,
              "rym": _relative_year_month, "rmd": _relative_month_day}


def _resolve(kind: str, g: dict, pub: dt.date | None) -> Resolved | None:
    """(date, precision, resolved_from) or None when the match is not a valid date."""
    try:
        return _RESOLVERS[kind](kind, g, pub)
    except (OverflowError, ValueError):  # a date beyond the calendar (year 9999 + 1 day): not a date
        return None


def find_dates(text: str, published=None) -> list[DateMention]:
    """Date expressions in one normalized sentence, resolved against ``published``.

    ``published`` is the article's ISO date (``YYYY-MM-DD``) or ""/None when
    unknown; then relative forms come back with ``resolved_from="unresolved"``.
    """
    pub = parse_published(published)
    out = []
    for m in PATTERN.finditer(text or ""):
        kind = m.lastgroup if m.lastgroup in _KINDS else next(k for k in _KINDS if m.group(k))
        res = _resolve(kind, m.groupdict(), pub)
        if res is None:
            continue
        out.append(DateMention(m.start(), m.end(), m.group(0), *res))
    return out


_KINDS = ("ymd", "dmy", "iso", "ym", "rym", "rmd", "md", "y", "m", "d", "rel", "wd")



# ---------------------------------------------------------------- date lines
# possessive \s*+: a run of spaces is taken whole, never split between two \s* (that was
# quadratic on a date followed by 40 KB of spaces, issue 12)
_WEEKDAY = r"(\s*+[(（]?[月火水木金土日](曜日?)?[)）]?)?"
_TIME = r"(\s*+[/|]?\s*+T?\s*+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*+(Z|[+-]\d{2}:?\d{2}|JST)?)?"  # 2020年4月3日 / 15:30
#: A date line is short; anything longer is text that mentions a date.
MAX_DATE_LINE = 64
_PATTERNS = [
    (re.compile(rf"^(?P<y>\d{{4}})年\s*(?P<m>\d{{1,2}})月\s*(?P<d>\d{{1,2}})日{_WEEKDAY}{_TIME}$"), False),
    (re.compile(rf"^(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_WEEKDAY}{_TIME}$"), False),
    (re.compile(rf"^(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}){_TIME}$"), True),
]


def parse_date_line(line: str) -> str:
    """ISO date if the whole line is a date, else ''."""
    if len(line) > 4 * MAX_DATE_LINE:
        return ""
    text = normalize_text(line).strip()
    if len(text) > MAX_DATE_LINE:
        return ""
    for pattern, _ in _PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                return ""
    return ""
