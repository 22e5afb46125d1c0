"""Charts of escalation framing, per article up to PER_ARTICLE_MAX articles and per group beyond
(``group`` maps ``article_id`` to an article label or a group, see
:func:`kiji.loading.groups.group_of`).  One function per figure; each returns the figure, or None
when there is nothing to draw."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.charts import bar_height, figure
from .lexicon import MODALITIES, MODALITY_JA

STYLES = {"act": ("o", "tab:red", 0.0), "threat": ("^", "tab:orange", 0.15),
          "conditional": ("D", "tab:purple", 0.3), "possibility": ("o", "tab:blue", 0.45)}


def _grouped(frame: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    return frame.assign(group=frame["article_id"].astype(str).map(group).fillna("?"))


def plot_ladder(esc: pd.DataFrame, group: pd.Series, order: list[str], levels: pd.DataFrame):
    """Which rungs each article (group) reaches and how: marker shape/colour = modality, size = matches."""
    if esc.empty:
        return None
    g = _grouped(esc, group)
    lad = g.groupby(["group", "level", "modality"]).size().rename("n").reset_index()
    cols = [o for o in order if o in set(lad["group"])]
    x_of = {c: i for i, c in enumerate(cols)}
    fig, ax = figure(figsize=(max(7, 0.55 * len(cols) + 4), 6))
    scale = 60 / max(1.0, float(np.sqrt(lad["n"].max())))
    for mod, (marker, color, dx) in STYLES.items():
        d = lad[lad["modality"] == mod]
        if d.empty:
            continue
        ax.scatter([x_of[c] - 0.22 + dx for c in d["group"]], d["level"], s=20 + scale * np.sqrt(d["n"]) * 4,
                   marker=marker, facecolors="none" if mod == "possibility" else color, edgecolors=color,
                   label=MODALITY_JA[mod])
    ax.set_xticks(range(len(cols)), cols, rotation=45, ha="right", fontsize=7)
    ax.set_yticks(levels["level"], [f"{lv} {j}" for lv, j in zip(levels["level"], levels["label_ja"])], fontsize=8)
    ax.axhline(1.5, color="grey", lw=0.8, ls="--")
    ax.set_title("エスカレーション段階とモダリティ")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    fig.tight_layout()
    return fig


def plot_actor_heat(actor_counts: pd.DataFrame, k: int = 15):
    """Actor × category heat map of :func:`kiji.escalation.summaries.actor_category_counts`, the ``k``
    actors cast most often as escalating."""
    if actor_counts.empty:
        return None
    heat = actor_counts.pivot_table(index="actor", columns="category_ja", values="n", aggfunc="sum", fill_value=0)
    heat = heat.loc[heat.sum(axis=1).sort_values(ascending=False, kind="stable").index[:k]]
    heat = heat[heat.sum().sort_values(ascending=False).index[:15]]
    fig, ax = figure(figsize=(10, bar_height(len(heat), 0.4)))
    im = ax.imshow(heat.values, cmap="Reds", aspect="auto")
    ax.set_xticks(range(heat.shape[1]), heat.columns, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(heat.shape[0]), heat.index, fontsize=8)
    for i in range(heat.shape[0]):
        for j in range(heat.shape[1]):
            if heat.values[i, j]:
                ax.text(j, i, int(heat.values[i, j]), ha="center", va="center", fontsize=7)
    fig.colorbar(im, ax=ax, label="件数")
    ax.set_title(f"エスカレーションの主体 (上位 {len(heat)}) × カテゴリー")
    fig.tight_layout()
    return fig


def modality_mix(esc: pd.DataFrame, group: pd.Series, order: list[str]) -> pd.DataFrame:
    """Share of each modality among escalate-direction matches, per group (rows in ``order``)."""
    e = _grouped(esc[esc["direction"] == "escalate"], group)
    mix = e.groupby(["group", "modality"]).size().unstack(fill_value=0).reindex(columns=MODALITIES, fill_value=0)
    mix = mix.div(mix.sum(axis=1), axis=0)
    return mix.reindex([o for o in order if o in mix.index])


def plot_modality_mix(esc: pd.DataFrame, group: pd.Series, order: list[str]):
    """Is escalation told as act, threat, condition or possibility? Stacked shares per group."""
    mix = modality_mix(esc, group, order)
    if mix.empty:
        return None
    fig, ax = figure(figsize=(9, bar_height(len(mix))))
    left = np.zeros(len(mix))
    for mod in MODALITIES:
        ax.barh(range(len(mix)), mix[mod], left=left, color=STYLES[mod][1], label=MODALITY_JA[mod])
        left += mix[mod].to_numpy()
    ax.set_yticks(range(len(mix)), mix.index, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("エスカレーション表現に占める割合")
    ax.set_title("モダリティの内訳")
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=8)
    fig.tight_layout()
    return fig


def over_time(esc: pd.DataFrame, sentences: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    """Per period (``group`` of publication periods): ``sentences``, ``escalate`` and ``restraint``
    matches, both per 100 sentences, and ``balance`` ((esc − restraint) / all matches)."""
    s = _grouped(sentences[["article_id"]], group).groupby("group").size().rename("sentences")
    e = _grouped(esc, group)
    n = e.groupby(["group", "direction"]).size().unstack(fill_value=0)
    out = pd.DataFrame({"sentences": s}).join(n, how="left").fillna(0)
    for col in ("escalate", "de-escalate"):
        if col not in out:
            out[col] = 0
    out = out.rename(columns={"de-escalate": "restraint"})
    out["escalate_per_100"] = (100 * out["escalate"] / out["sentences"]).round(2)
    out["restraint_per_100"] = (100 * out["restraint"] / out["sentences"]).round(2)
    total = out["escalate"] + out["restraint"]
    out["balance"] = ((out["escalate"] - out["restraint"]) / total.where(total > 0)).round(3)
    return out[["sentences", "escalate", "restraint", "escalate_per_100", "restraint_per_100", "balance"]].reset_index()


def plot_over_time(table: pd.DataFrame):
    """The escalation index over publication time: matches per 100 sentences, by direction."""
    if table.empty:
        return None
    fig, ax = figure(figsize=(10, 3.4))
    x = range(len(table))
    ax.plot(x, table["escalate_per_100"], marker="o", color="tab:red", label="エスカレーション")
    ax.plot(x, table["restraint_per_100"], marker="s", color="tab:blue", label="抑制")
    step = max(1, len(table) // 20)
    ax.set_xticks(range(0, len(table), step), table["group"].iloc[::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("100 文あたりの表現数")
    ax.set_title("エスカレーション指標の推移 (公開日ごと)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def plot_events(events: pd.DataFrame, category_ja: dict | None = None, k: int = 8):
    """Dated events by the month they happened (dates resolved from the text), stacked by the
    sentence's highest escalation category (the ``k`` most frequent, the rest as その他)."""
    res = events[(events["date"] != "") & (events["precision"].isin(["day", "month"]))]
    if res.empty:
        return None
    month = res["date"].str[:7]
    cat = res["category"].replace("", "(なし)").map(lambda c: (category_ja or {}).get(c, c))
    top = cat.value_counts().index[:k]
    cat = cat.where(cat.isin(top), "その他")
    table = pd.crosstab(month, cat).sort_index()
    if len(table) > 36:  # bounded: the last 36 months named in the text
        table = table.iloc[-36:]
    fig, ax = figure(figsize=(10, 3.6))
    table.plot(kind="bar", stacked=True, ax=ax, width=0.85, colormap="tab10")
    ax.set_xlabel("")
    ax.set_ylabel("日付の言及数")
    ax.tick_params(axis="x", labelsize=8)
    ax.set_title("本文に現れる日付 (月ごと、最も高いカテゴリー別)")
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=7)
    fig.tight_layout()
    return fig
