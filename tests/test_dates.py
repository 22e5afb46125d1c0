"""Date expressions and their resolution (kiji.loading.dates, kiji.escalation.events), checked against hand-read examples."""
import pandas as pd
import pytest

from kiji.core.textnorm import normalize_text
from kiji.escalation.events import events
from kiji.loading.dates import find_dates


def one(text, published=""):
    found = find_dates(normalize_text(text), published)
    assert len(found) == 1, found
    d = found[0]
    return d.date_text, d.date, d.precision, d.resolved_from


# --- absolute forms: resolved with or without an article date -----------------------------
@pytest.mark.parametrize("pub", ["", "2024-11-25"])
def test_absolute_forms(pub):
    assert one("2024年11月17日、西側メディアは", pub) == ("2024年11月17日", "2024-11-17", "day", "absolute")
    assert one("25.11.2024", pub) == ("25.11.2024", "2024-11-25", "day", "absolute")
    assert one("2022年2月のウクライナへの全面侵攻", pub) == ("2022年2月", "2022-02", "month", "absolute")
    assert one("1994年のブダペスト覚書", pub) == ("1994年", "1994", "year", "absolute")
    assert one("公開日 2024-11-17 更新", pub) == ("2024-11-17", "2024-11-17", "day", "absolute")


def test_fullwidth_digits_are_normalized_first():
    assert one("２０２４年１１月１７日", "") == ("2024年11月17日", "2024-11-17", "day", "absolute")


def test_date_line_keeps_weekday_in_its_text():
    # the date line of seed 000: one date, not a date plus a separate 月曜日
    assert one("2024年11月18日月曜日") == ("2024年11月18日月曜日", "2024-11-18", "day", "absolute")


# --- forms resolved from the article date ----------------------------------------------------
def test_month_day_gets_the_closest_year():
    # 000 is dated 2024-11-18; "今から1月20日までに" is the next inauguration, 2025-01-20
    assert one("今から1月20日までに", "2024-11-18") == ("1月20日", "2025-01-20", "day", "inferred year")
    assert one("11月17日に", "2024-11-18") == ("11月17日", "2024-11-17", "day", "inferred year")


def test_month_only_gets_the_closest_year():
    assert one("9月には", "2024-11-18") == ("9月", "2024-09", "month", "inferred year")
    # June is 5 months before and 7 after: the June before (Putin in Pyongyang, June 2024)
    assert one("6月に平壌で", "2024-11-18") == ("6月", "2024-06", "month", "inferred year")


def test_day_only_with_local_time_note():
    assert one("17日(現地時間)のニューヨークタイムズ", "2024-11-18") == (
        "17日(現地時間)", "2024-11-17", "day", "article date")
    # full-width parentheses become ASCII under NFKC
    assert one("17日（現地時間）", "2024-11-18")[0] == "17日(現地時間)"
    # day 28 seen from 2024-12-02 is 28 November, not 28 December
    assert one("28日に", "2024-12-02")[1] == "2024-11-28"


def test_relative_words():
    assert one("昨年", "2024-11-18")[1:] == ("2023", "year", "article date")
    assert one("今年初め", "2024-11-18")[1:] == ("2024", "year", "article date")
    assert one("先月末", "2024-11-18")[1:] == ("2024-10", "month", "article date")
    assert one("先月", "2024-01-05")[1] == "2023-12"
    assert one("昨日", "2024-03-01")[1] == "2024-02-29"


def test_weekday_is_most_recent_on_or_before_article_date():
    # 2024-11-18 is a Monday: Blinken spoke in Brussels on Wednesday 13 Nov, APEC met Friday 15 Nov
    assert one("水曜日、ブリュッセルで", "2024-11-18")[1:] == ("2024-11-13", "day", "article date")
    assert one("バイデン氏は金曜日、ペルーで", "2024-11-18")[1] == "2024-11-15"
    assert one("月曜日", "2024-11-18")[1] == "2024-11-18"
    assert one("日曜日", "2024-11-18")[1] == "2024-11-17"


# --- no article date: kept, but never invented -------------------------------------------------
@pytest.mark.parametrize("text,precision", [
    ("17日(現地時間)", "day"), ("1月20日", "day"), ("9月", "month"), ("昨年", "year"),
    ("先月", "month"), ("日曜日", "day"), ("今年", "year"),
])
def test_unresolved_without_article_date(text, precision):
    for pub in ("", None, float("nan"), "unknown"):
        date_text, date, prec, source = one(text, pub)
        assert (date_text, date, prec, source) == (text, "", precision, "unresolved")


# --- things that are not dates -------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "2日後、プーチン氏は", "数日以内に", "過去10年間", "射程距離約300キロ", "2か月前に起きている",
    "1000日前の侵略", "今後2カ月は", "数カ月の審議", "約1万1000人", "60億ドル相当", "3年間の戦争",
    "90%が", "2024年間", "13日間の",
])
def test_not_dates(text):
    assert find_dates(normalize_text(text), "2024-11-18") == []


def test_invalid_calendar_dates_are_dropped():
    assert find_dates("2024年2月30日", "") == []
    assert find_dates("13月に", "2024-11-18") == []


def test_events_table_keeps_ids_and_tags_escalation():
    sentences = pd.DataFrame({
        "article_id": ["a", "a", "b"],
        "sentence_id": [0, 1, 0],
        "text_norm": ["9月には報復すると警告した。", "2日後に署名した。", "17日(現地時間)に許可した。"],
    })
    escalation = pd.DataFrame({
        "article_id": ["a", "a"], "sentence_id": [0, 0],
        "category": ["red_line", "retaliation_threat"], "level": [5, 6],
    })
    ev = events(sentences, {"a": "2024-11-18", "b": ""}, escalation)
    assert list(ev["article_id"]) == ["a", "b"]
    assert list(ev["sentence_id"]) == [0, 0]
    a, b = ev.iloc[0], ev.iloc[1]
    assert (a["date"], a["category"], a["level"], a["categories"]) == (
        "2024-09", "retaliation_threat", 6, "retaliation_threat; red_line")
    assert (b["date_text"], b["date"], b["resolved_from"], b["category"], b["level"]) == (
        "17日(現地時間)", "", "unresolved", "", -1)
    # articles may also come as a DataFrame (corpus.articles)
    arts = pd.DataFrame({"article_id": ["a", "b"], "published": ["2024-11-18", ""]})
    assert events(sentences, arts)["date"].tolist() == ["2024-09", ""]
