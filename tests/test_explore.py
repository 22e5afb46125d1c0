"""``kiji.open``: every method's docstring example runs on a tiny corpus written here (own words,
several kinds of story, in category subfolders)."""
import doctest

import pytest

import kiji
from kiji import explore

STORIES = {
    "国際/talks.txt": ("両国が停戦で合意", "2024年6月3日", [
        "両国は停戦に合意した。", "停戦の監視は国連が担う。", "外相は停戦が続くことを望むと述べた。",
        "政府によると、捕虜の交換も停戦の条件になる。"]),
    "国際/border.txt": ("国境の町に支援物資", "2024年6月20日", [
        "国境の町に支援物資が届いた。", "国連の担当者は住民の避難が続いていると語った。",
        "支援団体によると、物資は3万人分にあたる。"]),
    "経済/stocks.txt": ("株価が続伸", "2024年4月10日", [
        "株価が三日続けて上がった。", "市場関係者は企業の決算に期待していると話した。",
        "日銀は金利を据え置いた。", "株価の上昇は輸出企業で目立った。"]),
    "経済/prices.txt": ("物価の上昇続く", "2024年5月8日", [
        "食品の物価が上がった。", "総務省によると、物価は前年より2.5%高い。",
        "市場では株価への影響を見極める動きがあった。"]),
    "スポーツ/final.txt": ("決勝で逆転勝ち", "2024年4月22日", [
        "選手は決勝で逆転のゴールを決めた。", "監督は選手の粘りをたたえた。",
        "観客は5万人に達したと主催者は発表した。"]),
    "スポーツ/rookie.txt": ("新人が初出場", "2024年5月30日", [
        "新人の選手が初めて試合に出た。", "監督は次の試合でも選手を起用すると述べた。",
        "チームは今季10勝目を挙げた。"]),
}


def write_corpus(folder):
    for name, (title, date, body) in STORIES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join([title, date, *body]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("tiny-corpus"))


@pytest.fixture(scope="module")
def opened(corpus_folder):
    return kiji.open(corpus_folder, recursive=True)


CODES = "*停戦\n停戦\n*経済\n株価 or 物価 or 金利\n*試合\n試合\n"


def test_every_method_has_a_docstring_example_and_it_runs(corpus_folder, opened, tmp_path):
    code_file = tmp_path / "codes.txt"  # not in the articles folder: it would be read as an article
    code_file.write_text(CODES, encoding="utf-8")
    finder = doctest.DocTestFinder()
    tests = finder.find(explore, globs={"kiji": kiji, "folder": corpus_folder, "c": opened, "code_file": code_file})
    examples = {t.name.rsplit(".", 1)[-1] for t in tests if t.examples}
    public = {n for n in vars(explore.Explorer) if not n.startswith("_")} - {"articles", "sentences", "skipped",
                                                                           "tokens", "export"}
    assert public | {"open_corpus"} <= examples
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_open_mirrors_the_cli_options(corpus_folder, tmp_path, monkeypatch):
    monkeypatch.delenv("KIJI_CACHE", raising=False)
    flat = kiji.open(corpus_folder)  # like kiji export without --recursive: the subfolders are not read
    assert len(flat.articles) == 0
    c = kiji.open(corpus_folder, recursive=True, cache=tmp_path / "cache", tokenizer="janome")
    assert len(c.articles) == 6 and (tmp_path / "cache").is_dir()
    assert "6 articles" in repr(c)
    assert c.distinctive(by="folder") is c.distinctive(by="folder")  # kept for the session


def test_export_writes_the_comparison_tables(opened, tmp_path):
    written = {p.name for p in opened.export(tmp_path / "out", csv="small")}
    assert {"distinctive_words.csv", "topic_terms.csv", "ca_coordinates.csv"} <= written
