"""Figures of the codes: frequencies, codes × groups, the code network.

Bounded whatever the corpus: at most :data:`MAX_CODES` codes and :data:`MAX_GROUPS` groups are drawn
(the tables keep everything).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.charts import bar_height, figure
from .stats import NO_CODE

MAX_CODES = 30
MAX_GROUPS = 40
#: |adjusted residual| beyond which a cell differs at the 5 % level.
SIGNIFICANT = 1.96


def plot_code_frequencies(freq: pd.DataFrame):
    """Share of units each code matched (horizontal bars, most frequent on top); None when no code."""
    data = freq[freq["code"] != NO_CODE].sort_values("units", ascending=False).head(MAX_CODES)
    if data.empty:
        return None
    fig, ax = figure(figsize=(7, bar_height(len(data))))
    ax.barh(data["code"][::-1], data["share"][::-1] * 100, color="#4c72b0")
    for y, (share, n) in enumerate(zip(data["share"][::-1], data["units"][::-1])):
        ax.text(share * 100, y, f" {n}", va="center", fontsize=8)
    ax.set_xlabel(f"単位のうちコードが付いた割合 % (share of {int(freq['n_units'].iloc[0])} units)")
    fig.tight_layout()
    return fig


def plot_crosstab(cells: pd.DataFrame, order: list | None = None):
    """Groups × codes: the share of each group's units coded (colour and number); ▲ / ▼ mark cells
    whose adjusted residual is above +1.96 / below −1.96.  None when there is nothing to draw."""
    if cells.empty:
        return None
    codes = list(dict.fromkeys(cells["code"]))[:MAX_CODES]
    groups = [g for g in (order or list(dict.fromkeys(cells["group"]))) if g in set(cells["group"])][:MAX_GROUPS]
    data = cells[cells["code"].isin(codes) & cells["group"].isin(groups)]
    share = data.pivot(index="group", columns="code", values="share").reindex(index=groups, columns=codes)
    resid = data.pivot(index="group", columns="code", values="residual").reindex(index=groups, columns=codes)
    fig, ax = figure(figsize=(1.6 + 0.62 * len(codes), 1.2 + 0.34 * len(groups)))
    image = ax.imshow(share.to_numpy(float) * 100, aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(len(codes)), codes, rotation=45, ha="right")
    ax.set_yticks(range(len(groups)), [str(g) for g in groups])
    top = np.nanmax(share.to_numpy(float)) if share.size else 0
    for i in range(len(groups)):
        for j in range(len(codes)):
            value, r = share.iat[i, j], resid.iat[i, j]
            if pd.isna(value):
                continue
            mark = "▲" if r > SIGNIFICANT else ("▼" if r < -SIGNIFICANT else "")
            ax.text(j, i, f"{value * 100:.0f}{mark}", ha="center", va="center", fontsize=7,
                    color="white" if top and value > 0.6 * top else "black")
    fig.colorbar(image, ax=ax, label="%", shrink=0.8)
    fig.tight_layout()
    return fig


def plot_code_network(graph, *, seed: int = 0):
    """Codes as circles (area ~ units matched), lines as Jaccard similarity (width ~ similarity).
    None when no two codes share a unit."""
    import networkx as nx

    if graph.number_of_edges() == 0:
        return None
    graph = graph.subgraph([n for n in graph.nodes if graph.degree(n) > 0])
    pos = nx.spring_layout(graph, seed=seed, weight="weight")
    fig, ax = figure(figsize=(7, 6))
    sizes = np.array([graph.nodes[n].get("units", 1) for n in graph.nodes], dtype=float)
    weights = np.array([graph.edges[e]["weight"] for e in graph.edges], dtype=float)
    nx.draw_networkx_edges(graph, pos, ax=ax, width=1 + 6 * weights / weights.max(), edge_color="#999999")
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=200 + 1800 * sizes / max(sizes.max(), 1),
                           node_color="#9ecae1", edgecolors="#3182bd")
    from ..core.fonts import JAPANESE_FAMILY

    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=9, font_family=JAPANESE_FAMILY)
    ax.set_axis_off()
    fig.tight_layout()
    return fig
