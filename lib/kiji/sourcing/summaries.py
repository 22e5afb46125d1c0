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
