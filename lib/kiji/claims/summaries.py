"""What the claims report says: the sentences of notebook 04, computed from the ``claims`` and
``numbers`` tables (:mod:`.ledger`) and the groups (:func:`.reconcile.groups_table`).

>>> fmt(float("inf")), fmt(1234567.0), fmt(0.5)
('∞', '1.23457e+06', '0.5')
"""
from __future__ import annotations

import pandas as pd

from .reconcile import DEFAULT_TOLERANCE, STATUS_ORDER, reconcile

ROLES = ["quantity", "date", "time", "ordinal", "name", "no_unit"]
MULTI_ARTICLE_STATUSES = [s for s in STATUS_ORDER if s != "single"]


def fmt(x: float) -> str:
    """A value for a sentence: ``∞`` for an open upper bound, else 6 significant digits."""
    return "∞" if x == float("inf") else f"{x:,.6g}"


def with_tolerance(claims: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """The ledger regrouped with another ``tolerance`` (the export uses :data:`DEFAULT_TOLERANCE`)."""
    if tolerance == DEFAULT_TOLERANCE or claims.empty:
        return claims
    return reconcile(claims.drop(columns=["group_id", "status"]), tolerance)[list(claims.columns)]


def multi_article(groups: pd.DataFrame) -> pd.DataFrame:
    """The groups found in two or more articles (the ones that can agree or not)."""
    return groups[groups["n_articles"] >= 2]


def read_lines(numbers: pd.DataFrame, claims: pd.DataFrame, n_articles: int) -> list[str]:
    """Numerals by role, claims and the articles stating them, claims by kind, unresolved subjects."""
    roles = numbers["role"].value_counts().reindex(ROLES, fill_value=0).to_dict()
    return [f"numerals by role: {roles}",
            f"claims: {len(claims)} | articles with claims: {claims['article_id'].nunique()} of {n_articles}",
            f"claims by kind: {claims['kind'].value_counts().sort_index().to_dict()}",
            f"subject unresolved: {int((claims['subject'] == '').sum())} of {len(claims)}"]


def status_lines(groups: pd.DataFrame) -> list[str]:
    multi = multi_article(groups)
    status = multi["status"].value_counts().reindex(MULTI_ARTICLE_STATUSES, fill_value=0).to_dict()
    return [f"groups: {len(groups)} | found in 2+ articles: {len(multi)}",
            f"status of groups in 2+ articles: {status}"]


def ledger_text(claims: pd.DataFrame, groups: pd.DataFrame, max_groups: int = 10) -> str:
    """The ledger, conflicts first: one block per group found in two or more articles (at most
    ``max_groups``), each claim with its expression, canonical value and range, subject, source and
    evidence sentence.  ``claims`` needs an ``article`` column (the article's label)."""
    multi = multi_article(groups)
    if multi.empty:
        return "no number is stated by two or more articles about the same subject"
    out = []
    for g in multi.head(max_groups).itertuples():
        out.append(f"■ {g.group_id} [{g.status}] subject: {g.subject_group} | unit: {g.unit} | "
                   f"{g.n_claims} claims in {g.n_articles} articles")
        rows = claims[claims["group_id"] == g.group_id].sort_values(["article_id", "sentence_id"])
        for r in rows.itertuples():
            out.append(f"  {r.article} s{r.sentence_id}: {r.expression} → {fmt(r.value)} {r.unit} "
                       f"[{fmt(r.low)}–{fmt(r.high)}] | subject: {r.subject or '(unresolved)'} | "
                       f"source: {r.source or '-'}")
            out.append(f"      {r.text}")
    if len(multi) > max_groups:
        out.append(f"… {len(multi) - max_groups} more groups in data/claim_groups.csv")
    return "\n".join(out)


def _spread(claims: pd.DataFrame, group_id: str) -> float:
    """(largest − smallest) / largest value of a group, compared in the canonical unit (``value × scale``)."""
    rows = claims[claims["group_id"] == group_id]
    values = rows["value"] * rows["scale"] if "scale" in rows.columns else rows["value"]
    return float((values.max() - values.min()) / values.max()) if values.max() else 0.0


def findings(claims: pd.DataFrame, groups: pd.DataFrame) -> list[str]:
    """The report's findings: how the subjects quantified in two or more articles agree, the largest
    spread, conversions between units, and how many claims are attributed, vague or qualified."""
    multi = multi_article(groups)
    lines = []
    if multi.empty:
        lines.append("No subject is quantified in two or more articles: nothing to reconcile.")
    else:
        counts = multi["status"].value_counts()
        lines.append(f"{len(multi)} subjects are quantified in two or more articles: "
                     + ", ".join(f"{counts.get(s, 0)} {s}" for s in MULTI_ARTICLE_STATUSES) + ".")
        worst = max(multi["group_id"], key=lambda g: _spread(claims, g))
        w = multi.set_index("group_id").loc[worst]
        lines.append(f"Largest spread: {w.subject_group} ({w.unit}), {fmt(w.min_value)} to {fmt(w.max_value)} "
                     f"({_spread(claims, worst):.0%} of the larger value, status {w.status}).")
        units = claims[claims["group_id"].isin(multi["group_id"])].groupby("group_id")["raw_unit"].nunique()
        if (units > 1).any():
            lines.append(f"{int((units > 1).sum())} group(s) compare figures written in different units "
                         "(converted before comparing).")
    if claims.empty:
        return lines + ["No number in the articles is a claim about a quantity."]
    lines.append(f"{(claims['source'] != '').mean():.0%} of the claims sit in a sentence that attributes them "
                 "to a source.")
    lines.append(f"{claims['raw_value'].str.contains('数|何').mean():.0%} of the claims are vague quantities "
                 f"(数千, 数十 …), {(claims['qualifier'] != '').mean():.0%} carry a qualifier.")
    return lines
