"""Charts of who is cited and how, per article up to PER_ARTICLE_MAX articles and per group beyond
(the ``group`` argument maps ``article_id`` to an article label or a group: see
:func:`kiji.loading.groups.group_of`).  One function per figure, each returns the figure."""
from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..core.charts import bar_height, figure

KIND_JA = {"named_person": "実名の人物", "anonymous": "匿名", "institution": "機関", "media_outlet": "報道機関",
           "social_media": "SNS", "document": "文書", "unresolved": "話者未特定"}


def _grouped(src: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    return src.assign(group=src["article_id"].astype(str).map(group).fillna("?"))


def mix_by_group(src: pd.DataFrame, group: pd.Series, order: list[str] | None = None) -> pd.DataFrame:
    """Share of each source kind per group (rows: groups in ``order``; columns: kinds)."""
    g = _grouped(src, group)
    counts = g.groupby(["group", "source_kind"]).size().unstack(fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0)
    return shares.reindex([o for o in (order or shares.index) if o in shares.index])


def plot_source_mix(src: pd.DataFrame, group: pd.Series, order: list[str] | None = None):
    """Stacked bars: how much of each article's (group's) attributions rests on whom."""
    shares = mix_by_group(src, group, order)
    if shares.empty:
        return None
    fig, ax = figure(figsize=(10, bar_height(len(shares))))
    shares.rename(columns=KIND_JA).plot(kind="barh", stacked=True, ax=ax, width=0.8)
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("出典の割合 (帰属数に対する比)")
    ax.set_ylabel("")
    ax.set_title("出典の種類の内訳")
    ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize=8)
    fig.tight_layout()
    return fig


def anonymous_share(src: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    """Per group: ``anonymous``, ``all`` attributions and ``share`` (anonymous / all)."""
    g = _grouped(src, group).assign(anon=lambda d: d["source_kind"].eq("anonymous"))
    out = g.groupby("group")["anon"].agg(anonymous="sum", all="size")
    out["share"] = (out["anonymous"] / out["all"]).round(3)
    return out.reset_index()


def plot_anonymous_share(src: pd.DataFrame, group: pd.Series, order: list[str] | None = None,
                         over_time: bool = False):
    """Share of attributions resting on unnamed sources per article/group; a line when the groups
    are publication periods (``over_time``)."""
    anon = anonymous_share(src, group).set_index("group")
    anon = anon.reindex([o for o in (order or anon.index) if o in anon.index])
    if over_time:
        from ..loading.groups import NO_DATE

        anon = anon[anon.index != NO_DATE]
    if anon.empty:
        return None
    if over_time:
        fig, ax = figure(figsize=(10, 3.2))
        ax.plot(range(len(anon)), anon["share"], marker="o", color="gray")
        step = max(1, len(anon) // 20)
        ax.set_xticks(range(0, len(anon), step), anon.index[::step], rotation=45, ha="right", fontsize=8)
        ax.set_ylim(0, 1)
        ax.set_ylabel("匿名出典の割合")
        ax.set_title("匿名出典への依存度の推移 (公開日ごと)")
    else:
        fig, ax = figure(figsize=(8, bar_height(len(anon))))
        ax.barh(range(len(anon)), anon["share"], color="gray")
        ax.set_yticks(range(len(anon)), anon.index, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("匿名出典の割合")
        ax.set_title("匿名出典への依存度")
    fig.tight_layout()
    return fig


def source_label(canonical: str, source_kind: str, side: str) -> str:
    """How a source is named on a chart: its name, or its kind when it has none (an unresolved
    speaker is ``話者未特定``), and its side in brackets only when one is known — never ``(?)``.

    >>> source_label("ロイター", "media_outlet", ""), source_label("", "unresolved", "")
    ('ロイター', '話者未特定')
    >>> source_label("カービー", "named_person", "米国")
    'カービー (米国)'
    """
    name = canonical or KIND_JA.get(source_kind, source_kind)
    return f"{name} ({side})" if side else name


def plot_top_sources(top: pd.DataFrame):
    """The most cited sources (:func:`kiji.sourcing.summaries.top_sources`) with their side when known."""
    if top.empty:
        return None
    names = [source_label(c, k, s) for c, k, s in zip(top["canonical"], top["source_kind"], top["side"])]
    fig, ax = figure(figsize=(8, bar_height(len(top))))
    ax.barh(range(len(top)), top["n_attributions"], color="#4c72b0")
    ax.set_yticks(range(len(top)), names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("帰属の数")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("最も多く引用された出典 (陣営)")
    fig.tight_layout()
    return fig


def plot_chains(prov: pd.DataFrame, labels: pd.Series):
    """Each article's provenance chain on its own row, left to right (this copy → what it reposts
    or translates → credits), so no edge crosses another article's labels."""
    if prov.empty:
        return None
    ids = list(dict.fromkeys(prov["article_id"]))
    width = int(prov.groupby("article_id")["step"].max().max()) + 1
    fig, ax = figure(figsize=(3.2 * width + 2.5, bar_height(len(ids), 0.6)))
    for row, aid in enumerate(ids):
        chain = prov[prov["article_id"] == aid].sort_values("step")
        nodes = [chain["from_node"].iloc[0]] + list(chain["to_node"])
        for x, node in enumerate(nodes):
            text = node if len(node) <= 18 else node[:17] + "…"
            ax.text(x, -row, text, ha="center", va="center", fontsize=8,
                    bbox=dict(boxstyle="round,pad=0.3", fc="#cde", ec="#89a"))
        for x, rel in enumerate(chain["relation"]):
            ax.annotate("", xy=(x + 0.62, -row), xytext=(x + 0.38, -row),
                        arrowprops=dict(arrowstyle="->", color="#555"))
            ax.text(x + 0.5, -row + 0.22, rel, ha="center", fontsize=7, color="#555")
    ax.set_yticks([-r for r in range(len(ids))], [labels.get(a, a) for a in ids], fontsize=8)
    ax.set_xlim(-0.6, width - 0.4)
    ax.set_ylim(-len(ids) + 0.4, 0.6)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title("転載・翻訳・配信の連鎖 (記事ごと)")
    fig.tight_layout()
    return fig


def relation_counts(prov: pd.DataFrame) -> pd.DataFrame:
    """How often each ``from_node`` → ``to_node`` relation occurs across articles (for large corpora)."""
    if prov.empty:
        return pd.DataFrame(columns=["from_node", "relation", "to_node", "n_articles"])
    return (prov.groupby(["from_node", "relation", "to_node"])["article_id"].nunique().rename("n_articles")
            .reset_index().sort_values(["n_articles", "from_node"], ascending=[False, True], ignore_index=True))
