"""Issue 19 item 3: code frequencies, codes × groups (χ², adjusted residuals, Fisher, Monte-Carlo),
Jaccard, the code network and the sentences behind a cell; reference values from scipy."""
import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jaccard as jaccard_distance
from scipy.stats import chi2_contingency, fisher_exact
from scipy.stats.contingency import expected_freq

from kiji.codes.match import Coding
from kiji.codes.sentences import marked_html, matching_sentences
from kiji.codes.stats import code_frequencies, code_network, crosstab, jaccard


def _wide(seed=0, n=240, codes=("選挙", "物価", "災害")):
    rng = np.random.default_rng(seed)
    groups = rng.choice(["政治", "経済", "社会", "国際"], size=n)
    data = {c: rng.random(n) < 0.15 + 0.25 * (groups == g)
            for c, g in zip(codes, ["政治", "経済", "社会"])}
    index = pd.Index([f"u{i}" for i in range(n)], name="unit_id")
    return pd.DataFrame(data, index=index), pd.Series(groups, index=index)


def test_chi2_and_adjusted_residuals_match_scipy():
    wide, group = _wide()
    cells, tests = crosstab(wide, group)
    for code in wide.columns:
        table = pd.crosstab(wide[code], group).reindex([True, False]).to_numpy()
        chi2, p, dof, expected = chi2_contingency(table, correction=False)
        row = tests.set_index("code").loc[code]
        assert row.test == "chi2" and row.dof == dof
        assert row.chi2 == pytest.approx(chi2) and row.p_value == pytest.approx(p)
        n = table.sum()
        r, c = table.sum(axis=1, keepdims=True), table.sum(axis=0, keepdims=True)
        adjusted = (table - expected_freq(table)) / np.sqrt(expected_freq(table) * (1 - r / n) * (1 - c / n))
        got = cells[cells.code == code].set_index("group").loc[sorted(set(group)), "residual"].to_numpy()
        assert got == pytest.approx(adjusted[0])
        assert cells[cells.code == code]["expected"].sum() == pytest.approx(table[0].sum())
    strong = cells[(cells.code == "選挙") & (cells.group == "政治")].iloc[0]
    assert strong.residual > 1.96 and strong.share > 0.3


def test_small_expected_counts_use_fisher_or_monte_carlo_and_say_so():
    idx = pd.Index([f"u{i}" for i in range(20)], name="unit_id")
    wide = pd.DataFrame({"まれ": [True] * 4 + [False] * 16}, index=idx)
    two = pd.Series(["A"] * 10 + ["B"] * 10, index=idx)
    _, tests = crosstab(wide, two)
    assert tests.loc[0, "test"] == "fisher_exact"
    assert tests.loc[0, "p_value"] == pytest.approx(fisher_exact([[4, 0], [6, 10]])[1])
    three = pd.Series(["A"] * 7 + ["B"] * 7 + ["C"] * 6, index=idx)
    _, tests = crosstab(wide, three)
    assert tests.loc[0, "test"].startswith("monte_carlo_chi2")
    p = tests.loc[0, "p_value"]
    assert 0 < p < 0.1  # all four coded units in A
    assert crosstab(wide, three)[1].loc[0, "p_value"] == p  # seeded: the same data, the same p
    balanced = pd.DataFrame({"まれ": [i % 5 == 0 for i in range(20)]}, index=idx)
    spread = pd.Series(["A", "B", "C", "D"] * 5, index=idx)
    _, tests = crosstab(balanced, spread)
    assert tests.loc[0, "test"].startswith("monte_carlo") and tests.loc[0, "p_value"] > 0.3


def test_frequencies_jaccard_and_network():
    wide, _ = _wide(1)
    freq = code_frequencies(wide).set_index("code")
    assert freq.loc["選挙", "units"] == wide["選挙"].sum()
    assert freq.loc["(コードなし)", "units"] == (~wide.any(axis=1)).sum()
    pairs = jaccard(wide).set_index(["code_a", "code_b"])
    for (a, b), row in pairs.iterrows():
        assert row.jaccard == pytest.approx(1 - jaccard_distance(wide[a], wide[b]))
    graph = code_network(wide)
    assert set(graph.nodes) == set(wide.columns)
    assert graph.edges["選挙", "物価"]["weight"] == pytest.approx(pairs.loc[("選挙", "物価"), "jaccard"])
    assert graph.nodes["災害"]["units"] == wide["災害"].sum()


def test_sentences_behind_a_cell_are_marked_and_escaped():
    sents = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0],
                          "text_norm": ["<script>alert(1)</script>増税に反対した。", "減税を求めた。"]})
    hits = pd.DataFrame({"code": ["税", "税"], "unit_id": ["a:s0", "b:s0"], "article_id": ["a", "b"],
                         "sentence_id": [0, 0], "start": [25, 0], "end": [27, 2]})
    coding = Coding("sentence", ["税"], pd.DataFrame({"unit_id": ["a:s0", "b:s0"]}), np.ones((2, 1), bool), hits)
    group = pd.Series({"a": "政治", "b": "経済"})
    rows = matching_sentences(coding, sents, "税", group=group, value="政治")
    assert list(rows["article_id"]) == ["a"]
    assert rows.loc[0, "marked"] == "<script>alert(1)</script>【増税】に反対した。"
    assert "<script>" not in rows.loc[0, "html"] and "&lt;script&gt;" in rows.loc[0, "html"]
    assert "<mark>増税</mark>" in rows.loc[0, "html"]
    assert marked_html("a&b", [(0, 1), (1, 3)]) == "<mark>a&amp;b</mark>"
