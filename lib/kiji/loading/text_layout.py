"""Plain-text article layouts: separate metadata and boilerplate from the body.

Reads what a person reading the file would take as metadata:

* livedoor news corpus format: line 1 URL, line 2 ISO datetime (``+0900``),
  line 3 title (a trailing TAB is dropped), then the body;
* a header: an optional date line, the title (``Title | Blog name`` when the
  next line repeats the blog name), an optional date line after the title, and
  a blog description when the title is repeated below it as a decorated
  heading (``◎Title``);
* a footer, read upwards from the end: a blog comment counter
  (``0 件のコメント:``), a reference URL with its ``【title】`` and
  ``参考文献:`` label, a translator credit (``翻訳:…``), a syndication
  disclaimer (``(これはシンジケート … TechWire24 スタッフ …)``), an English
  source title (``How … - WSJ``);
* in the body: the title repeated as a section heading (``〇Title``) and lines
  that are only an outlet's name (photo credits such as ``ロイター``).

Everything removed from the body is kept, in order, in ``boilerplate``; each
metadata field records where it came from (``header``, ``footer``,
``heuristic``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.entities import EntityTable
from .dates import parse_date_line
from .normalize import normalize_text
from .pasted import clean_pasted, find_date, load_furniture

FIELDS = ["title", "published", "url", "outlet", "outlet_kind", "outlet_description", "origin_outlet",
          "origin_title", "origin_url", "translator", "credits"]

_URL = re.compile(r"^https?://\S+$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")
#: a label before a date that opens the first line (` date 2025-06-14 本文…`, `公開日: 2025/3/2 …`)
_DATE_LABEL = re.compile(r"^(?:date|published|公開日|配信日|掲載日|更新日|投稿日|記事登録|日付)?\s*[:：]?$", re.I)
#: a clock time (with a time zone) right after such a date: `*16:45JST`, `14:05`
_CLOCK = re.compile(r"^\*?\d{1,2}:\d{2}(?::\d{2})?\s*(?:JST|UTC|GMT)?\s*")
_COMMENTS = re.compile(r"^\d+\s*件のコメント\s*:?$")
_REF_LABEL = re.compile(r"^(参考文献|参考|出典|元記事|原文|ソース|source|sources|reference)\s*:?$", re.I)
_BRACKET_TITLE = re.compile(r"^【(.+)】\s*:?$")
_TRANSLATOR = re.compile(r"^(翻訳|訳|翻訳者|translated by)\s*[:/]\s*(.+)$", re.I)
_SYNDICATION = re.compile(r"^\((?=.*(シンジケート|自動生成|syndicat)).*\)$", re.I)
_STAFF = re.compile(r"([A-Za-z0-9][\w.\-]*)\s*スタッフ")
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff]")
_DECORATION = "◎〇○●◯■□◆◇▼▽▲△★☆※・*#=>-\u3000 "
_TOLD_OUTLET = "{alias}(紙|通信|放送)?に(対し|対して)"


@dataclass
class Layout:
    """Result of :func:`read_layout`: body paragraphs plus metadata and what was removed."""

    paragraphs: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    boilerplate: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def set(self, name: str, value: str, source: str) -> None:
        if value and not self.meta.get(name):
            self.meta[name] = value.strip()
            self.sources[name] = source


def _n(line: str) -> str:
    return normalize_text(line).strip()


def _undecorated(line: str) -> str:
    return _n(line).strip(_DECORATION)


def _is_latin_title(line: str) -> bool:
    text = _n(line)
    return not _JAPANESE.search(text) and len(text.split()) >= 3 and not _URL.match(text)


def read_layout(text: str, outlets: EntityTable) -> Layout:
    """Split decoded article ``text`` (LF newlines) into metadata and body paragraphs."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    out = Layout(paragraphs=[])
    if not lines:
        return out
    lines = _date_prefix(lines, out)
    start = _read_livedoor(lines, out)
    if start == 0:
        cleaned = clean_pasted(lines, load_furniture(), outlets.outlet)
        out.boilerplate.extend(cleaned.boilerplate)
        out.set("published", cleaned.published, "header")
        out.set("outlet", cleaned.outlet, "text")
        lines = cleaned.lines
        start = _read_header(lines, out, outlets) if cleaned.title else 0
    end = _read_footer(lines, start, out, outlets)
    _read_body(lines[start:end], out, outlets)
    return out


def _date_prefix(lines: list[str], out: Layout) -> list[str]:
    """A first line that opens with a full date (after at most a label: date, 公開日 …) and goes on
    with text: the date is the publication date, the rest of the line (after a clock time) stays."""
    hit = find_date(lines[0])
    if not hit or not hit[2] or not _DATE_LABEL.match(hit[1]):
        return lines
    rest = _CLOCK.sub("", hit[2]).strip()
    if not rest:
        return lines
    out.set("published", hit[0], "header")
    return [rest, *lines[1:]]


def _read_livedoor(lines: list[str], out: Layout) -> int:
    stamp = _ISO_DATETIME.match(_n(lines[1])) if len(lines) >= 3 else None
    if stamp and _URL.match(lines[0]):
        out.set("url", lines[0], "header")
        out.set("published", stamp.group(1), "header")
        out.set("title", lines[2], "header")
        return 3
    return 0


def _read_header(lines: list[str], out: Layout, outlets: EntityTable) -> int:
    i = 0
    if (date := parse_date_line(lines[i])):
        out.set("published", date, "header")
        out.boilerplate.append(lines[i])
        i += 1
    if i >= len(lines):
        return i
    title = lines[i]
    if " | " in title and i + 1 < len(lines):
        head, _, site = title.rpartition(" | ")
        if _n(site) == _n(lines[i + 1]) or outlets.outlet(site):
            out.set("outlet", site, "header")
            title = head
            if _n(site) == _n(lines[i + 1]):
                out.set("outlet_kind", "blog", "header")
                out.boilerplate.append(lines[i + 1])
                i += 1
    out.set("title", title, "header")
    i += 1
    if i < len(lines) and (date := parse_date_line(lines[i])):
        out.set("published", date, "header")
        out.boilerplate.append(lines[i])
        i += 1
    # a blog description sits between the blog name and the title repeated as a decorated heading
    for j in range(i, min(i + 4, len(lines))):
        if _undecorated(lines[j]) == _n(title) and lines[j] != title:
            if j > i:
                out.set("outlet_description", "\n".join(lines[i:j]), "header")
                out.boilerplate.extend(lines[i:j])
            out.boilerplate.append(lines[j])
            return j + 1
    return i


def _read_footer(lines: list[str], start: int, out: Layout, outlets: EntityTable) -> int:
    end = len(lines)
    removed: list[str] = []
    while end > start + 1:
        line, norm = lines[end - 1], _n(lines[end - 1])
        if _COMMENTS.match(norm):
            out.set("outlet_kind", "blog", "footer")
        elif _URL.match(norm):
            out.set("origin_url", norm, "footer")
            out.set("origin_outlet", outlets.outlet_from_url(norm), "footer")
        elif (m := _BRACKET_TITLE.match(norm)) and out.meta.get("origin_url"):
            out.set("origin_title", m.group(1), "footer")
        elif _REF_LABEL.match(norm):
            pass
        elif m := _TRANSLATOR.match(norm):
            out.set("translator", m.group(2), "footer")
        elif _SYNDICATION.match(norm):
            if staff := _STAFF.search(norm):
                out.set("outlet", staff.group(1), "footer")
            out.set("outlet_kind", "news_feed", "footer")
        elif _is_latin_title(line) and end == len(lines):
            title, outlet = norm, ""
            for sep in (" - ", " | ", " – "):
                head, found, tail = norm.rpartition(sep)
                if found and (outlet := outlets.outlet(tail)):
                    title = head
                    break
            out.set("origin_title", title, "footer")
            out.set("origin_outlet", outlet, "footer")
        else:
            break
        removed.append(line)
        end -= 1
    out.boilerplate.extend(reversed(removed))
    return end


def _read_body(lines: list[str], out: Layout, outlets: EntityTable) -> None:
    title = _n(out.meta.get("title", ""))
    credits = []
    for line in lines:
        if title and _undecorated(line) == title:
            out.boilerplate.append(line)  # the title repeated as a section heading
        elif outlets.outlet(line):
            credits.append(line.strip())
            out.boilerplate.append(line)
        else:
            out.paragraphs.append(line)
    if credits:
        out.set("credits", "; ".join(dict.fromkeys(credits)), "heuristic")
    if not out.meta.get("origin_outlet"):
        body = normalize_text("\n".join(out.paragraphs))
        for alias in outlets.outlet_aliases():
            if re.search(_TOLD_OUTLET.format(alias=re.escape(alias)), body, re.I):
                out.set("origin_outlet", outlets.outlet(alias), "heuristic")
                out.warnings.append(f"origin outlet inferred from 「{alias}…に対し」 in the text")
                break
