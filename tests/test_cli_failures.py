"""Issue 21 item 9: one line for every failure the battery found, and a lock on ``--out``."""
import errno
import sys

import pandas as pd
import pytest

from kiji.cli import main

ARTICLE = "経済の話\n政府は景気対策をまとめたと発表した。\n"


@pytest.fixture
def folders(tmp_path, monkeypatch):
    monkeypatch.setenv("KIJI_CACHE", "off")
    monkeypatch.setenv("KIJI_JOBS", "1")
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return arts, tmp_path / "out"


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("argv", [["export", "--article", "A", "--out", "O"],
                                  ["report", "--articles", "A", "--out", "O", "--show-cod"],
                                  ["export", "--articles", "A", "--ou", "O"]])
def test_abbreviated_options_are_rejected(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "error" in capsys.readouterr().err


@pytest.mark.parametrize("size", ["inf", "nan", "-inf", "1e30", "0", "abc"])
def test_unusable_max_bytes_is_one_line(folders, size, capsys):
    arts, out = folders
    with pytest.raises(SystemExit) as info:
        main(["export", "--articles", str(arts), "--out", str(out), f"--max-bytes={size}"])
    assert info.value.code == 2
    assert "--max-bytes" in _one_line(capsys.readouterr().err.splitlines()[-1])
    assert not out.exists()


def test_missing_data_folder_is_one_line(folders, monkeypatch, capsys):
    arts, out = folders
    monkeypatch.setenv("KIJI_DATA", "/nonexistent/kiji-data")
    assert main(["export", "--articles", str(arts), "--out", str(out)]) == 2
    assert "/nonexistent/kiji-data" in _one_line(capsys.readouterr().err)
    assert not out.exists()


def test_disk_full_during_export_is_one_line_and_keeps_the_previous_output(folders, monkeypatch, capsys):
    arts, out = folders
    out.mkdir()
    (out / "mine.txt").write_text("previous output", encoding="utf-8")

    def full(self, path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    assert main(["export", "--articles", str(arts), "--out", str(out)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "No space left on device" in line and "free some space" in line and "left as it was" in line
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]
    assert (out / "mine.txt").read_text(encoding="utf-8") == "previous output"
    assert not [p for p in out.parent.iterdir() if ".kiji-" in p.name]


def test_a_second_run_into_the_same_out_stops_in_one_line(folders, capsys):
    from kiji.report.output_folder import StagedOutput

    arts, out = folders
    with StagedOutput(out, arts):  # the first run, still writing
        assert main(["export", "--articles", str(arts), "--out", str(out)]) == 2
        line = _one_line(capsys.readouterr().err)
        assert f"another kiji run is writing to {out}" in line
    assert main(["export", "--articles", str(arts), "--out", str(out)]) == 0  # the first one is done
    assert not [p for p in out.parent.iterdir() if ".kiji-" in p.name]


def test_ctrl_c_line_starts_a_line_of_its_own_and_closes_progress_bars(folders, monkeypatch, capsys):
    from tqdm import tqdm

    import kiji.cli

    arts, out = folders
    bars = []

    def interrupted(args):
        bar = tqdm(total=10, desc="  tokens", file=sys.stderr)
        bar.update(3)
        bars.append(bar)
        raise KeyboardInterrupt

    monkeypatch.setattr(kiji.cli, "_run", interrupted)
    assert main(["export", "--articles", str(arts), "--out", str(out)]) == 130
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.splitlines()[-1] == f"kiji: interrupted; {out} left as it was"
    assert err.split("kiji: interrupted")[0].endswith("\n")
    assert bars[0].disable  # closed: it prints nothing more


def test_metadata_warnings_are_summarised_and_duplicates_reported(folders, tmp_path, capsys):
    arts, out = folders
    rows = ["source_file,field,value", "a.txt,title,最初の題", "a.txt,title,二つ目の題"]
    rows += [f"missing{i}.txt,title,題{i}" for i in range(500)]
    meta = tmp_path / "meta.csv"
    meta.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["export", "--articles", str(arts), "--out", str(out), "--metadata", str(meta)]) == 0
    printed = capsys.readouterr().out
    warnings = [line for line in printed.splitlines() if line.startswith("  warning:")]
    assert len(warnings) == 11
    assert "... and 490 more warnings like these (500 in all)" in warnings[-1]
    articles = pd.read_parquet(out / "articles.parquet")
    (row,) = articles.itertuples()
    assert row.title == "二つ目の題"
    assert "'title' given 2 times for this file; the last row ('二つ目の題') is used" in row.warnings


def test_a_file_without_japanese_text_is_skipped_with_its_reason(tmp_path):
    import kiji

    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "Makefile").write_text("test:\n\tpytest -q\n\nlint:\n\truff check lib\n", encoding="utf-8")
    (folder / "notes.txt").write_text("Meeting notes\nThe budget was approved.\n", encoding="utf-8")
    (folder / "mixed.txt").write_text("Tokyo report\nThe Bank of Japan (日本銀行) raised rates.\n", encoding="utf-8")
    corpus = kiji.load_corpus(folder)
    reasons = dict(zip(corpus.skipped["source_file"], corpus.skipped["reason"]))
    assert set(reasons) == {"Makefile", "notes.txt"}
    assert all("no Japanese text" in r for r in reasons.values())
    assert list(corpus.articles["source_file"]) == ["mixed.txt"]
