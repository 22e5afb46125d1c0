"""Ctrl-C during ``kiji report`` stops cleanly: exit 130, one line, no traceback, and no index.html
claiming a complete run (the previous run's output is left as it was)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat

from tests.conftest import SEEDS


def _slow_notebook(folder, marker):
    """A notebook whose slow cell first writes ``marker``: the test's positive sign that the kernel is
    running it (not a guess from elapsed time)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('ARTICLES = "../seeds"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# slow"), params,
                nbformat.v4.new_code_cell(f"import pathlib, time\npathlib.Path({str(marker)!r}).write_text('running')\n"
                                          "for _ in range(600):\n    time.sleep(0.5)")]
    nbformat.write(nb, folder / "00_slow.ipynb")


def test_ctrl_c_stops_without_index_or_traceback(tmp_path):
    arts, nbs, out = tmp_path / "arts", tmp_path / "nbs", tmp_path / "out"
    arts.mkdir()
    nbs.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], arts)
    marker = tmp_path / "slow-cell-running"
    _slow_notebook(nbs, marker)
    out.mkdir()
    (out / "index.html").write_text("an index from an earlier run", encoding="utf-8")

    def default_sigint():
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    # like a terminal: the whole process group (kiji and its kernel) gets SIGINT
    proc = subprocess.Popen([sys.executable, "-m", "kiji", "report", "--articles", str(arts), "--out", str(out),
                             "--notebooks", str(nbs)], start_new_session=True, preexec_fn=default_sigint,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # positive sign: the kernel is executing the slow cell (kiji's handler was installed long before:
    # kiji.cli.main installs it first thing, and the notebook runs only after the corpus is loaded)
    deadline = time.monotonic() + 300
    while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    if not marker.exists():
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        raise AssertionError(f"the slow cell never started (exit {proc.returncode}): {err[-2000:]}")
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("kiji report did not stop within 60 s of Ctrl-C") from None
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert (out / "index.html").read_text(encoding="utf-8") == "an index from an earlier run"
    assert not [p for p in out.iterdir() if p.name != "index.html"], sorted(p.name for p in out.iterdir())
