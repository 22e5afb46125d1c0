"""The synthetic corpus factory (tests/corpus_factory.py) that scale tests and benchmarks use."""
from __future__ import annotations

import datetime as dt

import pytest

import kiji
from tests.corpus_factory import LAYOUTS, load_sources, make_corpus


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_source_articles_are_varied_and_long_enough():
    sources = load_sources()
    assert len(sources) >= 30
    assert len({s.category for s in sources}) >= 8
    for src in sources:
        assert 5 <= len(src.paragraphs) <= 15, src.name


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path):
    a = make_corpus(tmp_path / "a", 60, seed=3)
    b = make_corpus(tmp_path / "b", 60, seed=3)
    make_corpus(tmp_path / "c", 60, seed=4)
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert _snapshot(tmp_path / "a") == _snapshot(tmp_path / "b")
    assert _snapshot(tmp_path / "a") != _snapshot(tmp_path / "c")
    assert len(set(a)) == 60


def test_a_larger_corpus_extends_a_smaller_one(tmp_path):
    small = make_corpus(tmp_path / "s", 20, seed=1, layout="flat")
    large = make_corpus(tmp_path / "l", 21, seed=1, layout="flat")
    assert [p.name for p in large[:20]] == [p.name for p in small]
    assert [p.read_bytes() for p in large[:20]] == [p.read_bytes() for p in small]


def test_flat_corpus_loads_completely_with_titles_and_dates(tmp_path):
    folder = tmp_path / "flat"
    make_corpus(folder, 120, seed=7, layout="flat")
    corpus = kiji.load_corpus(folder)
    arts = corpus.articles
    assert len(arts) == 120 and corpus.skipped.empty
    assert set(arts["format"]) == {"text", "livedoor"}
    assert (arts["title"] != "").all()
    assert not arts["title"].str.match(r"^\d{4}[-/年]").any()  # a date line is never taken as the title
    published = arts["published"].map(dt.date.fromisoformat)
    assert published.min() >= dt.date(2024, 1, 1) and published.max() <= dt.date(2025, 6, 30)
    assert published.nunique() > 60
    assert arts["n_sentences"].between(4, 20).all()
    assert len(set(arts["encoding"])) >= 2
    assert arts["warnings"].eq("").all()


@pytest.mark.parametrize("layout", ["mixed", "folders", "livedoor"])
def test_subfolder_layouts_hold_every_article(tmp_path, layout):
    folder = tmp_path / layout
    paths = make_corpus(folder, 80, seed=2, layout=layout)
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir())
    assert subfolders and {p.parent for p in paths} - {folder} == set(subfolders)
    if layout == "mixed":
        assert any(p.parent == folder for p in paths)
    top = kiji.load_corpus(folder, recursive=True)
    assert len(top.articles) == 80
    in_subfolders = top.articles["folder"] != ""
    assert set(top.articles.loc[in_subfolders, "folder"]) == {p.name for p in subfolders}
    if layout == "livedoor":
        one = kiji.load_corpus(subfolders[0]).articles
        assert set(one["format"]) == {"livedoor"}
        assert one["source_file"].str.fullmatch(rf"{subfolders[0].name}-\d+\.txt").all()


def test_unknown_layout_is_refused(tmp_path):
    with pytest.raises(ValueError, match="layout must be one of"):
        make_corpus(tmp_path, 3, layout="zip")
    assert "mixed" in LAYOUTS
