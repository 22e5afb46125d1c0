"""Summaries of the ``sources`` table: evidence sentences, source mix, most cited sources."""
from __future__ import annotations

import pandas as pd


def with_evidence(df: pd.DataFrame, corpus) -> pd.DataFrame:
    """``df`` (any table with article_id, sentence_id) plus the sentence ``text``."""
    sents = corpus.sentences if hasattr(corpus, "sentences") else corpus
    return df.merge(sents[["article_id", "sentence_id", "text"]], on=["article_id", "sentence_id"],
                    how="left")


def source_mix(df: pd.DataFrame) -> pd.DataFrame:
    """Per article × source_kind: ``n`` and ``share`` (of that article's attributions)."""
    mix = df.groupby(["article_id", "source_kind"]).size().rename("n").reset_index()
    mix["share"] = (mix["n"] / mix.groupby("article_id")["n"].transform("sum")).round(3)
    return mix


def top_sources(df: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """Most cited sources: canonical, source_kind, side, n_attributions, n_articles."""
    g = df.groupby(["canonical", "source_kind", "side"]).agg(
        n_attributions=("attribution_id", "size"), n_articles=("article_id", "nunique")).reset_index()
    return g.sort_values(["n_attributions", "canonical"], ascending=[False, True]).head(n).reset_index(drop=True)


def mix_lines(df: pd.DataFrame, n_articles: int) -> list[str]:
    """How many attributions in how many articles, then the count of each ``source_kind``."""
    kinds = df["source_kind"].value_counts().sort_index()
    return [f"{len(df)} attributions in {df['article_id'].nunique()} of {n_articles} articles"] + [
        f"{kind}: {n}" for kind, n in kinds.items()]


def anonymous_reliance(share: pd.DataFrame, df: pd.DataFrame, min_attributions: int = 3) -> str:
    """Which article or group rests most on unnamed sources (``share``:
    :func:`kiji.sourcing.charts.anonymous_share`, among those with ``min_attributions`` or more), and the
    corpus's share."""
    ranked = share[share["all"] >= min_attributions].sort_values(["share", "all"], ascending=False)
    if ranked.empty:
        return (f"Too few attributions (fewer than {min_attributions} per article or group) to compare "
                "reliance on unnamed sources.")
    top = ranked.iloc[0]
    return (f"最も匿名出典に頼っているのは {top['group']}: {top['share']:.0%} "
            f"({int(top['anonymous'])} of {int(top['all'])} attributions; among {len(ranked)} with "
            f"{min_attributions} or more). Corpus as a whole: {df['source_kind'].eq('anonymous').mean():.0%}.")


def second_hand(df: pd.DataFrame) -> pd.DataFrame:
    """Attributions that reached the article through another one, with ``via_source`` (that other source)."""
    via = df[["attribution_id", "source"]].rename(columns={"attribution_id": "via_attribution_id",
                                                           "source": "via_source"})
    return df[df["via_attribution_id"] != ""].merge(via, on="via_attribution_id")


def provenance_lines(prov: pd.DataFrame, relations: pd.DataFrame) -> list[str]:
    """Articles with a known provenance step, distinct relations, and the count of each relation."""
    return [f"{prov['article_id'].nunique()} articles with a known provenance step, {len(relations)} distinct "
            "relations"] + [f"{rel}: {n}" for rel, n in prov["relation"].value_counts().sort_index().items()]
