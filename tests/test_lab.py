"""``make lab``: JupyterLab as the analyst meets it (root or not, 127.0.0.1, Japanese without system fonts)."""
import doctest
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kiji.core.fonts import japanese_font_path
from kiji.report import lab
from tests.conftest import ROOT


def test_docstring_examples_run():
    result = doctest.testmod(lab)
    assert result.attempted > 0 and result.failed == 0


def test_arguments_keep_the_analysts_options():
    args = lab.lab_arguments(["--port", "9999", "--no-browser"], root=False)
    assert args[:3] == ["--port", "9999", "--no-browser"]
    assert "--allow-root" not in args and "--ServerApp.ip=127.0.0.1" in args
    assert lab.lab_arguments(["--allow-root"], root=True).count("--allow-root") == 1
    assert not any(a.startswith("--ServerApp.ip") for a in lab.lab_arguments(["--ip=0.0.0.0"], root=False))


def test_custom_folder_serves_the_bundled_font_for_japanese_only(tmp_path, monkeypatch):
    config = tmp_path / "jupyter-config"
    (config / "custom").mkdir(parents=True)
    (config / "custom" / "custom.css").write_text(".my-rule { color: red; }", encoding="utf-8")
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(config))
    folder = lab.custom_folder(tmp_path / "custom")
    css = (folder / "custom.css").read_text(encoding="utf-8")
    assert Path(folder / lab.FONT_FILE).read_bytes() == Path(japanese_font_path()).read_bytes()
    assert f'url("{lab.FONT_FILE}")' in css and "U+4E00-9FFF" in css and "U+3000-30FF" in css
    assert "U+0041" not in css and "U+0000" not in css  # Latin keeps the browser's fonts
    for var in ("--jp-ui-font-family", "--jp-content-font-family", "--jp-code-font-family"):
        assert f"{var}:" in css and lab.FAMILY in css.split(f"{var}:")[1].split(";")[0]
    assert "text-align: left" in css
    assert css.rstrip().endswith(".my-rule { color: red; }")  # the user's own rules still apply


def test_make_lab_passes_lab_args():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nlab:")[1].split("\n\n")[0]
    assert "-m kiji.report.lab" in recipe and "$(LAB_ARGS)" in recipe and "jupyter lab" not in recipe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@pytest.mark.slow
def test_lab_serves_the_font_and_a_screenshot_shows_japanese(tmp_path):
    """Starts the launcher (as root here, it must add --allow-root itself), fetches what the browser
    fetches; with Chromium installed, also writes a screenshot of a notebook with a Japanese table."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('import pandas as pd\npd.DataFrame({"語": ["停戦", "選手"], "回数": [3, 1]})')]
    nbformat.write(nb, tmp_path / "demo.ipynb")
    port, token = _free_port(), "kiji-test-token"
    env = {"KIJI_CACHE": str(tmp_path / "cache"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(tmp_path),
           "PYTHONPATH": str(ROOT / "lib")}
    proc = subprocess.Popen([sys.executable, "-m", "kiji.report.lab", f"--notebook-dir={tmp_path}", "--port", str(port),
                             "--no-browser", f"--IdentityProvider.token={token}"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                page = _get(f"{base}/lab?token={token}").decode()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read()[-2000:])
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start")
        assert "custom/custom.css" in page
        css = _get(f"{base}/custom/custom.css?token={token}").decode()
        assert lab.FAMILY in css
        assert _get(f"{base}/custom/{lab.FONT_FILE}?token={token}") == Path(japanese_font_path()).read_bytes()
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            shot = tmp_path / "lab.png"
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,700",
                            "--virtual-time-budget=30000", f"--screenshot={shot}",
                            f"{base}/lab/tree/demo.ipynb?token={token}"], capture_output=True, timeout=180)
            assert shot.stat().st_size > 10_000
    finally:
        proc.terminate()
        proc.wait(timeout=30)
