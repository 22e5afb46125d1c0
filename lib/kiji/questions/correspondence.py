"""Correspondence analysis (CA) of a contingency table: words (or codes) × groups.

CA places the rows and the columns of a table of counts on the same map: two groups are close when
they use words in similar proportions, and a word lies towards the groups that use it more than
the corpus as a whole does.  Computed with numpy's SVD of the standardized residuals
``S = D_r^{-1/2} (P - r c^T) D_c^{-1/2}`` (Greenacre, *Correspondence Analysis in Practice*):
principal coordinates ``F = D_r^{-1/2} U Σ`` (rows) and ``G = D_c^{-1/2} V Σ`` (columns), the
*symmetric map* of KH Coder and of most papers.  Total inertia = χ² / n of the table.

How to read the map: only directions from the origin and distances between points of the same
kind are meaningful; the share of inertia of each axis says how much of the association it shows.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .distinctive import distinctive_words, grouped_words


@dataclass
class CA:
    """Result of :func:`correspondence`.

    ``coordinates``: one row per table row and column: ``kind`` (``"row"`` / ``"column"``),
    ``label``, ``count`` (its total), ``mass`` (share of the grand total), ``dim1`` … ``dimK``
    (principal coordinates), ``inertia_share`` (its share of the total inertia).
    ``inertia``: ``dim``, ``eigenvalue`` (principal inertia), ``share`` (of the total),
    ``cumulative``.  ``dropped``: labels of empty rows/columns left out (a table of counts with an
    all-zero row or column cannot be placed)."""

    coordinates: pd.DataFrame
    inertia: pd.DataFrame
    total_inertia: float
    dropped: list[str]

    def rows(self) -> pd.DataFrame:
        return self.coordinates[self.coordinates["kind"] == "row"].reset_index(drop=True)

    def columns(self) -> pd.DataFrame:
        return self.coordinates[self.coordinates["kind"] == "column"].reset_index(drop=True)


def correspondence(table: pd.DataFrame, n_components: int = 2) -> CA:
    """Correspondence analysis of ``table`` (a DataFrame of non-negative counts; index = row labels,
    columns = column labels).  Axes beyond the table's dimension (``min(rows, cols) - 1``) are 0.

    Greenacre's smoking data (staff group × smoking category):

    >>> smoke = pd.DataFrame([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]],
    ...                      index=["SM", "JM", "SE", "JE", "SC"], columns=["none", "light", "medium", "heavy"])
    >>> ca = correspondence(smoke)
    >>> round(ca.total_inertia, 5), ca.inertia["share"].round(3).tolist()
    (0.08519, [0.878, 0.118])
    >>> ca.rows().set_index("label")["dim1"].abs().round(3).to_dict()
    {'SM': 0.066, 'JM': 0.259, 'SE': 0.381, 'JE': 0.233, 'SC': 0.201}
    """
    counts = table.astype(float)
    keep_r, keep_c = counts.sum(axis=1) > 0, counts.sum(axis=0) > 0
    dropped = [str(x) for x in counts.index[~keep_r]] + [str(x) for x in counts.columns[~keep_c]]
    counts = counts.loc[keep_r, keep_c]
    n = counts.to_numpy().sum()
    dims = [f"dim{i + 1}" for i in range(n_components)]
    if n == 0 or min(counts.shape) < 2:
        raise ValueError("correspondence analysis needs at least two non-empty rows and two non-empty columns")
    p = counts.to_numpy() / n
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sigma, vt = np.linalg.svd(s, full_matrices=False)
    k = min(n_components, min(counts.shape) - 1)
    sigma, u, v = sigma[:k], u[:, :k], vt[:k].T
    # a deterministic sign: the largest-|value| column coordinate of each axis is positive
    flip = np.sign(v[np.abs(v).argmax(axis=0), range(k)])
    u, v = u * flip, v * flip
    f = u * sigma / np.sqrt(r)[:, None]
    g = v * sigma / np.sqrt(c)[:, None]
    total = float((s ** 2).sum())
    eig = np.concatenate([sigma ** 2, np.zeros(n_components - k)])

    def block(kind, labels, coords, mass, totals, cells):
        frame = pd.DataFrame({"kind": kind, "label": [str(x) for x in labels], "count": totals,
                              "mass": mass.round(6)})
        full = np.zeros((len(labels), n_components))
        full[:, :k] = coords
        for i, d in enumerate(dims):
            frame[d] = full[:, i].round(6)
        frame["inertia_share"] = ((cells ** 2).sum(axis=1) / total).round(6) if total > 0 else 0.0
        return frame

    coords = pd.concat([
        block("row", counts.index, f, r, counts.sum(axis=1).to_numpy(), s),
        block("column", counts.columns, g, c, counts.sum(axis=0).to_numpy(), s.T),
    ], ignore_index=True)
    inertia = pd.DataFrame({"dim": dims, "eigenvalue": eig.round(8),
                            "share": (eig / total if total > 0 else eig * 0).round(6)})
    inertia["cumulative"] = inertia["share"].cumsum().round(6)
    return CA(coords, inertia, total, dropped)


def word_group_table(tokens: pd.DataFrame, group: pd.Series, *, words: int = 60, min_count: int = 3,
                     stopwords=None) -> pd.DataFrame:
    """Counts of ``words`` words × groups, for :func:`correspondence`.

    The words are each group's most distinctive over-used words (:func:`distinctive_words`,
    ``count >= min_count``), taken in turn from every group so that each group is represented,
    until ``words`` are chosen; then the most frequent words fill up.  Index: word; columns: groups.

    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> sents = pd.DataFrame({"article_id": ["a", "b", "c"], "sentence_id": [0, 0, 0],
    ...     "text_norm": ["選手が選手と試合した。", "株価と株価が動いた。", "雨と雨が降った。"]})
    >>> t = word_group_table(tokenize_sentences(sents), pd.Series({"a": "運動", "b": "経済", "c": "天気"}),
    ...                      words=3, min_count=2, stopwords=())
    >>> t.loc[["選手", "株価", "雨"], ["運動", "経済", "天気"]].values.tolist()
    [[2, 0, 0], [0, 2, 0], [0, 0, 2]]
    """
    cw = grouped_words(tokens, group, stopwords=stopwords)
    full = pd.crosstab(cw["word"], cw["group"])
    if full.empty:
        return full
    ranked = distinctive_words(tokens, group, min_count=min_count, stopwords=stopwords)
    ranked = ranked[ranked["direction"] == "over"]
    lists = [list(g["word"]) for _, g in ranked.groupby("group", sort=True)]
    chosen: list[str] = []
    for i in range(max((len(x) for x in lists), default=0)):
        for words_of_group in lists:
            if i < len(words_of_group) and words_of_group[i] not in chosen and len(chosen) < words:
                chosen.append(words_of_group[i])
    frequent = full.sum(axis=1).sort_values(ascending=False, kind="stable")
    chosen += [w for w in frequent.index if w not in chosen][:max(words - len(chosen), 0)]
    return full.loc[chosen]


def code_group_table(coded: pd.DataFrame, group: pd.Series) -> pd.DataFrame:
    """Counts of coded units per code × group, for :func:`correspondence` of codes: ``coded`` is a
    document × code matrix in long form (one row per coded unit and code, with ``article_id`` and
    ``code``: :meth:`kiji.codes.Coding.long`); ``group`` maps ``article_id`` → group.  Index: code;
    columns: groups (articles ``group`` does not name: ``(なし)``).

    >>> coded = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "code": ["停戦", "経済", "停戦", "経済"]})
    >>> code_group_table(coded, pd.Series({"a": "国際", "b": "国際", "c": "経済面"})).values.tolist()
    [[2, 0], [1, 1]]
    """
    from .distinctive import UNGROUPED

    mapping = pd.Series(group).astype(str)
    mapping.index = mapping.index.astype(str)
    groups = coded["article_id"].astype(str).map(mapping).astype(object).fillna(UNGROUPED)
    table = pd.crosstab(coded["code"].to_numpy(), groups.to_numpy())
    order = list(dict.fromkeys(coded["code"]))
    return table.reindex(order).rename_axis(index="code", columns="group")


def describe(ca: CA) -> str:
    """One sentence on how much of the association the map shows (for a notebook's findings).

    >>> smoke = pd.DataFrame([[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]])
    >>> describe(correspondence(smoke))
    '2 軸で関連 (慣性) の 99.5% を表示しています (the map shows 99.5% of the inertia: axis 1 87.8%, axis 2 11.8%).'
    """
    shares = ca.inertia["share"].tolist()
    both = 100 * sum(shares[:2])
    axes = ", ".join(f"axis {i + 1} {100 * s:.1f}%" for i, s in enumerate(shares[:2]))
    if math.isclose(ca.total_inertia, 0.0):
        return "行と列の分布が同じで、関連はありません (rows and columns are independent: nothing to map)."
    return f"2 軸で関連 (慣性) の {both:.1f}% を表示しています (the map shows {both:.1f}% of the inertia: {axes})."
