"""Findings about the comparison of groups, computed from the tables (for a report's prose)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .correspondence import CA, describe


def distinctive_finding(table: pd.DataFrame, order: list | None = None, limit: int = 8) -> str:
    """The most distinctive word of each group (G² and the ratio), as one sentence.

    >>> t = pd.DataFrame({"group": ["A", "B"], "word": ["選手", "株価"], "g2": [25.1, 12.0], "ratio": [8.0, 3.5],
    ...                   "direction": ["over", "over"], "rank": [1, 1], "n_articles": [3, 1]})
    >>> distinctive_finding(t)
    'Most distinctive word of each group (G², ratio, articles): A: 選手 (25.1, ×8.0, 3), B: 株価 (12.0, ×3.5, 1).'
    """
    top = table[(table["direction"] == "over") & (table["rank"] == 1)].set_index("group")
    if top.empty:
        return "No group uses any word more than the others (nothing to compare)."
    groups = [g for g in (order or list(top.index)) if g in top.index]
    parts = [f"{g}: {top.at[g, 'word']} ({top.at[g, 'g2']:.1f}, ×{top.at[g, 'ratio']:.1f}, "
             f"{int(top.at[g, 'n_articles'])})" for g in groups[:limit]]
    more = f" … and {len(groups) - limit} more groups" if len(groups) > limit else ""
    return "Most distinctive word of each group (G², ratio, articles): " + ", ".join(parts) + more + "."


def map_finding(ca: CA) -> str:
    """How much the CA map shows and which two groups lie closest on it.

    >>> from kiji.questions.correspondence import correspondence
    >>> ca = correspondence(pd.DataFrame([[10, 9, 0], [1, 2, 12], [5, 5, 5]], columns=["A", "B", "C"]))
    >>> map_finding(ca).split(". ")[1]
    'Closest groups on the map: A and B.'
    """
    cols = ca.columns()
    text = describe(ca)
    if len(cols) >= 3:
        xy = cols[["dim1", "dim2"]].to_numpy()
        dist = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2)
        np.fill_diagonal(dist, np.inf)
        i, j = np.unravel_index(np.argmin(dist), dist.shape)
        text += f" Closest groups on the map: {cols['label'].iloc[i]} and {cols['label'].iloc[j]}."
    return text


def topic_finding(shares: pd.DataFrame, labels: dict[int, str]) -> str:
    """For each topic, the group where it takes the largest share of the words.

    >>> shares = pd.DataFrame({"group": ["A", "A", "B", "B"], "topic": [1, 2, 1, 2], "share": [0.8, 0.2, 0.3, 0.7]})
    >>> topic_finding(shares, {1: "1: 選手・試合", 2: "2: 株価・市場"})
    'Where each topic is strongest: 1: 選手・試合 → A (80%); 2: 株価・市場 → B (70%).'
    """
    if shares.empty:
        return "No topic model (too few words)."
    best = shares.loc[shares.groupby("topic")["share"].idxmax()]
    parts = [f"{labels.get(t, t)} → {g} ({100 * s:.0f}%)"
             for t, g, s in zip(best["topic"], best["group"], best["share"])]
    return "Where each topic is strongest: " + "; ".join(parts) + "."
