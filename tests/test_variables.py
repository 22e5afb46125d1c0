"""Issue 19 item 1: external variables (folder, category, outlet, period, the analyst's columns)
and the choice of grouping (``--group-by`` / ``GROUP_BY``)."""
import os

import pandas as pd
import pytest

import kiji
from kiji.cli import main
from kiji.loading.groups import GroupingError, article_groups, choose_grouping, grouping
from tests.corpus_factory import make_corpus

BODY = "{title}\n2024年5月{day}日\n{text}\n"
TEXTS = {"sport": "代表チームが決勝で逆転勝ちした。監督は選手の粘りをたたえた。",
         "economy": "日銀は金利を据え置いた。市場では円安が進んだ。",
         "science": "研究チームは新しい化合物を発見したと発表した。論文は来月公開される。"}


def _three_categories(root, per=3):
    """A folder of three category subfolders, plus things the loader must account for."""
    for n, (category, text) in enumerate(TEXTS.items()):
        sub = root / category
        sub.mkdir(parents=True)
        for i in range(per):
            (sub / f"{category}_{i}.txt").write_text(
                BODY.format(title=f"{category}の記事{i}", day=n * per + i + 1, text=text), encoding="utf-8")
    (root / "economy" / "2024").mkdir()
    (root / "economy" / "2024" / "old.txt").write_text(BODY.format(title="古い記事", day=28, text=TEXTS["economy"]),
                                                     encoding="utf-8")
    (root / "sport" / "empty.txt").write_bytes(b"")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "science" / "link.txt").symlink_to(root / "sport" / "sport_0.txt")
    os.mkfifo(root / "science" / "pipe")
    report = root / "reports"
    report.mkdir()
    (report / "kiji-run.json").write_text("{}")
    (report / "index.html").write_text("<html></html>")
    return root


def test_recursive_load_accounts_for_every_file(tmp_path):
    root = _three_categories(tmp_path / "arts")
    corpus = kiji.load_corpus(root, recursive=True)
    arts = corpus.articles
    assert len(arts) == 10
    assert set(arts["folder"]) == {"sport", "economy", "science", "economy/2024"}
    assert (arts["source_file"] == arts["folder"] + "/" + arts["source_file"].str.rsplit("/", n=1).str[-1]).all()
    reasons = dict(corpus.skipped.itertuples(index=False))
    assert set(reasons) == {"sport/empty.txt", ".git", "science/link.txt", "science/pipe", "reports"}
    assert "symbolic link" in reasons["science/link.txt"]
    assert "FIFO" in reasons["science/pipe"]
    assert "kiji output" in reasons["reports"]
    assert "hidden" in reasons[".git"]
    every = {p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir() or p.name in (".git",)}
    accounted = set(arts["source_file"]) | set(reasons)
    assert {f for f in every if not f.startswith((".git/", "reports/"))} <= accounted


def test_without_recursive_subfolders_are_named_and_the_error_says_how(tmp_path, capsys):
    root = _three_categories(tmp_path / "arts")
    corpus = kiji.load_corpus(root)
    assert corpus.articles.empty
    assert "--recursive" in dict(corpus.skipped.itertuples(index=False))["sport"]
    assert main(["export", "--articles", str(root), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "3 subfolder(s) not searched: add --recursive" in err[0]


def test_same_file_name_in_two_subfolders_gets_two_ids(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "記事.txt").write_text(BODY.format(title=sub, day=1, text=TEXTS["sport"]), encoding="utf-8")
    arts = kiji.load_corpus(tmp_path, recursive=True).articles
    assert arts["article_id"].is_unique and len(arts) == 2
    assert list(arts["source_file"]) == ["a/記事.txt", "b/記事.txt"]


LIVEDOOR = 'pattern,applies_to,note\n"^([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-\\d+\\.[a-z]+$",file_name,\n'


def test_category_from_livedoor_file_names(tmp_path, data_copy):
    (data_copy / "categories.csv").write_text(LIVEDOOR, encoding="utf-8")
    make_corpus(tmp_path / "livedoor", 40, seed=3, layout="livedoor")
    flat = tmp_path / "flat"
    flat.mkdir()
    for path in list((tmp_path / "livedoor").glob("*/*.txt")):
        path.rename(flat / path.name)
    arts = kiji.load_corpus(flat).articles
    assert len(arts) == 40
    expected = arts["source_file"].str.replace(r"-\d+\.txt$", "", regex=True)
    assert (arts["category"] == expected).all() and (arts["category_source"] == "file_name").all()
    assert arts["folder"].eq("").all()
    groups = article_groups(arts)
    assert choose_grouping(groups) == "category"  # not months


def test_category_patterns_are_data_and_validated(data_copy, tmp_path):
    (data_copy / "categories.csv").write_text(
        "pattern,applies_to,note\n"
        '"^https?://news\\.example\\.jp/([a-z]+)/",url,\n', encoding="utf-8")
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "x.txt").write_text("https://news.example.jp/sports/123\n2024-05-01T10:00:00+0900\n見出し\n"
                                  + TEXTS["sport"] + "\n", encoding="utf-8")
    (folder / "politics-1.txt").write_text(BODY.format(title="政局", day=2, text=TEXTS["economy"]), encoding="utf-8")
    arts = kiji.load_corpus(folder).articles.set_index("article_id")
    assert (arts.loc["x", "category"], arts.loc["x", "category_source"]) == ("sports", "url")
    assert arts.loc["politics-1", "category"] == ""  # the file-name pattern is not in this data folder
    (data_copy / "categories.csv").write_text(
        "pattern,applies_to,note\n^([a-z]+)-,file_name,\n^([a-z]+)-(\\d+),file_name,two groups\n", encoding="utf-8")
    with pytest.raises(kiji.CorpusError) as err:
        kiji.load_corpus(folder)
    assert "categories.csv line 3" in str(err.value) and "2 groups" in str(err.value)
    (data_copy / "categories.csv").write_text("pattern,applies_to,note\n([a-z]+,file_name,\n", encoding="utf-8")
    with pytest.raises(kiji.CorpusError, match="line 2.*not a regular expression"):
        kiji.load_corpus(folder)


def test_metadata_adds_variables_and_overrides_category(tmp_path):
    root = _three_categories(tmp_path / "arts", per=2)
    meta = tmp_path / "metadata.csv"
    meta.write_text("source_file,field,value,note\n"
                    "sport/sport_0.txt,desk,運動部,\n"
                    "economy_1.txt,desk,経済部,bare name: unique in the folder\n"
                    "sport/sport_1.txt,category,スポーツ,\n"
                    "sport/sport_1.txt,publised,2024-01-01,typo\n"
                    "sport/sport_1.txt,n_chars,5,\n"
                    "sport/sport_1.txt,my desk,x,\n", encoding="utf-8")
    corpus = kiji.load_corpus(root, metadata=meta, recursive=True)
    arts = corpus.articles.set_index("article_id")
    assert list(corpus.articles.columns[-2:]) == ["desk", "publised"]
    assert (arts.loc["sport_0", "desk"], arts.loc["economy_1", "desk"], arts.loc["science_0", "desk"]) == (
        "運動部", "経済部", "")
    assert (arts.loc["sport_1", "category"], arts.loc["sport_1", "category_source"]) == ("スポーツ", "override")
    assert arts.loc["sport_1", "n_chars"] != 5
    text = "\n".join(corpus.warnings)
    assert "line 5: new variable 'publised' (did you mean 'published'?)" in text
    assert "line 6: field 'n_chars' is computed by kiji" in text
    assert "line 7: field 'my desk' is not a variable name" in text
    g = grouping(corpus.articles, "desk")
    assert g.by == "desk" and g.group["sport_0"] == "運動部" and g.group["science_0"] == "(なし)"


def _groups(n, **columns):
    base = {"article_id": [f"a{i}" for i in range(n)], "title": "t",
            "published": [f"2024-{1 + i % 12:02d}-01" for i in range(n)], "outlet": "東邦新聞"}
    return pd.DataFrame({**base, **columns})


@pytest.mark.parametrize("n_values, expected", [(1, "period"), (2, "category"), (40, "category"), (41, "period")])
def test_default_prefers_a_category_with_2_to_40_values_over_months(n_values, expected):
    arts = _groups(82, category=[f"c{i % n_values}" for i in range(82)])
    assert grouping(arts).by == expected


def test_folder_is_preferred_when_there_is_no_category():
    arts = _groups(60, folder=[("東京", "大阪", "福岡")[i % 3] for i in range(60)], category="")
    assert grouping(arts).by == "folder"


def test_small_corpus_is_shown_article_by_article_unless_asked():
    arts = _groups(5, category=["a", "b", "a", "b", "a"])
    assert grouping(arts).by == "article"
    assert grouping(arts, "category").group.to_dict() == {"a0": "a", "a1": "b", "a2": "a", "a3": "b", "a4": "a"}
    assert set(grouping(arts, "month").group) == {"2024-01", "2024-02", "2024-03", "2024-04", "2024-05"}
    with pytest.raises(GroupingError, match="'desk'.*period, outlet, folder, category"):
        grouping(arts, "desk")


def test_report_group_by_unknown_variable_is_one_line(tmp_path, capsys):
    root = _three_categories(tmp_path / "arts", per=1)
    code = main(["report", "--articles", str(root), "--out", str(tmp_path / "out"), "--recursive",
                 "--group-by", "desk"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "GROUP_BY 'desk'" in err[0]
    assert os.environ.get("KIJI_RECURSIVE") is None


def test_export_recursive_writes_the_variables(tmp_path):
    root = _three_categories(tmp_path / "arts", per=1)
    assert main(["export", "--articles", str(root), "--out", str(tmp_path / "out"), "--recursive",
                 "--csv", "none"]) == 0
    arts = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert sorted(arts["folder"]) == ["economy", "economy/2024", "science", "sport"]
    skipped = pd.read_parquet(tmp_path / "out" / "skipped.parquet")
    assert "science/pipe" in set(skipped["source_file"])
