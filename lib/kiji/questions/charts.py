"""Figures for comparing groups: distinctive words, the correspondence-analysis map, the dendrogram,
topic shares and rising words.  Every function takes a table of this sub-package and returns a
matplotlib Figure (``None`` when there is nothing to draw); Japanese renders with the bundled font
(:func:`kiji.core.charts.use_japanese_font`) and point labels are moved apart with adjustText.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kiji.core.charts import bar_height, figure

#: Most leaves a dendrogram draws one by one.
MAX_LEAVES = 60

#: Iterations adjustText may spend moving the labels of one pass (a count, not seconds: the same
#: chart on a busy machine and on a quiet one).
LABEL_ITERATIONS = 80




def plot_biplot(ca, *, title: str = "", row_kind: str = "語 (words)", column_kind: str = "グループ (groups)"):
    """Symmetric map of a :func:`kiji.questions.correspondence.correspondence` result: rows (words or
    codes) as small blue dots, columns (groups) as red triangles with bold labels; axis titles give
    each axis's share of the inertia.  The figure grows with the number of labels (up to 40 groups
    + 60 words stay legible).  Label placement is deterministic (iterations, not seconds)."""
    rows, cols = ca.rows(), ca.columns()
    if rows.empty or cols.empty:
        return None
    n_labels = len(rows) + len(cols)
    side = min(8 + 0.08 * n_labels, 18)
    fig, ax = figure(figsize=(side, side * 0.8))
    ax.axhline(0, color="0.85", lw=0.8, zorder=0)
    ax.axvline(0, color="0.85", lw=0.8, zorder=0)
    size = 12 + 60 * np.sqrt(rows["mass"] / rows["mass"].max())
    ax.scatter(rows["dim1"], rows["dim2"], s=size, color="tab:blue", alpha=0.45, lw=0, label=row_kind)
    ax.scatter(cols["dim1"], cols["dim2"], s=60, color="tab:red", marker="^", label=column_kind)
    share = ca.inertia["share"].tolist() + [0.0, 0.0]
    ax.set_xlabel(f"第1軸 / axis 1 ({100 * share[0]:.1f}%)")
    ax.set_ylabel(f"第2軸 / axis 2 ({100 * share[1]:.1f}%)")
    ax.set_title(title or "対応分析 (correspondence analysis)")
    ax.legend(loc="upper right", fontsize=8)
    xs, ys = list(rows["dim1"]) + list(cols["dim1"]), list(rows["dim2"]) + list(cols["dim2"])
    _set_limits(ax, xs, ys)
    fig.tight_layout(rect=(0, 0.02, 1, 1))  # before the labels are placed: placing measures the final layout
    small = 8 if n_labels > 60 else 9
    texts = [ax.text(x, y, lab, fontsize=small, color="navy") for x, y, lab in
             zip(rows["dim1"], rows["dim2"], rows["label"])]
    groups = [ax.text(x, y, lab, fontsize=small + 1.5, color="darkred",
                      bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "darkred", "lw": 0.4, "alpha": 0.85})
              for x, y, lab in zip(cols["dim1"], cols["dim2"], cols["label"])]
    labels = texts + groups
    by_mass = [texts[i] for i in np.argsort(-rows["mass"].to_numpy())]
    _spread(ax, labels, xs, ys)
    for _ in range(2):  # more passes with the labels that could not be placed hidden: fewer labels settle apart
        if not _hide_overlapping(fig, groups, by_mass) and not _overlaps(fig, groups):
            break
        for patch in list(ax.patches):
            patch.remove()
        shown = [i for i, t in enumerate(labels) if t.get_visible()]
        for t in texts:
            t.set_visible(True)
        _spread(ax, [labels[i] for i in shown], [xs[i] for i in shown], [ys[i] for i in shown])
    _separate(fig, groups)  # what adjustText left overlapping among the groups, moved apart step by step
    hidden = _hide_overlapping(fig, groups, by_mass)
    for patch in ax.patches:  # a group label's line to its point in the group's colour
        if getattr(patch, "patchA", None) in groups:
            patch.set_color("darkred")
            patch.set_linewidth(0.8)
    if hidden:
        fig.text(0.01, 0.005, f"重なる語ラベル {hidden} 個を省略 ({hidden} word labels hidden where they would overlap;"
                 " every word is in the table)", fontsize=7, color="0.4", va="bottom")
    return fig


def _set_limits(ax, xs, ys) -> None:
    pad_x = (max(xs) - min(xs)) * 0.08 or 0.1
    pad_y = (max(ys) - min(ys)) * 0.08 or 0.1
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)


def _spread(ax, texts, xs, ys) -> None:
    from adjustText import adjust_text

    if len(texts) > 1:
        # the points are both obstacles and the targets of the leader lines (by default adjustText
        # joins a label to where it was before this call, i.e. after an earlier pass)
        adjust_text(texts, x=xs, y=ys, target_x=xs, target_y=ys, ax=ax, iter_lim=LABEL_ITERATIONS,
                    expand=(1.08, 1.3), arrowprops={"arrowstyle": "-", "color": "0.45", "lw": 0.6})


def _separate(fig, texts: list, steps: int = 40) -> None:
    """Move each of ``texts`` that overlaps an earlier one (in order) to the nearest free place
    (up, down, right, left in growing steps of its own height), inside the axes, and its leader line
    with it.  Deterministic: the same figure always gives the same places."""
    if not texts:
        return
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    frame = ax.get_window_extent(renderer)
    placed: list = []
    to_data = ax.transData.inverted()
    for text in texts:
        box = text.get_window_extent(renderer)
        if any(box.overlaps(other) for other in placed):
            h, w = box.height * 1.1, box.width * 0.5
            for k in range(1, steps + 1):
                moved = [box.translated(dx, dy) for dx, dy in ((0, k * h), (0, -k * h), (k * w, 0), (-k * w, 0))]
                free = [b for b in moved if not any(b.overlaps(o) for o in placed)
                        and frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1]
                if free:
                    dx, dy = free[0].x0 - box.x0, free[0].y0 - box.y0
                    x, y = ax.transData.transform(text.get_position())
                    new = tuple(to_data.transform((x + dx, y + dy)))
                    text.set_position(new)
                    for patch in ax.patches:
                        if getattr(patch, "patchA", None) is text:
                            patch.set_positions(new, None)
                    box = free[0]
                    break
        placed.append(box)


def _hide_overlapping(fig, keep: list, optional: list) -> int:
    """Hide the labels of ``optional`` (in order of importance) that overlap a label already shown;
    ``keep`` labels are always shown.  Returns how many were hidden."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    shown = [t.get_window_extent(renderer) for t in keep]
    hidden = 0
    for text in optional:
        box = text.get_window_extent(renderer)
        if any(box.overlaps(other) for other in shown):
            text.set_visible(False)
            for patch in text.axes.patches:  # adjustText's line from the label to its point
                if getattr(patch, "patchA", None) is text:
                    patch.set_visible(False)
            hidden += 1
        else:
            shown.append(box)
    return hidden


def _overlaps(fig, texts) -> int:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts if t.get_text() and t.get_visible()]
    return sum(1 for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j]))


def overlapping_labels(fig) -> int:
    """Pairs of visible text labels of ``fig``'s first axes whose boxes overlap (a readability check)."""
    return _overlaps(fig, fig.axes[0].texts)


def plot_distinctive(table: pd.DataFrame, n: int = 10, *, order: list | None = None, max_panels: int = 12):
    """Bar charts of each group's ``n`` most distinctive over-used words (G²) from
    :func:`kiji.questions.distinctive.distinctive_words`, at most ``max_panels`` groups (in ``order``)."""
    from kiji.terms.frequency import plot_keyness

    if table.empty or not (table["direction"] == "over").any():
        return None
    kn = table.rename(columns={"group": "article_id", "word": "term", "g2": "log_likelihood"})
    return plot_keyness(kn, n, order=order, max_panels=max_panels)


def plot_dendrogram(tree, *, title: str = ""):
    """Dendrogram of a :func:`kiji.questions.clusters.cluster_groups` result, leaves labelled, one
    colour per cluster of ``tree.k``."""
    from scipy.cluster.hierarchy import dendrogram

    n = len(tree.labels)
    if n < 2:
        return None
    shown = min(n, MAX_LEAVES)
    fig, ax = figure(figsize=(9, bar_height(shown, per_bar=0.28, cap=MAX_LEAVES)))
    cut = tree.linkage[-(tree.k - 1), 2] if tree.k > 1 else None
    # beyond MAX_LEAVES leaves (e.g. thousands of articles) the tree is cut to its last MAX_LEAVES
    # clusters, each labelled with its size "(n)"; the membership table still lists every leaf
    extra = {"truncate_mode": "lastp", "p": MAX_LEAVES, "show_contracted": True} if n > MAX_LEAVES else {}
    dendrogram(tree.linkage, labels=list(tree.labels), orientation="left", ax=ax,
               color_threshold=cut if cut is not None else 0, above_threshold_color="0.5",
               leaf_font_size=9 if shown <= 40 else 7, **extra)
    ax.set_xlabel(f"距離 / distance ({tree.metric}, {tree.method})")
    ax.set_title(title or f"クラスター分析 (hierarchical clustering, {tree.k} clusters)")
    fig.tight_layout()
    return fig


def plot_topic_shares(shares: pd.DataFrame, terms: pd.DataFrame | None = None, *, order: list | None = None):
    """Heat map of topic shares by group (:func:`kiji.questions.topics.topic_shares`): one row per group,
    one column per topic, labelled with the topic's top words when ``terms`` is given."""
    if shares.empty:
        return None
    wide = shares.pivot(index="group", columns="topic", values="share").fillna(0)
    if order:
        wide = wide.reindex([g for g in order if g in wide.index])
    names = {t: f"{t}" for t in wide.columns}
    if terms is not None and not terms.empty:
        top = terms.sort_values(["topic", "rank"]).groupby("topic")["word"].apply(lambda w: "・".join(w.head(3)))
        names = {t: f"{t}: {top.get(t, '')}" for t in wide.columns}
    fig, ax = figure(figsize=(min(4 + 1.1 * len(wide.columns), 18), bar_height(len(wide), cap=45)))
    im = ax.imshow(wide.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    ax.set_yticks(range(len(wide)), [str(g) for g in wide.index], fontsize=8 if len(wide) > 25 else 9)
    ax.set_xticks(range(len(wide.columns)), [names[t] for t in wide.columns], rotation=40, ha="right", fontsize=8)
    if len(wide) * len(wide.columns) <= 400:
        for (i, j), v in np.ndenumerate(wide.to_numpy()):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7, color="white" if v > 0.5 else "black")
    fig.colorbar(im, ax=ax, fraction=0.03, label="share of the group's words")
    ax.set_title("トピックの構成比 (topic shares by group)")
    fig.tight_layout()
    return fig


def plot_rising(trend: pd.DataFrame, words: list[str], *, ncols: int = 3):
    """Rate per 10,000 content words of ``words`` in each period (:func:`kiji.questions.trends.word_trend`),
    one small panel per word."""
    if trend.empty or not words:
        return None
    nrows = math.ceil(len(words) / ncols)
    fig, axes = figure(nrows, ncols, figsize=(4.2 * ncols, 2.4 * nrows), squeeze=False, sharex=True)
    periods = list(dict.fromkeys(trend.sort_values("period")["period"]))
    for ax, word in zip(axes.flat, words):
        w = trend[trend["word"] == word].set_index("period").reindex(periods)
        ax.plot(range(len(periods)), w["per_10k"].fillna(0), marker="o", ms=3, color="tab:green")
        ax.set_title(word, fontsize=10)
        ax.set_ylabel("per 10k", fontsize=8)
    step = max(1, len(periods) // 8)
    for ax in axes.flat:
        ax.set_xticks(range(0, len(periods), step), periods[::step], rotation=45, ha="right", fontsize=7)
    for ax in list(axes.flat)[len(words):]:
        ax.axis("off")
    fig.tight_layout()
    return fig
