"""Issue 12: a cache you can trust (key + schema checked, ids re-derived, bad locations survived)."""
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kiji.core.cache import Cache
from kiji.core.parallel import InProcess
from kiji.core.run import Run
from kiji.core.stage import Stage


def _sentences(article_id: str, texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": article_id, "paragraph_id": 0, "sentence_id": range(len(texts)),
                         "text": texts, "text_norm": texts})


def _compute(group: pd.DataFrame) -> pd.DataFrame:
    rows = [{"attribution_id": f"{aid}:{sid}:0", "article_id": aid, "sentence_id": sid,
             "via_attribution_id": f"{aid}:0:0" if sid else "", "n": len(text)}
            for aid, sid, text in zip(group.article_id, group.sentence_id, group.text_norm)]
    frame = pd.DataFrame(rows, columns=["attribution_id", "article_id", "sentence_id", "via_attribution_id", "n"])
    return frame.astype({"sentence_id": "int64", "n": "int64"})


TEXTS = ["日銀は利上げを決めた。", "総裁は「慎重に判断した」と述べた。"]
TOY = Stage("toy", lambda snap, tokenizer: _compute)


@pytest.fixture
def run(tmp_path):
    return Run(cache=Cache(tmp_path / "cache"), executor=InProcess())


@pytest.fixture
def fresh_cache(tmp_path, run):
    return tmp_path / "cache"


def test_renamed_or_duplicated_text_gets_its_own_ids(run, fresh_cache):
    run.table(TOY, _sentences("old", TEXTS))
    both = pd.concat([_sentences("new", TEXTS), _sentences("copy", TEXTS)], ignore_index=True)
    out = run.table(TOY, both)
    assert run.stats["toy"]["cached"] == 2
    expected = _compute(both)
    pd.testing.assert_frame_equal(out, expected)
    assert not out.attribution_id.str.startswith("old").any()


def _only_file(folder):
    (path,) = list((folder / "toy").glob("*.parquet"))
    return path


def _rewrite(path, frame, metadata):
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata}), path)


@pytest.mark.parametrize("damage", ["columns", "dtype", "rows", "values"])
def test_wrong_shaped_or_edited_entry_is_ignored_and_rebuilt(run, fresh_cache, damage):
    group = _sentences("a", TEXTS)
    good = run.table(TOY, group)
    path = _only_file(fresh_cache)
    table = pq.read_table(path)
    meta = table.schema.metadata
    frame = table.to_pandas()
    if damage == "columns":
        frame = frame.drop(columns=["n"]).assign(other="x")
    elif damage == "dtype":
        frame["n"] = frame["n"].astype(str)
    elif damage == "rows":
        frame = pd.concat([frame, frame.assign(sentence_id=99)], ignore_index=True)
    else:
        frame["n"] = 12345
    _rewrite(path, frame, meta)
    run.stats.clear()
    again = run.table(TOY, group)
    assert run.stats["toy"] == {"computed": 1, "cached": 0}
    pd.testing.assert_frame_equal(good, again)


def test_entry_for_another_key_is_ignored(run, fresh_cache):
    group = _sentences("a", TEXTS)
    run.table(TOY, group)
    other = _sentences("b", ["別の文。"])
    run.table(TOY, other)
    files = sorted((fresh_cache / "toy").glob("*.parquet"))
    data = {p: p.read_bytes() for p in files}
    files[0].write_bytes(data[files[1]])
    run.stats.clear()
    run.table(TOY, pd.concat([group, other], ignore_index=True))
    assert run.stats["toy"] == {"computed": 1, "cached": 1}


@pytest.mark.parametrize("kind", ["file", "nested_in_file", "proc"])
def test_unusable_cache_location_warns_once_and_runs_without(tmp_path, monkeypatch, capsys, kind):
    if kind == "file":
        location = tmp_path / "cache_is_a_file"
        location.write_text("x")
    elif kind == "nested_in_file":
        (tmp_path / "f").write_text("x")
        location = tmp_path / "f" / "cache"
    else:
        location = "/proc/kiji-cache"
    run = Run(cache=Cache(location), executor=InProcess())
    first = run.table(TOY, _sentences("a", TEXTS))
    second = run.table(TOY, _sentences("b", TEXTS))
    pd.testing.assert_frame_equal(first, _compute(_sentences("a", TEXTS)))
    assert len(second) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "without cache" in err
