"""--dask: the per-article work on a dask.distributed cluster gives the local tables."""
from __future__ import annotations

import pandas as pd
import pytest

import kiji
from kiji.core import parallel
from kiji.core.run import Run
from kiji.escalation import analyze
from kiji.sourcing import extract_sources
from kiji.tokens import tokenize_corpus
from tests.corpus_factory import make_corpus

distributed = pytest.importorskip(
    "dask.distributed", reason="dask.distributed is not installed (optional extra: pip install -e '.[scale]')")


def test_local_cluster_of_two_workers_gives_the_local_tables(tmp_path, monkeypatch):
    folder = tmp_path / "arts"
    make_corpus(folder, 24, seed=9, layout="flat")
    corpus = kiji.load_corpus(folder)
    with Run(cache=None, executor=parallel.InProcess()) as run:
        local = [tokenize_corpus(corpus, run=run), extract_sources(corpus.sentences, run=run),
                 analyze(corpus.sentences, run=run)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with Run(cache=None, executor=parallel.DaskPool(cluster.scheduler_address)) as run:
            remote = [tokenize_corpus(corpus, run=run), extract_sources(corpus.sentences, run=run),
                      analyze(corpus.sentences, run=run)]
            client = run.executor.client
            done = client.run(lambda: __import__("sys").modules.get("kiji.tokens.tokenizer") is not None)
    assert len(done) == 2 and all(done.values())  # both workers ran kiji's tokenizer
    assert run.stats["tokens"]["computed"] == 24
    for a, b in zip(local, remote):
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.slow
def test_unreachable_scheduler_is_one_line_error():
    executor = parallel.DaskPool("tcp://127.0.0.1:9")
    try:
        with pytest.raises(parallel.ParallelError, match="cannot reach the Dask scheduler"):
            executor.start()
    finally:
        executor.close()
