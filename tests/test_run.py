"""The run: each stage computed once per article; a run that lost a stage commits nothing; bad settings
fail in one line before any work; local workers die with the process that started them."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import kiji
from kiji import pipeline
from kiji.cli import main
from kiji.core.cache import Cache
from kiji.core.parallel import InProcess
from kiji.core.run import Run

ROOT = Path(__file__).resolve().parents[1]


def _manifest(out: Path) -> dict:
    return json.loads((out / "kiji-run.json").read_text(encoding="utf-8"))["files"]


# --------------------------------------------------------------------------- each stage once per article
def test_export_computes_each_stage_once_per_article(seeds_dir, tmp_path, monkeypatch):
    """issue 17's done-when: one build per stage per article (claims reads the tokens, never tokenizes)."""
    seed_corpus = kiji.load_corpus(_two_articles(tmp_path, seeds_dir))
    from kiji.tokens import tokenizer

    calls = []  # the article sentences given to the token table's tokenizer loop (not e.g. a code file's words)
    original = tokenizer._token_rows
    monkeypatch.setattr(tokenizer, "_token_rows", lambda sentences, *a: calls.extend(
        (a, s) for a, s in zip(sentences["article_id"], sentences["sentence_id"])
        if a in set(seed_corpus.articles["article_id"])) or original(sentences, *a))
    run = Run(cache=Cache(tmp_path / "cache"), executor=InProcess())
    from kiji.report.export import export

    export(seed_corpus, tmp_path / "out", run=run)
    n = len(seed_corpus.articles)
    assert {stage.name: run.stats[stage.name] for stage in pipeline.STAGES} == {
        stage.name: {"computed": n, "cached": 0} for stage in pipeline.STAGES}
    assert sorted(calls) == sorted(zip(seed_corpus.sentences["article_id"], seed_corpus.sentences["sentence_id"]))
    # each sentence tokenized once, claims included
    calls.clear()
    again = Run(cache=Cache(tmp_path / "cache"), executor=InProcess())
    export(seed_corpus, tmp_path / "out", run=again)
    assert {stage.name: again.stats[stage.name]["computed"] for stage in pipeline.STAGES} == {
        stage.name: 0 for stage in pipeline.STAGES}
    assert calls == []  # a warm run tokenizes nothing


def test_claims_from_the_cached_tokens_equal_a_fresh_tokenization(seed_corpus):
    from kiji.claims import claims_table
    from kiji.claims.ledger import article_rows
    from kiji.claims.vocab import load_vocab
    from kiji.sourcing import extract_sources
    from kiji.tokens.tokenizer import tokenize_sentences

    run = Run(cache=None, executor=InProcess())
    claims = claims_table(seed_corpus, run=run)
    sentences = seed_corpus.sentences
    fresh = pd.concat([article_rows(group, tokenize_sentences(group), extract_sources(group, run=run), load_vocab())
                       for _, group in sentences.groupby("article_id", sort=False)], ignore_index=True)
    assert len(claims) == len(fresh) > 10
    assert claims[["article_id", "sentence_id", "expression", "subject", "source"]].values.tolist() == \
        fresh[["article_id", "sentence_id", "expression", "subject", "source"]].values.tolist()


# --------------------------------------------------------------------------- a lost stage commits nothing
def _two_articles(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "arts"
    folder.mkdir()
    for seed in sorted(seeds_dir.iterdir())[:2]:
        shutil.copy(seed, folder)
    return folder


def test_a_stage_that_fails_for_every_article_leaves_the_previous_output(tmp_path, seeds_dir, monkeypatch, capsys):
    import kiji.sourcing.stage as sources

    folder = _two_articles(tmp_path, seeds_dir)
    out = tmp_path / "out"
    args = ["export", "--articles", str(folder), "--out", str(out), "--jobs", "1", "--cache", "off"]
    assert main(args) == 0
    before = _manifest(out)
    (folder / "extra.txt").write_text("追加の記事\n政府は対策を発表した。\n", encoding="utf-8")
    capsys.readouterr()

    def broken(extractor, article_id, group):
        raise RuntimeError("dictionary missing")

    monkeypatch.setattr(sources, "article_rows", broken)
    assert main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("kiji: error: the sources stage failed for every article (RuntimeError: dictionary "
                              "missing); nothing was written")
    assert _manifest(out) == before and len(pd.read_parquet(out / "articles.parquet")) == 2


@pytest.mark.parametrize("option, message", [
    (["--dask", "foo://bar"], "--dask takes 'local' or a scheduler address"),
    pytest.param(["--dask", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler at tcp://127.0.0.1:1",
                 marks=pytest.mark.slow),  # the client tries for 10 s
    (["--jobs", "abc"], "--jobs must be a whole number, not 'abc'"),
    (["--jobs", "0"], "--jobs must be at least 1, not 0"),
    ({"KIJI_JOBS": "abc"}, "KIJI_JOBS must be a whole number, not 'abc'"),
    ({"KIJI_DASK": "somewhere"}, "--dask takes 'local'"),
    ({"KIJI_TOKENIZER": "bogus"}, "KIJI_TOKENIZER must be janome or mecab, not 'bogus'"),
    ({"KIJI_MP_START": "nope"}, "start method 'nope' is not available here"),
])
def test_bad_executor_settings_fail_in_one_line_before_any_work(tmp_path, seeds_dir, monkeypatch, capsys,
                                                                option, message):
    pytest.importorskip("dask.distributed")
    folder = _two_articles(tmp_path, seeds_dir)
    out = tmp_path / "out"
    assert main(["export", "--articles", str(folder), "--out", str(out), "--cache", "off", "--jobs", "1"]) == 0
    before = _manifest(out)
    capsys.readouterr()
    extra = option if isinstance(option, list) else []
    if isinstance(option, dict):
        for name, value in option.items():
            monkeypatch.setenv(name, value)
    args = ["export", "--articles", str(folder), "--out", str(out), "--cache", "off"]
    if isinstance(option, dict) and "KIJI_JOBS" not in option:
        args += ["--jobs", "2"]
    start = time.monotonic()
    assert main(args + extra) == 2
    printed = capsys.readouterr()
    assert printed.err.strip().splitlines() == [f"kiji: error: {printed.err.split('kiji: error: ')[1].strip()}"]
    assert message in printed.err and printed.out == ""  # nothing loaded, nothing analysed
    assert time.monotonic() - start < 30
    assert _manifest(out) == before


# --------------------------------------------------------------------------- workers die with their parent
PARENT = r"""
import os, sys, threading, time
import kiji
from kiji.core.parallel import LocalPool
from kiji.core.run import Run
from kiji.tokens import tokenize_corpus

run = Run(cache=None, executor=LocalPool(2))
corpus = kiji.load_corpus(sys.argv[1], run=run)


def report():  # workers start with the first tasks: name them once both exist
    while run.executor._pool is None or len(run.executor._pool._processes) < 2:
        time.sleep(0.05)
    print("workers", *run.executor._pool._processes, flush=True)


threading.Thread(target=report, daemon=True).start()
while True:  # keep the workers busy until we are killed
    tokenize_corpus(corpus, run=run)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only reaping is left


def _kiji_children(pid: int) -> set[int]:
    """Every process whose command line mentions multiprocessing/kiji and descends from ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - out
        out |= frontier
    return out


@pytest.mark.slow  # about 20 s: a corpus, two workers, a kill
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_die_when_their_parent_is_killed(tmp_path):
    from tests.corpus_factory import make_corpus

    make_corpus(tmp_path / "arts", 30, seed=3, layout="flat")
    proc = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path / "arts")], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "lib")}, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert line.startswith("workers"), line
        workers = {int(p) for p in line.split()[1:]}
        time.sleep(1.5)  # mid-run: the workers are tokenizing
        family = _kiji_children(proc.pid) | workers
        assert len(workers) == 2 and all(_alive(p) for p in workers)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in family):
        time.sleep(0.2)
    assert [p for p in family if _alive(p)] == []
