"""Issue 12: `kiji export` killed at any moment never leaves a mixed output folder.

20 trials: each starts `kiji export` (alternately on two corpora, so the
previous and the new output differ) and SIGKILLs it at a random moment
between start and a little after the time a full run takes.  After every
kill the output folder must be exactly one complete run: its manifest lists
every table file with the right SHA-256, no table file is unlisted, and the
articles table is one of the two corpora.  The test does not depend on
timing: whatever the moment of the kill, the folder must be consistent.
"""
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ARTICLE = "{title}\n{title}について、政府は対策会議を開いた。\n担当大臣は「早急に対応する」と述べた。\n"


def _write(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(ARTICLE.format(title=f"課題{i}の検討"), encoding="utf-8")


def _check(out: Path, allowed_counts: set[int]) -> str:
    """'' when ``out`` holds one complete run, else what is wrong."""
    manifest_path = out / "kiji-run.json"
    if not manifest_path.exists():
        return "no manifest"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for rel, sha in manifest["files"].items():
        path = out / rel
        if not path.exists():
            return f"{rel} listed but missing"
        if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            return f"{rel} differs from the manifest (mixed runs)"
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in manifest["files"] and rel not in ("kiji-run.json", "mine.txt"):
            return f"{rel} not part of the run"
    n = len(pd.read_parquet(out / "articles.parquet"))
    if n not in allowed_counts or len(pd.read_csv(out / "articles.csv", encoding="utf-8-sig")) != n:
        return f"articles table has {n} rows"
    return ""


@pytest.mark.slow
def test_export_killed_at_random_moments_never_leaves_a_mixed_folder(tmp_path):
    corpora = {3: tmp_path / "three", 4: tmp_path / "four"}
    for n, folder in corpora.items():
        _write(folder, n)
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("an analyst's note")
    env = {**os.environ, "KIJI_CACHE": str(tmp_path / "cache")}

    def run(n):
        return subprocess.Popen([sys.executable, "-m", "kiji", "export", "--articles", str(corpora[n]),
                                 "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    start = time.monotonic()
    assert run(3).wait(timeout=300) == 0
    full = time.monotonic() - start
    assert _check(out, {3}) == ""
    rng = random.Random(12)
    completed = {3}
    outcomes = []
    for trial in range(20):
        n = 4 if trial % 2 == 0 else 3
        proc = run(n)
        time.sleep(rng.uniform(0.2 * full, 1.1 * full))
        proc.send_signal(signal.SIGKILL)
        rc = proc.wait(timeout=60)
        outcomes.append(rc)
        if rc == 0:
            completed = {n}
        problem = _check(out, completed | {n})
        assert problem == "", f"trial {trial} (rc {rc}): {problem}"
        assert (out / "mine.txt").read_text() == "an analyst's note"
        completed = {len(pd.read_parquet(out / "articles.parquet"))}
    assert any(rc == -signal.SIGKILL for rc in outcomes), "no run was actually killed"
    # a later run cleans up what the killed runs left beside --out
    assert run(3).wait(timeout=300) == 0
    assert _check(out, {3}) == ""
    assert not [p for p in tmp_path.iterdir() if ".kiji-" in p.name]
