"""Pasted web text: furniture, date lines, titles and outlet markers.

The first tests use lines written for them; the last one runs the loader over
every layout of the pasted set (tests/data/pasted_layouts, expected.csv).
"""
import pandas as pd
import pytest

from kiji.core.entities import entity_table
from kiji.loading.pasted import Furniture, clean_pasted, date_line, find_date, looks_like_title
from kiji.loading.text_layout import read_layout
from tests.devset import load_layouts, score_layouts

F = Furniture.from_rows([
    ("メニューへ移動", "line", "furniture"), ("シェア", "line", "furniture"), ("最終更新", "prefix", "furniture"),
    ("©", "contains", "copyright"), ("AIによる要約", "line", "block"), ("関連記事", "line", "trailing"),
    ("新聞", "outlet_suffix", "outlet"), ("オンライン", "outlet_suffix", "outlet"),
])


@pytest.mark.parametrize("line,iso", [
    ("2025年3月4日 15時20分", "2025-03-04"),
    ("2025/7/23(水) 8:05配信", "2025-07-23"),
    ("令和7年8月12日", "2025-08-12"),
    ("2025年07月10日07時15分", "2025-07-10"),
    ("2025年2月18日 10時05分(更新 2025年2月18日 13時05分)", "2025-02-18"),
])
def test_date_lines_in_web_forms(line, iso):
    assert date_line(line, F) == (iso, "")


def test_date_line_with_an_outlet_and_not_a_sentence():
    assert date_line("港湾新報オンライン 2025年4月22日(火) 6:00配信", F) == ("2025-04-22", "港湾新報オンライン")
    assert date_line("2025年4月22日、市は新しい計画を発表した。", F) is None
    assert find_date("2月30日に") is None and find_date("2025年2月30日") is None


def test_title_shape():
    assert looks_like_title("港の再開発、来春に着工へ　市が計画を発表", F)
    assert not looks_like_title("市は22日、港の再開発計画を発表した。", F)
    assert not looks_like_title("メニューへ移動", F)
    assert not looks_like_title("ホーム > 地域 > 港湾", F)


def test_furniture_blocks_title_date_and_credits():
    lines = ["メニューへ移動", "港の再開発、来春に着工へ", "2025年5月20日 12時05分", "AIによる要約",
             "・再開発が始まる", "※AIが生成した要約です。", "【横浜時事】市は20日、港の再開発計画を発表した。",
             "市によると、工事は3年かかる。", "シェア", "© 2025 港町新聞社", "関連記事", "港の歴史をたどる"]
    c = clean_pasted(lines, F, lambda _t: "")
    assert c.title == "港の再開発、来春に着工へ" and c.published == "2025-05-20"
    assert c.lines[1:] == ["【横浜時事】市は20日、港の再開発計画を発表した。", "市によると、工事は3年かかる。"]
    assert "港の歴史をたどる" in c.boilerplate and "・再開発が始まる" in c.boilerplate
    assert c.outlet == "時事"  # the dateline wins over the copyright line


def test_no_headline_and_one_paragraph():
    c = clean_pasted(["市は22日、港の再開発計画を発表した。工事は来春に始まる。"], F, lambda _t: "")
    assert c.title == "" and c.lines == ["市は22日、港の再開発計画を発表した。工事は来春に始まる。"]


def test_caption_credit_is_not_the_outlet():
    lines = ["港の再開発、来春に着工へ", "2025年5月20日", "完成予想図を示す市長＝20日、港町市役所（共同）",
             "市は20日、港の再開発計画を発表した。"]
    c = clean_pasted(lines, F, lambda _t: "")
    assert c.outlet == "" and c.lines == ["港の再開発、来春に着工へ", "市は20日、港の再開発計画を発表した。"]


def test_every_pasted_layout():
    expected = load_layouts()
    table = entity_table()
    rows = []
    for r in expected.itertuples():
        lay = read_layout(r.text.replace("\r\n", "\n"), table)
        rows.append({"file": r.file, "title": lay.meta.get("title", ""), "published": lay.meta.get("published", ""),
                     "outlet": lay.meta.get("outlet", ""), "body": "\n".join(lay.paragraphs)})
    s = score_layouts(expected, pd.DataFrame(rows))
    failing = s["table"][~s["table"].drop(columns=["file", "present"]).all(axis=1)]
    print(failing.to_string())
    for check in ("title", "published", "first_body", "boilerplate", "not_boilerplate"):
        assert s[check] >= 0.93, check
    assert s["outlet_recall"] >= 0.85 and s["outlet_false"] <= 1
