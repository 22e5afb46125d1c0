"""--dask: the per-article work on a dask.distributed cluster gives the local tables."""
from __future__ import annotations

import pandas as pd
import pytest

import kiji
from kiji.core import cache, parallel
from kiji.escalation import analyze
from kiji.sourcing import extract_sources
from kiji.tokens.tokenizer import tokenize_corpus
from tests.corpus_factory import make_corpus

distributed = pytest.importorskip(
    "dask.distributed", reason="dask.distributed is not installed (optional extra: pip install -e '.[scale]')")


def test_local_cluster_of_two_workers_gives_the_local_tables(tmp_path, monkeypatch):
    folder = tmp_path / "arts"
    make_corpus(folder, 24, seed=9, layout="flat")
    corpus = kiji.load_corpus(folder)
    monkeypatch.setenv("KIJI_CACHE", "off")
    local = [tokenize_corpus(corpus), extract_sources(corpus.sentences), analyze(corpus.sentences)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        parallel.configure(dask=cluster.scheduler_address)
        try:
            cache.STATS.clear()
            remote = [tokenize_corpus(corpus), extract_sources(corpus.sentences), analyze(corpus.sentences)]
            client = parallel._DASK["client"]
            done = client.run(lambda: __import__("sys").modules.get("kiji.tokens.tokenizer") is not None)
        finally:
            parallel.reset()
    assert len(done) == 2 and all(done.values())  # both workers ran kiji's tokenizer
    assert cache.STATS["tokens"]["computed"] == 24
    for a, b in zip(local, remote):
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.slow
def test_unreachable_scheduler_is_one_line_error(monkeypatch):
    parallel.configure(dask="tcp://127.0.0.1:9")
    try:
        with pytest.raises(parallel.ParallelError, match="cannot reach the Dask scheduler"):
            parallel.map_articles(len, ["a", "bb"])
    finally:
        parallel.reset()
