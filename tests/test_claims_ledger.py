"""Subjects, grouping and statuses on hand-made sentences (fixture tables in tests/data/claims)."""
import math
from pathlib import Path

import pandas as pd
import pytest

from kiji.claims.ledger import CLAIM_COLUMNS
from kiji.claims.reconcile import group_status

FIXTURE = Path(__file__).parent / "data" / "claims"
NO_SOURCES = pd.DataFrame(columns=["article_id", "sentence_id", "source"])


@pytest.fixture(autouse=True)
def fixture_data(monkeypatch):
    monkeypatch.setenv("KIJI_DATA", str(FIXTURE))


@pytest.fixture
def listed(tmp_path, monkeypatch):
    """The fixture tables with 雨量 and 終値 listed in claim_subjects.csv: a bare generic subject groups
    across articles only when the analyst lists it (else it stays in its article, ``scope`` = article)."""
    import shutil
    for f in FIXTURE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    with open(tmp_path / "claim_subjects.csv", "a", encoding="utf-8") as fh:
        fh.write("雨量,雨量,\n終値,終値,\n")
    monkeypatch.setenv("KIJI_DATA", str(tmp_path))


def sentences(articles: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(aid, sid, text) for aid, texts in articles.items() for sid, text in enumerate(texts)]
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text"])


def ledger(articles, sources=NO_SOURCES):
    from kiji.claims import claims_table
    return claims_table(sentences(articles), sources=sources)


@pytest.mark.parametrize("text, subject", [
    ("被災地には自衛隊員約2000人が派遣された。", "自衛隊員"),
    ("約2000人の自衛隊員が派遣された。", "自衛隊員"),
    ("県警の機動隊員300人が到着した。", "県警の機動隊員"),
    ("有権者の55%が投票した。", "有権者"),
    ("新型ロケットの飛行距離は約500キロだ。", "新型ロケットの飛行距離"),  # AのX: whose distance
    ("その工場はドローンを月に数百機生産している。", "ドローン"),
    ("5年にわたる交渉が決着した。", "交渉"),
    ("何百機もの無人機が飛来した。", "無人機"),
    ("その後、2人が死亡した。", "死亡"),
    ("その後、2人が見つかった。", ""),
    ("高知県で3人、愛媛県で2人がけがをした。", "けが"),
    ("深さ10キロの地点", "深さ"),
    ("1万人を超える住民が避難した。", "住民"),
    ("過去10年間で最も多い。", ""),
])
def test_subject_is_the_noun_phrase_quantified(text, subject):
    claims = ledger({"a": [text]})
    assert set(claims["subject"]) == {subject}


def test_coordinated_quantities_share_the_subject_of_the_last():
    claims = ledger({"a": ["高知県で3人、愛媛県で2人がけがをした。"]})
    assert claims[["value", "subject_rule"]].values.tolist() == [[3.0, "coordinated"], [2.0, "agent_of"]]


def test_table_columns_and_traceability():
    claims = ledger({"a": ["死者は約50人に上った。", "会見は2025年3月4日に開かれた。"]})
    assert list(claims.columns) == CLAIM_COLUMNS
    assert claims[["article_id", "sentence_id", "raw_value", "raw_unit", "unit", "value"]].values.tolist() == [
        ["a", 0, "50", "人", "人", 50.0]]
    assert claims["text"].iloc[0] == "死者は約50人に上った。"


def test_earthquake_casualties_differ_then_conflict():
    arts = {"n1": ["地震による死者は少なくとも120人に上った。"],
            "n2": ["県の発表では、死者数は約130人となった。"]}
    claims = ledger(arts)
    assert claims["group_id"].nunique() == 1
    assert set(claims["status"]) == {"differs"}
    assert claims["subject_group"].tolist() == ["死者", "死者"]
    arts["n3"] = ["犠牲者は300人に達したと地元紙が伝えた。"]
    claims = ledger(arts)
    assert claims["group_id"].nunique() == 1 and set(claims["status"]) == {"conflicting"}


def test_turnout_within_rounding_is_consistent():
    claims = ledger({"e1": ["今回の衆院選の投票率は53.8%だった。"], "e2": ["投票率は53.9%で前回を下回った。"]})
    assert claims["status"].tolist() == ["consistent", "consistent"]
    assert claims["subject_group"].tolist() == ["投票率", "投票率"]


def test_typhoon_rainfall_units_are_kept_apart(listed):
    claims = ledger({"t1": ["山間部では24時間の雨量が約400ミリに達した。"],
                     "t2": ["雨量は最大450ミリに達した。"]})
    rain = claims[claims["unit"] == "mm"]
    assert rain["subject"].tolist() == ["雨量", "雨量"]
    assert set(rain["status"]) == {"differs"}          # [360, 440] and [0, 450] overlap
    hours = claims[claims["unit"] == "日"]
    assert hours["status"].tolist() == ["single"]       # a duration never joins the rainfall group


def test_stock_index_consistent_and_single_article(listed):
    claims = ledger({"s1": ["終値は3万8100円だった。"], "s2": ["終値は約3万8000円となった。"],
                     "s3": ["終値は3万8000円で、終値は4万円とも伝えられた。"]})
    by_article = claims.groupby("article_id")["value"].apply(list).to_dict()
    assert by_article == {"s1": [38100.0], "s2": [38000.0], "s3": [38000.0, 40000.0]}
    assert claims["group_id"].nunique() == 1 and set(claims["status"]) == {"conflicting"}
    claims = ledger({"s3": ["終値は3万8000円で、終値は4万円とも伝えられた。"]})
    assert set(claims["status"]) == {"single"}          # one article: single, whatever the values


def test_unresolved_subjects_never_group():
    claims = ledger({"x": ["その後、2人が見つかった。"], "y": ["その後、2人が見つかった。"]})
    assert claims["group_id"].nunique() == 2 and set(claims["status"]) == {"single"}


def test_source_comes_from_the_sourcing_table():
    src = pd.DataFrame({"article_id": ["b", "b"], "sentence_id": [0, 0], "source": ["消防庁", "県"]})
    claims = ledger({"b": ["負傷者は約40人に上った。", "避難者は100人だった。"]}, sources=src)
    assert claims["source"].tolist() == ["消防庁; 県", ""]


def test_vague_budget_and_budget_amount():
    claims = ledger({"g": ["防衛費として1兆5000億円を計上し、数十億円の予備費も設けた。"]})
    assert claims["value"].tolist() == [1.5e12, 5.5e9]
    assert claims[["low", "high"]].values.tolist()[1] == [2e9, 9e9]


@pytest.mark.parametrize("values, lows, highs, articles, status", [
    ([300, 305.8], [270, 275], [330, 336], ["a", "b"], "consistent"),
    ([10000, 11000], [9000, 9900], [11000, 12100], ["a", "b"], "differs"),
    ([10000, 11000], [10000, 11000], [10000, 11000], ["a", "b"], "conflicting"),
    ([10000, 50000], [9000, 45000], [11000, 55000], ["a", "a"], "single"),
    ([100, 200], [100, 0], [math.inf, 200], ["a", "b"], "differs"),
])
def test_group_status(values, lows, highs, articles, status):
    assert group_status(values, lows, highs, articles) == status


def test_empty_input_gives_empty_table():
    claims = ledger({"z": ["数字のない文。"]})
    assert claims.empty and list(claims.columns) == CLAIM_COLUMNS


def test_a_change_never_joins_the_level_it_changes():
    claims = ledger({"p1": ["県の人口は182万人で、前年から2万人減った。"], "p2": ["県の人口は181万人だった。"]})
    level = claims[claims["value"] > 1e6]
    change = claims[claims["value"] == 20000]
    assert set(level["subject_group"]) == {"県の人口"} and set(level["status"]) == {"consistent"}
    assert change["subject_group"].tolist() == ["県の人口(増減)"] and change["status"].tolist() == ["single"]


def test_parenthetical_share_takes_the_subject_before_it():
    claims = ledger({"p": ["出席者は120人(前年比5%増)だった。"]})
    assert claims["subject"].tolist() == ["出席者", "出席者"]
