"""The site a page comes from: its outlet from the URL's domain, and the site's name out of its title.

* :func:`outlet_from_url` — ``data/outlet_domains.csv`` (``domain``, ``outlet``; the longest domain the
  host ends with wins: dot.asahi.com before asahi.com), then the domains of ``data/entities.csv``;
  failing both, the site's own name in its domain (``todaiinews`` for www.todaiinews.com: the label
  before the public suffix, never a guess beyond the address).  '' without a URL.
* :func:`strip_site_suffix` — ``タイトル | NHK | 宇宙`` → ``タイトル`` (and ``NHK``): from the first
  separated segment that names an outlet, the rest of the title is the site's furniture when every
  segment from there is short; a trailing ``(読売新聞)`` naming an outlet goes too.

>>> strip_site_suffix("探査機が月面に着陸 | NHK | 宇宙", lambda s: s == "NHK")
('探査機が月面に着陸', 'NHK')
>>> strip_site_suffix("主文は後回しに(東西新聞)", lambda s: s.endswith("新聞"))
('主文は後回しに', '東西新聞')
>>> strip_site_suffix("A | B の話", lambda s: False)
('A | B の話', '')
>>> site_label("https://www.example-news.co.jp/a/1"), site_label("http://news.sample.com/x")
('example-news', 'sample')
>>> date_from_url("https://example.jp/news/2018/09/13/abc.html"), date_from_url("https://example.jp/a/20231128-XY12/")
('2018-09-13', '2023-11-28')
>>> date_from_url("https://example.jp/item/123456789"), date_from_url("https://example.jp/2019/13/40/")
('', '')

* :func:`date_from_url` — the publication date many sites write in the URL's path (``/2018/09/13/``,
  ``/20231128-…``, ``FM20221125``): a valid date between 1990 and today, else ''.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import urlparse

import pandas as pd

DOMAINS = "outlet_domains.csv"
#: second-level labels of country domains (example.co.jp: the site is "example")
_SECOND_LEVEL = {"co", "or", "ne", "ac", "go", "gr", "ed", "lg", "com", "net", "org"}
#: hosts' service prefixes that are not the site's name
_SERVICE = {"www", "news", "m", "sp", "mobile", "amp", "web", "www3", "jp"}
_SEPARATOR = re.compile(r"\s+[|｜│\-–—]\s+|\s*[|｜│]\s*")
_TRAILING_PAREN = re.compile(r"\s*[(（]([^()（）]{2,20})[)）]\s*$")
_URL_YMD = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|\.|$|_|-)")
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d{5})")
#: a site segment of a title is at most this long
SITE_SEGMENT_MAX = 24


def host_of(url: str) -> str:
    """Lower-case host of ``url`` ('' when none)."""
    try:
        return (urlparse(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def domain_outlet(host: str, table: pd.DataFrame) -> str:
    """Outlet of the longest domain of ``table`` that ``host`` is or ends with ('' when none)."""
    best, outlet = "", ""
    for domain, name in zip(table["domain"], table["outlet"]):
        d = str(domain).lower()
        if (host == d or host.endswith("." + d)) and len(d) > len(best):
            best, outlet = d, str(name)
    return outlet


def site_label(url: str) -> str:
    """The site's name in its domain: the label before the public suffix ('' when none)."""
    labels = [x for x in host_of(url).split(".") if x]
    if len(labels) < 2 or all(x.isdigit() for x in labels):
        return ""
    labels = labels[:-1]  # the top-level domain
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL and len(labels[-1]) <= 3:
        labels = labels[:-1]
    while len(labels) > 1 and labels[0] in _SERVICE:
        labels = labels[1:]
    return labels[-1] if labels else ""


def date_from_url(url: str, today: dt.date | None = None) -> str:
    """ISO date written in the path of ``url`` ('' when none, invalid, before 1990 or after ``today``)."""
    try:
        path = urlparse(url.strip()).path
    except ValueError:
        return ""
    today = today or dt.date.today()
    for rx in (_URL_YMD, _URL_COMPACT):
        for m in rx.finditer(path):
            try:
                d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            if dt.date(1990, 1, 1) <= d <= today:
                return d.isoformat()
    return ""


def outlet_from_url(url: str, table: pd.DataFrame, entity_outlet: Callable[[str], str]) -> tuple[str, str]:
    """(outlet, how: ``domain`` / ``site``) of the page at ``url``; ('', '') without a URL."""
    host = host_of(url)
    if not host:
        return "", ""
    name = domain_outlet(host, table) or entity_outlet(url)
    if name:
        return name, "domain"
    label = site_label(url)
    return (label, "site") if label else ("", "")


def strip_site_suffix(title: str, is_outlet: Callable[[str], bool]) -> tuple[str, str]:
    """(title without the site's name and sections after it, the site's name or '')."""
    seps = list(_SEPARATOR.finditer(title))
    for k, sep in enumerate(seps):
        segment = title[sep.end():seps[k + 1].start() if k + 1 < len(seps) else len(title)].strip()
        rest = [title[s.end():(seps[j + 1].start() if j + 1 < len(seps) else len(title))].strip()
                for j, s in enumerate(seps) if j >= k]
        head = title[:sep.start()].strip()
        if head and is_outlet(segment) and all(len(r) <= SITE_SEGMENT_MAX for r in rest):
            return head, segment
    m = _TRAILING_PAREN.search(title)
    if m and title[:m.start()].strip() and is_outlet(m.group(1).strip()):
        return title[:m.start()].strip(), m.group(1).strip()
    return title, ""
