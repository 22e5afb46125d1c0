"""Tables computed once, notebooks that render: ``kiji.report.open_run`` and the project notebooks on it."""
from __future__ import annotations

import shutil

import nbformat
import pandas as pd
import pytest

from kiji.core.cache import Cache
from kiji.core.run import InProcess, Run, use_run
from kiji.report import context, display, open_run
from kiji.report.export import export
from kiji.report.run import notebook_paths
from tests.conftest import ROOT

OWN_WORDS = ROOT / "tests" / "data" / "articles"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Four short articles in our own words (courts, disaster, economy, sport) exported once."""
    import kiji

    base = tmp_path_factory.mktemp("ctx")
    arts = base / "arts"
    arts.mkdir()
    for name in ("courts_01.txt", "disaster_01.txt", "economy_01.txt", "sport_01.txt"):
        shutil.copy(OWN_WORDS / name, arts)
    with Run(cache=Cache(base / "cache"), executor=InProcess()) as run:
        export(kiji.load_corpus(arts), base / "data", csv="none", run=run)
    return arts, base / "data", {stage: dict(counts) for stage, counts in run.stats.items()}


def test_the_export_builds_each_stage_once_per_article(exported):
    _, _, builds = exported
    assert builds == {stage: {"computed": 4, "cached": 0} for stage in ("tokens", "sources", "escalation", "claims")}


@pytest.fixture
def in_process(tmp_path):
    """Library calls without a run use one that computes in this process (no worker pool left behind)."""
    previous = use_run(Run(cache=Cache(tmp_path / "cache"), executor=InProcess()))
    yield
    use_run(previous)


def test_exported_tables_read_back_as_computed(exported, in_process):
    arts, data, _ = exported
    read, computed = open_run(data, arts, charts=False), open_run("", arts, charts=False)
    names = sorted(p.stem for p in data.glob("*.parquet"))
    assert {"articles", "tokens", "sources", "escalation", "events", "claims", "numbers"} <= set(names)
    for name in names:
        assert read.has(name) and not computed.has(name), name
        pd.testing.assert_frame_equal(read.table(name).reset_index(drop=True),
                                      computed.table(name).reset_index(drop=True), check_categorical=False)


def test_only_the_columns_asked_for_are_read(exported, monkeypatch):
    arts, data, _ = exported
    seen = []
    real = pd.read_parquet
    monkeypatch.setattr(context.pd, "read_parquet", lambda path, columns=None: seen.append(columns) or real(
        path, columns=columns))
    tokens = open_run(data, arts, charts=False).table("tokens", ["article_id", "surface"])
    assert list(tokens.columns) == ["article_id", "surface"] and seen == [["article_id", "surface"]]


def test_computed_tables_are_computed_once(exported, monkeypatch, in_process):
    arts, _, _ = exported
    calls = []
    real = context._pipeline_tables
    monkeypatch.setattr(context, "_pipeline_tables", lambda *a: calls.append(a) or real(*a))
    ctx = open_run("", arts, charts=False)
    ctx.table("escalation")
    ctx.table("events", ["article_id"])
    ctx.table("tokens", ["surface"])
    assert len(calls) == 1
    with pytest.raises(KeyError, match="no table 'nope'"):
        ctx.table("nope")


def test_grouping_is_one_call_and_checked(exported):
    arts, data, _ = exported
    ctx = open_run(data, arts, charts=False)
    view = ctx.grouping()
    assert view.by == "article" and len(view.order) == 4 and set(view.group.index) == set(view.labels.index)
    by_outlet = ctx.grouping("outlet")
    assert by_outlet.by == "outlet" and set(by_outlet.group.index) == set(view.group.index)
    assert "article" in view.labelled(ctx.table("sentences", ["article_id"])).columns
    assert view.dated_periods == ctx.grouping("period").groups["period"].loc[lambda s: s != "日付なし"].nunique()
    with pytest.raises(ValueError, match="GROUP_BY 'topic'"):
        ctx.grouping("topic")


def test_a_notebook_table_never_overwrites_an_exported_one(tmp_path):
    pd.DataFrame({"surface": ["雨"]}).to_parquet(tmp_path / "tokens.parquet")
    display.configure(tmp_path)
    try:
        with pytest.raises(ValueError, match="data/tokens.parquet is already there"):
            display.make_table(pd.DataFrame({"a": [1]}), "tokens")
        assert display.make_table(pd.DataFrame({"a": [1]}), "my_tokens").link == "data/my_tokens.csv"
        assert display.make_table(pd.DataFrame({"a": [2]}), "my_tokens").link  # its own table: again
    finally:
        display.configure(None)
    assert pd.read_parquet(tmp_path / "tokens.parquet")["surface"].tolist() == ["雨"]


@pytest.mark.slow
def test_the_notebooks_only_render_the_exported_tables(exported, monkeypatch, capsys):
    """Every project notebook, run on an export: no per-article stage is called, no corpus is loaded."""
    import matplotlib

    matplotlib.use("Agg")
    arts, data, _ = exported
    work = data.parent / "render"
    shutil.copytree(data, work, dirs_exist_ok=True)

    def refuse(*args, **kwargs):
        raise AssertionError("a notebook computed what the export holds")

    monkeypatch.setattr(context, "load_corpus", refuse)
    monkeypatch.setattr(context, "_pipeline_tables", refuse)
    watched = Run(cache=None, executor=InProcess())
    previous = use_run(watched)
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        namespace: dict = {}
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            exec(compile(cell.source, f"{path.name}", "exec"), namespace)
            if "parameters" in cell.metadata.get("tags", []):
                namespace.update(ARTICLES=str(arts), DATA_DIR=str(work))
        assert dict(watched.stats) == {}, (path.name, dict(watched.stats))
    use_run(previous)
    display.configure(None)
