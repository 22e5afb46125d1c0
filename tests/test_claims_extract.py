"""Roles of numbers in a sentence: quantities, and dates/times/ordinals/names that are not claims."""
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "data" / "claims"


@pytest.fixture
def vocab(monkeypatch):
    monkeypatch.setenv("KIJI_DATA", str(FIXTURE))
    from kiji.claims.vocab import load_vocab
    return load_vocab()


def roles(text, vocab, tokens=None):
    from kiji.claims.extract import find_mentions
    return [(m.expression, m.role) for m in find_mentions(text, vocab, tokens)]


def tokens_of(text):
    import pandas as pd

    from kiji.claims.ledger import token_lists
    from kiji.tokens.tokenizer import tokenize_sentences
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text_norm": [text]})
    return token_lists(tokenize_sentences(sents))[("a", 0)]


@pytest.mark.parametrize("text, expected", [
    ("政府は2024年11月19日に発表した。", [("2024年", "date"), ("11月", "date"), ("19日", "date")]),
    ("首相は17日(現地時間)に会見した。", [("17日", "date")]),
    ("令和6年の補正予算", [("6年", "date")]),
    ("2024年度の予算", [("2024年", "date")]),
    ("1995年の震災", [("1995年", "date")]),
    ("24年11月に", [("24年", "date"), ("11月", "date")]),
    ("9月時点で", [("9月", "date")]),
    ("09年から減り続け、24年に生まれた", [("09年", "date"), ("24年", "date")]),
    ("午後3時に揺れた", [("3", "time")]),
    ("10時30分に", [("10", "time"), ("30分", "time")]),
])
def test_dates_and_times_are_not_quantities(text, expected, vocab):
    assert roles(text, vocab) == expected


@pytest.mark.parametrize("text, expression", [
    ("停戦から1000日が過ぎた", "1000日"), ("3年間の任期", "3年間"), ("わずか2日後に", "2日"),
    ("今後2カ月で", "2カ月"), ("30日以内に", "30日"), ("10年の歳月", "10年"), ("48時間以内", "48時間"),
])
def test_durations_are_quantities(text, expression, vocab):
    assert (expression, "quantity") in roles(text, vocab)


@pytest.mark.parametrize("text, expected", [
    ("第2次内閣の2人目の閣僚", [("2", "ordinal"), ("2", "ordinal")]),
    ("F-35を6機", [("35", "name"), ("6機", "quantity")]),
    ("G7の首脳", [("7", "name")]),
    ("台風10号が", [("10", "ordinal")]),
    ("人口は1億を超える", [("1億", "no_unit")]),
])
def test_ordinals_names_and_unitless_numbers(text, expected, vocab):
    assert roles(text, vocab) == expected


def test_kanji_words_are_not_numerals(vocab):
    text = "十分な説明で一層の理解を得た千葉の三千人"
    found = roles(text, vocab, tokens_of(text))
    assert ("三千人", "quantity") in found
    assert all(role != "quantity" for expr, role in found if expr != "三千人")


@pytest.mark.parametrize("text, expression, qualifiers", [
    ("約2000人が避難", "約2000人", ["約"]),
    ("1万人以上が参加", "1万人以上", ["以上"]),
    ("少なくとも5人", "少なくとも5人", ["少なくとも"]),
    ("300キロ余りを走行", "300キロ余り", ["余り"]),
    ("1万余人が", "1万余人", ["余"]),
    ("最大3割", "最大3割", ["最大"]),
])
def test_qualifiers_before_and_after(text, expression, qualifiers, vocab):
    from kiji.claims.extract import find_mentions
    (m,) = [m for m in find_mentions(text, vocab) if m.role == "quantity"]
    assert (m.expression, m.qualifiers) == (expression, qualifiers)


@pytest.mark.parametrize("text, expression, value", [
    ("終値は3万8500円40銭", "3万8500円40銭", 38500.4),
    ("200人から300人が", "200人から300人", 250),
    ("率は0・75%", "0・75%", 0.75),
])
def test_compound_amounts_ranges_and_middle_dot_decimals(text, expression, value, monkeypatch, tmp_path):
    import shutil
    for f in FIXTURE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    with open(tmp_path / "claim_units.csv", "a", encoding="utf-8") as f:
        f.write("銭,JPY,0.01,currency,\n")
    monkeypatch.setenv("KIJI_DATA", str(tmp_path))
    from kiji.claims.extract import find_mentions
    from kiji.claims.vocab import load_vocab
    (m,) = [m for m in find_mentions(text, load_vocab()) if m.role == "quantity"]
    assert m.expression == expression and m.numeral.value == pytest.approx(value)


def test_units_written_before_the_number(tmp_path, monkeypatch):
    import shutil
    for f in FIXTURE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    units = (tmp_path / "claim_units.csv").read_text(encoding="utf-8").splitlines()
    rows = [units[0] + ",position"] + [line + ",after" for line in units[1:]]
    rows += ["マグニチュード,M,1,magnitude,,before", "M,M,1,magnitude,,before"]
    (tmp_path / "claim_units.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("KIJI_DATA", str(tmp_path))
    from kiji.claims.vocab import load_vocab
    vocab = load_vocab()
    assert roles("マグニチュード6.5の地震、M7.1の余震、GM7の車", vocab) == [
        ("マグニチュード6.5", "quantity"), ("M7.1", "quantity"), ("7", "name")]
