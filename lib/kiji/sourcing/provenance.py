"""Provenance of each article: repost / translation / syndication / credit chain.

``provenance_table(articles)`` builds, from ``corpus.articles`` metadata
(``outlet``, ``outlet_kind``, ``url``, ``origin_outlet``, ``origin_title``,
``origin_url``, ``translator``, ``credits`` and their ``*_source`` columns), a
tidy table with columns:

``article_id``, ``step`` (1, 2, … along the chain), ``from_node``, ``to_node``,
``relation`` (``reposts``, ``translates``, ``syndicates``, ``credits``),
``evidence`` (which metadata field, and where the loader found it).

Rules: the copy (its outlet, or the article id) ``syndicates`` the origin when
the outlet is a news feed, ``translates`` it when the origin title is not
Japanese, and ``reposts`` it otherwise; a translator is ``credits``; a
credit line (e.g. ロイター) is ``credits``; the origin outlet links to its URL.
"""
from __future__ import annotations

import re

import pandas as pd

COLUMNS = ["article_id", "step", "from_node", "to_node", "relation", "evidence"]
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _get(row, col) -> str:
    v = row.get(col, "")
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


def provenance_table(articles: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, row in articles.iterrows():
        aid = _get(row, "article_id")
        here = _get(row, "outlet") or f"記事 {aid[:3]}"
        kind = _get(row, "outlet_kind")
        steps = []
        origin = _get(row, "origin_outlet")
        title = _get(row, "origin_title")
        if origin:
            if kind == "news_feed":
                rel = "syndicates"
            elif title and not _JAPANESE.search(title):
                rel = "translates"
            else:
                rel = "reposts"
            ev = f"origin_outlet ({_get(row, 'origin_outlet_source') or '?'})"
            if title:
                ev += f"; origin_title: {title}"
            steps.append((here, origin, rel, ev))
            if _get(row, "origin_url"):
                steps.append((origin, _get(row, "origin_url"), "reposts",
                              f"origin_url ({_get(row, 'origin_url_source')})"))
        translator = _get(row, "translator")
        if translator:
            steps.append((f"翻訳: {translator}", here, "credits",
                          f"translator ({_get(row, 'translator_source')})"))
            if not origin:
                steps.append((here, "(原文: 不明)", "translates", "translator credit without origin"))
        for credit in [c for c in re.split(r"[;\n]", _get(row, "credits")) if c.strip()]:
            steps.append((here, credit.strip(), "credits", f"credits ({_get(row, 'credits_source')})"))
        for i, (a, b, rel, ev) in enumerate(steps, 1):
            rows.append({"article_id": aid, "step": i, "from_node": a, "to_node": b, "relation": rel,
                         "evidence": ev})
    return pd.DataFrame(rows, columns=COLUMNS)


def provenance_graph(prov: pd.DataFrame):
    """networkx DiGraph of the chains (edge attribute ``relation``)."""
    import networkx as nx

    g = nx.DiGraph()
    for r in prov.itertuples():
        g.add_edge(r.from_node, r.to_node, relation=r.relation)
    return g


def draw_provenance(prov: pd.DataFrame, ax=None):
    """Draw the provenance graph with Japanese labels (call use_japanese_font() first)."""
    import matplotlib.pyplot as plt
    import networkx as nx

    g = provenance_graph(prov)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 7))
    labels = {n: (n if len(n) <= 28 else n[:26] + "…") for n in g.nodes}
    pos: dict = {}
    for row, (_aid, chain) in enumerate(prov.groupby("article_id", sort=True)):
        for r in chain.itertuples():
            if r.from_node not in pos:
                pos[r.from_node] = (0.0 if r.relation != "credits" or r.to_node in pos else 0.0, -row)
            if r.to_node not in pos:
                x = pos[r.from_node][0] + 1.0
                while (x, -row) in pos.values():
                    x += 1.0
                pos[r.to_node] = (x, -row)
    nx.draw_networkx(g, pos, ax=ax, labels=labels, node_color="#cde", node_size=500, font_size=8,
                     font_family=plt.rcParams["font.family"], arrows=True)
    nx.draw_networkx_edge_labels(g, pos, ax=ax, edge_labels=nx.get_edge_attributes(g, "relation"),
                                 font_size=7, font_family=plt.rcParams["font.family"])
    ax.set_axis_off()
    return ax
