"""The loader's per-file results, cached by file content.

Reading a file (decoding, layout, metadata, paragraphs, sentences and their
normalized copies) is the same work on every run for a file that did not
change.  :class:`LoadCache` keeps each file's :class:`~kiji.loading.corpus.LoadedArticle`
in the cache's ``load`` packs (:mod:`kiji.core.packs`), keyed by the file's
bytes, its name, kiji's code and ``data/entities.csv`` (the outlets); overrides from
``data/metadata.csv`` are applied after the cache, on every run.  Not cached:
files that are not articles (skipped), anything when the run has no cache
(``--cache off``) or the loader is given its own outlet table, a file that
is not a regular file or is larger than the loader reads.

The run's ``stats["load"]`` (:class:`kiji.core.run.Run`) counts files ``computed`` and ``cached``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..core.cache import config_hash
from ..core.entities import ENTITIES
from ..core.packs import PackStore
from ..core.vocab import snapshot
from .files import NotReadable, read_bounded

DATA_FILES = [ENTITIES]


class LoadCache:
    """Per-file loader results for one ``load_corpus`` call: :meth:`lookup`, then :meth:`add`, :meth:`save`."""

    def __init__(self, store: PackStore, article_class: type, max_bytes: int, stats: dict[str, int],
                 data_dir: Path | None = None):
        self.store = store
        self.stats = stats
        self.config = config_hash("load", snapshot(DATA_FILES, data_dir).key)
        self.article_class = article_class
        self.max_bytes = max_bytes
        self.keys: dict[Path, str] = {}
        self.new: dict[str, pa.Table] = {}

    @classmethod
    def open(cls, article_class: type, max_bytes: int, run) -> LoadCache | None:
        """The loader cache of ``run`` (a :class:`~kiji.core.run.Run`); None when it has no cache."""
        store = run.cache.store("load") if run.cache else None
        return cls(store, article_class, max_bytes, run.stats["load"], run.data_dir) if store else None

    def _key(self, path: Path) -> str | None:
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode) or st.st_size > self.max_bytes:
                return None
            data = read_bounded(path, max_bytes=self.max_bytes)
        except (OSError, NotReadable):
            return None
        return hashlib.sha256(f"{self.config}\n".encode() + os.fsencode(path.name) + b"\n" + data).hexdigest()

    def lookup(self, paths: list[Path]) -> dict[Path, Any]:
        """The cached results for ``paths`` (those found), read in one pass over the packs."""
        for path in paths:
            if (key := self._key(path)) is not None:
                self.keys[path] = key
        found = self.store.read(list(self.keys.values()))
        out = {}
        for path, key in self.keys.items():
            hit = found.get(key)
            table = hit.table if hit is not None else None
            if table is None or table.num_rows != 1:
                continue
            try:
                out[path] = self._decode(json.loads(table.column("payload")[0].as_py()))
            except (ValueError, KeyError, TypeError):
                continue  # unreadable entry: the file is loaded again
            self.stats["cached"] += 1
        return out

    def add(self, path: Path, loaded) -> None:
        """Record a result computed in this run."""
        self.stats["computed"] += 1
        key = self.keys.get(path)
        if key is not None:
            payload = json.dumps(dataclasses.asdict(loaded), ensure_ascii=False)
            self.new[key] = pa.table({"payload": pa.array([payload], type=pa.large_string())})

    def save(self) -> None:
        self.store.write(self.new)
        self.new = {}

    def _decode(self, data: dict):
        fields = {f.name for f in dataclasses.fields(self.article_class)}
        if set(data) != fields:
            raise KeyError("cached entry from another version of LoadedArticle")
        data["sentences"] = [tuple(s) for s in data["sentences"]]
        return self.article_class(**data)
