"""Saved web pages: recognise them and extract the article text, never the markup.

Uses the standard library's ``html.parser`` (entities are unescaped by it).
Script, style, navigation, forms, embedded frames and ruby readings (``<rt>``,
``<rp>``) are dropped; block elements become paragraph breaks.  The article is
taken from ``<article>``, else ``<main>``, else ``<body>``.  ``<title>``,
Open Graph and ``article:published_time`` metadata are read when present.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# atomic groups: leading comments never backtrack into each other (that was exponential, issue 12)
_HTML_START = re.compile(r"^\s*+(?:<\?xml[^>]*+>\s*+)?(?>(?><!--.*?-->)\s*+)*+(?:<!doctype\s+html|<html[\s>])",
                         re.I | re.S)
_HTML_TAGS = re.compile(r"<(head|body|meta|title|div|p|script)[\s>/]", re.I)

_DROP = {"script", "style", "noscript", "template", "iframe", "svg", "math", "nav", "header", "footer",
         "aside", "form", "button", "select", "textarea", "rt", "rp", "object", "embed", "canvas",
         "video", "audio", "head", "figcaption"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
          "main", "blockquote", "tr", "table", "dd", "dt", "dl", "pre", "hr", "figure", "body"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr", "param", "track"}


def looks_like_html(text: str) -> bool:
    """True for a saved web page (doctype/html start, or several HTML structure tags)."""
    if _HTML_START.match(text[:2000]):
        return True
    return len(set(m.lower() for m in _HTML_TAGS.findall(text[:5000]))) >= 3


@dataclass
class HtmlArticle:
    title: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.drop_depth = 0
        self.title_parts: list[str] = []
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.open_regions: list[str] = []
        self.h1: list[str] = []
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key and attrs.get("content"):
                self.meta.setdefault(key, attrs["content"].strip())
            return
        if tag == "link" and "canonical" in attrs.get("rel", "").lower() and attrs.get("href"):
            self.meta.setdefault("canonical", attrs["href"].strip())
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in _VOID:
            if tag in _BLOCK:
                self._emit("\n")
            return
        self.stack.append(tag)
        if tag in _DROP:
            self.drop_depth += 1
        if tag in self.parts:
            self.open_regions.append(tag)
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in _DROP:
                self.drop_depth -= 1
            if top in self.open_regions:
                self.open_regions.remove(top)
            if top == "h1":
                self.in_h1 = False
            if top in _BLOCK:
                self._emit("\n")
            if top == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.drop_depth:
            return
        if self.in_h1:
            self.h1.append(data)
        self._emit(data)

    def _emit(self, data: str) -> None:
        for region in self.open_regions or []:
            self.parts[region].append(data)
        if not self.open_regions:
            self.parts["body"].append(data)


def _clean(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def extract_html(text: str) -> HtmlArticle:
    """Title, article text (one paragraph per line) and page metadata of a saved web page."""
    parser = _Extractor()
    parser.feed(text)
    parser.close()
    body = ""
    for region in ("article", "main", "body"):
        body = _clean("".join(parser.parts[region]))
        if body:
            break
    title = _clean(" ".join(parser.title_parts)).replace("\n", " ")
    meta = parser.meta
    if not title:
        title = meta.get("og:title", "") or _clean(" ".join(parser.h1)).replace("\n", " ")
    return HtmlArticle(title=title, text=body, meta=meta)
