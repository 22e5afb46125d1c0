"""The sentences behind a cell: which sentences made a code match, with the matching words marked.

:func:`matching_sentences` returns ``article_id``, ``sentence_id``, ``unit_id``, ``group``, ``code``,
``text`` (the sentence, ``text_norm``), ``marked`` (the same with each matching word in 【】, for
CSV and print) and ``html`` (HTML-escaped text with ``<mark>`` around the matching words: safe to
display, the article text never reaches a page as markup).

>>> marked_text("核<兵器>の話", [(0, 1), (1, 5)])
'【核<兵器>】の話'
>>> marked_html("核<兵器>の話", [(1, 5)])
'核<mark>&lt;兵器&gt;</mark>の話'
"""
from __future__ import annotations

import html

import pandas as pd

from .match import Coding


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def marked_text(text: str, spans: list[tuple[int, int]], left: str = "【", right: str = "】") -> str:
    """``text`` with each span (merged when they touch) between ``left`` and ``right``."""
    parts, pos = [], 0
    for start, end in _merge(spans):
        parts += [text[pos:start], left, text[start:end], right]
        pos = end
    return "".join(parts + [text[pos:]])


def marked_html(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` HTML-escaped, each span in ``<mark>``."""
    parts, pos = [], 0
    for start, end in _merge(spans):
        parts += [html.escape(text[pos:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        pos = end
    return "".join(parts + [html.escape(text[pos:])])


def matching_sentences(coding: Coding, sentences: pd.DataFrame, code: str | None = None,
                       group: pd.Series | None = None, value: str | None = None,
                       limit: int | None = None) -> pd.DataFrame:
    """Sentences whose words made ``code`` match (every code when None), in units of group ``value``
    of ``group`` (article_id → group; every group when None), at most ``limit`` rows."""
    hits = coding.hits if code is None else coding.hits[coding.hits["code"] == code]
    groups = None
    if group is not None:
        groups = hits["article_id"].map(group.astype(str))
        if value is not None:
            keep = (groups == str(value)).to_numpy()
            hits, groups = hits[keep], groups[keep]
    columns = ["article_id", "sentence_id", "unit_id", "group", "code", "text", "marked", "html"]
    if hits.empty:
        return pd.DataFrame(columns=columns)
    hits = hits.assign(group=groups if groups is not None else "")
    keys = ["article_id", "sentence_id", "unit_id", "group", "code"]
    spans = hits.groupby(keys, sort=False)[["start", "end"]].apply(lambda f: list(zip(f["start"], f["end"])))
    out = spans.rename("spans").reset_index()
    if limit is not None:
        out = out.head(limit)
    text = sentences.set_index(["article_id", "sentence_id"])["text_norm"]
    out["text"] = [text.get((a, s), "") for a, s in zip(out["article_id"], out["sentence_id"])]
    out["marked"] = [marked_text(t, sp) for t, sp in zip(out["text"], out["spans"])]
    out["html"] = [marked_html(t, sp) for t, sp in zip(out["text"], out["spans"])]
    return out[columns]
