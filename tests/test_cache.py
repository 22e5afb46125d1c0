import shutil

import pandas as pd
import pytest

import kiji
from kiji.core import cache, vocab
from kiji.core.parallel import InProcess
from kiji.core.run import Run
from kiji.tokens import tokenize_corpus
from kiji.tokens.tokenizer import tokenize_sentences


@pytest.fixture
def run(tmp_path):
    return Run(cache=cache.Cache(tmp_path / "cache"), executor=InProcess())


@pytest.fixture
def fresh_cache(tmp_path, run):
    return tmp_path / "cache"


def _two_article_folder(tmp_path, seeds_dir, n=2):
    folder = tmp_path / "arts"
    folder.mkdir()
    for seed in sorted(seeds_dir.iterdir())[:n]:
        shutil.copy(seed, folder)
    return folder


def test_rerun_does_no_per_article_work_and_new_article_only_is_processed(tmp_path, seeds_dir, run, fresh_cache):
    folder = _two_article_folder(tmp_path, seeds_dir)
    first = tokenize_corpus(kiji.load_corpus(folder), run=run)
    assert dict(run.stats["tokens"]) == {"computed": 2, "cached": 0}
    again = tokenize_corpus(kiji.load_corpus(folder), run=run)
    assert dict(run.stats["tokens"]) == {"computed": 2, "cached": 2}
    pd.testing.assert_frame_equal(first, again)
    shutil.copy(sorted(seeds_dir.iterdir())[2], folder)
    third = tokenize_corpus(kiji.load_corpus(folder), run=run)
    assert dict(run.stats["tokens"]) == {"computed": 3, "cached": 4}
    direct = tokenize_sentences(kiji.load_corpus(folder).sentences)
    pd.testing.assert_frame_equal(third, direct)  # cached result == uncached result, dtypes included


def test_renamed_file_reuses_results_under_its_new_id(tmp_path, seeds_dir, run, fresh_cache):
    folder = _two_article_folder(tmp_path, seeds_dir, n=1)
    tokenize_corpus(kiji.load_corpus(folder), run=run)
    (path,) = folder.iterdir()
    path.rename(folder / "renamed.txt")
    tokens = tokenize_corpus(kiji.load_corpus(folder), run=run)
    assert run.stats["tokens"] == {"computed": 1, "cached": 1}
    assert set(tokens.article_id) == {"renamed"}


@pytest.mark.parametrize("damage", ["truncate", "garbage", "foreign"])
def test_corrupt_or_foreign_cache_pack_is_rebuilt(tmp_path, seeds_dir, run, fresh_cache, damage):
    folder = _two_article_folder(tmp_path, seeds_dir)
    tokenize_corpus(kiji.load_corpus(folder), run=run)
    first_pack = set((fresh_cache / "tokens").glob("pack-*.parquet"))
    shutil.copy(sorted(seeds_dir.iterdir())[2], folder)
    good = tokenize_corpus(kiji.load_corpus(folder), run=run)
    (second_pack,) = set((fresh_cache / "tokens").glob("pack-*.parquet")) - first_pack
    if damage == "truncate":
        second_pack.write_bytes(second_pack.read_bytes()[:100])
    elif damage == "garbage":
        second_pack.write_bytes(b"not parquet at all")
    else:  # another valid pack (other articles) under this name
        shutil.copy(next(iter(first_pack)), second_pack)
    run.stats.clear()
    again = tokenize_corpus(kiji.load_corpus(folder), run=run)
    assert run.stats["tokens"] == {"computed": 1, "cached": 2}
    pd.testing.assert_frame_equal(good, again)
    assert not list((fresh_cache / "tokens").glob(".tmp-*"))


def test_many_runs_merge_their_packs(tmp_path, run, fresh_cache, monkeypatch):
    from kiji.core import packs
    from tests.corpus_factory import make_corpus

    monkeypatch.setattr(packs, "MAX_PACKS", 3)
    folder = tmp_path / "arts"
    make_corpus(folder, 5, seed=11, layout="flat")
    for n in range(6, 10):  # one new article per run: one new pack per run
        tokenize_corpus(kiji.load_corpus(folder), run=run)
        make_corpus(folder, n, seed=11, layout="flat")
    run.stats.clear()
    final = tokenize_corpus(kiji.load_corpus(folder), run=run)
    assert run.stats["tokens"] == {"computed": 1, "cached": 8}
    assert len(list((fresh_cache / "tokens").glob("pack-*.parquet"))) <= 3
    pd.testing.assert_frame_equal(final, tokenize_sentences(kiji.load_corpus(folder).sentences))


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
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    run = Run(cache=cache.Cache.at("off"), executor=InProcess())
    tokenize_corpus(seed_corpus, run=run)
    tokenize_corpus(seed_corpus, run=run)
    n = len(seed_corpus.articles)
    assert run.stats["tokens"] == {"computed": 2 * n, "cached": 0}
    assert list(tmp_path.iterdir()) == []


def test_the_default_cache_is_the_user_cache_folder_not_data(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.Cache.at(None).folder == tmp_path / "xdg" / "kiji"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.Cache.at("").folder == tmp_path / ".cache" / "kiji"
    assert cache.Cache.at("OFF") is None
    assert cache.Cache.at(tmp_path / "mine").folder == tmp_path / "mine"
