"""Per-article work through kiji.core.parallel: the same tables, in the same order, for any --jobs."""
from __future__ import annotations

import pandas as pd
import pytest

import kiji
from kiji.core import cache, parallel
from kiji.escalation import analyze
from kiji.sourcing import extract_sources
from kiji.tokens.tokenizer import tokenize_corpus, tokenize_sentences
from tests.corpus_factory import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel") / "arts"
    make_corpus(folder, 40, seed=5, layout="flat")
    return kiji.load_corpus(folder)


def _tables(corpus):
    return {"tokens": tokenize_corpus(corpus), "sources": extract_sources(corpus.sentences),
            "escalation": analyze(corpus.sentences)}


@pytest.fixture
def no_cache(monkeypatch):
    monkeypatch.setenv("KIJI_CACHE", "off")
    cache.STATS.clear()


@pytest.fixture(scope="module")
def serial(corpus):
    import os

    saved = os.environ.get("KIJI_CACHE")
    os.environ["KIJI_CACHE"] = "off"
    try:
        return _tables(corpus) | {"direct": tokenize_sentences(corpus.sentences)}
    finally:
        parallel.reset()
        if saved is None:
            os.environ.pop("KIJI_CACHE", None)
        else:
            os.environ["KIJI_CACHE"] = saved


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_two_jobs_give_the_tables_of_one_job_in_the_same_order(corpus, serial, no_cache, monkeypatch, method):
    monkeypatch.setenv("KIJI_MP_START", method)
    parallel.configure(jobs=2)
    try:
        got = _tables(corpus)
        workers = parallel._POOL["executor"]._processes
        assert len(workers) == 2  # the work really went to two worker processes
    finally:
        parallel.reset()
    assert len(serial["tokens"]) > 3000 and len(serial["sources"]) > 40 and len(serial["escalation"]) > 5
    for name in ("tokens", "sources", "escalation"):
        pd.testing.assert_frame_equal(got[name], serial[name])
    assert got["tokens"]["article_id"].unique().tolist() == corpus.articles["article_id"].tolist()


def test_cached_parallel_run_equals_uncached_serial_run(corpus, serial, tmp_path, monkeypatch):
    monkeypatch.setenv("KIJI_CACHE", str(tmp_path / "cache"))
    cache.STATS.clear()
    parallel.configure(jobs=2)
    try:
        first = tokenize_corpus(corpus)
        second = tokenize_corpus(corpus)
    finally:
        parallel.reset()
    assert cache.STATS["tokens"] == {"computed": 40, "cached": 40}
    pd.testing.assert_frame_equal(first, serial["tokens"])
    pd.testing.assert_frame_equal(second, serial["tokens"])
    pd.testing.assert_frame_equal(serial["tokens"], serial["direct"])  # article by article == one call


def test_work_defined_outside_a_module_runs_in_this_process(corpus, no_cache):
    calls = []

    def count_sentences(group):  # a local function: workers could not import it
        calls.append(len(group))
        return pd.DataFrame({"article_id": [str(group["article_id"].iloc[0])], "n": [len(group)]})

    parallel.configure(jobs=2)
    try:
        out = cache.per_article("local-test", corpus.sentences, lambda snap: count_sentences)
    finally:
        parallel.reset()
    assert len(calls) == 40 and parallel._POOL["executor"] is None
    assert out["n"].tolist() == corpus.articles["n_sentences"].tolist()


def test_settings_come_from_the_environment_and_bad_values_fail_in_one_line(monkeypatch):
    monkeypatch.setenv("KIJI_JOBS", "3")
    assert parallel.jobs() == 3
    monkeypatch.setenv("KIJI_JOBS", "many")
    with pytest.raises(parallel.ParallelError, match="KIJI_JOBS must be a whole number"):
        parallel.jobs()
    monkeypatch.delenv("KIJI_JOBS")
    assert parallel.jobs() == parallel.available_cores()
    monkeypatch.setenv("KIJI_DASK", "somewhere")
    with pytest.raises(parallel.ParallelError, match="--dask takes 'local'"):
        parallel.dask_address()
