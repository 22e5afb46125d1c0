"""Summaries of the ``escalation`` table: per-article profile, ladder counts, actor × category."""
from __future__ import annotations

import pandas as pd

from .lexicon import MODALITIES, NUCLEAR_CATEGORY, load_levels


def _split(value: str) -> list[str]:
    return [v for v in str(value).split("; ") if v]


def _modality_order(values) -> str:
    present = set(values)
    return "/".join(m for m in MODALITIES if m in present)


#: Columns of :func:`profile`.
PROFILE_COLUMNS = [
    "article_id", "n_escalate", "n_deescalate", "balance", "max_level", "max_level_label",
    "max_level_modality", "max_level_term", "max_act_level", "max_act_label",
    "nuclear_act", "nuclear_threat", "nuclear_conditional", "nuclear_possibility",
    "escalating_actors", "top_escalating_actor", "n_negated", "negated_terms",
]


def _affirmed(escalation: pd.DataFrame) -> pd.DataFrame:
    """Rows whose term is not negated (tables from before the ``negated`` column count as affirmed)."""
    if "negated" not in escalation.columns:
        return escalation
    return escalation[~escalation["negated"].astype(bool)]


def profile(escalation: pd.DataFrame, article_ids=None, levels: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article summarising its escalation framing.

    ``article_ids``: articles to report (default: those in ``escalation``);
    articles without matches get zero counts and ``max_level`` -1.

    Columns: ``article_id``; ``n_escalate`` / ``n_deescalate`` (matches by
    direction); ``balance`` = (esc − de-esc) / (esc + de-esc), in [−1, 1],
    0.0 when there is no match; ``max_level`` (highest rung named, any
    modality), ``max_level_label`` (its Japanese label),
    ``max_level_modality`` (modalities of the matches at that rung, "/"-joined
    in the order act/threat/conditional/possibility), ``max_level_term``
    (their distinct terms); ``max_act_level`` / ``max_act_label`` (highest
    rung stated as an act); ``nuclear_<modality>`` (counts of
    ``nuclear_threat`` matches by modality); ``escalating_actors`` (subjects
    of escalate-direction matches with counts, ``"ロシア 5; 米国 3"``, most
    frequent first) and ``top_escalating_actor`` ("" when none; ties give the
    alphabetically first); ``n_negated`` / ``negated_terms``: matches negated or
    excluded in their clause (核兵器の使用は含まれていない), which every other
    column leaves out.
    """
    levels = load_levels() if levels is None else levels
    label = dict(zip(levels["level"], levels["label_ja"]))
    if article_ids is None:
        ids = list(dict.fromkeys(map(str, escalation["article_id"])))
    else:
        ids = [str(a) for a in article_ids]
    rows = []
    for aid in ids:
        everything = escalation[escalation["article_id"] == aid]
        e = _affirmed(everything)
        negated = everything.loc[everything.index.difference(e.index)]
        esc = e[e["direction"] == "escalate"]
        n_esc, n_de = len(esc), int((e["direction"] == "de-escalate").sum())
        balance = round((n_esc - n_de) / (n_esc + n_de), 3) if n_esc + n_de else 0.0
        if len(e):
            max_level = int(e["level"].max())
            top = e[e["level"] == max_level]
            max_mod = _modality_order(top["modality"])
            max_terms = "; ".join(dict.fromkeys(top["term"]))
        else:
            max_level, max_mod, max_terms = -1, "", ""
        acts = e[e["modality"] == "act"]
        max_act = int(acts["level"].max()) if len(acts) else -1
        nuc = e[e["category"] == NUCLEAR_CATEGORY]["modality"].value_counts()
        counts: dict[str, int] = {}
        for subj in esc["subject"]:
            for a in _split(subj):
                counts[a] = counts.get(a, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append((
            aid, n_esc, n_de, balance, max_level, label.get(max_level, ""), max_mod, max_terms,
            max_act, label.get(max_act, ""),
            int(nuc.get("act", 0)), int(nuc.get("threat", 0)), int(nuc.get("conditional", 0)),
            int(nuc.get("possibility", 0)),
            "; ".join(f"{a} {n}" for a, n in ranked), ranked[0][0] if ranked else "",
            len(negated), "; ".join(dict.fromkeys(negated["term"])),
        ))
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS).astype({"article_id": "str"})


def ladder_counts(escalation: pd.DataFrame) -> pd.DataFrame:
    """Matches per article × rung × modality: ``article_id``, ``level``, ``modality``, ``n``.

    Negated matches are not counted (see :func:`profile`)."""
    escalation = _affirmed(escalation)
    if not len(escalation):
        return pd.DataFrame(columns=["article_id", "level", "modality", "n"])
    return (escalation.groupby(["article_id", "level", "modality"]).size()
            .rename("n").reset_index().sort_values(["article_id", "level", "modality"], ignore_index=True))


def actor_category_counts(escalation: pd.DataFrame, by: str = "subject",
                          direction: str | None = "escalate") -> pd.DataFrame:
    """Actor × category counts (long): ``actor``, ``category``, ``category_ja``, ``n``.

    ``by="subject"`` counts who is cast as doing it; ``by="actors"`` counts
    every actor named in the sentence.  ``direction`` filters (None = all).
    """
    escalation = _affirmed(escalation)
    e = escalation if direction is None else escalation[escalation["direction"] == direction]
    rows = [(a, c, cj) for val, c, cj in zip(e[by], e["category"], e["category_ja"]) for a in _split(val)]
    df = pd.DataFrame(rows, columns=["actor", "category", "category_ja"])
    return (df.groupby(["actor", "category", "category_ja"]).size().rename("n").reset_index()
            .sort_values(["actor", "category"], ignore_index=True))




def key_figure_lines(escalation: pd.DataFrame, prof: pd.DataFrame, labels: pd.Series, n_articles: int) -> list[str]:
    """Matches by direction and the article reaching the highest rung (``prof``: :func:`profile`)."""
    n_esc = int((escalation["direction"] == "escalate").sum())
    n_res = int((escalation["direction"] == "de-escalate").sum())
    out = [f"{len(escalation)} matches ({n_esc} escalation, {n_res} restraint) in "
           f"{escalation['article_id'].nunique()} of {n_articles} articles"]
    reached = prof[prof["max_level"] >= 0].sort_values(["max_level", "n_escalate"], ascending=False)
    if len(reached):
        r = reached.iloc[0]
        out.append(f"highest rung: {r.max_level} {r.max_level_label} ({r.max_level_modality}) in "
                   f"{labels.get(r.article_id, r.article_id)}")
    return out


def top_rung(escalation: pd.DataFrame, prof: pd.DataFrame) -> pd.DataFrame:
    """The matches on each article's highest rung (evidence for :func:`profile`'s ``max_level``), highest first."""
    rows = escalation.merge(prof[["article_id", "max_level"]], on="article_id")
    return rows[rows["level"] == rows["max_level"]].sort_values("level", ascending=False)


def actor_lines(actor_counts: pd.DataFrame, k: int = 10, categories: int = 3) -> list[str]:
    """The ``k`` actors cast most often, each with its count and its most frequent categories
    (``actor_counts``: :func:`actor_category_counts`)."""
    totals = actor_counts.groupby("actor")["n"].sum().sort_values(ascending=False, kind="stable")
    out = []
    for actor, n in totals.head(k).items():
        cats = actor_counts[actor_counts["actor"] == actor].sort_values(["n", "category"], ascending=[False, True])
        out.append(f"{actor} {n} | " + ", ".join(f"{c} {m}" for c, m in zip(cats["category"].head(categories),
                                                                              cats["n"].head(categories))))
    return out


def nuclear_mentions(escalation: pd.DataFrame) -> pd.DataFrame:
    """The matches on the nuclear rung (category :data:`NUCLEAR_CATEGORY`)."""
    return escalation[escalation["category"] == NUCLEAR_CATEGORY]


def nuclear_line(escalation: pd.DataFrame) -> str:
    nuclear = nuclear_mentions(escalation)
    return f"nuclear mentions: {len(nuclear)} {nuclear['modality'].value_counts().sort_index().to_dict()}"


def events_lines(events: pd.DataFrame) -> list[str]:
    """Dates found, then how many were resolved each way (``resolved_from``)."""
    return [f"dates found: {len(events)}"] + [
        f"{how or '(unresolved)'}: {n}" for how, n in events["resolved_from"].value_counts().sort_index().items()]


def timeline(escalation: pd.DataFrame, sentences: pd.DataFrame, periods: pd.Series, order: list[str]) -> pd.DataFrame:
    """The escalation index per dated publication period, in time order (``periods``: article_id → period,
    undated articles left out): :func:`kiji.escalation.charts.over_time`."""
    from ..loading.groups import NO_DATE
    from .charts import over_time

    trend = over_time(escalation, sentences, periods).set_index("group")
    trend = trend.reindex([o for o in order if o != NO_DATE and o in trend.index])
    return trend.dropna(how="all").reset_index()
