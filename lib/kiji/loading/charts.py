"""Charts of the corpus itself (what the corpus notebook shows): articles over time and by group,
article lengths, shared passages.  Each function draws one figure and returns it; none grows
without bound: per article up to :data:`kiji.core.charts.PER_ARTICLE_MAX` articles, by group or as
a distribution beyond.
"""
from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..core.charts import PER_ARTICLE_MAX, bar_height, figure
from .groups import NO_DATE


def plot_articles_over_time(groups: pd.DataFrame):
    """Articles per publication period (day/week/month/year, see :func:`kiji.loading.groups.period_unit`);
    undated articles are counted in the title, not placed on the axis.  None when no article is dated."""
    dated = groups[groups["period"] != NO_DATE]
    if dated.empty:
        return None
    counts = dated["period"].value_counts().sort_index()
    unit = groups.attrs.get("period_unit", "")
    fig, ax = figure(figsize=(10, 3.2))
    ax.bar(range(len(counts)), counts.values, color="#4c72b0")
    step = max(1, len(counts) // 20)
    ax.set_xticks(range(0, len(counts), step), counts.index[::step], rotation=45, ha="right", fontsize=8)
    undated = int((groups["period"] == NO_DATE).sum())
    ax.set_title(f"公開日ごとの記事数 ({unit}; 日付なし {undated} 件は除く)")
    ax.set_ylabel("記事数")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    return fig


def plot_articles_by(groups: pd.DataFrame, column: str = "outlet", k: int = 20):
    """Articles per outlet (or folder): the ``k`` largest groups, the rest summed in one bar."""
    counts = groups[column].replace("", "(なし)").value_counts()
    if len(counts) > k:
        rest = pd.Series({f"その他 ({len(counts) - k + 1})": counts.iloc[k - 1:].sum()})
        counts = pd.concat([counts.head(k - 1), rest])
    fig, ax = figure(figsize=(8, bar_height(len(counts))))
    ax.barh(range(len(counts)), counts.values, color="#55a868")
    ax.set_yticks(range(len(counts)), counts.index, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("記事数")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title({"outlet": "媒体ごとの記事数", "folder": "フォルダ/カテゴリごとの記事数"}.get(column, column))
    fig.tight_layout()
    return fig


def plot_lengths(lengths: pd.DataFrame, labels: pd.Series | None = None):
    """Characters and sentences per article: one bar each up to PER_ARTICLE_MAX articles,
    histograms beyond.  ``lengths``: :func:`kiji.loading.inventory.length_table`."""
    if len(lengths) <= PER_ARTICLE_MAX:
        names = [labels.get(a, a) for a in lengths["article_id"]] if labels is not None else lengths["label"]
        fig, axes = figure(1, 2, figsize=(11, bar_height(len(lengths), 0.45)), sharey=True)
        axes[0].barh(range(len(lengths)), lengths["n_chars"], color="#4c72b0")
        axes[1].barh(range(len(lengths)), lengths["n_sentences"], color="#dd8452")
        axes[0].set_yticks(range(len(lengths)), list(names), fontsize=8)
        axes[0].invert_yaxis()
    else:
        fig, axes = figure(1, 2, figsize=(11, 3.5))
        axes[0].hist(lengths["n_chars"], bins=40, color="#4c72b0")
        axes[1].hist(lengths["n_sentences"], bins=40, color="#dd8452")
        axes[0].set_ylabel("記事数")
    axes[0].set_title("本文の文字数")
    axes[1].set_title("文の数")
    fig.suptitle("記事の長さ")
    fig.tight_layout()
    return fig


def overlap_pairs(shared: pd.DataFrame) -> pd.DataFrame:
    """Article pairs sharing sentences: ``article_id``, ``shared_with``, ``n_sentences`` (of the
    first found in the second), most first.  From :func:`kiji.loading.overlap.shared_sentences`
    (an inverted shingle index: no all-pairs comparison)."""
    if shared.empty:
        return pd.DataFrame(columns=["article_id", "shared_with", "n_sentences"])
    pairs = shared.groupby(["article_id", "shared_with"]).size().rename("n_sentences").reset_index()
    return pairs.sort_values(["n_sentences", "article_id"], ascending=[False, True], ignore_index=True)


def plot_overlap(articles: pd.DataFrame, shared: pd.DataFrame, labels: pd.Series, k: int = 20):
    """Shared sentences between articles: an article × article matrix up to PER_ARTICLE_MAX
    articles; beyond, the ``k`` article pairs sharing most.  None when nothing is shared."""
    pairs = overlap_pairs(shared)
    if pairs.empty:
        return None
    if len(articles) <= PER_ARTICLE_MAX:
        ids = list(articles["article_id"])
        matrix = pd.DataFrame(0, index=ids, columns=ids)
        for r in pairs.itertuples():
            matrix.loc[r.article_id, r.shared_with] = r.n_sentences
        fig, ax = figure(figsize=(0.6 * len(ids) + 4, 0.45 * len(ids) + 2.5))
        im = ax.imshow(matrix.values, cmap="Blues", vmin=0, vmax=max(1, int(matrix.values.max())))
        names = [labels.get(a, a) for a in ids]
        ax.set_xticks(range(len(ids)), names, rotation=45, ha="right", fontsize=7)
        ax.set_yticks(range(len(ids)), names, fontsize=7)
        if len(ids) <= 12:
            for i in range(len(ids)):
                for j in range(len(ids)):
                    if matrix.values[i, j]:
                        ax.text(j, i, int(matrix.values[i, j]), ha="center", va="center", fontsize=8)
        ax.set_title("他の記事と共有する文の数（行の記事 → 列の記事）")
        fig.colorbar(im, ax=ax)
    else:
        top = pairs.head(k)
        names = [f"{labels.get(a, a)} → {labels.get(b, b)}" for a, b in zip(top["article_id"], top["shared_with"])]
        fig, ax = figure(figsize=(10, bar_height(len(top))))
        ax.barh(range(len(top)), top["n_sentences"], color="#4c72b0")
        ax.set_yticks(range(len(top)), names, fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel("共有する文の数")
        ax.set_title(f"文を最も多く共有する記事の組 (上位 {len(top)} / {len(pairs)} 組)")
    fig.tight_layout()
    return fig
