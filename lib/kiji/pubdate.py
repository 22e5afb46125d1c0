"""Publication dates written as a line of their own (header dates), to ISO ``YYYY-MM-DD``.

Accepted: ``2024年11月18日`` (optionally with a weekday such as ``月曜日`` or
``(月)`` and a time), ``2024-11-18`` / ``2024/11/18`` / ``2024.11.18`` (with an
optional ISO time and offset), and ``25.11.2024`` (day.month.year, the European
and Russian convention).  A line that is anything more than a date is not a
date line.  Invalid calendar dates are rejected, never corrected.
"""
from __future__ import annotations

import datetime as dt
import re

from .normalize import normalize_text

_WEEKDAY = r"(\s*[(（]?[月火水木金土日](曜日?)?[)）]?)?"
_TIME = r"(\s*T?\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
_PATTERNS = [
    (re.compile(rf"^(?P<y>\d{{4}})年\s*(?P<m>\d{{1,2}})月\s*(?P<d>\d{{1,2}})日{_WEEKDAY}{_TIME}$"), False),
    (re.compile(rf"^(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_WEEKDAY}{_TIME}$"), False),
    (re.compile(rf"^(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}){_TIME}$"), True),
]


def parse_date_line(line: str) -> str:
    """ISO date if the whole line is a date, else ''."""
    text = normalize_text(line).strip()
    for pattern, _ in _PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                return ""
    return ""
