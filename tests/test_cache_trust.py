"""Issue 21 item 5: the cache is read like articles -- regular files of this user only, bounded reads,
ownership problems as one warning, compaction that leaves other files alone, columns checked."""
import os
import threading

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from kiji.core import packs
from kiji.core.cache import Cache, fits
from kiji.core.packs import PackStore


def _table(n: int) -> pa.Table:
    return pa.table({"article_id": ["a"] * n, "sentence_id": np.arange(n, dtype="int64")})


def _within(seconds, func):
    out = []
    thread = threading.Thread(target=lambda: out.append(func()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, f"did not return within {seconds} s"
    return out[0]


def test_fifo_digest_and_dev_zero_pack_are_never_read(tmp_path):
    store = PackStore(tmp_path / "tokens")
    store.write({"k1": _table(2)})
    (pack,) = store._packs()
    pack.with_suffix(".sha256").unlink()
    os.mkfifo(pack.with_suffix(".sha256"))
    os.symlink("/dev/zero", tmp_path / "tokens" / "pack-zero.parquet")
    fresh = PackStore(tmp_path / "tokens")
    assert _within(5, lambda: fresh.read(["k1", "zero"])) == {}
    assert [p.name for p in fresh._packs()] == [pack.name]


def test_compaction_leaves_files_kiji_did_not_write(tmp_path, monkeypatch):
    monkeypatch.setattr(packs, "MAX_PACKS", 2)
    folder = tmp_path / "sources"
    folder.mkdir()
    foreign = folder / "pack-foreign.parquet"
    foreign.write_bytes(b"not a pack of ours")
    store = PackStore(folder)
    for i in range(4):
        store.write({f"k{i}": _table(i + 1)})
    assert foreign.read_bytes() == b"not a pack of ours"
    assert set(PackStore(folder).read([f"k{i}" for i in range(4)])) == {f"k{i}" for i in range(4)}


@pytest.mark.skipif(os.geteuid() != 0, reason="needs to give a file to another user")
def test_packs_and_cache_folders_of_another_user_are_not_used(tmp_path, capsys):
    store = PackStore(tmp_path / "c" / "tokens")
    store.write({"k1": _table(2)})
    for path in (tmp_path / "c" / "tokens").iterdir():
        os.chown(path, 12345, 12345)
    assert PackStore(tmp_path / "c" / "tokens").read(["k1"]) == {}
    other = tmp_path / "other"
    other.mkdir()
    os.chown(other, 12345, 12345)
    cache = Cache(other)
    assert cache.usable() is False and cache.store("tokens") is None
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and "owned by another user" in err


def test_world_writable_cache_folder_is_not_used(tmp_path, capsys):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert Cache(shared).usable() is False
    assert "writable by every user" in capsys.readouterr().err


def test_entry_missing_a_declared_column_is_rejected():
    group = pd.DataFrame({"article_id": ["a"], "sentence_id": [0]})
    dropped = pd.DataFrame({"attribution_id": ["a:0:0"], "source": ["x"]})
    assert not fits(dropped, None, group, None, columns=("attribution_id", "source", "via_attribution_id"))
    full = dropped.assign(via_attribution_id="")
    assert fits(full, None, group, None, columns=("attribution_id", "source", "via_attribution_id"))


def test_run_recomputes_an_entry_whose_pack_lost_a_column(tmp_path):
    import hashlib

    import pyarrow.parquet as pq

    from kiji.core.run import InProcess, Run
    from kiji.core.stage import Stage

    def build(snap, tokenizer):
        def compute(s):
            if s.empty:
                raise ValueError("no expected frame: only the declared columns can tell")
            return pd.DataFrame({"article_id": s["article_id"], "sentence_id": s["sentence_id"],
                                 "n": s["text_norm"].str.len()})
        return compute

    stage = Stage("lengths", build, columns=("article_id", "sentence_id", "n"))
    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text_norm": ["雨が降った。"]})
    with Run(cache=Cache(tmp_path / "cache"), executor=InProcess()) as run:
        run.table(stage, sentences)
    (pack,) = (tmp_path / "cache" / "lengths").glob("pack-*.parquet")
    table = pq.read_table(pack)
    pq.write_table(table.drop_columns(["n"]).replace_schema_metadata(table.schema.metadata), pack)
    pack.with_suffix(".sha256").write_text(hashlib.sha256(pack.read_bytes()).hexdigest() + "\n")
    with Run(cache=Cache(tmp_path / "cache"), executor=InProcess()) as run:
        out = run.table(stage, sentences)
        assert run.stats["lengths"] == {"computed": 1, "cached": 0}
    assert list(out.columns) == ["article_id", "sentence_id", "n"]
