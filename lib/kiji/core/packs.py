"""Storage for per-article results: many articles' tables in one Parquet "pack" file.

A stage's results live in ``<folder>/pack-<id>.parquet``.  Each pack holds the
rows of many articles plus a ``_kiji_item`` column (int32: the position of the
row's article key in the pack's key list); the key list (and the article id
each entry was computed for) is in the file's schema metadata, so an article
whose result has no rows is stored too, and the index of every pack is read
without reading any data.  ``pack-<id>.sha256`` beside it holds the digest of
the file's bytes: a pack whose bytes do not match (edited, truncated) is not
used.

Why packs and not one file per article: a warm run of 10,000 articles then
opens a handful of files instead of 30,000, and the tables are assembled from
Arrow slices without a pandas conversion per article.

Writes are atomic (temporary file + rename).  A pack that cannot be read is
ignored (its articles are recomputed, never a crash, never a wrong result: the
key of every row is in the pack itself).  When a stage has more than
:data:`MAX_PACKS` packs they are merged into one.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ITEM_COLUMN = "_kiji_item"
KEYS_FIELD = b"kiji_pack_keys"
IDS_FIELD = b"kiji_pack_articles"
MAX_PACKS = 12
#: Largest pack file read (bytes): a link to /dev/zero or a huge foreign file is never read whole.
MAX_PACK_BYTES = 4 * 2**30


def _owner() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def _own_regular(entry: os.DirEntry) -> bool:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and (_owner() is None or st.st_uid == _owner())


def open_own(path: Path, limit: int):
    """``path`` opened for reading if it is a regular file of this user of at most ``limit`` bytes (opened
    without following links and without blocking on a FIFO, checked after opening); else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode) and st.st_size <= limit and (_owner() is None or st.st_uid == _owner()):
            return os.fdopen(fd, "rb")
    except OSError:
        pass
    os.close(fd)
    return None


def read_own(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` (see :func:`open_own`), or None."""
    f = open_own(path, limit)
    if f is None:
        return None
    with f:
        try:
            data = f.read(limit + 1)
        except OSError:
            return None
    return data if len(data) <= limit else None


def to_arrow(frame) -> pa.Table:
    """A pandas DataFrame as an Arrow table with uniform types (dictionary indices int32),
    so tables of different articles concatenate."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = []
    for f in table.schema:
        if pa.types.is_dictionary(f.type) and f.type.index_type != pa.int32():
            value_type = f.type.value_type if not pa.types.is_null(f.type.value_type) else pa.large_string()
            f = f.with_type(pa.dictionary(pa.int32(), value_type))
        fields.append(f)
    schema = pa.schema(fields, metadata=table.schema.metadata)
    return table.cast(schema) if schema != table.schema else table


def concat(tables: Sequence[pa.Table]) -> pa.Table:
    return pa.concat_tables(tables, promote_options="permissive")


@dataclass
class Hit:
    """One stored entry: its rows and the article id it was computed for."""

    table: pa.Table
    article_id: str

    def frame_sample(self):
        return self.table.slice(0, min(self.table.num_rows, 50)).to_pandas()

    def sentence_ids(self) -> np.ndarray | None:
        if "sentence_id" not in self.table.column_names:
            return None
        try:
            return self.table.column("sentence_id").to_numpy().astype("int64")
        except (TypeError, ValueError, pa.ArrowInvalid):
            return np.array([-1])  # not numeric: never fits


class PackStore:
    """The packs of one stage folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._index: dict[str, list[tuple[Path, int]]] | None = None

    # ------------------------------------------------------------------ index
    def _packs(self) -> list[Path]:
        """The pack files of the folder: regular files of this user only (a link, a FIFO, a device or a file
        of another user named like a pack is never opened)."""
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []
        return sorted(Path(e.path) for e in entries
                      if e.name.startswith("pack-") and e.name.endswith(".parquet") and _own_regular(e))

    @staticmethod
    def _keys_of(path: Path) -> list[str] | None:
        try:
            f = open_own(path, MAX_PACK_BYTES)
            if f is None:
                return None
            with f:
                meta = pq.read_schema(f).metadata or {}
            keys = json.loads(meta[KEYS_FIELD])
            return keys if isinstance(keys, list) else None
        except Exception:  # truncated, garbage, foreign: not a pack we can use
            return None

    @staticmethod
    def _load(path: Path) -> pa.Table:
        """The pack's table, after checking its bytes against the digest beside it (both read as regular
        files of this user, without following links, bounded)."""
        data = read_own(path, MAX_PACK_BYTES)
        digest = read_own(path.with_suffix(".sha256"), 200)
        if data is None or digest is None:
            raise ValueError(f"{path.name}: not a regular file of this user within the size limit")
        if hashlib.sha256(data).hexdigest() != digest.decode("ascii", "replace").strip():
            raise ValueError(f"{path.name}: content does not match its digest")
        return pq.read_table(pa.BufferReader(data))

    def index(self) -> dict[str, list[tuple[Path, int]]]:
        """key -> [(pack file, position in its key list)], in pack order."""
        if self._index is None:
            index: dict[str, list[tuple[Path, int]]] = {}
            for path in self._packs():
                keys = self._keys_of(path)
                for i, key in enumerate(keys or ()):
                    index.setdefault(key, []).append((path, i))
            self._index = index
        return self._index

    # ------------------------------------------------------------------ read
    def _open(self, path: Path):
        """(rows ordered by entry, entry bounds, article ids) of one pack, or None when unusable."""
        try:
            table = self._load(path)
            meta = table.schema.metadata or {}
            ids = json.loads(meta.get(IDS_FIELD, b"[]"))
            item = table.column(ITEM_COLUMN).to_numpy()
            table = table.drop_columns([ITEM_COLUMN]).replace_schema_metadata(
                {k: v for k, v in meta.items() if k not in (KEYS_FIELD, IDS_FIELD)})
            n_keys = len(json.loads(meta[KEYS_FIELD]))
        except Exception:
            return None  # vanished, damaged or edited since the index was read: recompute its entries
        order = np.argsort(item, kind="stable")
        return table.take(pa.array(order)), np.searchsorted(item[order], np.arange(n_keys + 1)), ids

    def read(self, keys: Sequence[str]) -> dict[str, Hit]:
        """Results stored for ``keys`` (those found in a readable, intact pack)."""
        index = self.index()
        opened: dict[Path, tuple[pa.Table, np.ndarray, list] | None] = {}
        out: dict[str, Hit] = {}
        for key in dict.fromkeys(keys):
            for path, i in index.get(key, ()):
                if path not in opened:
                    opened[path] = self._open(path)
                pack = opened[path]
                if pack is None:
                    continue
                table, bounds, ids = pack
                if i + 1 >= len(bounds):
                    continue
                out[key] = Hit(table.slice(int(bounds[i]), int(bounds[i + 1] - bounds[i])),
                               ids[i] if i < len(ids) and isinstance(ids[i], str) else "")
                break
        return out

    # ------------------------------------------------------------------ write
    def write(self, results: dict[str, pa.Table], article_ids: dict[str, str] | None = None) -> None:
        """Store ``results`` (key -> table; ``article_ids``: key -> the article it was computed for)
        as one new pack; merge packs when there are too many."""
        if not results:
            return
        ids = [(article_ids or {}).get(k, "") for k in results]
        self._write_pack(list(results), list(results.values()), ids)
        if len(self._packs()) > MAX_PACKS:
            self.compact()
        self._index = None

    def _write_pack(self, keys: list[str], tables: list[pa.Table], ids: list[str]) -> Path | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        lengths = np.fromiter((t.num_rows for t in tables), dtype=np.int64, count=len(tables))
        table = concat(tables)
        table = table.append_column(ITEM_COLUMN, pa.array(np.repeat(np.arange(len(keys), dtype=np.int32),
                                                                    lengths)))
        meta = dict(table.schema.metadata or {})
        meta[KEYS_FIELD] = json.dumps(keys).encode()
        meta[IDS_FIELD] = json.dumps(ids, ensure_ascii=False).encode()
        table = table.replace_schema_metadata(meta)
        path = self.folder / f"pack-{uuid.uuid4().hex}.parquet"
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".parquet")
            os.close(fd)
            pq.write_table(table, tmp)
            digest = hashlib.sha256(Path(tmp).read_bytes()).hexdigest()
            path.with_suffix(".sha256").write_text(digest + "\n", encoding="ascii")
            os.replace(tmp, path)
            return path
        except Exception:  # a cache that cannot be written only costs time
            if tmp:
                Path(tmp).unlink(missing_ok=True)
            return None

    def compact(self) -> None:
        """Merge every pack that reads back intact (bytes matching their digest) into one, and remove
        those; any other file -- damaged, foreign, another user's -- is left where it is."""
        merged: dict[str, Hit] = {}
        done: list[Path] = []
        for path in self._packs():
            keys = self._keys_of(path)
            if keys is None:
                continue
            found = PackStore._read_pack(path, keys)
            if found is None or len(found) != len(dict.fromkeys(keys)):
                continue
            done.append(path)
            for key, hit in found.items():
                merged.setdefault(key, hit)
        if merged and self._write_pack(list(merged), [h.table for h in merged.values()],
                                       [h.article_id for h in merged.values()]) is None:
            return
        for path in done:
            with contextlib.suppress(OSError):
                path.unlink()
                path.with_suffix(".sha256").unlink()
        self._index = None

    @staticmethod
    def _read_pack(path: Path, keys: list[str]) -> dict[str, Hit] | None:
        store = PackStore(path.parent)
        store._index = {key: [(path, i)] for i, key in enumerate(keys)}
        try:
            return store.read(keys)
        except Exception:
            return None
