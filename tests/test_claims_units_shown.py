"""Claims on news that is not about a war: units shown in the unit written (8 cm, 3 時間) but compared
in one canonical unit, model numbers that are not quantities, and prices of different things kept apart
(issue 18, item 7).  Own sentences; the fixture tables of tests/data/claims plus the rows below."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

FIXTURE = Path(__file__).parent / "data" / "claims"
NO_SOURCES = pd.DataFrame(columns=["article_id", "sentence_id", "source"])
UNITS = """unit,canonical,factor,kind,note,position,display
円,JPY,1,currency,,,
キロ,km,1,length,,,
km,km,1,length,,,
メートル,km,0.001,length,,,m
m,km,0.001,length,,,m
センチ,km,0.00001,length,,,cm
cm,km,0.00001,length,,,cm
日,日,1,duration,,,
時間,日,0.041666667,duration,,,時間
分,日,0.000694444,duration,,,分
人,人,1,people,,,
M,M,1,magnitude,,before,
"""


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    for f in FIXTURE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "claim_units.csv").write_text(UNITS, encoding="utf-8")
    monkeypatch.setenv("KIJI_DATA", str(tmp_path))
    return tmp_path


def ledger(articles: dict[str, list[str]]) -> pd.DataFrame:
    from kiji.claims import claims_table
    rows = [(aid, sid, text) for aid, texts in articles.items() for sid, text in enumerate(texts)]
    return claims_table(pd.DataFrame(rows, columns=["article_id", "sentence_id", "text"]), sources=NO_SOURCES)


@pytest.mark.parametrize("text, shown", [
    ("新しいスマートフォンの厚さは約8センチだ。", [8.0, "cm", 7.2, 8.8]),
    ("展望台の高さは350メートル。", [350.0, "m", 350.0, 350.0]),
    ("マラソンの距離は42キロ。", [42.0, "km", 42.0, 42.0]),
    ("会見は3時間に及んだ。", [3.0, "時間", 3.0, 3.0]),
])
def test_a_length_or_a_duration_stays_in_its_unit(text, shown):
    c = ledger({"a": [text]})
    assert c[["value", "unit", "low", "high"]].values.tolist() == [shown]


def test_claims_in_different_units_are_compared_in_one():
    c = ledger({"a": ["新型モデルの厚さは約8センチ。"], "b": ["新型モデルの厚さは0.1メートルだ。"],
                "c": ["新型モデルの厚さは8センチ。"]})
    assert c["group_id"].nunique() == 1 and set(c["status"]) == {"conflicting"}   # 10 cm is not about 8 cm
    assert set(c["base_unit"]) == {"km"}
    from kiji.claims.reconcile import groups_table
    g = groups_table(c)
    assert g[["unit", "min_value", "max_value"]].values.tolist() == [["km", 0.00008, 0.0001]]
    same = ledger({"a": ["新型モデルの厚さは8センチ。"], "b": ["新型モデルの厚さは0.08メートル。"]})
    assert same["unit"].tolist() == ["cm", "m"] and set(same["status"]) == {"consistent"}


@pytest.mark.parametrize("text", ["新しいマウスM570は軽い。", "カメラRX100の後継機が出た。", "型番はM2A。"])
def test_a_model_number_is_not_a_quantity(text):
    assert ledger({"a": [text]}).empty


def test_a_magnitude_is_still_read():
    c = ledger({"a": ["地震の規模はM6.5と推定される。"], "b": ["規模はM7だった。"]})
    assert c[["value", "unit"]].values.tolist() == [[6.5, "M"], [7.0, "M"]]


def test_the_price_of_a_speaker_and_of_a_coffee_are_two_things():
    c = ledger({"a": ["新型スピーカーの価格は3980円だ。"], "b": ["駅前のカフェのコーヒーの価格は300円。"]})
    assert c["group_id"].nunique() == 2 and set(c["status"]) == {"single"}
    assert c["subject_group"].tolist() == ["新型スピーカーの価格", "コーヒーの価格"]


def test_a_display_unit_must_be_a_listed_unit_of_the_same_canonical(folder):
    from kiji.core.vocab import VocabError
    (folder / "claim_units.csv").write_text(UNITS.replace("センチ,km,0.00001,length,,,cm",
                                                          "センチ,km,0.00001,length,,,円"), encoding="utf-8")
    from kiji.claims.vocab import DATA_FILES, from_snapshot
    from kiji.core.vocab import snapshot
    with pytest.raises(VocabError, match="display"):
        from_snapshot(snapshot(DATA_FILES))


def test_a_bare_generic_subject_groups_only_inside_its_article():
    c = ledger({"a": ["彼の年収は1億円だという。", "年収は1000万円だった。"], "b": ["年収は200万円だった。"]})
    assert c["scope"].tolist() == ["article", "article", "article"]
    assert c.groupby("article_id")["group_id"].nunique().to_dict() == {"a": 1, "b": 1}
    assert c["group_id"].nunique() == 2          # never one group across the two articles


def test_a_listed_subject_still_groups_across_articles(folder):
    (folder / "claim_subjects.csv").write_text("alias,subject,note\n年収,年収,\n", encoding="utf-8")
    c = ledger({"a": ["年収は1億円だった。"], "b": ["年収は200万円だった。"]})
    assert c["scope"].tolist() == ["corpus", "corpus"] and c["group_id"].nunique() == 1
