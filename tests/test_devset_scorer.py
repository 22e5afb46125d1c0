"""The development-set helpers themselves: the scorers on tiny hand-made examples,
and the integrity of the data files (schemas, coverage the issue asks for)."""
import math

import pandas as pd
import pytest

from tests.devset import (
    KINDS,
    body_starts_with,
    case_sentences,
    load_attributions,
    load_cases,
    load_layouts,
    names_match,
    score_attributions,
    score_layouts,
)


def _exp(rows):
    return pd.DataFrame(rows, columns=["case_id", "speaker", "kind"])


def _found(rows):
    return pd.DataFrame(rows, columns=["case_id", "source", "canonical", "source_kind"])


EXPECTED = _exp([
    ("c1", "石破茂", "named_person"),
    ("c2", "ネタニヤフ", "named_person"),
    ("c3", "アラグチ", "named_person"),       # anaphor: found source 同氏, canonical アラグチ
    ("c4", "ニューヨーク・タイムズ", "media_outlet"),
    ("c5", "ザ・ナショナル", "media_outlet"),  # extractor makes it a person
    ("c6", "防衛省", "institution"),
    ("c7", "", "none"),
    ("c8", "CNN", "media_outlet"),
    ("c8", "米政府高官", "anonymous"),
    ("c9", "森保一", "named_person"),
])

FOUND = _found([
    ("c1", "石破茂首相", "石破", "named_person"),           # containment, both ways
    ("c3", "同氏", "アラグチ", "named_person"),
    ("c4", "米紙ニューヨーク・タイムズ", "ニューヨーク・タイムズ", "media_outlet"),
    ("c5", "ザ・ナショナル", "ザ・ナショナル", "named_person"),  # wrong kind
    ("c6", "防衛省", "防衛省", "institution"),
    ("c7", "中国", "中国", "named_person"),                 # false alarm in a none case
    ("c8", "ＣＮＮ", "ＣＮＮ", "media_outlet"),              # full width: NFKC
    ("c9", "森保一監督", "森保", "named_person"),
    ("c9", "森保監督", "森保", "named_person"),              # same speaker twice: duplicate
    ("c2", "イスラエル", "イスラエル", "unresolved"),
])


def test_names_match_is_containment_after_nfkc():
    assert names_match("石破", "石破茂首相")
    assert names_match("石破茂首相", "石破")
    assert names_match("CNN", "ＣＮＮ")
    assert not names_match("", "石破")
    assert not names_match("石破", None)
    assert not names_match("岸田", "石破")


def test_score_attributions_on_a_hand_made_example():
    s = score_attributions(EXPECTED, FOUND)
    # named: expected c1 c2 c3 c9 -> c1 c3 c9 found right (c2 unresolved) = 3/4
    assert s["named_recall"] == pytest.approx(3 / 4)
    # found named rows: c1 c3 c5 c7 c9 (c9's second row is a duplicate) -> 3 right of 5
    assert s["n_named_found"] == 5
    assert s["n_named_correct"] == 3
    assert s["named_precision"] == pytest.approx(3 / 5)
    # outlets: c4 right, c5 wrong kind, c8 right (NFKC) -> 2/3
    assert s["outlet_recall"] == pytest.approx(2 / 3)
    assert s["institution_recall"] == 1.0
    assert s["anonymous_recall"] == 0.0
    assert s["none_cases"] == 1 and s["none_cases_with_attribution"] == 1
    assert s["duplicates"] == 1
    pk = s["per_kind"].set_index("kind")
    assert pk.at["media_outlet", "name_only"] == 1
    assert pk.at["named_person", "found_unpaired"] == 1  # c7 only (c5 is paired by name)
    assert set(s["misses"]["case_id"]) == {"c2", "c5", "c8"}
    assert s["misses"].set_index("case_id").at["c5", "paired_kind"] == "named_person"
    assert set(s["false_positives"]["case_id"]) == {"c7", "c2"}


def test_each_found_row_pairs_with_one_expected_row_only():
    exp = _exp([("c1", "林", "named_person"), ("c1", "林芳正", "named_person")])
    s = score_attributions(exp, _found([("c1", "林芳正官房長官", "林", "named_person")]))
    assert s["named_recall"] == 0.5
    assert s["named_precision"] == 1.0


def test_unresolved_rows_do_not_raise_an_alarm_in_none_cases():
    exp = _exp([("c1", "", "none")])
    s = score_attributions(exp, _found([("c1", "", "", "unresolved")]))
    assert s["none_cases_with_attribution"] == 0
    assert math.isnan(s["named_precision"]) and math.isnan(s["named_recall"])


def test_score_attributions_rejects_unknown_cases_and_missing_columns():
    with pytest.raises(ValueError, match="not in the expected set"):
        score_attributions(EXPECTED, _found([("c99", "石破", "石破", "named_person")]))
    with pytest.raises(ValueError, match="missing columns"):
        score_attributions(EXPECTED, pd.DataFrame({"case_id": ["c1"], "source": ["石破"]}))


def test_body_starts_with_skips_leading_datelines_only():
    assert body_starts_with("【ワシントン時事】ルビオ米国務長官は", "ルビオ米国務長官は")
    assert body_starts_with("[東京 15日 ロイター] - 日産自動車は15日", "日産自動車は15日")
    assert body_starts_with("（CNN） 米カリフォルニア州", "米カリフォルニア州")
    assert not body_starts_with("メニューへ移動\n能登の仮設住宅", "能登の仮設住宅")
    assert not body_starts_with("本文", "")


def test_score_layouts_on_a_hand_made_example():
    exp = pd.DataFrame([
        {"file": "a.txt", "title": "見出しＡ", "published": "2025-03-04", "outlet": "共同",
         "first_body": "北朝鮮は8日午前", "boilerplate": "関連記事|シェア", "not_boilerplate": "政府は"},
        {"file": "b.txt", "title": "", "published": "", "outlet": "",
         "first_body": "気象庁は10日", "boilerplate": "", "not_boilerplate": "気象庁は10日"},
        {"file": "c.txt", "title": "見出しC", "published": "", "outlet": "時事",
         "first_body": "本文です", "boilerplate": "", "not_boilerplate": ""},
    ])
    found = pd.DataFrame([
        {"file": "a.txt", "title": "見出しA", "published": pd.Timestamp("2025-03-04"), "outlet": "共同通信",
         "body": "北朝鮮は8日午前、発射した。\n政府は抗議した。\nシェア"},
        {"file": "b.txt", "title": "気象庁は10日、発表した。", "published": None, "outlet": "NHK",
         "body": ""},
    ])
    s = score_layouts(exp, found)
    t = s["table"].set_index("file")
    assert t.loc["a.txt", ["title", "published", "outlet", "first_body", "not_boilerplate"]].all()
    assert not t.at["a.txt", "boilerplate"]          # シェア stayed in the body
    assert not t.at["b.txt", "title"] and t.at["b.txt", "published"]
    assert not t.at["b.txt", "outlet"] and not t.at["b.txt", "first_body"]
    assert not t.at["c.txt", "present"] and not t.at["c.txt", "title"]
    assert s["title"] == pytest.approx(1 / 3)
    assert s["outlet_recall"] == pytest.approx(1 / 2)
    assert s["outlet_false"] == 1


def test_attribution_set_meets_the_brief():
    df = load_attributions()
    assert len(df) >= 220
    assert set(df["kind"]) <= set(KINDS)
    assert (df["kind"] != "named_person").mean() >= 0.30
    assert df.loc[df["kind"] == "none", "case_id"].nunique() >= 25
    for kind in ("media_outlet", "institution", "anonymous", "document", "social_media"):
        assert (df["kind"] == kind).sum() >= 3, kind
    cases = load_cases()
    assert cases["case_id"].is_unique and len(cases) == df["case_id"].nunique()
    # the speaker is written in the sentence or its context (anaphors resolve to the context)
    for r in df[df["kind"] != "none"].itertuples():
        assert names_match(r.speaker, r.context + r.sentence) and r.speaker in (r.context + r.sentence), r.case_id


def test_layout_set_loads_and_is_consistent():
    df = load_layouts()
    assert len(df) >= 45
    for r in df.itertuples():
        assert not r.title or r.title in r.text, r.file
        assert r.first_body and r.first_body in r.text, r.file
        for s in filter(None, (r.boilerplate + "|" + r.not_boilerplate).split("|")):
            assert s in r.text, (r.file, s)
    assert (df["title"] == "").sum() >= 3
    assert (df["outlet"] != "").sum() >= 11
    assert df["published"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()


def test_case_sentences_puts_context_first_and_the_test_sentence_last():
    cases = pd.DataFrame([
        {"case_id": "c1", "topic": "t", "context": "Aは来日した。Bは「よし。」と述べた。", "sentence": "同氏は語った。"},
        {"case_id": "c2", "topic": "t", "context": "", "sentence": "Cは述べた。"},
    ])
    df = case_sentences(cases)
    assert df["text"].tolist() == ["Aは来日した。", "Bは「よし。」と述べた。", "同氏は語った。", "Cは述べた。"]
    assert df["sentence_id"].tolist() == [0, 1, 2, 0]
    assert df["is_test"].tolist() == [False, False, True, True]
    real = case_sentences()
    assert real.groupby("case_id")["is_test"].sum().eq(1).all()


def test_a_same_kind_pair_is_preferred_over_an_earlier_name_only_match():
    exp = _exp([("c1", "ロイター", "media_outlet")])
    found = _found([("c1", "ロイター記者", "ロイター記者", "named_person"),
                    ("c1", "ロイター通信", "ロイター", "media_outlet")])
    s = score_attributions(exp, found)
    assert s["outlet_recall"] == 1.0
    assert s["n_named_found"] == 1 and s["n_named_correct"] == 0
    assert s["false_positives"]["source"].tolist() == ["ロイター記者"]
