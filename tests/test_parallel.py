"""Per-article work on a run's executor: the same tables, in the same order, for any --jobs."""
from __future__ import annotations

import pandas as pd
import pytest

import kiji
from kiji.core import parallel
from kiji.core.cache import Cache
from kiji.core.run import Run
from kiji.core.stage import Stage
from kiji.escalation import analyze
from kiji.sourcing import extract_sources
from kiji.tokens import tokenize_corpus
from kiji.tokens.tokenizer import tokenize_sentences
from tests.corpus_factory import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel") / "arts"
    make_corpus(folder, 40, seed=5, layout="flat")
    return kiji.load_corpus(folder)


def _tables(corpus, run):
    return {"tokens": tokenize_corpus(corpus, run=run), "sources": extract_sources(corpus.sentences, run=run),
            "escalation": analyze(corpus.sentences, run=run)}


@pytest.fixture(scope="module")
def serial(corpus):
    with Run(cache=None, executor=parallel.InProcess()) as run:
        return _tables(corpus, run) | {"direct": tokenize_sentences(corpus.sentences)}


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_two_jobs_give_the_tables_of_one_job_in_the_same_order(corpus, serial, method):
    with Run(cache=None, executor=parallel.LocalPool(2, method)) as run:
        got = _tables(corpus, run)
        workers = run.executor._pool._processes
        assert len(workers) == 2  # the work really went to two worker processes
    assert len(serial["tokens"]) > 3000 and len(serial["sources"]) > 40 and len(serial["escalation"]) > 5
    for name in ("tokens", "sources", "escalation"):
        pd.testing.assert_frame_equal(got[name], serial[name])
    assert got["tokens"]["article_id"].unique().tolist() == corpus.articles["article_id"].tolist()


def test_cached_parallel_run_equals_uncached_serial_run(corpus, serial, tmp_path):
    with Run(cache=Cache(tmp_path / "cache"), executor=parallel.LocalPool(2)) as run:
        first = tokenize_corpus(corpus, run=run)
        second = tokenize_corpus(corpus, run=run)
    assert run.stats["tokens"] == {"computed": 40, "cached": 40}
    pd.testing.assert_frame_equal(first, serial["tokens"])
    pd.testing.assert_frame_equal(second, serial["tokens"])
    pd.testing.assert_frame_equal(serial["tokens"], serial["direct"])  # article by article == one call


def test_work_defined_outside_a_module_runs_in_this_process(corpus):
    calls = []

    def count_sentences(group):  # a local function: workers could not import it
        calls.append(len(group))
        return pd.DataFrame({"article_id": [str(group["article_id"].iloc[0])], "n": [len(group)]})

    with Run(cache=None, executor=parallel.LocalPool(2)) as run:
        out = run.table(Stage("local-test", lambda snap, tokenizer: count_sentences), corpus.sentences)
        assert run.executor._pool is None
    assert len(calls) == 40
    assert out["n"].tolist() == corpus.articles["n_sentences"].tolist()


def test_bad_settings_fail_in_one_line_before_any_work():
    assert parallel.parse_jobs(" 3 ") == 3
    with pytest.raises(parallel.ParallelError, match="KIJI_JOBS must be a whole number, not 'many'"):
        parallel.parse_jobs("many", "KIJI_JOBS")
    with pytest.raises(parallel.ParallelError, match="--jobs must be at least 1, not 0"):
        parallel.parse_jobs("0")
    for address in ("somewhere", "foo://bar", "tcp://", "tcp://host", "tcp://host:port", "tcp://h:1/x"):
        with pytest.raises(parallel.ParallelError, match="--dask takes 'local'"):
            parallel.check_dask(address)
    assert parallel.check_dask("tcp://10.0.0.1:8786") == "tcp://10.0.0.1:8786"
    assert isinstance(parallel.make_executor(1), parallel.InProcess)
    assert parallel.make_executor(3).jobs == 3
    with pytest.raises(parallel.ParallelError, match="start method 'nope' is not available"):
        parallel.make_executor(2, method="nope")
