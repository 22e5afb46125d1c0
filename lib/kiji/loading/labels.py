"""One labelling scheme for articles in every chart and table: outlet + date + a few title
characters, unique within the corpus.

``"WSJ 2024-11-19 ロシアと中…"``: the outlet that published this copy (or the one it reposts when
the copy names none), the publication date (left out when unknown: never guessed), then the
title's first characters.  When two articles would get the same label, more title characters
are added; if still equal, ``#2``, ``#3`` … in article order.  Never a slice of the file name.
"""
from __future__ import annotations

import pandas as pd


def _clean(text) -> str:
    return " ".join(str(text or "").split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 1)] + "…"


def article_labels(articles: pd.DataFrame, title_chars: int = 8, max_title_chars: int = 24) -> pd.Series:
    """Label of each article (Series indexed by ``article_id``, in the order of ``articles``)."""
    ids = [str(a) for a in articles["article_id"]]
    empty = pd.Series([""] * len(articles))
    def col(name):
        return articles[name].fillna("").astype(str).tolist() if name in articles else empty.tolist()
    outlets = [_clean(o) or _clean(origin) for o, origin in zip(col("outlet"), col("origin_outlet"))]
    dates = [str(d)[:10] for d in col("published")]
    titles = [_clean(t) for t in col("title")]

    def make(i: int, width: int) -> str:
        title = _cut(titles[i], width) if titles[i] else ids[i]
        return " ".join(p for p in (_cut(outlets[i], 12), dates[i], title) if p)

    labels = [make(i, title_chars) for i in range(len(ids))]
    width = title_chars
    while width < max_title_chars:
        seen: dict[str, list[int]] = {}
        for i, lab in enumerate(labels):
            seen.setdefault(lab, []).append(i)
        clashes = [i for group in seen.values() if len(group) > 1 for i in group]
        if not clashes:
            break
        width = min(width * 2, max_title_chars)
        for i in clashes:
            labels[i] = make(i, width)
    counts: dict[str, int] = {}
    final = []
    for lab in labels:
        counts[lab] = counts.get(lab, 0) + 1
        final.append(lab if counts[lab] == 1 else f"{lab} #{counts[lab]}")
    # a "#2" label could equal another article's own label: number until unique
    taken = set()
    for i, lab in enumerate(final):
        base, n = lab, 1
        while lab in taken:
            n += 1
            lab = f"{base} #{n}"
        taken.add(lab)
        final[i] = lab
    return pd.Series(final, index=pd.Index(ids, name="article_id"), name="label")


def short_labels(articles: pd.DataFrame, width: int = 16) -> pd.Series:
    """Alias of :func:`article_labels` (kept for older notebooks): ``width`` is ignored."""
    return article_labels(articles)
