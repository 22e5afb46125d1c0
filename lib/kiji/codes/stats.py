"""Tables and statistics over a coding (:class:`kiji.codes.match.Coding`), KH Coder's set.

:func:`code_frequencies`  units coded with each code (and with none)
:func:`crosstab`          codes × any grouping: share of each group's units coded, χ² per code
                          (2 × k table: coded or not × groups), adjusted standardized residuals per
                          cell, and, when an expected count is below 5, Fisher's exact test (2 × 2) or
                          a Monte-Carlo permutation test of χ² (larger tables); ``test`` names the test
                          used for ``p_value``
:func:`jaccard`           Jaccard similarity of every pair of codes (units coded with both / with either)
:func:`code_network`      a networkx graph of codes joined by their Jaccard similarity

>>> import numpy as np, pandas as pd
>>> wide = pd.DataFrame({"選挙": [1, 1, 0, 0, 1, 0], "経済": [0, 1, 1, 0, 1, 0]}, dtype=bool,
...                     index=pd.Index([f"a{i}" for i in range(6)], name="unit_id"))
>>> code_frequencies(wide)[["code", "units", "share"]].values.tolist()
[['選挙', 3, 0.5], ['経済', 3, 0.5], ['(コードなし)', 2, 0.3333333333333333]]
>>> jaccard(wide)[["code_a", "code_b", "both", "either", "jaccard"]].values.tolist()
[['選挙', '経済', 2, 4, 0.5]]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NO_CODE = "(コードなし)"
#: Permutations of the Monte-Carlo test (fixed seed: the same data give the same p-value).
MONTE_CARLO = 2000
SEED = 0


def code_frequencies(wide: pd.DataFrame) -> pd.DataFrame:
    """``code``, ``units`` (units it matched), ``share`` (of all units); last row: units no code matched."""
    n = len(wide)
    counts = wide.sum(axis=0).astype("int64")
    none = int((~wide.any(axis=1)).sum()) if wide.shape[1] else n
    out = pd.DataFrame({"code": list(counts.index) + [NO_CODE], "units": list(counts.values) + [none]})
    out["share"] = out["units"] / n if n else 0.0
    out["n_units"] = n
    return out


def adjusted_residuals(observed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(expected counts, adjusted standardized residuals) of a two-way table:
    (O − E) / √(E (1 − row/N) (1 − column/N))."""
    observed = np.asarray(observed, dtype=float)
    total = observed.sum()
    rows, cols = observed.sum(axis=1, keepdims=True), observed.sum(axis=0, keepdims=True)
    expected = rows @ cols / total if total else np.zeros_like(observed)
    with np.errstate(divide="ignore", invalid="ignore"):
        var = expected * (1 - rows / total) * (1 - cols / total)
        resid = np.where(var > 0, (observed - expected) / np.sqrt(var), 0.0)
    return expected, resid


def _monte_carlo_p(table: np.ndarray, statistic: float, n: int, seed: int) -> float:
    """P-value of χ² for a 2 × k table with both margins fixed: the coded units of each simulated
    table are a multivariate hypergeometric draw from the groups (the same as permuting the group
    labels; Hope 1968), ``n`` tables at once."""
    rng = np.random.default_rng(seed)
    sizes = table.sum(axis=0)
    coded = rng.multivariate_hypergeometric(sizes, int(table[0].sum()), size=n)
    sims = np.stack([coded, sizes - coded], axis=1).astype(float)  # n × 2 × k
    total = sizes.sum()
    expected = table.sum(axis=1)[:, None] * sizes[None, :] / total
    with np.errstate(divide="ignore", invalid="ignore"):
        stats = np.where(expected > 0, (sims - expected) ** 2 / expected, 0.0).sum(axis=(1, 2))
    exceed = int((stats >= statistic - 1e-9).sum())
    return (exceed + 1) / (n + 1)


def code_test(coded: np.ndarray, groups: np.ndarray, n_groups: int, monte_carlo: int = MONTE_CARLO,
              seed: int = SEED) -> dict:
    """The test of one code against a grouping: ``chi2``, ``dof``, ``p_value``, ``test``, ``min_expected``."""
    from scipy.stats import chi2_contingency, fisher_exact

    table = np.stack([np.bincount(groups[coded], minlength=n_groups),
                      np.bincount(groups[~coded], minlength=n_groups)])
    present = table.sum(axis=0) > 0
    table = table[:, present]
    if table.shape[1] < 2 or (table.sum(axis=1) == 0).any():
        why = ("one group" if table.shape[1] < 2 else
               "the code matched no unit" if table[0].sum() == 0 else "the code matched every unit")
        return {"chi2": np.nan, "dof": 0, "p_value": np.nan, "test": f"none ({why})", "min_expected": np.nan}
    chi2, p, dof, expected = chi2_contingency(table, correction=False)
    out = {"chi2": float(chi2), "dof": int(dof), "p_value": float(p), "test": "chi2",
           "min_expected": float(expected.min())}
    if expected.min() < 5:
        if table.shape == (2, 2):
            out.update(p_value=float(fisher_exact(table)[1]), test="fisher_exact")
        else:
            out.update(p_value=_monte_carlo_p(table, chi2, monte_carlo, seed),
                       test=f"monte_carlo_chi2 ({monte_carlo})")
    return out


def crosstab(wide: pd.DataFrame, group: pd.Series, order: list | None = None,
             monte_carlo: int = MONTE_CARLO) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(cells, tests) of every code against ``group`` (unit_id → group; units without a group are left
    out).

    ``cells``: one row per code and group: ``code``, ``group``, ``units`` (of the group),
    ``coded``, ``share``, ``expected``, ``residual`` (adjusted standardized; beyond ±1.96 the cell
    differs at the 5 % level).  ``tests``: one row per code: ``code``, ``coded``, ``chi2``, ``dof``,
    ``p_value``, ``test`` (``chi2``, ``fisher_exact`` or ``monte_carlo_chi2 (N)``),
    ``min_expected``.
    """
    g = group.reindex(wide.index)
    keep = g.notna().to_numpy()
    data, g = wide.to_numpy(bool)[keep], g[keep].astype(str)
    names = order or list(dict.fromkeys(g))
    names = [n for n in names if n in set(g)] + sorted(set(g) - set(names))
    index = {n: i for i, n in enumerate(names)}
    groups = g.map(index).to_numpy(np.int64)
    sizes = np.bincount(groups, minlength=len(names))
    cells, tests = [], []
    for j, code in enumerate(wide.columns):
        coded = data[:, j]
        counts = np.bincount(groups[coded], minlength=len(names))
        expected, resid = adjusted_residuals(np.stack([counts, sizes - counts]))
        for i, name in enumerate(names):
            cells.append((code, name, int(sizes[i]), int(counts[i]), counts[i] / sizes[i] if sizes[i] else 0.0,
                          float(expected[0, i]), float(resid[0, i])))
        tests.append({"code": code, "coded": int(coded.sum()),
                      **code_test(coded, groups, len(names), monte_carlo)})
    cell_frame = pd.DataFrame(cells, columns=["code", "group", "units", "coded", "share", "expected", "residual"])
    return cell_frame, pd.DataFrame(tests, columns=["code", "coded", "chi2", "dof", "p_value", "test",
                                                    "min_expected"])


def crosstab_by(coding, group: pd.Series, order: list | None = None,
                monte_carlo: int = MONTE_CARLO) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`crosstab` of a :class:`~kiji.codes.match.Coding` by an article grouping (``article_id`` →
    group, as :func:`kiji.loading.groups.grouping` gives): each unit counts in its article's group."""
    unit_group = coding.units.set_index("unit_id")["article_id"].astype(str).map(group.astype(str))
    return crosstab(coding.wide(), unit_group, order, monte_carlo)


def jaccard(wide: pd.DataFrame) -> pd.DataFrame:
    """Every pair of codes: ``code_a``, ``code_b``, ``both``, ``either``, ``jaccard`` (both / either)."""
    data = wide.to_numpy(bool).astype(np.int64)
    both = data.T @ data
    counts = np.diag(both)
    rows = []
    names = list(wide.columns)
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            either = int(counts[a] + counts[b] - both[a, b])
            rows.append((names[a], names[b], int(both[a, b]), either, both[a, b] / either if either else 0.0))
    return pd.DataFrame(rows, columns=["code_a", "code_b", "both", "either", "jaccard"])


def code_network(wide: pd.DataFrame, min_jaccard: float = 0.0, top: int | None = None):
    """Codes as nodes (``units``: how many units each matched), pairs as edges weighted by their
    Jaccard similarity (pairs above ``min_jaccard``; the ``top`` strongest when given)."""
    import networkx as nx

    graph = nx.Graph()
    for code, n in wide.sum(axis=0).items():
        graph.add_node(code, units=int(n))
    pairs = jaccard(wide)
    pairs = pairs[(pairs["jaccard"] > min_jaccard) & (pairs["both"] > 0)].sort_values("jaccard", ascending=False)
    if top:
        pairs = pairs.head(top)
    for a, b, both, jac in zip(pairs["code_a"], pairs["code_b"], pairs["both"], pairs["jaccard"]):
        graph.add_edge(a, b, weight=float(jac), both=int(both))
    return graph
