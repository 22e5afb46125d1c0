"""Seed regression (shipped data/): the two reconciliation cases the ledger was built for,
and the shipped claim tables load."""
import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def claims(seed_corpus):
    from kiji.claims import claims_table
    return claims_table(seed_corpus)


def test_missile_range_in_miles_and_km_is_one_consistent_group(claims):
    rng = claims[(claims["unit"] == "km") & claims["raw_unit"].isin(["マイル", "キロ"])]
    assert sorted(rng["raw_unit"]) == ["キロ", "マイル"]
    assert rng["group_id"].nunique() == 1 and rng["article_id"].nunique() == 2
    assert set(rng["status"]) == {"consistent"}
    miles = rng[rng["raw_unit"] == "マイル"].iloc[0]
    assert miles["value"] == pytest.approx(190 * 1.609344)


def test_north_korean_troops_are_one_group_that_differs(claims):
    troops = claims[claims["subject_group"] == "北朝鮮軍"]
    assert sorted(troops["value"]) == [10000, 10000, 11000]
    assert troops["group_id"].nunique() == 1 and set(troops["status"]) == {"differs"}


def test_dates_in_seeds_are_not_claims(claims):
    assert not claims["raw_unit"].eq("月").any()
    assert not (claims["raw_value"].str.fullmatch(r"\d{4}") & claims["raw_unit"].eq("年")).any()
    days = claims[claims["expression"].str.fullmatch(r"\d{1,2}日")]
    for r in days.itertuples():  # a day count is a duration only when 後/前/間 follows it (2日後)
        assert r.text[r.end] in "後前間"
    assert claims["expression"].eq("1000日").any()


def test_shipped_claim_tables_load():
    from kiji.claims.vocab import load_vocab
    vocab = load_vocab()
    assert vocab.units["マイル"].canonical == vocab.units["キロ"].canonical == "km"
