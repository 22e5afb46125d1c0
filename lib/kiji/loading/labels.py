"""Short, readable labels for articles in charts and tables."""
from __future__ import annotations

import pandas as pd


def short_labels(articles: pd.DataFrame, width: int = 16) -> pd.Series:
    """Chart labels ``"000 レームダック(死に体)…"`` by article_id: the id prefix (before ``_``) plus the
    title, cut so it fits in ``width`` characters ellipsis included."""
    def label(aid: str, title: str) -> str:
        short = title if len(title) <= width else title[:width - 1] + "…"
        return f"{aid.split('_')[0]} {short}".strip()
    return pd.Series([label(str(a), str(t)) for a, t in zip(articles["article_id"], articles["title"].fillna(""))],
                     index=articles["article_id"].values, name="label")
