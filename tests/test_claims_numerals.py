"""Reading numerals: Arabic, full-width (after NFKC), kanji, myriads, vague forms, ranges."""
import pytest

from kiji.claims.numerals import find_numerals, parse_numeral
from kiji.core.textnorm import normalize_text


@pytest.mark.parametrize("text, value", [
    ("300", 300), ("1,000", 1000), ("3.5", 3.5), ("1万1000", 11000), ("60億", 6e9), ("3億5000万", 3.5e8),
    ("1.5万", 15000), ("5千", 5000), ("1,200万", 1.2e7), ("112兆", 1.12e14),
    ("三千", 3000), ("二十五", 25), ("千五百", 1500), ("一〇〇", 100), ("十", 10), ("百二十万", 1.2e6),
])
def test_exact_numerals(text, value):
    assert parse_numeral(text) == (value, value, False)


def test_full_width_digits_read_after_normalization():
    (n,) = find_numerals(normalize_text("１万２０００人"))
    assert n.value == 12000 and n.text == "1万2000"


@pytest.mark.parametrize("text, low, high", [
    ("数千", 2000, 9000), ("数十", 20, 90), ("数百", 200, 900), ("数万", 20000, 90000),
    ("数十万", 200000, 900000), ("十数", 11, 19), ("何百", 200, 900), ("数百億", 2e10, 9e10), ("数", 2, 9),
])
def test_vague_numerals_are_ranges(text, low, high):
    assert parse_numeral(text) == (low, high, True)


@pytest.mark.parametrize("text", ["万", "1万2万", "何", "二三十"])
def test_not_numerals(text):
    assert parse_numeral(text) is None or text == "何" and not find_numerals(text)


@pytest.mark.parametrize("text, low, high", [
    ("3〜5発", 3, 5), ("10-12%", 10, 12), ("3万〜5万人", 30000, 50000), ("3〜5万人", 30000, 50000),
    ("200から300人", 200, 300), ("3、4日", 3, 4),
])
def test_ranges(text, low, high):
    (n,) = find_numerals(text)
    assert (n.low, n.high, n.is_range) == (low, high, True)
    assert n.value == (low + high) / 2


def test_descending_pair_is_not_a_range():
    nums = find_numerals("5-3で勝った")
    assert [n.value for n in nums] == [5, 3]


def test_spans_point_into_the_text():
    text = "死者は約1万1000人、負傷者は数千人"
    assert [text[n.start:n.end] for n in find_numerals(text)] == ["1万1000", "数千"]


def test_runs_of_myriads_split_into_numerals_and_junk_is_skipped():
    assert [n.value for n in find_numerals("1万1万1万")] == [10000, 10000, 10000]
    assert find_numerals("9" * 40) == []          # a run of digits is not a stated number
    assert [n.text for n in find_numerals("3兆5000億2000万1000円")] == ["3兆5000億2000万1000"]
