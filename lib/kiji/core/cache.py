"""The per-article cache: where results are kept, their keys, and when a kept result is trusted.

A result is stored once per article and stage, in the Parquet packs of
``<cache>/<stage>/`` (:mod:`kiji.core.packs`: many articles per file, each row
tagged with its article's key, the file's digest beside it).  The cache
folder is chosen by the run (:class:`~kiji.core.run.Run`): ``--cache DIR``,
else the user cache folder (:func:`kiji.core.paths.default_cache_dir`);
``--cache off`` runs without.  A cache location that is not a usable folder
(a file, read-only, ``/proc/...``) gives one warning on stderr and the run
goes on without cache.

Keys (:func:`key_of` is the one key function, also used by
:mod:`kiji.report.reuse`): an article's key in a stage hashes its normalized
sentences with the stage's configuration (:func:`config_hash`: kiji's own
code, the janome and pandas versions, the bytes of the data files the stage
reads, the tokenizer for the tokens stage) and the keys of the stages it
needs.  Editing a lexicon or upgrading janome therefore invalidates exactly
the stages it affects, and renaming a file reuses its results.

An entry is trusted only when all of these hold, else it is ignored and
rebuilt (never a crash): its pack reads as Parquet and its bytes match the
digest written beside it (not edited or truncated); the entry is listed under
its key in the pack (not foreign or stale); its columns are those the stage
produces now, numeric and boolean columns still numeric and boolean
(:func:`fits`); its ``sentence_id`` values are sentences of this article.
The cache is a convenience, not a security boundary: somebody who can write
the cache folder and recomputes the digest can still forge results, so do not
use a cache folder from someone you do not trust.

Ids inside cached rows are re-derived from the current article
(:func:`rebind`): the entry records the article id it was computed for, and
on reuse ``article_id`` and every text value starting with ``<that id>:``
(``attribution_id``, ``via_attribution_id``, ...) are rewritten to the
current id, so a renamed or duplicated text gets its own ids.

>>> key_of("a", "b") == key_of("a", "b") != key_of("ab")
True
"""
from __future__ import annotations

import errno
import functools
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .packs import PackStore, concat, to_arrow
from .paths import default_cache_dir
from .vocab import Snapshot

OFF = ("off", "0", "none", "false")


# --------------------------------------------------------------------------- keys
def key_of(*parts: str | bytes) -> str:
    """SHA-256 of ``parts`` (each length-prefixed, so two lists of parts never share a key)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(f"{len(data)}:".encode() + data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_hash() -> str:
    """kiji's code (every module's path and bytes) with the janome and pandas versions."""
    parts: list[str | bytes] = []
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        parts += [path.as_posix(), path.read_bytes()]
    for pkg in ("janome", "pandas"):
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            pass
    return key_of(*parts)


def config_hash(stage: str, vocabulary_key: str, extra: str = "") -> str:
    """Hash of everything a stage's result depends on besides the article itself:
    the stage, kiji's code and library versions, the content of the data files it
    reads (``vocabulary_key``, from :func:`kiji.core.vocab.snapshot`) and ``extra``."""
    return key_of("stage", stage, code_hash(), vocabulary_key, extra)


def sentence_lines(sentences: pd.DataFrame) -> str:
    """An article's sentences as hashed in its keys: ``id TAB normalized text`` lines."""
    ids, texts = sentences["sentence_id"].tolist(), sentences["text_norm"].tolist()
    return "".join(f"{int(sid)}\t{text}\n" for sid, text in zip(ids, texts))


def article_key(config: str, sentences: pd.DataFrame | str, *needed: str) -> str:
    """An article's key in a stage: its sentences (ids and normalized text, or their
    :func:`sentence_lines` made once for every stage), the stage's ``config`` and the keys of
    the article in the stages it ``needed``."""
    lines = sentences if isinstance(sentences, str) else sentence_lines(sentences)
    return key_of(config, lines, *needed)


# --------------------------------------------------------------------------- the folder
class Cache:
    """A cache folder (``Cache.at("off")`` is None: no cache).

    >>> Cache.at("off") is None
    True
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._usable: bool | None = None

    @classmethod
    def at(cls, setting: str | os.PathLike | None) -> Cache | None:
        """The cache for a ``--cache`` value: ``None``/'' → the default folder, ``off`` → no cache."""
        if setting is None or str(setting).strip() == "":
            return cls(default_cache_dir())
        if str(setting).strip().lower() in OFF:
            return None
        return cls(Path(setting).expanduser().resolve())

    def usable(self) -> bool:
        """True if the folder can hold the cache; otherwise one warning (per cache) and False."""
        if self._usable is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                st = os.stat(self.folder)
                if hasattr(os, "getuid") and st.st_uid != os.getuid():
                    raise PermissionError(errno.EPERM, "owned by another user")
                if st.st_mode & 0o002 and not st.st_mode & stat.S_ISVTX:
                    raise PermissionError(errno.EPERM, "writable by every user")
                fd, probe = tempfile.mkstemp(dir=self.folder, prefix=".probe-")
                os.close(fd)
                os.unlink(probe)
                self._usable = True
            except OSError as exc:
                print(f"kiji: warning: cache folder {self.folder} is not usable ({exc.strerror or exc}); "
                      "running without cache", file=sys.stderr)
                self._usable = False
        return self._usable

    def store(self, stage: str) -> PackStore | None:
        """The packs of one stage (None when the folder is not usable)."""
        return PackStore(self.folder / stage) if self.usable() else None

    def __repr__(self) -> str:
        return f"Cache({str(self.folder)!r})"


# --------------------------------------------------------------------------- trusting an entry
def fits(frame: pd.DataFrame, expected: pd.DataFrame | None, group: pd.DataFrame,
         sentence_ids: np.ndarray | None, columns: Sequence[str] = ()) -> bool:
    """Does a cached entry (``frame``: its first rows) have the shape this stage produces for this article?
    ``columns``: the stage's declared columns, checked even when ``expected`` could not be made."""
    if columns and list(frame.columns) != list(columns):
        return False
    if expected is not None:
        if list(frame.columns) != list(expected.columns):
            return False
        for col in expected.columns:
            want, got = expected[col].dtype, frame[col].dtype
            if pd.api.types.is_bool_dtype(want) and not pd.api.types.is_bool_dtype(got):
                return False
            if pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want) \
                    and not (pd.api.types.is_numeric_dtype(got) and not pd.api.types.is_bool_dtype(got)):
                return False
    if sentence_ids is not None and len(sentence_ids):
        if not np.isin(sentence_ids, group["sentence_id"].to_numpy(dtype="int64")).all():
            return False
    return True


def rebind(frame: pd.DataFrame, old: str, new: str) -> pd.DataFrame:
    """Ids in ``frame`` computed for article ``old`` re-derived for article ``new``."""
    if "article_id" in frame.columns:
        frame["article_id"] = new
    if not old or old == new:
        return frame
    prefix = f"{old}:"
    for col in frame.columns:
        if col == "article_id":
            continue
        series = frame[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            if any(isinstance(c, str) and c.startswith(prefix) for c in series.cat.categories):
                frame[col] = series.astype(object).map(lambda v: _swap_prefix(v, prefix, new)).astype("category")
        elif series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            frame[col] = series.map(lambda v: _swap_prefix(v, prefix, new))
    return frame


def _swap_prefix(value, prefix: str, new: str):
    if isinstance(value, str) and value.startswith(prefix):
        return f"{new}:{value[len(prefix):]}"
    return value


def assemble(ids: list[str], tables: list[pa.Table]) -> pd.DataFrame:
    """Per-article tables as one DataFrame, in article order; categorical columns keep
    sorted categories without unused ones (the same table for any number of jobs)."""
    lengths = np.fromiter((t.num_rows for t in tables), dtype=np.int64, count=len(tables))
    table = concat(tables)
    if "article_id" in table.column_names:  # the same text may sit under another file name
        column = pa.array(np.repeat(np.array(ids, dtype=object), lengths), type=pa.large_string())
        table = table.set_column(table.column_names.index("article_id"), "article_id", column)
    frame = table.combine_chunks().to_pandas()
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.CategoricalDtype):
            values = frame[col].cat.remove_unused_categories()
            frame[col] = values.cat.reorder_categories(sorted(values.cat.categories))
    return frame


# --------------------------------------------------------------------------- the worker's side
def importable(func: Callable) -> bool:
    """True when worker processes can receive ``func`` by reference (module-level, not ``__main__``)."""
    while isinstance(func, functools.partial):
        func = func.func
    module, name = getattr(func, "__module__", None), getattr(func, "__qualname__", "")
    if not module or module == "__main__" or "<" in name:
        return False
    target = sys.modules.get(module)
    for part in name.split("."):
        target = getattr(target, part, None)
    return target is func


def _builder_key(build: Callable) -> str:
    if isinstance(build, functools.partial):
        return f"{_builder_key(build.func)}{build.args!r}{sorted(build.keywords.items())!r}"
    return f"{build.__module__}.{build.__qualname__}"


FAILED = "__kiji_failed__"


#: per process: the computations built so far (a worker builds each one once)
_BUILT_HERE: dict[str, Callable] = {}


def _built(build: Callable, snap: Snapshot, tokenizer: str) -> Callable:
    key = f"{_builder_key(build)}\0{snap.key}\0{tokenizer}"
    compute = _BUILT_HERE.get(key)
    if compute is None:
        if len(_BUILT_HERE) > 32:
            _BUILT_HERE.clear()
        compute = _BUILT_HERE[key] = build(snap, tokenizer)
    return compute


def run_built(build: Callable, snap: Snapshot, tokenizer: str, item: tuple) -> pa.Table | tuple:
    """What a worker runs for one article: ``build(snap, tokenizer)`` (once per process,
    builder and snapshot: one dictionary load per worker) applied to ``item`` (the article's
    sentences and the tables it needs); the result as Arrow (cheap to send back), or
    ``(FAILED, exception type, message)``."""
    try:
        compute = _built(build, snap, tokenizer)
        group, *needed = item
        arrow_ok = getattr(compute, "takes_arrow", False)  # converts only the rows it reads
        result = compute(group, *(t.to_pandas() if isinstance(t, pa.Table) and not arrow_ok else t for t in needed))
        return result if isinstance(result, pa.Table) else to_arrow(result)
    except Exception as exc:  # one article never stops the run
        return (FAILED, type(exc).__name__, str(exc))
