"""Issue 12: metadata.csv as Excel saves it, and its mistakes reported."""
import unicodedata

import pytest

import kiji
from kiji.cli import main

ARTICLE = "記事の題\n政府は新たな経済対策を発表した。\n"
TABLE = "source_file,field,value,note\n{name},outlet,東京経済新聞,確認済み\n{name},published,2024年5月1日,\n"


def _folder(tmp_path, name="a.txt"):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / name).write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "utf-16"])
def test_metadata_csv_in_excel_encodings(tmp_path, encoding):
    folder = _folder(tmp_path)
    meta = tmp_path / "metadata.csv"
    meta.write_bytes(TABLE.format(name="a.txt").replace("\n", "\r\n").encode(encoding))
    corpus = kiji.load_corpus(folder, metadata=meta)
    row = corpus.articles.iloc[0]
    assert (row.outlet, row.outlet_source, row.published) == ("東京経済新聞", "override", "2024-05-01")


def test_missing_metadata_file_unknown_names_and_fields_are_reported(tmp_path, capsys):
    folder = _folder(tmp_path)
    missing = tmp_path / "nope.csv"
    corpus = kiji.load_corpus(folder, metadata=missing)
    assert any("nope.csv" in w and "not found" in w for w in corpus.warnings)
    meta = tmp_path / "metadata.csv"
    meta.write_text("source_file,field,value\nb.txt,outlet,X\na.txt,colour,red\n", encoding="utf-8")
    corpus = kiji.load_corpus(folder, metadata=meta)
    assert any("b.txt" in w and "no such file" in w for w in corpus.warnings)
    assert "colour" in corpus.articles.columns  # a new variable of the analyst's (issue 19)
    assert corpus.articles.iloc[0].colour == "red"
    meta.write_text("source_file,field,value\nb.txt,outlet,X\na.txt,colour,red\na.txt,n_chars,1\n", encoding="utf-8")
    corpus = kiji.load_corpus(folder, metadata=meta)
    assert any("n_chars" in w and "computed by kiji" in w for w in corpus.warnings)
    assert main(["export", "--articles", str(folder), "--out", str(tmp_path / "out"), "--metadata", str(meta)]) == 0
    out = capsys.readouterr().out
    assert "warning" in out and "b.txt" in out and "n_chars" in out


def test_nfc_name_in_table_matches_nfd_file_name(tmp_path):
    name = "ガザ停戦.txt"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    folder = _folder(tmp_path, nfd)
    meta = tmp_path / "metadata.csv"
    meta.write_text(TABLE.format(name=name), encoding="utf-8")
    corpus = kiji.load_corpus(folder, metadata=meta)
    assert corpus.articles.iloc[0].outlet == "東京経済新聞"
    assert not corpus.warnings


def test_unreadable_metadata_is_one_line_not_a_traceback(tmp_path, capsys):
    folder = _folder(tmp_path)
    meta = tmp_path / "metadata.csv"
    meta.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["export", "--articles", str(folder), "--out", str(tmp_path / "out"), "--metadata", str(meta)]) == 2
    err = capsys.readouterr().err
    assert "metadata.csv" in err and len(err.strip().splitlines()) == 1
