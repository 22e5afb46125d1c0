import shutil

import pandas as pd
import pytest

import kiji
from kiji.core import cache, vocab
from kiji.tokens.tokenizer import tokenize_corpus, tokenize_sentences


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KIJI_CACHE", str(tmp_path / "cache"))
    cache.STATS.clear()
    return tmp_path / "cache"


def _two_article_folder(tmp_path, seeds_dir, n=2):
    folder = tmp_path / "arts"
    folder.mkdir()
    for seed in sorted(seeds_dir.iterdir())[:n]:
        shutil.copy(seed, folder)
    return folder


def test_rerun_does_no_per_article_work_and_new_article_only_is_processed(tmp_path, seeds_dir, fresh_cache):
    folder = _two_article_folder(tmp_path, seeds_dir)
    first = tokenize_corpus(kiji.load_corpus(folder))
    assert dict(cache.STATS["tokens"]) == {"computed": 2, "cached": 0}
    again = tokenize_corpus(kiji.load_corpus(folder))
    assert dict(cache.STATS["tokens"]) == {"computed": 2, "cached": 2}
    pd.testing.assert_frame_equal(first, again)
    shutil.copy(sorted(seeds_dir.iterdir())[2], folder)
    third = tokenize_corpus(kiji.load_corpus(folder))
    assert dict(cache.STATS["tokens"]) == {"computed": 3, "cached": 4}
    direct = tokenize_sentences(kiji.load_corpus(folder).sentences)
    pd.testing.assert_frame_equal(third, direct)  # cached result == uncached result, dtypes included


def test_renamed_file_reuses_results_under_its_new_id(tmp_path, seeds_dir, fresh_cache):
    folder = _two_article_folder(tmp_path, seeds_dir, n=1)
    tokenize_corpus(kiji.load_corpus(folder))
    (path,) = folder.iterdir()
    path.rename(folder / "renamed.txt")
    tokens = tokenize_corpus(kiji.load_corpus(folder))
    assert cache.STATS["tokens"] == {"computed": 1, "cached": 1}
    assert set(tokens.article_id) == {"renamed"}


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign"])
def test_corrupt_or_foreign_cache_file_is_rebuilt(tmp_path, seeds_dir, fresh_cache, damage):
    folder = _two_article_folder(tmp_path, seeds_dir)
    good = tokenize_corpus(kiji.load_corpus(folder))
    files = sorted((fresh_cache / "tokens").glob("*.parquet"))
    assert len(files) == 2
    if damage == "truncate":
        files[0].write_bytes(files[0].read_bytes()[:100])
    elif damage == "garbage":
        files[0].write_bytes(b"not parquet at all")
    else:  # another article's valid file under this name
        shutil.copy(files[1], files[0])
    cache.STATS.clear()
    again = tokenize_corpus(kiji.load_corpus(folder))
    assert cache.STATS["tokens"] == {"computed": 1, "cached": 1}
    pd.testing.assert_frame_equal(good, again)
    assert not list((fresh_cache / "tokens").glob(".tmp-*"))


def test_config_change_invalidates(tmp_path, monkeypatch, fresh_cache):
    data = tmp_path / "data"
    shutil.copytree(kiji.core.paths.data_dir(), data, ignore=shutil.ignore_patterns("cache"))
    monkeypatch.setenv("KIJI_DATA", str(data))
    def key():
        return cache.config_hash("tokens", vocab.snapshot(["userdict.csv"]).key)

    before = key()
    assert key() == before
    with open(data / "userdict.csv", "a", encoding="utf-8") as f:
        f.write("新語テスト,名詞,シンゴテスト\n")
    assert key() != before


def test_cache_off(monkeypatch, seed_corpus, tmp_path):
    """With the cache off nothing is read or written: a second run computes every article again."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KIJI_CACHE", "off")
    cache.STATS.clear()
    tokenize_corpus(seed_corpus)
    tokenize_corpus(seed_corpus)
    n = len(seed_corpus.articles)
    assert cache.STATS["tokens"] == {"computed": 2 * n, "cached": 0}
    assert list(tmp_path.iterdir()) == []
