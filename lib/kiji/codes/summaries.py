"""Findings about the codes, written from the tables (never about a particular corpus).

>>> import pandas as pd
>>> freq = pd.DataFrame({"code": ["選挙", "物価", "(コードなし)"], "units": [30, 10, 60], "share": [.3, .1, .6],
...                      "n_units": 100})
>>> cells = pd.DataFrame({"code": ["選挙", "選挙"], "group": ["政治", "経済"], "units": [50, 50], "coded": [25, 5],
...                       "share": [.5, .1], "expected": [15, 15], "residual": [4.3, -4.3]})
>>> tests = pd.DataFrame({"code": ["選挙", "物価"], "coded": [30, 10], "chi2": [18.7, 0.4], "dof": [1, 1],
...                       "p_value": [0.00002, 0.5], "test": ["chi2", "chi2"], "min_expected": [15, 5]})
>>> print(findings(freq, cells, tests, "category"))
- 100 units; 40 % matched at least one code. Most frequent: 選挙 (30 units, 30 %).
- By category, 1 of 2 codes differ between groups (p < 0.05).
- Most over-represented: 選挙 in 政治 (50 % of its units vs 30 % overall; adjusted residual +4.3).
"""
from __future__ import annotations

import pandas as pd

from .stats import NO_CODE


def findings(freq: pd.DataFrame, cells: pd.DataFrame, tests: pd.DataFrame, by: str, alpha: float = 0.05) -> str:
    """Three lines: how much is coded and the most frequent code; how many codes differ between
    the groups; the most over-represented code × group cell."""
    n = int(freq["n_units"].iloc[0]) if len(freq) else 0
    codes = freq[freq["code"] != NO_CODE]
    none = freq.loc[freq["code"] == NO_CODE, "units"]
    coded_share = 1 - (int(none.iloc[0]) / n if n and len(none) else 1.0)
    if n and codes["units"].sum():
        top = codes.sort_values("units", ascending=False, kind="stable").iloc[0]
        lines = [f"- {n} units; {coded_share * 100:.0f} % matched at least one code. Most frequent: "
                 f"{top['code']} ({int(top['units'])} units, {top['share'] * 100:.0f} %)."]
    else:
        lines = [f"- {n} units; no code matched any of them."]
    tested = tests.dropna(subset=["p_value"])
    if len(tested):
        lines.append(f"- By {by}, {int((tested['p_value'] < alpha).sum())} of {len(tests)} codes differ "
                     f"between groups (p < {alpha:g}).")
    else:
        lines.append(f"- By {by}: no code could be tested (one group, or no code matched).")
    if len(cells) and cells["residual"].max() > 1.96:
        best = cells.sort_values("residual", ascending=False, kind="stable").iloc[0]
        overall = freq.set_index("code").loc[best["code"], "share"] if best["code"] in set(freq["code"]) else 0
        lines.append(f"- Most over-represented: {best['code']} in {best['group']} ({best['share'] * 100:.0f} % of "
                     f"its units vs {overall * 100:.0f} % overall; adjusted residual {best['residual']:+.1f}).")
    else:
        lines.append("- No code × group cell stands out (every adjusted residual within ±1.96).")
    return "\n".join(lines)
