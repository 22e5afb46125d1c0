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

_DATE = (r"(?:(?P<y>(?:19|20)\d{2})\s*[年/.\-]\s*(?P<m>\d{1,2})\s*[月/.\-]\s*(?P<d>\d{1,2})\s*日?"
         r"|令和\s*(?P<ry>\d{1,2}|元)\s*年\s*(?P<rm>\d{1,2})\s*月\s*(?P<rd>\d{1,2})\s*日)")
_WEEKDAY = r"(?:\s*\(?[月火水木金土日](?:曜日?)?\)?)?"
_TIME = r"(?:\s*(?:午前|午後)?\s*\d{1,2}\s*(?::|時)\s*\d{1,2}(?:\s*分)?(?::\d{2})?)?"
_STAMP = r"(?:\s*(?:配信|公開|掲載|更新|発行))?"
_PAREN = r"(?:\s*\((?:最終)?更新[^()]{0,30}\))?"
DATE_RX = re.compile(_DATE + _WEEKDAY + _TIME + _STAMP + _PAREN)
_SEPARATORS = " \u3000|｜-—–:：・/"
_CAPTION = re.compile(r"=[^=]{0,40}(?:\([^()]{1,20}\)|撮影)\s*$|=\s*\d{1,2}日、|撮影\)$|^写真[はで:]|\(代表撮影\)")
_BYLINE = re.compile(r"^\((?:[^()]{1,12}(?:部|局|支局|総局|特派員|記者))\s+[^()]{2,10}\)$|^\(([^()]*記者)\)$")
_DATELINE = re.compile(r"^【(?P<b>[^】]{2,24})】|^\[(?P<r>[^\]]{2,40})\]\s*[-−—]?\s*|^\((?P<p>[A-Za-z][A-Za-z .&]{1,15})\)\s*")
_END_CREDIT = re.compile(r"[(【](?P<c>[^()【】]{1,12})[)】]$")
_PROVIDER = re.compile(r"^(?:情報提供元|提供|配信元|出典|記事提供)\s*[:：]\s*(?P<o>.{2,40})$")
_COPYRIGHT_NAME = re.compile(r"(?:©|\(C\)|copyright)\s*(?:\(C\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<o>[^。]*?)\.?"
                             r"\s*(?:All rights reserved\.?|無断転載.*)?$", re.I)
_YEARLESS_DATE = re.compile(r"^\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*\([月火水木金土日]\))?(?:\s*\d{1,2}\s*(?::|時)\s*\d{2}分?)?"
                            r"(?:\s*(?:配信|更新|公開))?$|^\d{1,2}/\d{1,2}(?:\([月火水木金土日]\))?\s+\d{1,2}:\d{2}(?:\s*配信)?$")
_CREDIT_TAIL = re.compile(r"\([^()]{1,10}\)$")
_SENTENCE_END = re.compile(r"[．!?！？][」』)]*$")
_NAV = re.compile(r"^(?:\S{1,8}[\s\u3000]+){2,}\S{1,8}$|\s>\s|^#\S")


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
    outlet_name = outlet_name or (lambda _t: "")
    out = Cleaned(lines=[], boilerplate=[])
    kept: list[tuple[int, str]] = []
    i, n = 0, len(lines)
    outlets: list[tuple[int, str, str]] = []  # (priority, outlet, evidence)
    while i < n:
        line = lines[i]
        role = furniture.role(line)
        if role == "trailing":
            out.boilerplate.extend(lines[i:])
            break
        if role == "block":
            out.boilerplate.append(line)
            i += 1
            while i < n and (_n(lines[i]).startswith(("・", "-", "●", "■", "※", "1", "2", "3"))
                             or furniture.role(lines[i]) == "furniture") and not is_body(lines[i]) \
                    or (i < n and _n(lines[i]).startswith(("・", "※"))):
                out.boilerplate.append(lines[i])
                i += 1
            continue
        if role == "copyright":
            m = _COPYRIGHT_NAME.search(_n(line))
            if m and m.group("o").strip(" .,"):
                outlets.append((4, m.group("o").strip(" .,"), "copyright"))
            out.boilerplate.append(line)
            i += 1
            continue
        if role:
            out.boilerplate.append(line)
            i += 1
            continue
        m = _PROVIDER.match(_n(line))
        if m:
            outlets.append((2, m.group("o").strip(), "provider"))
            out.boilerplate.append(line)
            i += 1
            continue
        kept.append((i, line))
        i += 1
    # dates, captions, bylines, outlet lines, title
    body_start = next((k for k, (_j, l) in enumerate(kept) if is_body(l)), len(kept))
    header, rest = kept[:body_start], kept[body_start:]
    title_idx = None
    keep_header: list[tuple[int, str]] = []
    title_after = [False] * (len(header) + 1)  # a title-like line comes after position k
    for k in range(len(header) - 1, -1, -1):
        title_after[k] = title_after[k + 1] or looks_like_title(header[k][1], furniture)
    for k, (j, line) in enumerate(header):
        dl = date_line(line, furniture)
        if dl:
            out.published = out.published or dl[0]
            if dl[1] and (furniture.looks_like_outlet(dl[1]) or outlet_name(dl[1])
                          or re.search(r"\(" + re.escape(dl[1]) + r"\)", _n(line))):
                outlets.append((1, outlet_name(dl[1]) or dl[1], "date line"))
            out.boilerplate.append(line)
            # a provider line right under (or over) the date line
            for nb in (k + 1, k - 1):
                if 0 <= nb < len(header):
                    cand = header[nb][1]
                    later_title = nb > k and title_after[nb + 1]
                    if (furniture.looks_like_outlet(cand) or outlet_name(cand)
                            or (later_title and len(_n(cand)) <= 15 and looks_like_title(cand, furniture))) \
                            and not find_date(cand) and len(_n(cand)) <= 20:
                        outlets.append((1 if nb > k else 3, outlet_name(cand) or _n(cand), "line by the date"))
            continue
        if _YEARLESS_DATE.match(_n(line)):
            out.boilerplate.append(line)  # a date without a year: no ISO date can be given
            continue
        if _CAPTION.search(_n(line)) and not is_body(line):
            out.boilerplate.append(line)  # a photo caption (…＝22日、東京(共同))
            continue
        credit = _CREDIT_TAIL.search(_n(line))
        if credit and not is_body(line) and k > 0 and _is_credit(credit.group(0)[1:-1], furniture, outlet_name):
            out.boilerplate.append(line)  # a photo caption with its credit (…本部(ロイター)); not 見出し(続報)
            continue
        hit = find_date(line)
        if hit and looks_like_title(hit[1], furniture) and not hit[2].strip("()"):
            out.published = out.published or hit[0]  # date appended to the headline
            keep_header.append((j, hit[1]))
            out.boilerplate.append(_n(line)[len(hit[1]):].strip())
            continue
        keep_header.append((j, line))
    outlet_lines = {_n(c) for _p, c, ev in outlets if ev == "line by the date"}
    cands = [(j, l) for j, l in keep_header
             if looks_like_title(l, furniture) and _n(l) not in outlet_lines]
    named = [(j, l) for j, l in cands if not (furniture.looks_like_outlet(l) and len(cands) > 1)]
    if named:
        # several title-like lines above the body (a section or site name, then the headline):
        # the headline is the last of them
        title_idx = named[-1][0]
        piped = [j for j, l in named if re.search(r"\s[|｜]\s|\s[|｜]$", l)]
        if piped:
            title_idx = piped[0]  # 'Title | Blog name' with the blog name repeated below
    after_title: list[str] = []
    for j, line in keep_header:
        if title_idx is not None and j > title_idx and not _BYLINE.match(_n(line)) \
                and _n(line) not in outlet_lines:
            after_title.append(line)  # a blog name or description under the title: the header reader decides
            continue
        if j == title_idx:
            out.title = line
            m = re.match(r"^(?P<t>.+?)\s*(?:\s[|｜]\s|｜|\s[-–]\s)\s*(?P<s>[^|｜]{2,30})$", _n(line))
            if m and (furniture.looks_like_outlet(m.group("s")) or outlet_name(m.group("s"))):
                outlets.append((2, outlet_name(m.group("s")) or m.group("s"), "title line"))
                out.title = m.group("t")
                out.boilerplate.append(m.group("s"))
        else:
            out.boilerplate.append(line)
    # the body: a date or credit on the first line, datelines, end credits, captions, bylines
    body: list[str] = []
    for k, (j, line) in enumerate(rest):
        t = _n(line)
        if _CAPTION.search(t) and not is_body(t) or _BYLINE.match(t):
            out.boilerplate.append(line)
            continue
        if not body:
            lead = find_date(t)
            if lead and not lead[1] and lead[2] and len(lead[2]) > 20:
                out.published = out.published or lead[0]
                t2 = lead[2]
                m = re.match(r"^(\S{2,20}?)\s+(?=【|\[|\()", t2)
                if m and (furniture.looks_like_outlet(m.group(1)) or outlet_name(m.group(1))):
                    outlets.append((0, outlet_name(m.group(1)) or m.group(1), "text"))
                    t2 = t2[m.end():]
                out.boilerplate.append(t[: len(t) - len(lead[2])].strip() + (" " + m.group(1) if m else ""))
                line = t2
            dm = _DATELINE.match(_n(line))
            if dm:
                agency = _agency(dm.group("b") or dm.group("r") or dm.group("p"), outlet_name)
                if agency:
                    outlets.append((0, agency, "dateline"))
        cm = _END_CREDIT.search(t) if k >= len(rest) - 2 else None
        if cm and not _CAPTION.search(t):
            agency = _agency(cm.group("c"), outlet_name)
            if agency and (t == cm.group(0) or is_body(t[:cm.start()]) or len(t) - len(cm.group(0)) > 10):
                outlets.append((0, agency, "credit"))
                if t == cm.group(0):
                    out.boilerplate.append(line)
                    continue
        dl = date_line(line, furniture) if k == len(rest) - 1 else None
        if dl:  # a date line at the bottom of the page
            out.published = out.published or dl[0]
            out.boilerplate.append(line)
            continue
        body.append(line)
    if outlets:
        outlets.sort(key=lambda o: o[0])
        out.outlet, out.outlet_evidence = outlets[0][1], outlets[0][2]
    out.lines = ([out.title] if out.title else []) + after_title + body
    return out


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


_TOKENIZER = []


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
