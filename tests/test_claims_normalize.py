"""Canonical values, units and bounds (fixture tables in tests/data/claims)."""
import math
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "data" / "claims"


@pytest.fixture
def vocab(monkeypatch):
    monkeypatch.setenv("KIJI_DATA", str(FIXTURE))
    from kiji.claims.vocab import load_vocab
    return load_vocab()


def norm(text, vocab):
    from kiji.claims.extract import find_mentions
    from kiji.claims.normalize import normalize_mention
    (m,) = [m for m in find_mentions(text, vocab) if m.role == "quantity"]
    return normalize_mention(m, vocab)


@pytest.mark.parametrize("text, value, unit, kind", [
    ("100マイル", 160.9344, "km", "length"), ("250キロ", 250, "km", "length"), ("800メートル", 0.8, "km", "length"),
    ("60億ドル", 6e9, "USD", "currency"), ("1兆5000億円", 1.5e12, "JPY", "currency"), ("3割", 30, "%", "percent"),
    ("2年", 730, "日", "duration"), ("4時間", 1, "日", "duration"), ("400ミリ", 400, "mm", "precipitation"),
    ("3分の1", 100 / 3, "%", "percent"),
])
def test_units_are_converted_with_the_table_factor(text, value, unit, kind, vocab):
    n = norm(text, vocab)
    assert (n.unit, n.kind) == (unit, kind)
    assert n.value == pytest.approx(value)


@pytest.mark.parametrize("text, low, high", [
    ("約1000人", 900, 1100), ("およそ1000人", 800, 1200), ("ほぼ1000人", 950, 1050),
    ("1000人以上", 1000, math.inf), ("1000人超", 1000, math.inf), ("1000人未満", 0, 1000),
    ("最大1000人", 0, 1000), ("少なくとも1000人", 1000, math.inf), ("1000人近く", 900, 1000),
    ("1000人余り", 1000, 1200), ("1000人", 1000, 1000),
])
def test_qualifier_bounds(text, low, high, vocab):
    n = norm(text, vocab)
    assert n.value == 1000
    assert (n.low, n.high) == (pytest.approx(low), pytest.approx(high))


def test_vague_and_range_bounds(vocab):
    n = norm("数千人", vocab)
    assert (n.low, n.high, n.value) == (2000, 9000, 5500)
    n = norm("約3〜5発", vocab)
    assert (n.low, n.high) == (pytest.approx(2.7), pytest.approx(5.5))


def test_editing_the_table_changes_the_result(tmp_path, monkeypatch):
    import shutil
    for f in FIXTURE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    with open(tmp_path / "claim_units.csv", "a", encoding="utf-8") as f:
        f.write("里,km,3.927,length,Japanese ri\n")
    monkeypatch.setenv("KIJI_DATA", str(tmp_path))
    from kiji.claims.vocab import load_vocab
    assert norm("10里", load_vocab()).value == pytest.approx(39.27)
