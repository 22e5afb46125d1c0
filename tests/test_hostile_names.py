"""Issue 21 item 2: file names of any bytes.

A POSIX name is bytes: one that is not UTF-8 (``bad\\xff\\xfe.txt``), even on a
skipped symbolic link, must not stop the run; such bytes and control characters
are shown escaped (``\\xff``, ``\\x1b``) on the terminal, in the tables and on the
index page, and every entry of the folder is accounted for.
"""
import os
import sys

import pandas as pd
import pytest

import kiji
from kiji.core.names import shown_name

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")

BODY = "経済の話\n政府は景気対策をまとめた。\n"


def _folder(tmp_path):
    folder = tmp_path / "arts"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/"
    with open(raw + b"bad\xff\xfe.txt", "w", encoding="utf-8") as f:
        f.write(BODY)
    with open(raw + b"esc\x1b[31mred.txt", "w", encoding="utf-8") as f:
        f.write("スポーツの話\n代表チームが勝った。\n")
    with open(raw + "rtl\u202etxt.exe".encode(), "w", encoding="utf-8") as f:
        f.write("科学の話\n研究チームが新種を見つけた。\n")
    os.symlink(b"/etc/passwd", raw + b"link\xff.txt")
    os.symlink(b"target\x1b]0;x\x07", raw + b"link2.txt")
    (folder / "ok.txt").write_text("裁判の話\n地裁は請求を棄却した。\n", encoding="utf-8")
    return folder


def test_shown_name_escapes_bytes_and_control_characters():
    assert shown_name(os.fsdecode(b"bad\xff\xfe.txt")) == "bad\\xff\\xfe.txt"
    assert shown_name("esc\x1b[31mred.txt") == "esc\\x1b[31mred.txt"
    assert shown_name("a\nb\u202ec") == "a\\x0ab\\u202ec"
    assert shown_name("記事 一\u3000二.txt") == "記事 一\u3000二.txt"


def test_names_of_any_bytes_load_escaped_and_all_accounted_for(tmp_path):
    folder = _folder(tmp_path)
    corpus = kiji.load_corpus(folder)
    loaded = set(corpus.articles["source_file"])
    skipped = dict(zip(corpus.skipped["source_file"], corpus.skipped["reason"]))
    assert loaded == {"bad\\xff\\xfe.txt", "esc\\x1b[31mred.txt", "rtl\\u202etxt.exe", "ok.txt"}
    assert set(skipped) == {"link\\xff.txt", "link2.txt"}
    assert "target\\x1b]0;x\\x07" in skipped["link2.txt"]
    assert len(loaded) + len(skipped) == len(os.listdir(os.fsencode(folder)))
    assert "bad\\xff\\xfe" in set(corpus.articles["article_id"])
    for frame in (corpus.articles, corpus.skipped, corpus.sentences):
        for column in frame.select_dtypes(exclude="number"):
            for value in frame[column].dropna():
                if isinstance(value, str):
                    value.encode("utf-8")  # no lone surrogate
                    assert "\x1b" not in value and "\u202e" not in value


def test_export_writes_escaped_names_to_csv_parquet_and_terminal(tmp_path, capsys, monkeypatch):
    from kiji.cli import main

    monkeypatch.setenv("KIJI_CACHE", "off")
    monkeypatch.setenv("KIJI_JOBS", "1")
    folder, out = _folder(tmp_path), tmp_path / "out"
    assert main(["export", "--articles", str(folder), "--out", str(out), "--csv", "all"]) == 0
    printed = capsys.readouterr()
    assert "\x1b" not in printed.out + printed.err
    assert "skipped link\\xff.txt" in printed.out
    articles = pd.read_parquet(out / "articles.parquet")
    assert "bad\\xff\\xfe.txt" in set(articles["source_file"])
    csv = (out / "skipped.csv").read_text(encoding="utf-8-sig")
    assert "link\\xff.txt" in csv and "\x1b" not in csv


def test_index_page_shows_escaped_names(tmp_path):
    from kiji.report.index import write_index

    folder = _folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    page = write_index(folder, out, [], 0.0, corpus=kiji.load_corpus(folder)).read_text(encoding="utf-8")
    assert "link\\xff.txt" in page and "\x1b" not in page


def test_a_folder_name_of_any_bytes_is_printed_escaped(tmp_path, capsys, monkeypatch):
    from kiji.cli import main

    monkeypatch.setenv("KIJI_CACHE", "off")
    monkeypatch.setenv("KIJI_JOBS", "1")
    raw = os.fsencode(tmp_path) + b"/arts\xff\x1b"
    os.mkdir(raw)
    with open(raw + b"/a.txt", "w", encoding="utf-8") as f:
        f.write(BODY)
    folder = os.fsdecode(raw)
    assert main(["export", "--articles", folder, "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    assert "arts\\xff\\x1b" in printed.out and "\x1b" not in printed.out + printed.err
