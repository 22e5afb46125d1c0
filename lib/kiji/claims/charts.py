"""Figures of the claims ledger, one call per figure (matplotlib; call
``kiji.core.charts.use_japanese_font()`` first).

* :func:`group_values` — each reconciled group's values by article (by
  publication date above ``by_date_above`` articles), with the qualifier range
  as an error bar; groups found in two or more articles, conflicts first,
  at most ``max_groups`` panels.
* :func:`status_counts` — how many groups have each status.
* :func:`kinds_by_article` — claims per unit kind in each article (or month).
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .reconcile import STATUS_ORDER, groups_table

STATUS_COLORS = {"conflicting": "#c0392b", "differs": "#e67e22", "consistent": "#27ae60", "single": "#7f8c8d"}
STATUS_JA = {"conflicting": "矛盾 (conflicting)", "differs": "差異 (differs)", "consistent": "一致 (consistent)",
             "single": "単独 (single)"}


def _labels(articles: pd.DataFrame | None, ids) -> dict[str, str]:
    if articles is None:
        return {a: str(a).split("_")[0] for a in ids}
    from kiji.loading.labels import short_labels
    return short_labels(articles).to_dict()


def shown_groups(claims: pd.DataFrame, max_groups: int = 12) -> list[str]:
    """Group ids drawn by :func:`group_values`: groups from two or more articles,
    conflicts first, then differs, consistent; largest first; at most ``max_groups``."""
    groups = groups_table(claims)
    groups = groups[groups["n_articles"] >= 2]
    return groups["group_id"].head(max_groups).tolist()


def group_values(claims: pd.DataFrame, articles: pd.DataFrame | None = None, *, max_groups: int = 12,
                 by_date_above: int = 25, ncols: int = 3):
    """Small multiples: one panel per group (see :func:`shown_groups`), one point per claim
    at its article (or publication date when the claims come from more than
    ``by_date_above`` articles; undated claims are then left out and counted in the
    panel title), error bar = [low, high] (an open upper end is drawn as an arrow)."""
    gids = shown_groups(claims, max_groups)
    if not gids:
        fig, ax = plt.subplots(figsize=(6, 1.5))
        ax.axis("off")
        ax.text(0.5, 0.5, "複数の記事にまたがる数値のグループはありません", ha="center", va="center")
        return fig
    by_date = claims["article_id"].nunique() > by_date_above
    dates = {}
    if by_date and articles is not None:
        dates = dict(zip(articles["article_id"], pd.to_datetime(articles["published"], errors="coerce")))
    labels = _labels(articles, claims["article_id"].unique())
    nrows = math.ceil(len(gids) / ncols)
    fig, axes = plt.subplots(nrows, min(ncols, len(gids)), figsize=(4.2 * min(ncols, len(gids)), 3.2 * nrows),
                             squeeze=False)
    for ax, gid in zip(axes.flat, gids):
        g = claims[claims["group_id"] == gid].copy()
        status = g["status"].iloc[0]
        color = STATUS_COLORS[status]
        undated = 0
        if by_date:
            g["x"] = g["article_id"].map(dates)
            undated = int(g["x"].isna().sum())
            g = g[g["x"].notna()]
            x = g["x"]
        else:
            order = sorted(g["article_id"].unique())
            pos = {a: i for i, a in enumerate(order)}
            x = g["article_id"].map(pos) + np.linspace(-0.1, 0.1, len(g)) * (len(g) > 1)
            ax.set_xticks(range(len(order)))
            ax.set_xticklabels([labels.get(a, a) for a in order], rotation=30, ha="right", fontsize=8)
            ax.set_xlim(-0.6, len(order) - 0.4)
        high = g["high"].where(np.isfinite(g["high"]), g["value"] * 1.25)
        yerr = np.vstack([(g["value"] - g["low"]).clip(lower=0), (high - g["value"]).clip(lower=0)])
        ax.errorbar(x, g["value"], yerr=yerr, fmt="o", color=color, capsize=4)
        open_up = ~np.isfinite(g["high"])
        if open_up.any():
            ax.plot(x[open_up], high[open_up], marker="^", linestyle="none", color=color)
        unit = g["unit"].iloc[0]
        subject = g["subject_group"].iloc[0]
        place = g["place"].iloc[0] if "place" in g.columns else ""
        title = f"{gid} {subject}{f'・{place}' if place else ''} ({unit})\n{STATUS_JA[status]}"
        if undated:
            title += f"; 日付なし {undated}件は除外"
        ax.set_title(title, fontsize=9)
        ax.set_ylim(bottom=0)
        ax.tick_params(axis="y", labelsize=8)
        if by_date:
            ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    for ax in list(axes.flat)[len(gids):]:
        ax.axis("off")
    fig.suptitle("グループごとの数値 (点 = 記事の値, 縦線 = 修飾語による範囲)")
    fig.tight_layout()
    return fig


def status_counts(claims: pd.DataFrame):
    """Bar chart: number of groups per status."""
    groups = groups_table(claims)
    counts = groups["status"].value_counts().reindex(STATUS_ORDER, fill_value=0)
    fig, ax = plt.subplots(figsize=(6, 2.8))
    ax.barh([STATUS_JA[s] for s in counts.index][::-1], counts.values[::-1],
            color=[STATUS_COLORS[s] for s in counts.index][::-1])
    for i, v in enumerate(counts.values[::-1]):
        ax.text(v, i, f" {v}", va="center", fontsize=9)
    ax.set_xlabel("グループ数")
    ax.set_title("数値グループの照合結果")
    fig.tight_layout()
    return fig


def kinds_by_article(claims: pd.DataFrame, articles: pd.DataFrame | None = None, *, by_date_above: int = 25):
    """Stacked bars: claims per unit kind in each article (per month of publication above
    ``by_date_above`` articles; undated articles under 日付なし)."""
    fig, ax = plt.subplots(figsize=(8, 3.5))
    if claims.empty:
        ax.axis("off")
        ax.text(0.5, 0.5, "数値の主張はありません", ha="center", va="center")
        return fig
    if claims["article_id"].nunique() > by_date_above and articles is not None:
        month = dict(zip(articles["article_id"], articles["published"].fillna("").str[:7]))
        key = claims["article_id"].map(month).replace("", "日付なし")
        xlabel = "公開月"
    else:
        labels = _labels(articles, claims["article_id"].unique())
        key = claims["article_id"].map(lambda a: labels.get(a, a))
        xlabel = "記事"
    table = claims.assign(x=key).groupby(["x", "kind"]).size().unstack(fill_value=0)
    table.plot(kind="bar", stacked=True, ax=ax, width=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("数値の主張の数")
    ax.set_title("記事ごとの数値の種類")
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=8)
    fig.tight_layout()
    return fig
