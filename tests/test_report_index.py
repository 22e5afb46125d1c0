"""kiji report's index: corpus summary, skipped files, what changed between runs, data files.

Uses an empty notebooks folder so only the per-article work and the index run (fast); the notebooks
themselves are rendered by the safety tests and by `make report`.
"""
import shutil

import pytest

from kiji.core.cache import Cache
from kiji.core.parallel import InProcess
from kiji.core.run import Run
from kiji.report.run import render_reports


@pytest.fixture
def setup(tmp_path, seeds_dir, monkeypatch):
    arts = tmp_path / "arts"
    arts.mkdir()
    for seed in sorted(seeds_dir.iterdir())[:3]:
        shutil.copy(seed, arts)
    (arts / "broken.gz").write_bytes(b"\x1f\x8b\x08\x00junk")
    nbs = tmp_path / "notebooks"
    nbs.mkdir()
    return arts, tmp_path / "out", nbs, seeds_dir


def _run(arts, out, nbs):
    run = Run(cache=Cache(out.parent / "cache"), executor=InProcess())
    render_reports(arts, out, notebooks=nbs, log=lambda *a: None, run=run)
    return (out / "index.html").read_text(encoding="utf-8"), {k: dict(v) for k, v in run.stats.items()}


def test_runs_report_new_changed_removed_and_only_new_work(setup):
    arts, out, nbs, seeds = setup
    index, stats = _run(arts, out, nbs)
    assert "First run into this folder" in index
    assert "broken.gz" in index and "gzip" in index
    assert stats["tokens"] == {"computed": 3, "cached": 0}
    assert (out / "data" / "sentences.csv").exists() and (out / "data" / "sources.csv").exists()
    assert 'href="data/escalation.csv"' in index

    index, stats = _run(arts, out, nbs)
    assert stats["tokens"] == {"computed": 0, "cached": 3}
    assert "New articles</h3><ul><li>none" in index and "no change" in index

    new = sorted(seeds.iterdir())[3]
    shutil.copy(new, arts)
    first = sorted(arts.glob("000_*"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n追加された一文。\n", encoding="utf-8")
    (arts / sorted(seeds.iterdir())[1].name).unlink()
    index, stats = _run(arts, out, nbs)
    assert stats["tokens"] == {"computed": 2, "cached": 1}  # the new and the changed article only
    new_part = index.split("New articles")[1].split("Changed articles")[0]
    assert new.stem in new_part
    changed_part = index.split("Changed articles")[1].split("Removed articles")[0]
    assert first.stem in changed_part
    removed_part = index.split("Removed articles")[1].split("Headline figures")[0]
    assert sorted(seeds.iterdir())[1].stem in removed_part
    moved = index.split("Headline figures that moved")[1]
    assert "sentences" in moved and "tokens" in moved


def test_index_escapes_article_metadata(setup):
    arts, out, nbs, _ = setup
    (arts / "evil.txt").write_text('<script>alert("t")</script><img src=x onerror=alert(1)>\n本文の一文。\n',
                                   encoding="utf-8")
    index, _ = _run(arts, out, nbs)
    assert "<script>" not in index and "<img" not in index
    # the title is shown, escaped (Jinja2 writes " as &#34;)
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in index


def test_failing_notebook_is_reported_and_others_still_render(setup, capsys):
    import nbformat

    from kiji.cli import main

    arts, out, nbs, _ = setup
    for name, source in [("10_fails", "raise ValueError('broken on purpose')"),
                         ("20_works", "import kiji\nprint(len(kiji.load_corpus(ARTICLES).articles))")]:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        params = nbformat.v4.new_code_cell('ARTICLES = "../seeds"')
        params.metadata["tags"] = ["parameters"]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), params, nbformat.v4.new_code_cell(source)]
        nbformat.write(nb, nbs / f"{name}.ipynb")
    code = main(["report", "--articles", str(arts), "--out", str(out), "--notebooks", str(nbs)])
    assert code == 1
    captured = capsys.readouterr()
    assert "1 of 2 notebooks failed: 10_fails" in captured.err
    # one terminal line per notebook; the failed one names the cell and the error's first line
    lines = [line for line in captured.out.splitlines() if "10_fails" in line or "20_works" in line]
    assert len(lines) == 2, captured.out
    assert "FAILED" in lines[0] and "cell 3: ValueError: broken on purpose" in lines[0]
    assert " ok " in lines[1]
    assert "Kernel is running over TCP" not in captured.err + captured.out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "FAILED" in index and "broken on purpose" in index
    works = (out / "20_works.html").read_text(encoding="utf-8")
    assert ">3<" in works or "3\n" in works  # the working notebook ran on the 3 articles
    assert (out / "10_fails.html").exists()
