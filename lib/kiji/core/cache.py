"""Per-article cache of expensive results (tokens, sources, escalation).

A result is stored once per article and stage under ``<cache>/<stage>/<key>.parquet``.
The key hashes the article's normalized sentences together with the
configuration the stage depends on: kiji's own code, the janome version, and
the content of the data files the stage reads (user dictionary, lexicons,
alias lists).  Editing a lexicon or upgrading janome therefore invalidates
exactly the stages it affects, and renaming a file reuses its results.

The cache folder is ``KIJI_CACHE`` (``off`` disables caching), else
``data/cache/``; ``kiji export``/``report --cache DIR`` set it.  A cache
location that is not a usable folder (a file, read-only, ``/proc/...``)
gives one warning on stderr and the run goes on without cache.  Writes are
atomic (temporary file + rename).

An entry is trusted only when all of these hold, else it is ignored and
rebuilt (never a crash): it reads as Parquet; its embedded key equals its
name's key (not foreign or stale); its embedded digest matches its content
(not edited or truncated); its columns are those the stage produces now,
numeric and boolean columns still numeric and boolean; its ``sentence_id``
values are sentences of this article.  The cache is a convenience, not a
security boundary: somebody who can write the cache folder and recomputes
the digest can still forge results, so do not use a cache folder from
someone you do not trust.

Ids inside cached rows are re-derived from the current article: the entry
records the article id it was computed for, and on reuse ``article_id`` and
every text value starting with ``<that id>:`` (``attribution_id``,
``via_attribution_id``, ...) are rewritten to the current id, so a renamed
or duplicated text gets its own ids.

One article's failure (any exception in ``compute``) is recorded in
:mod:`kiji.core.failures` and the other articles go on.  With ``PROGRESS``
enabled, an article longer than :data:`LARGE_ARTICLE_CHARS` characters gets
a progress line of its own on stderr.

``STATS`` counts, per stage, how many articles were ``computed`` and how many
came from the cache (``cached``) in this process.
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import failures
from .paths import default_cache_dir
from .vocab import Snapshot, snapshot

KEY_FIELD = b"kiji_cache_key"
ARTICLE_FIELD = b"kiji_cache_article"
DIGEST_FIELD = b"kiji_cache_digest"
STATS: dict[str, dict[str, int]] = defaultdict(lambda: {"computed": 0, "cached": 0})
PROGRESS = {"enabled": False}
#: Articles longer than this (characters) get a progress line of their own.
LARGE_ARTICLE_CHARS = 100_000
_USABLE: dict[str, bool] = {}


def reset_warnings() -> None:
    """Check (and warn about) cache locations again, e.g. after changing ``KIJI_CACHE``."""
    _USABLE.clear()


def _usable(folder: Path) -> bool:
    """True if ``folder`` can hold the cache; otherwise one warning per location and False."""
    key = str(folder)
    if key not in _USABLE:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(dir=folder, prefix=".probe-")
            os.close(fd)
            os.unlink(probe)
            _USABLE[key] = True
        except OSError as exc:
            print(f"kiji: warning: cache folder {folder} is not usable ({exc.strerror or exc}); "
                  "running without cache", file=sys.stderr)
            _USABLE[key] = False
    return _USABLE[key]


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get("KIJI_CACHE")
    if env and env.lower() in ("off", "0", "none", "false"):
        return None
    return Path(env) if env else default_cache_dir()


@lru_cache(maxsize=1)
def _code_hash() -> str:
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        h.update(path.as_posix().encode() + path.read_bytes())
    for pkg in ("janome", "pandas"):
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


def config_hash(stage: str, vocabulary_key: str, extra: str = "") -> str:
    """Hash of everything a stage's result depends on besides the article itself:
    the stage, kiji's code and library versions, the content of the data files it
    reads (``vocabulary_key``, from :func:`kiji.core.vocab.snapshot`) and ``extra``."""
    h = hashlib.sha256(f"{stage}\0{_code_hash()}\0{vocabulary_key}\0{extra}".encode())
    return h.hexdigest()


def article_key(config: str, sentences: pd.DataFrame) -> str:
    h = hashlib.sha256(config.encode())
    for sid, text in zip(sentences["sentence_id"], sentences["text_norm"]):
        h.update(f"{int(sid)}\t{text}\n".encode())
    return h.hexdigest()


def _digest(frame: pd.DataFrame) -> bytes:
    """SHA-256 of a frame's column names and values (stable across the Parquet round trip)."""
    h = hashlib.sha256()
    for col in frame.columns:
        values = frame[col]
        if isinstance(values.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(values.dtype):
            values = values.astype(object)
        h.update(str(col).encode() + b"\0")
        h.update(pd.util.hash_pandas_object(values, index=False).values.tobytes())
    return h.hexdigest().encode()


def _read(path: Path, key: str) -> tuple[pd.DataFrame, str] | None:
    """(frame, article id it was computed for) when the entry is intact and for ``key``."""
    try:
        table = pq.read_table(path)
        meta = table.schema.metadata or {}
        if meta.get(KEY_FIELD) != key.encode():
            return None
        frame = table.to_pandas()
        if meta.get(DIGEST_FIELD) != _digest(frame):
            return None
        return frame, meta.get(ARTICLE_FIELD, b"").decode()
    except Exception:  # corrupt, truncated, foreign: rebuild
        return None


def _write(path: Path, key: str, article_id: str, frame: pd.DataFrame) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), KEY_FIELD: key.encode(),
                                               ARTICLE_FIELD: article_id.encode(), DIGEST_FIELD: _digest(frame)})
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".parquet")
        os.close(fd)
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except Exception:  # a cache that cannot be written only costs time
        if tmp:
            Path(tmp).unlink(missing_ok=True)


def _fits(frame: pd.DataFrame, expected: pd.DataFrame | None, group: pd.DataFrame) -> bool:
    """Does a cached frame have the shape this stage produces for this article?"""
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
    if "sentence_id" in frame.columns and len(frame):
        if not pd.api.types.is_numeric_dtype(frame["sentence_id"]) or \
                not set(frame["sentence_id"].astype("int64")) <= set(group["sentence_id"].astype("int64")):
            return False
    return True


def _rebind(frame: pd.DataFrame, old: str, new: str) -> pd.DataFrame:
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


def per_article(stage: str, sentences: pd.DataFrame,
                build: Callable[[Snapshot], Callable[[pd.DataFrame], pd.DataFrame]],
                data_files: Iterable[str] = (), extra: str = "") -> pd.DataFrame:
    """``build(snapshot)(group)`` applied article by article to ``sentences``, through the cache.

    The data files are read once into a :class:`~kiji.core.vocab.Snapshot`;
    the cache key and the computation both come from that snapshot, so a
    result is never stored under the key of a vocabulary that did not
    produce it.  ``build`` returns the per-article function, which must
    return rows carrying ``article_id``; results are concatenated in article
    order, categorical columns stay categorical.
    """
    folder = cache_dir()
    if folder is not None and not _usable(folder):
        folder = None
    snap = snapshot(data_files)
    run = _Run(stage, build(snap), sentences, folder, config_hash(stage, snap.key, extra) if folder else "")
    groups = list(sentences.groupby("article_id", sort=False))
    iterator = groups
    if PROGRESS["enabled"] and len(groups) > 1:
        from tqdm import tqdm

        iterator = tqdm(groups, desc=f"  {stage}", unit="article", leave=True)
    frames = [frame for article_id, group in iterator if (frame := run.one(str(article_id), group)) is not None]
    if not frames:
        return run.expected() if run.expected() is not None else run.compute(sentences.iloc[0:0])
    categorical = [c for c in frames[0].columns if isinstance(frames[0][c].dtype, pd.CategoricalDtype)]
    out = pd.concat(frames, ignore_index=True)
    for col in categorical:
        out[col] = out[col].astype("category")
    return out


class _Run:
    """One stage over one corpus: each article from a trusted cache entry or computed."""

    def __init__(self, stage: str, compute, sentences: pd.DataFrame, folder: Path | None, config: str):
        self.stage, self.compute, self.sentences, self.folder, self.config = stage, compute, sentences, folder, config
        self._empty: list[pd.DataFrame | None] = []

    def expected(self) -> pd.DataFrame | None:
        """What the stage produces for no sentences: the columns and dtypes a cache entry must have."""
        if not self._empty:
            try:
                self._empty.append(self.compute(self.sentences.iloc[0:0]))
            except Exception:
                self._empty.append(None)
        return self._empty[0]

    def one(self, article_id: str, group: pd.DataFrame) -> pd.DataFrame | None:
        path = key = None
        if self.folder:
            key = article_key(self.config, group)
            path = self.folder / self.stage / f"{key}.parquet"
            hit = _read(path, key)
            if hit is not None and _fits(hit[0], self.expected(), group):
                STATS[self.stage]["cached"] += 1
                return _rebind(hit[0], hit[1], article_id)
        n_chars = int(group["text_norm"].str.len().sum()) if "text_norm" in group else 0
        if PROGRESS["enabled"] and n_chars > LARGE_ARTICLE_CHARS:
            print(f"  {self.stage}: {article_id} ({n_chars} characters) ...", file=sys.stderr, flush=True)
        try:
            frame = self.compute(group)
        except Exception as exc:  # one article never stops the run
            failure = failures.record(self.stage, article_id, exc)
            if not PROGRESS["enabled"]:  # the command line reports failures itself
                print(f"kiji: warning: {failure.message()}", file=sys.stderr, flush=True)
            return None
        STATS[self.stage]["computed"] += 1
        if path is not None and key is not None:
            _write(path, key, article_id, frame)
        return frame


def stats_text() -> str:
    """``tokens: 1 computed, 5 cached; ...`` for this process."""
    return "; ".join(f"{stage}: {s['computed']} computed, {s['cached']} cached" for stage, s in sorted(STATS.items()))
