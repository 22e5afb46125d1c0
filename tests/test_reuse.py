"""Re-runs: an unchanged export is not rewritten, an unchanged notebook is not executed again."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from kiji.cli import main
from kiji.report.run import render_reports


@pytest.fixture
def arts(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.setenv("KIJI_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "arts"
    folder.mkdir()
    for seed in sorted(seeds_dir.iterdir())[:2]:
        shutil.copy(seed, folder)
    return folder


def test_unchanged_export_is_kept_and_a_change_rewrites_it(arts, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["export", "--articles", str(arts), "--out", str(out), "--jobs", "1"]
    assert main(args) == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    capsys.readouterr()
    assert main(args) == 0
    assert "nothing changed since the previous export" in capsys.readouterr().out
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    assert main(args[:-2] + ["--csv", "all"]) == 0  # other options: written again
    assert "wrote" in capsys.readouterr().out and (out / "sentences.csv").exists()
    (out / "articles.parquet").unlink()  # an incomplete previous run is not trusted
    assert main(args) == 0 and "wrote" in capsys.readouterr().out
    one = next(arts.iterdir())
    one.write_text(one.read_text(encoding="utf-8") + "\n新しい段落が加わった。\n", encoding="utf-8")
    assert main(args) == 0 and "wrote" in capsys.readouterr().out


def _counting_notebook(folder, name="01_count.ipynb"):
    """A notebook that appends one line to runs.txt next to the articles folder each time it runs."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('ARTICLES = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Count"), params, nbformat.v4.new_code_cell(
        "import pathlib\nlog = pathlib.Path(ARTICLES).parent / 'runs.txt'\n"
        "log.write_text((log.read_text() if log.exists() else '') + 'run\\n')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / name)
    return folder / name


def test_unchanged_notebook_is_not_executed_again_and_its_page_is_reused(arts, tmp_path):
    nbs, out = tmp_path / "notebooks", tmp_path / "out"
    nbs.mkdir()
    notebook = _counting_notebook(nbs)
    runs = tmp_path / "runs.txt"

    def report():
        results = render_reports(arts, out, notebooks=nbs, log=lambda *a: None)
        assert all(r.ok for r in results)
        return runs.read_text().count("run")

    assert report() == 1 and (out / "01_count.html").exists()
    assert report() == 1  # nothing changed: page re-used
    one = next(arts.iterdir())
    one.write_text(one.read_text(encoding="utf-8") + "\n新しい段落が加わった。\n", encoding="utf-8")
    assert report() == 2  # the corpus changed
    assert report() == 2
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("# Count", "# Count runs"), encoding="utf-8")
    assert report() == 3  # the notebook changed
    (out / "01_count.html").unlink()
    assert report() == 4  # its page is gone


def _page_reuse_setup(tmp_path, arts):
    nbs, out = tmp_path / "notebooks", tmp_path / "out"
    nbs.mkdir()
    _counting_notebook(nbs)
    runs = tmp_path / "runs.txt"

    def report():
        results = render_reports(arts, out, notebooks=nbs, log=lambda *a: None)
        assert all(r.ok for r in results)
        return runs.read_text().count("run")

    assert report() == 1
    assert report() == 1  # re-used while untouched
    return out, report


def test_a_tampered_page_is_rendered_again_not_carried_forward(arts, tmp_path):
    import json

    out, report = _page_reuse_setup(tmp_path, arts)
    page = out / "01_count.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>injected</p></body>"), encoding="utf-8")
    assert report() == 2
    assert "injected" not in page.read_text(encoding="utf-8")
    manifest = json.loads((out / "kiji-run.json").read_text(encoding="utf-8"))
    import hashlib

    assert manifest["files"]["01_count.html"] == hashlib.sha256(page.read_bytes()).hexdigest()


def test_a_page_replaced_by_a_symlink_is_rendered_again(arts, tmp_path):
    out, report = _page_reuse_setup(tmp_path, arts)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:secret-hash:19000:0:99999:7:::\n", encoding="utf-8")
    page = out / "01_count.html"
    page.unlink()
    page.symlink_to(secret)
    assert report() == 2
    assert not page.is_symlink() and "secret-hash" not in page.read_text(encoding="utf-8")


def test_an_executed_notebook_swapped_for_another_is_rendered_again(arts, tmp_path):
    out, report = _page_reuse_setup(tmp_path, arts)
    executed = out / "notebooks" / "01_count.ipynb"
    executed.write_text(executed.read_text(encoding="utf-8").replace("Count", "Forged"), encoding="utf-8")
    assert report() == 2


def test_read_verified_refuses_links_on_the_way_and_paths_outside(tmp_path):
    import hashlib

    from kiji.report.reuse import read_verified

    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "page.html").write_bytes(b"x")
    digest = hashlib.sha256(b"x").hexdigest()
    (out / "notebooks").symlink_to(elsewhere)
    assert read_verified(out, "notebooks/page.html", {"notebooks/page.html": digest}) is None
    assert read_verified(out, "../elsewhere/page.html", {"../elsewhere/page.html": digest}) is None
    assert read_verified(out, "missing.html", {"missing.html": digest}) is None
    assert read_verified(out, "page.html", {}) is None
    os_fifo = out / "fifo.html"
    __import__("os").mkfifo(os_fifo)
    assert read_verified(out, "fifo.html", {"fifo.html": digest}) is None
    (out / "page.html").write_bytes(b"x")
    assert read_verified(out, "page.html", {"page.html": digest}) == b"x"
