"""Pasted web text: page furniture, outlet markers and date lines around an article.

A reader who pastes an article from a web page also copies what surrounds it:
skip links, menus, a section name, a photo caption, an AI summary, share
buttons, a copyright line, related-article lists.  :func:`clean_pasted` reads
the lines the way that reader does:

* **furniture** (``data/page_furniture.csv``: whole lines, prefixes,
  substrings; summary blocks with their bullet lines; trailing lists that run
  to the end of the page) leaves the body and goes to ``boilerplate``;
* **date lines** in the common web forms — with a time (``15時20分``,
  ``18:45``), a weekday (``(水)``), ``配信`` / ``更新`` stamps, 令和 years, an
  outlet name before or after, or appended to the headline (``…｜2025.04.15``)
  — give ``published`` (the first one) and leave the body;
* the **title** is a line that looks like one (short, no sentence end, not
  furniture, not a caption or byline, not a site name); when the paste has no
  such line, ``title`` stays empty and the first sentence stays in the body;
* the **outlet** stated in the text: a dateline (``【ワシントン時事】``,
  ``[東京 15日 ロイター] -``), a credit (``（CNN）`` opening the body,
  ``（共同）`` closing it, a ``【時事通信】`` line), an outlet named next to the
  date line (``毎日新聞デジタル　2025/2/2``, a provider line under it), a
  copyright line, ``情報提供元:``; a photo caption's credit is not the
  article's outlet.

Everything removed is kept, in order, in ``boilerplate``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..core.textnorm import normalize_text
from .dates import parse_date_line

_DATE = (r"(?:(?P<y>(?:19|20)\d{2})\s*+[年/.\-]\s*+(?P<m>\d{1,2})\s*+[月/.\-]\s*+(?P<d>\d{1,2})"
         r"(?:日|\s++日(?=\s|$|[(（]))?"  # 14日, 14 日 — not the 日 of a word after a space (2025-06-14 日経平均)
         r"|令和\s*+(?P<ry>\d{1,2}|元)\s*+年\s*+(?P<rm>\d{1,2})\s*+月\s*+(?P<rd>\d{1,2})\s*+日)")
_WEEKDAY = r"(?:\s*+(?:\([月火水木金土日](?:曜日?)?\)|[月火水木金土日]曜日?))?"  # (日), 日曜: not 日 of 日経
_TIME = r"(?:\s*+(?:午前|午後)?\s*+\d{1,2}\s*+(?::|時)\s*+\d{1,2}(?:\s*+分)?(?::\d{2})?)?"
_STAMP = r"(?:\s*+(?:配信|公開|掲載|更新|発行))?"
# possessive \s*+ everywhere: a whitespace run is never split two ways (linear on 40k spaces)
_PAREN = r"(?:\s*+\((?:最終)?更新[^()]{0,30}\))?"
DATE_RX = re.compile(_DATE + _WEEKDAY + _TIME + _STAMP + _PAREN)
_SEPARATORS = " \u3000|｜-—–:：・/"
_CAPTION = re.compile(r"=[^=]{0,40}(?:\([^()]{1,20}\)|撮影)\s*$|=\s*\d{1,2}日、|撮影\)$|^写真[はで:]|\(代表撮影\)")
_BYLINE = re.compile(r"^\((?:[^()]{1,12}(?:部|局|支局|総局|特派員|記者))\s+[^()]{2,10}\)$|^\(([^()]*記者)\)$")
_DATELINE = re.compile(r"^【(?P<b>[^】]{2,24})】|^\[(?P<r>[^\]]{2,40})\]\s*[-−—]?\s*"
                       r"|^\((?P<p>[A-Za-z][A-Za-z .&]{1,15})\)\s*")
_END_CREDIT = re.compile(r"[(【](?P<c>[^()【】]{1,12})[)】]$")
_PROVIDER = re.compile(r"^(?:情報提供元|提供|配信元|出典|記事提供)\s*[:：]\s*(?P<o>.{2,40})$")
_COPYRIGHT_NAME = re.compile(r"(?:©|\(C\)|copyright)\s*(?:\(C\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<o>[^。]*?)\.?"
                             r"\s*(?:All rights reserved\.?|無断転載.*)?$", re.I)
_YEARLESS_DATE = re.compile(r"^\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*\([月火水木金土日]\))?"
                            r"(?:\s*\d{1,2}\s*(?::|時)\s*\d{2}分?)?"
                            r"(?:\s*(?:配信|更新|公開))?$|^\d{1,2}/\d{1,2}(?:\([月火水木金土日]\))?\s+\d{1,2}:\d{2}(?:\s*配信)?$")
_CREDIT_TAIL = re.compile(r"\([^()]{1,10}\)$")
_SENTENCE_END = re.compile(r"[．!?！？][」』)]*$")
_NAV = re.compile(r"^(?:\S{1,8}[\s\u3000]++){2,}\S{1,8}$|\s>\s|^#\S")


@dataclass
class Furniture:
    """The rules of ``data/page_furniture.csv``."""

    lines: dict[str, str] = field(default_factory=dict)      # whole line → role
    prefixes: list[tuple[str, str]] = field(default_factory=list)
    contains: list[tuple[str, str]] = field(default_factory=list)
    outlet_suffixes: tuple[str, ...] = ()

    @classmethod
    def from_rows(cls, rows) -> Furniture:
        f = cls()
        for pattern, match, role in rows:
            pattern = normalize_text(pattern).strip()
            if match == "line":
                f.lines[pattern.casefold()] = role
            elif match == "prefix":
                f.prefixes.append((pattern.casefold(), role))
            elif match == "contains":
                f.contains.append((pattern.casefold(), role))
            elif match == "outlet_suffix":
                f.outlet_suffixes += (pattern,)
        f.prefixes.sort(key=lambda p: -len(p[0]))
        return f

    def role(self, line: str) -> str:
        """'' for a line of the article; else furniture / copyright / block / trailing."""
        key = _n(line).casefold()
        if key in self.lines:
            return self.lines[key]
        for p, role in self.prefixes:
            if key.startswith(p):
                return role
        for p, role in self.contains:
            if p in key:
                return role
        return ""

    def looks_like_outlet(self, text: str) -> bool:
        t = _n(text)
        return 2 <= len(t) <= 30 and not re.search(r"[。、]", t) and t.endswith(self.outlet_suffixes)


@dataclass
class Cleaned:
    lines: list[str]
    boilerplate: list[str]
    title: str = ""
    published: str = ""
    outlet: str = ""
    outlet_evidence: str = ""
    warnings: list[str] = field(default_factory=list)


def _n(text: str) -> str:
    return normalize_text(text).strip()


def find_date(line: str) -> tuple[str, str, str] | None:
    """(ISO date, text before, text after) of the first full date in ``line``, or None."""
    text = _n(line)
    for m in DATE_RX.finditer(text):
        if m.group("y"):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            ry = 1 if m.group("ry") == "元" else int(m.group("ry"))
            y, mo, d = 2018 + ry, int(m.group("rm")), int(m.group("rd"))
        try:
            iso = dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
        return iso, text[:m.start()].strip(_SEPARATORS), text[m.end():].strip(_SEPARATORS)
    return None


def date_line(line: str, furniture: Furniture) -> tuple[str, str] | None:
    """(ISO date, outlet named beside it or '') when ``line`` is a date line, else None."""
    whole = parse_date_line(line)
    if whole:
        return whole, ""
    hit = find_date(line)
    if hit is None:
        return None
    iso, before, after = hit
    rest = " ".join(x for x in (before, after) if x).strip()
    rest = re.sub(r"\((?:NHK|[^()]{0,3})\)$", lambda m: m.group(0), rest)
    paren = re.fullmatch(r"\(([^()]{2,20})\)", rest)
    if paren:
        return iso, ("" if re.search(r"\d|更新", paren.group(1)) else paren.group(1))
    if not rest:
        return iso, ""
    if len(rest) <= 30 and not re.search(r"[。、「」]", rest) and not re.search(r"\d", rest):
        return iso, rest
    return None


def looks_like_title(line: str, furniture: Furniture) -> bool:
    t = _n(line)
    if not (3 <= len(t) <= 120) or "。" in t or _SENTENCE_END.search(t) or furniture.role(line):
        return False
    if _CAPTION.search(t) or _BYLINE.match(t) or _NAV.search(t) or t.startswith(("http://", "https://")):
        return False
    return True


def is_body(line: str) -> bool:
    t = _n(line)
    return "。" in t or bool(_SENTENCE_END.search(t)) or len(t) > 120


def clean_pasted(lines: list[str], furniture: Furniture, outlet_name=None) -> Cleaned:
    """Furniture, dates, title and outlet markers of pasted text (see module docstring).

    ``outlet_name(text)`` returns the canonical outlet of a known alias ('' when
    unknown); it lets a dateline's agency (【ワシントン時事】) be read without
    the place.
    """
    return _Reader(furniture, outlet_name or (lambda _t: "")).read(lines)


_BULLET = ("・", "-", "●", "■", "※", "1", "2", "3")


class _Reader:
    """One pass over the lines: furniture, then the header (dates, title), then the body."""

    def __init__(self, furniture: Furniture, outlet_name):
        self.f = furniture
        self.outlet_name = outlet_name
        self.out = Cleaned(lines=[], boilerplate=[])
        self.outlets: list[tuple[int, str, str]] = []  # (priority, outlet, evidence): lowest priority wins

    def read(self, lines: list[str]) -> Cleaned:
        kept = self.strip_furniture(lines)
        body_start = next((k for k, (_j, line) in enumerate(kept) if is_body(line)), len(kept))
        header = self.read_header(kept[:body_start])
        after_title = self.choose_title(header)
        body = self.read_body(kept[body_start:])
        if self.outlets:
            self.outlets.sort(key=lambda o: o[0])
            self.out.outlet, self.out.outlet_evidence = self.outlets[0][1], self.outlets[0][2]
        self.out.lines = ([self.out.title] if self.out.title else []) + after_title + body
        return self.out

    def _outlet(self, priority: int, name: str, evidence: str) -> None:
        self.outlets.append((priority, self.outlet_name(name) or name, evidence))

    def _names_outlet(self, text: str) -> bool:
        return bool(self.f.looks_like_outlet(text) or self.outlet_name(text))

    # ---------------------------------------------------------------- furniture
    def strip_furniture(self, lines: list[str]) -> list[tuple[int, str]]:
        kept: list[tuple[int, str]] = []
        i, n = 0, len(lines)
        while i < n:
            line, role = lines[i], self.f.role(lines[i])
            if role == "trailing":
                self.out.boilerplate.extend(lines[i:])
                break
            i += 1
            if role == "block":
                self.out.boilerplate.append(line)
                while i < n and self._in_block(lines[i]):
                    self.out.boilerplate.append(lines[i])
                    i += 1
            elif role:
                self._furniture_line(line, role)
            elif m := _PROVIDER.match(_n(line)):
                self._outlet(2, m.group("o").strip(), "provider")
                self.out.boilerplate.append(line)
            else:
                kept.append((i - 1, line))
        return kept

    def _in_block(self, line: str) -> bool:
        t = _n(line)
        return t.startswith(("・", "※")) or (
            (t.startswith(_BULLET) or self.f.role(line) == "furniture") and not is_body(line))

    def _furniture_line(self, line: str, role: str) -> None:
        if role == "copyright":
            m = _COPYRIGHT_NAME.search(_n(line))
            if m and m.group("o").strip(" .,"):
                self.outlets.append((4, m.group("o").strip(" .,"), "copyright"))
        self.out.boilerplate.append(line)

    # ---------------------------------------------------------------- header
    def read_header(self, header: list[tuple[int, str]]) -> list[tuple[int, str]]:
        keep: list[tuple[int, str]] = []
        title_after = [False] * (len(header) + 1)  # a title-like line comes after position k
        for k in range(len(header) - 1, -1, -1):
            title_after[k] = title_after[k + 1] or looks_like_title(header[k][1], self.f)
        for k, (j, line) in enumerate(header):
            dl = date_line(line, self.f)
            if dl:
                self._date_line(header, k, dl, title_after)
            elif not self._header_furniture(line, k):
                keep.append((j, self._title_with_date(line)))
        return keep

    def _date_line(self, header, k: int, dl: tuple[str, str], title_after: list[bool]) -> None:
        line = header[k][1]
        self.out.published = self.out.published or dl[0]
        if dl[1] and (self._names_outlet(dl[1]) or "(" + dl[1] + ")" in _n(line)):
            self._outlet(1, dl[1], "date line")
        self.out.boilerplate.append(line)
        for nb in (k + 1, k - 1):  # a provider line right under (or over) the date line
            if not 0 <= nb < len(header):
                continue
            cand = _n(header[nb][1])
            provider = nb > k and title_after[nb + 1] and len(cand) <= 15 and looks_like_title(cand, self.f)
            if (self._names_outlet(cand) or provider) and not find_date(cand) and len(cand) <= 20:
                self._outlet(1 if nb > k else 3, cand, "line by the date")

    def _header_furniture(self, line: str, k: int) -> bool:
        t = _n(line)
        credit = _CREDIT_TAIL.search(t)
        if _YEARLESS_DATE.match(t) or (_CAPTION.search(t) and not is_body(line)) or (
                credit and not is_body(line) and k > 0 and _is_credit(credit.group(0)[1:-1], self.f,
                                                                       self.outlet_name)):
            self.out.boilerplate.append(line)  # a yearless date, a photo caption (…=22日、東京(共同))
            return True
        return False

    def _title_with_date(self, line: str) -> str:
        hit = find_date(line)
        if hit and looks_like_title(hit[1], self.f) and not hit[2].strip("()"):
            self.out.published = self.out.published or hit[0]  # a date appended to the headline
            self.out.boilerplate.append(_n(line)[len(hit[1]):].strip())
            return hit[1]
        return line

    def choose_title(self, keep: list[tuple[int, str]]) -> list[str]:
        """Pick the headline among the remaining header lines; return the lines kept under it."""
        outlet_lines = {c for _p, c, ev in self.outlets if ev == "line by the date"}
        cands = [(j, t) for j, t in keep if looks_like_title(t, self.f) and _n(t) not in outlet_lines]
        named = [(j, t) for j, t in cands if not (self.f.looks_like_outlet(t) and len(cands) > 1)]
        title_idx = None
        if named:
            # a section or site name above the headline: the headline is the last title-like line,
            # unless one reads 'Title | Blog name' (the blog name repeated below it)
            piped = [j for j, t in named if re.search(r"\s[|｜]\s|\s[|｜]$", t)]
            title_idx = piped[0] if piped else named[-1][0]
        after_title: list[str] = []
        for j, line in keep:
            if title_idx is not None and j > title_idx and not _BYLINE.match(_n(line)) \
                    and _n(line) not in outlet_lines:
                after_title.append(line)  # a blog name or description: the header reader decides
            elif j == title_idx:
                self._set_title(line)
            else:
                self.out.boilerplate.append(line)
        return after_title

    def _set_title(self, line: str) -> None:
        self.out.title = line
        m = re.match(r"^(?P<t>.+?)\s*(?:\s[|｜]\s|｜|\s[-–]\s)\s*(?P<s>[^|｜]{2,30})$", _n(line))
        if m and self._names_outlet(m.group("s")):
            self._outlet(2, m.group("s"), "title line")
            self.out.title = m.group("t")
            self.out.boilerplate.append(m.group("s"))

    # ---------------------------------------------------------------- body
    def read_body(self, rest: list[tuple[int, str]]) -> list[str]:
        body: list[str] = []
        for k, (_j, line) in enumerate(rest):
            t = _n(line)
            if (_CAPTION.search(t) and not is_body(t)) or _BYLINE.match(t):
                self.out.boilerplate.append(line)
                continue
            if not body:
                line = self._first_line(line)
            if k >= len(rest) - 2 and self._end_credit(line, t):
                continue
            dl = date_line(line, self.f) if k == len(rest) - 1 else None
            if dl:  # a date line at the bottom of the page
                self.out.published = self.out.published or dl[0]
                self.out.boilerplate.append(line)
                continue
            body.append(line)
        return body

    def _first_line(self, line: str) -> str:
        """A date and an outlet opening the first body line; a dateline (【ワシントン時事】, (CNN))."""
        t = _n(line)
        lead = find_date(t)
        if lead and not lead[1] and lead[2] and len(lead[2]) > 20:
            self.out.published = self.out.published or lead[0]
            rest = lead[2]
            m = re.match(r"^(\S{2,20}?)\s+(?=【|\[|\()", rest)
            prefix = t[: len(t) - len(rest)].strip()
            if m and self._names_outlet(m.group(1)):
                self._outlet(0, m.group(1), "text")
                prefix += " " + m.group(1)
                rest = rest[m.end():]
            self.out.boilerplate.append(prefix)
            line = rest
        dm = _DATELINE.match(_n(line))
        if dm:
            agency = _agency(dm.group("b") or dm.group("r") or dm.group("p"), self.outlet_name)
            if agency:
                self.outlets.append((0, agency, "dateline"))
        return line

    def _end_credit(self, line: str, t: str) -> bool:
        """（共同） closing the body or 【時事通信】 on its own line; True when the line is only the credit."""
        cm = _END_CREDIT.search(t)
        if not cm or _CAPTION.search(t):
            return False
        agency = _agency(cm.group("c"), self.outlet_name)
        if agency and (t == cm.group(0) or is_body(t[:cm.start()]) or len(t) - len(cm.group(0)) > 10):
            self.outlets.append((0, agency, "credit"))
            if t == cm.group(0):
                self.out.boilerplate.append(line)
                return True
        return False


def _is_credit(text: str, furniture: Furniture, outlet_name) -> bool:
    """A photo credit: an outlet (known, or named like one), 撮影, or a Latin agency name."""
    return bool(outlet_name(text) or furniture.looks_like_outlet(text) or "撮影" in text
                or re.fullmatch(r"[A-Z][A-Za-z.]{1,10}", text))


def _agency(text: str, outlet_name) -> str:
    """The outlet in a dateline or credit: 'ワシントン時事' → 時事, '東京 15日 ロイター' → ロイター."""
    t = _n(text)
    t = re.sub(r"\d{1,2}\s*月?\s*\d{1,2}\s*日|\d{1,2}\s*日", " ", t)
    parts = [p for p in re.split(r"[\s\u3000]+", t) if p]
    if not parts:
        return ""
    last = parts[-1]
    known = outlet_name(last)
    if known:
        return known
    if re.fullmatch(r"[A-Za-z][A-Za-z .&]{1,15}", last):
        return last
    # 【ワシントン時事】: a place, then the agency
    from janome.tokenizer import Tokenizer

    rest = last
    for tok in _janome(Tokenizer).tokenize(last):
        if "地域" not in tok.part_of_speech:
            break
        rest = rest[len(tok.surface):]
    if rest != last and 2 <= len(rest) <= 8:
        return outlet_name(rest) or rest
    if len(parts) == 1 and 2 <= len(last) <= 6 and re.fullmatch(r"[一-龥ァ-ヴー]+", last) and not _is_place(last):
        return last  # （共同）, 【時事通信】: a credit of its own
    return ""


_TOKENIZER: list = []


def _is_place(text: str) -> bool:
    from janome.tokenizer import Tokenizer

    toks = list(_janome(Tokenizer).tokenize(text))
    return bool(toks) and all("地域" in t.part_of_speech for t in toks)


def _janome(cls):
    if not _TOKENIZER:
        _TOKENIZER.append(cls())
    return _TOKENIZER[0]


FURNITURE_FILE = "page_furniture.csv"


def _build_furniture(snap) -> Furniture:
    table = snap.table(FURNITURE_FILE)
    return Furniture.from_rows(zip(table["pattern"], table["match"], table["role"]))


def load_furniture() -> Furniture:
    """``data/page_furniture.csv`` (validated; rebuilt when the file changes)."""
    from ..core.vocab import built

    return built([FURNITURE_FILE], _build_furniture)[1]
