"""Group claims about the same thing across articles and say whether they agree.

A group is the claims sharing a canonical unit (``base_unit``: 8 cm and 0.1 m are both km), a ``subject_group``
(the subject after the aliases of ``claim_subjects.csv``) and a ``place`` (the
place the quantity is stated for, "" when none: 死亡 in 珠洲市 and 死亡 in 輪島市
are two groups).  A claim whose
subject is unresolved (``""``) is a group of its own.  Status of a group:

``single``       all its claims come from one article;
``consistent``   every point value agrees within ``tolerance`` (default 3% of
                 the larger value: rounding, unit conversion);
``differs``      point values differ, but every pair of [low, high] ranges overlaps
                 (e.g. 約1万人 vs 約1万1000人);
``conflicting``  some pair of ranges does not overlap.

Values are compared in the canonical unit (``value × scale``), never in the unit shown.  A claim whose
``scope`` is ``article`` (its subject is one bare generic noun: 年収, 価格) groups only within its article.

Group ids are ``G001``, ``G002`` … in order of (unit, subject group, first claim).
"""
from __future__ import annotations

import itertools

import pandas as pd

STATUS_ORDER = ["conflicting", "differs", "consistent", "single"]
DEFAULT_TOLERANCE = 0.03


def group_status(values, lows, highs, articles, tolerance: float = DEFAULT_TOLERANCE) -> str:
    """Status of one group from its claims' point values, bounds and article ids."""
    if len(set(articles)) < 2:
        return "single"
    vmax, vmin = max(values), min(values)
    if vmax == vmin or (vmax > 0 and (vmax - vmin) / vmax <= tolerance):
        return "consistent"
    for (l1, h1), (l2, h2) in itertools.combinations(zip(lows, highs), 2):
        if l1 > h2 or l2 > h1:
            return "conflicting"
    return "differs"


def reconcile(claims: pd.DataFrame, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Add ``group_id`` and ``status`` to a claims table (needs ``article_id``, ``sentence_id``,
    ``start``, ``unit``, ``subject_group``, ``value``, ``low``, ``high``; ``place`` when present)."""
    claims = claims.copy()
    if claims.empty:
        claims["group_id"] = pd.Series(dtype=str)
        claims["status"] = pd.Series(dtype=str)
        return claims
    if "place" not in claims.columns:
        claims["place"] = ""
    base = claims["base_unit"] if "base_unit" in claims.columns else claims["unit"]
    scale = claims["scale"] if "scale" in claims.columns else pd.Series(1.0, index=claims.index)
    key = base + "\x1f" + claims["subject_group"] + "\x1f" + claims["place"]
    if "scope" in claims.columns:  # a bare generic subject (年収, 価格) groups only inside its article
        key = key.where(claims["scope"] != "article", key + "\x1f" + claims["article_id"])
    unresolved = claims["subject_group"] == ""
    # an unresolved subject never joins another claim
    key = key.where(~unresolved, "\x1e" + claims["article_id"] + ":" + claims["sentence_id"].astype(str)
                    + ":" + claims["start"].astype(str) + "\x1f" + claims["unit"])
    claims["_key"] = key
    order = (claims.assign(_base=base).sort_values(["_base", "subject_group", "place", "article_id", "sentence_id",
                                                     "start"])["_key"].drop_duplicates().tolist())
    ids = {k: f"G{i:03d}" for i, k in enumerate(order, 1)}
    claims["group_id"] = claims["_key"].map(ids)
    status = {}
    for gid, g in claims.groupby("group_id", sort=False):
        f = scale.loc[g.index]
        status[gid] = group_status((g["value"] * f).tolist(), (g["low"] * f).tolist(), (g["high"] * f).tolist(),
                                   g["article_id"].tolist(), tolerance)
    claims["status"] = claims["group_id"].map(status)
    return claims.drop(columns="_key")


def groups_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per group: ``group_id``, ``status``, ``subject_group``, ``place``, ``unit``, ``n_claims``,
    ``n_articles``, ``min_value``, ``max_value``; conflicts first, then by size."""
    cols = ["group_id", "status", "subject_group", "place", "unit", "n_claims", "n_articles", "min_value",
            "max_value"]
    if claims.empty:
        return pd.DataFrame(columns=cols)
    if "place" not in claims.columns:
        claims = claims.assign(place="")
    if "base_unit" in claims.columns:  # a group written in several units is shown in its canonical unit
        mixed = claims.groupby("group_id")["unit"].transform("nunique") > 1
        claims = claims.assign(unit=claims["unit"].where(~mixed, claims["base_unit"]),
                               value=claims["value"].where(~mixed, claims["value"] * claims["scale"]))
    g = (claims.groupby(["group_id", "status", "subject_group", "place", "unit"], as_index=False)
         .agg(n_claims=("value", "size"), n_articles=("article_id", "nunique"),
              min_value=("value", "min"), max_value=("value", "max")))
    g["_rank"] = g["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
    g = g.sort_values(["_rank", "n_articles", "n_claims", "group_id"], ascending=[True, False, False, True])
    return g.drop(columns="_rank").reset_index(drop=True)[cols]
