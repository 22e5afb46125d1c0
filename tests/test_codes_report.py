"""Issue 19 "done when": a folder of category subfolders reports by category with --recursive, every
file accounted for; on 300 generated articles in 6 categories notebook 05 renders a cross-tab whose
χ² and residuals match scipy, a CA biplot and a topic table; a wrong code file is one line with its
line number (tests/test_codes_rules.py)."""
import shutil

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from kiji.cli import main
from tests.conftest import ROOT
from tests.corpus_factory import make_corpus

pytestmark = pytest.mark.slow


def _notebooks(tmp_path, names):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in names:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", folder)
    return folder


def _categories(tmp_path, n, keep):
    """``n`` livedoor-style articles in ``keep`` category subfolders (the first ones, by name)."""
    folder = tmp_path / "arts"
    make_corpus(folder, n * 4, seed=5, layout="livedoor")
    subs = sorted(p for p in folder.iterdir() if p.is_dir())
    for sub in subs[keep:]:
        shutil.rmtree(sub)
    per_folder = [sorted(sub.glob("*.txt")) for sub in subs[:keep]]
    assert sum(map(len, per_folder)) >= n
    kept = [f for i in range(max(map(len, per_folder))) for files in per_folder if i < len(files)
            for f in [files[i]]][:n]  # round robin: every category keeps its share
    for extra in set(folder.rglob("*.txt")) - set(kept):
        extra.unlink()
    return folder


def test_three_category_subfolders_report_by_category(tmp_path, capsys):
    folder = _categories(tmp_path, 36, 3)
    (folder / "notes").mkdir()
    (folder / "notes" / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = main(["report", "--articles", str(folder), "--out", str(out), "--recursive", "--jobs", "1",
                 "--notebooks", str(_notebooks(tmp_path, ["00_corpus", "05_codes_and_comparison"]))])
    assert code == 0, capsys.readouterr()
    arts = pd.read_csv(out / "data" / "articles.csv")
    skipped = pd.read_csv(out / "data" / "skipped.csv")
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(arts["source_file"]) | set(skipped["source_file"]) == files
    assert set(skipped["source_file"]) == {"notes/empty.txt"}
    assert arts["category"].nunique() == 3
    page = (out / "05_codes_and_comparison.html").read_text(encoding="utf-8")
    assert "grouped by category: 3 groups" in page
    cells = pd.read_csv(out / "data" / "codes_crosstab.csv")
    assert set(cells["group"]) == set(arts["category"])


def test_300_articles_in_6_categories_crosstab_matches_scipy(tmp_path):
    folder = _categories(tmp_path, 300, 6)
    out = tmp_path / "out"
    assert main(["report", "--articles", str(folder), "--out", str(out), "--recursive", "--tokenizer", "mecab",
                 "--notebooks", str(_notebooks(tmp_path, ["05_codes_and_comparison"]))]) == 0
    data = out / "data"
    arts = pd.read_parquet(data / "articles.parquet")
    assert len(arts) == 300 and arts["category"].nunique() == 6
    sentences = pd.read_parquet(data / "sentences.parquet", columns=["article_id", "sentence_id"])
    category = arts.set_index("article_id")["category"]
    units = sentences.assign(group=sentences["article_id"].map(category),
                             unit_id=sentences["article_id"] + ":s" + sentences["sentence_id"].astype(str))
    matrix = pd.read_csv(data / "codes_matrix.csv")
    tests = pd.read_csv(data / "codes_tests.csv").set_index("code")
    cells = pd.read_csv(data / "codes_crosstab.csv")
    groups = sorted(units["group"].unique())
    checked = 0
    for code, row in tests.iterrows():
        coded = units["unit_id"].isin(matrix.loc[matrix["code"] == code, "unit_id"])
        if not coded.any():
            continue
        table = pd.crosstab(coded, units["group"]).reindex(index=[True, False], columns=groups).to_numpy()
        chi2, p, dof, expected = chi2_contingency(table, correction=False)
        assert row["chi2"] == pytest.approx(chi2) and row["dof"] == dof
        if row["test"] == "chi2":
            assert row["p_value"] == pytest.approx(p)
            checked += 1
        n = table.sum()
        r, c = table.sum(axis=1, keepdims=True), table.sum(axis=0, keepdims=True)
        adjusted = ((table - expected) / np.sqrt(expected * (1 - r / n) * (1 - c / n)))[0]
        mine = cells[cells["code"] == code].set_index("group").loc[groups, "residual"].to_numpy()
        assert mine == pytest.approx(adjusted, abs=1e-9)
    assert checked >= 3
    page = (out / "05_codes_and_comparison.html").read_text(encoding="utf-8")
    assert "grouped by category: 6 groups" in page and page.count("<img") >= 6
    assert "the map shows" in page  # the CA biplot's reading, and the topic table with its full CSV
    assert pd.read_csv(data / "compare_topic_terms.csv")["topic"].nunique() == 8
