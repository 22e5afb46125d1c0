"""Constructions added for real news text: places, lists whose topic is a clause away, rates, numbers
with no counter, business days, changes and their basis, degrees and minutes.  Hand-made sentences;
the fixture tables of tests/data/claims with the rows these constructions need."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

FIXTURE = Path(__file__).parent / "data" / "claims"
NO_SOURCES = pd.DataFrame(columns=["article_id", "sentence_id", "source"])
EXTRA_UNITS = ["度,度,1,degrees,,", "歳,歳,1,age,,", "hPa,hPa,1,pressure,,", "営業日,営業日,1,duration,,",
               "カ所,カ所,1,count,,", "銭,JPY,0.01,currency,,", "マグニチュード,M,1,magnitude,,before", "の,個,1,count,,bare"]


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    for f in FIXTURE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    units = (FIXTURE / "claim_units.csv").read_text(encoding="utf-8").splitlines()
    rows = [units[0] + ",position"] + [line + "," for line in units[1:]] + EXTRA_UNITS
    (tmp_path / "claim_units.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("KIJI_DATA", str(tmp_path))
    return tmp_path


def ledger(articles: dict[str, list[str]]) -> pd.DataFrame:
    from kiji.claims import claims_table
    rows = [(aid, sid, text) for aid, texts in articles.items() for sid, text in enumerate(texts)]
    return claims_table(pd.DataFrame(rows, columns=["article_id", "sentence_id", "text"]), sources=NO_SOURCES)


def one(text: str) -> pd.DataFrame:
    return ledger({"a": [text]})


def test_list_of_places_takes_the_topic_a_clause_away():
    claims = one("週末までに予想される雨量は、いずれも多い所で、九州北部で300ミリ、四国で250ミリ、近畿で180ミリとなっている。")
    assert claims[["value", "subject", "place"]].values.tolist() == [
        [300.0, "雨量", "九州北部"], [250.0, "雨量", "四国"], [180.0, "雨量", "近畿"]]


def test_a_place_before_ga_is_a_place_not_the_subject():
    claims = one("雨量は、多い所で、四国地方が200ミリ、九州地方が150ミリとなる見込みだ。")
    assert claims[["subject", "place"]].values.tolist() == [["雨量", "四国地方"], ["雨量", "九州地方"]]


def test_a_place_before_no_is_not_the_subject():
    claims = one("けがをした人は静岡市の2人、浜松市の3人の計5人となった。")
    assert claims[["value", "subject", "place"]].values.tolist() == [
        [2.0, "けがをした人", "静岡市"], [3.0, "けがをした人", "浜松市"], [5.0, "けがをした人", ""]]


def test_a_one_character_topic_is_widened_by_its_relative_clause_or_genitive():
    assert one("避難した人は少なくとも静岡県で40人、愛知県で20人に上った。")["subject"].tolist() == ["避難した人"] * 2
    assert one("予想される雨の量は、東海で150ミリだ。")["subject"].tolist() == ["雨の量"]


def test_place_separates_groups_and_the_same_place_still_reconciles():
    apart = ledger({"a": ["静岡県で3人が死亡した。"], "b": ["愛知県で5人が死亡した。"]})
    assert apart["group_id"].nunique() == 2 and set(apart["status"]) == {"single"}
    assert set(apart["place"]) == {"静岡県", "愛知県"}
    same = ledger({"a": ["静岡県で3人が死亡した。"], "b": ["静岡県で4人が死亡した。"]})
    assert same["group_id"].nunique() == 1 and set(same["status"]) == {"conflicting"}


def test_speed_written_with_a_cue_before_the_number_is_per_hour():
    claims = one("台風は1時間に20キロの速さで北へ進んでいる。")
    assert claims[["expression", "value", "unit", "kind", "subject"]].values.tolist() == [
        ["1時間に20キロ", 20.0, "km/h", "length_rate", "速さ"]]  # the 1 of 1時間に is no duration
    assert one("車は時速30キロで走っていた。")[["value", "unit"]].values.tolist() == [[30.0, "km/h"]]
    rain = one("1時間に80ミリの猛烈な雨が降った。")
    assert rain[["value", "unit", "subject"]].values.tolist() == [[80.0, "mm/h", "猛烈な雨"]]


def test_wind_in_metres_is_per_second_through_its_subject():
    claims = one("中心付近の最大風速は40メートルだ。")
    assert claims[["value", "unit", "low", "high", "subject"]].values.tolist() == [
        [144.0, "km/h", 144.0, 144.0, "中心付近の最大風速"]]
    assert one("山の高さは40メートルだ。")[["value", "unit"]].values.tolist() == [[0.04, "km"]]


def test_a_rate_cue_follows_the_file(folder):
    (folder / "claim_rates.csv").write_text("cue,position,seconds,kinds,note\n", encoding="utf-8")
    assert one("中心付近の最大風速は40メートルだ。")["unit"].tolist() == ["km"]


def test_a_number_with_no_counter_before_no_and_a_noun_is_a_count():
    claims = one("県内では32の自治体が210の避難所を開いた。")
    assert claims[["expression", "raw_unit", "value", "unit", "subject"]].values.tolist() == [
        ["32", "", 32.0, "個", "自治体"], ["210", "", 210.0, "個", "避難所"]]
    for text in ("第3の道を選んだ。", "G7の首脳が集まった。", "数十の団体が参加した。"):
        assert one(text).empty, text


def test_business_days_are_a_duration_of_their_own_with_their_topic():
    claims = one("日経平均株価は5営業日ぶりに反発した。")
    assert claims[["value", "unit", "kind", "subject"]].values.tolist() == [[5.0, "営業日", "duration", "日経平均株価"]]
    assert one("交渉は5日間続いた。")["subject"].tolist() == [""]  # no ぶり / 連続: a duration stays unresolved


def test_duration_before_a_relative_clause_measures_its_noun():
    claims = one("明日朝までの24時間に予想される雨量は多い所で200ミリ。")
    assert claims["subject"].tolist()[0] == "雨量"


def test_a_change_basis_is_never_the_subject():
    claims = one("日経平均株価の終値は前日比320円50銭安の3万8120円だった。")
    assert claims[["value", "subject", "subject_group"]].values.tolist() == [
        [320.5, "日経平均株価の終値", "日経平均株価の終値(増減)"], [38120.0, "日経平均株価の終値", "日経平均株価の終値"]]


def test_a_level_after_a_change_adjective_keeps_the_topic():
    claims = one("TOPIXは前日より12ポイント(0.5%)高い2650ポイントで取引を終えた。")
    assert claims[["value", "subject_group"]].values.tolist() == [
        [12.0, "TOPIX(増減)"], [0.5, "TOPIX(増減)"], [2650.0, "TOPIX"]]


def test_change_words_come_from_the_file(folder):
    text = "売上高は前年比12%急伸した。"
    assert one(text)["subject_group"].tolist() == [""]  # 前年比 is a basis; 急伸 unknown: unresolved
    with (folder / "claim_changes.csv").open("a", encoding="utf-8") as f:
        f.write("急伸,change,,\n")
    assert one(text)["subject_group"].tolist() == ["売上高(増減)"]


def test_a_change_word_is_undone_by_its_not_before():
    from kiji.claims.vocab import load_vocab
    vocab = load_vocab()
    assert [vocab.change_after(t) for t in ("高い", "(0.5%)高", "高値", "安さ", "安い")] == [True, True, False, False, True]


def test_degrees_and_minutes_are_one_angle():
    claims = one("震源は北緯35度30分、東経139度45分の地点だ。")
    assert claims[["expression", "value", "unit"]].values.tolist() == [
        ["35度30分", 35.5, "度"], ["139度45分", 139.75, "度"]]
    assert one("会議は30分の休憩に入った。")[["value", "subject"]].values.tolist() == [[30 * 0.001, "休憩"]]


def test_a_letter_unit_is_not_a_code():
    assert one("中心気圧は960hPaだ。")[["value", "unit", "subject"]].values.tolist() == [[960.0, "hPa", "中心気圧"]]


def test_the_sentence_topic_governs_its_later_clauses():
    claims = one("輸出額は3年連続で増えたが、前年より1200億円減の8兆円だった。")
    assert claims[["value", "subject_group"]].values.tolist() == [
        [3 * 365.0, "輸出額"], [1.2e11, "輸出額(増減)"], [8e12, "輸出額"]]
    # reported speech: the topic is the speaker, not what was counted
    assert one("首相は記者団に対し、会場には約500人が集まったと語った。")["subject"].tolist() == [""]


def test_mo_after_a_particle_is_a_comparison_not_a_topic():
    claims = one("町の人口は5万人で、前の年よりも800人減った。")
    assert claims["subject_group"].tolist() == ["町の人口", "町の人口(増減)"]


def test_a_before_unit_as_the_topic_of_the_number():
    claims = one("地震の規模を示すマグニチュードは6.8と推定される。")
    assert claims[["expression", "value", "unit"]].values.tolist() == [["6.8", 6.8, "M"]]


def test_a_thing_named_after_a_region_is_not_a_place():
    claims = one("確認された中国機の80%が中間線を越えた。")
    assert claims[["subject", "place"]].values.tolist() == [["中国機", ""]]


def test_place_heads_come_from_the_file(folder):
    text = "雨量は、多い所で、東海地方で200ミリ、近畿地方で120ミリの見込み。"
    assert one(text)["place"].tolist() == ["東海地方", "近畿地方"]
    (folder / "claim_places.csv").write_text("word,note\n", encoding="utf-8")
    assert one(text)["place"].tolist() == ["", ""]
    assert one("関東甲信地方・伊豆諸島が180ミリ。")["place"].tolist() == [""]
