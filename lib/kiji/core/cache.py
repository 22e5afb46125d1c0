"""Per-article cache of expensive results (tokens, sources, escalation).

A result is stored once per article and stage, in the Parquet packs of
``<cache>/<stage>/`` (:mod:`kiji.core.packs`: many articles per file, each row
tagged with its article's key, the file's digest beside it).
The key hashes the article's normalized sentences together with the
configuration the stage depends on: kiji's own code, the janome and pandas
versions, ``extra`` (the tokenizer and its version for ``tokens``), and
the content of the data files the stage reads (user dictionary, lexicons,
alias lists).  Editing a lexicon or upgrading janome therefore invalidates
exactly the stages it affects, and renaming a file reuses its results.

The cache folder is ``KIJI_CACHE`` (``off`` disables caching), else
``data/cache/``; ``kiji export``/``report --cache DIR`` set it.  A cache
location that is not a usable folder (a file, read-only, ``/proc/...``)
gives one warning on stderr and the run goes on without cache.  Writes are
atomic (temporary file + rename).

An entry is trusted only when all of these hold, else it is ignored and
rebuilt (never a crash): its pack reads as Parquet and its bytes match the
digest written beside it (not edited or truncated); the entry is listed under
its key in the pack (not foreign or stale); its columns are those the stage produces now,
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

Articles not in the cache are computed by :mod:`kiji.core.parallel`
(``--jobs`` worker processes, ``--dask``) when ``build`` is importable; each
worker builds the computation once per snapshot.  The tables are identical
whatever the number of jobs and whether rows came from the cache.

One article's failure (any exception in ``compute``) is recorded in
:mod:`kiji.core.failures` and the other articles go on.  With ``PROGRESS``
enabled, an article longer than :data:`LARGE_ARTICLE_CHARS` characters gets
a progress line of its own on stderr.

``STATS`` counts, per stage, how many articles were ``computed`` and how many
came from the cache (``cached``) in this process.
"""
from __future__ import annotations

import functools
import hashlib
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import failures
from .packs import PackStore, concat, to_arrow
from .parallel import map_articles
from .paths import default_cache_dir
from .vocab import Snapshot, snapshot

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


def _fits(frame: pd.DataFrame, expected: pd.DataFrame | None, group: pd.DataFrame,
          sentence_ids: np.ndarray | None) -> bool:
    """Does a cached entry (``frame``: its first rows) have the shape this stage produces for this article?"""
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


def _importable(func: Callable) -> bool:
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


_BUILT_HERE: dict[tuple[str, str], Callable] = {}
FAILED = "__kiji_failed__"


def run_built(build: Callable[[Snapshot], Callable[[pd.DataFrame], pd.DataFrame]], snap: Snapshot,
              group: pd.DataFrame):
    """What a worker runs for one article: ``build(snap)`` (once per process and snapshot: one
    dictionary load per worker) applied to ``group``; the result as Arrow (cheap to send back),
    or ``(FAILED, exception type, message)``."""
    key = (_builder_key(build), snap.key)
    try:
        compute = _BUILT_HERE.get(key)
        if compute is None:
            if len(_BUILT_HERE) > 32:
                _BUILT_HERE.clear()
            compute = _BUILT_HERE[key] = build(snap)
        result = compute(group)
        return result if isinstance(result, pa.Table) else to_arrow(result)
    except Exception as exc:  # one article never stops the run
        return (FAILED, type(exc).__name__, str(exc))


def per_article(stage: str, sentences: pd.DataFrame,
                build: Callable[[Snapshot], Callable[[pd.DataFrame], pd.DataFrame]],
                data_files: Iterable[str] = (), extra: str = "") -> pd.DataFrame:
    """``build(snapshot)(group)`` applied article by article to ``sentences``, through the cache.

    This is the one place that decides, per article, whether a result comes
    from the cache or is computed.  The data files are read once into a
    :class:`~kiji.core.vocab.Snapshot`; the cache key and the computation both
    come from that snapshot, so a result is never stored under the key of a
    vocabulary that did not produce it.  ``build`` returns the per-article
    function, which must return rows carrying ``article_id`` (a DataFrame, or an
Arrow table with the same columns); ``extra``
    names anything else the result depends on (the tokenizer).

    Articles to compute go through :func:`kiji.core.parallel.map_articles`
    (``--jobs``/``--dask``) when ``build`` is importable (a module-level
    function or a ``functools.partial`` of one), else (a lambda, a function
    defined in a notebook) they run here.  Results are concatenated in
    article order; categorical columns stay categorical (categories sorted,
    unused ones dropped), so the table is the same for any number of jobs.
    """
    folder = cache_dir()
    if folder is not None and not _usable(folder):
        folder = None
    snap = snapshot(data_files)
    run = _Run(stage, build, snap, sentences, folder, config_hash(stage, snap.key, extra))
    return run.table()


class _Run:
    """One stage over one corpus: each article from a trusted cache entry or computed."""

    def __init__(self, stage: str, build, snap: Snapshot, sentences: pd.DataFrame, folder: Path | None,
                 config: str):
        self.stage, self.build, self.snap, self.sentences = stage, build, snap, sentences
        self.config = config
        self.store = PackStore(folder / stage) if folder else None
        self._empty: list[pd.DataFrame | None] = []

    def compute_here(self, group: pd.DataFrame) -> pd.DataFrame:
        result = self.build(self.snap)(group)
        return result.to_pandas() if isinstance(result, pa.Table) else result

    def expected(self) -> pd.DataFrame | None:
        """What the stage produces for no sentences: the columns and dtypes a cache entry must have."""
        if not self._empty:
            try:
                self._empty.append(self.compute_here(self.sentences.iloc[0:0]))
            except Exception:
                self._empty.append(None)
        return self._empty[0]

    def table(self) -> pd.DataFrame:
        ids, groups = [], []
        for article_id, group in self.sentences.groupby("article_id", sort=False):
            ids.append(str(article_id))
            groups.append(group)
        keys = [article_key(self.config, group) for group in groups]
        results: dict[str, pa.Table] = {}
        made_for: dict[str, str] = {}
        if self.store:
            found = self.store.read(keys)
            expected = self.expected()
            for key, group in zip(keys, groups):
                hit = found.get(key)
                if hit is not None and key not in results and _fits(hit.frame_sample(), expected, group,
                                                                   hit.sentence_ids()):
                    results[key], made_for[key] = hit.table, hit.article_id
        todo: dict[str, tuple[str, pd.DataFrame]] = {}
        for aid, key, group in zip(ids, keys, groups):
            if key not in results:
                todo.setdefault(key, (aid, group))
        failed: set[str] = set()
        if todo:
            fresh = self._compute(todo, failed)
            if self.store:
                self.store.write({k: t for k, t in fresh.items()}, {k: todo[k][0] for k in fresh})
            results.update(fresh)
            made_for.update({k: todo[k][0] for k in fresh})
        n_cached = sum(1 for k in keys if k not in todo)
        STATS[self.stage]["cached"] += n_cached
        STATS[self.stage]["computed"] += sum(1 for k in keys if k in todo and k not in failed)
        kept = [(aid, key) for aid, key in zip(ids, keys) if key in results]
        if not kept:
            expected = self.expected()
            return expected if expected is not None else self.compute_here(self.sentences.iloc[0:0])
        tables = []
        for aid, key in kept:
            table = results[key]
            old = made_for.get(key, aid)
            if old and old != aid and table.num_rows:  # a renamed or duplicated text: its own ids
                table = to_arrow(_rebind(table.to_pandas(), old, aid))
            tables.append(table)
        return _assemble([aid for aid, _ in kept], tables)

    def _compute(self, todo: dict[str, tuple[str, pd.DataFrame]], failed: set[str]) -> dict[str, pa.Table]:
        for aid, group in todo.values():
            n_chars = int(group["text_norm"].str.len().sum()) if "text_norm" in group else 0
            if PROGRESS["enabled"] and n_chars > LARGE_ARTICLE_CHARS:
                print(f"  {self.stage}: {aid} ({n_chars} characters) ...", file=sys.stderr, flush=True)
        work = functools.partial(run_built, self.build, self.snap)
        bar = _progress_bar(self.stage, len(todo))
        groups = [group for _, group in todo.values()]
        if _importable(self.build):
            computed = map_articles(work, groups, progress=bar.update if bar else None)
        else:
            computed = [work(group) for group in groups]
        if bar:
            bar.close()
        fresh = {}
        for (key, (aid, _)), result in zip(todo.items(), computed):
            if isinstance(result, tuple) and result and result[0] == FAILED:
                exc = type(result[1], (Exception,), {})(result[2])
                failure = failures.record(self.stage, aid, exc)
                if not PROGRESS["enabled"]:  # the command line reports failures itself
                    print(f"kiji: warning: {failure.message()}", file=sys.stderr, flush=True)
                failed.add(key)
            else:
                fresh[key] = result
        return fresh


def _progress_bar(stage: str, total: int):
    if not PROGRESS["enabled"] or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=f"  {stage}", unit="article", leave=True)


def _assemble(ids: list[str], tables: list[pa.Table]) -> pd.DataFrame:
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


def stats_text() -> str:
    """``tokens: 1 computed, 5 cached; ...`` for this process."""
    return "; ".join(f"{stage}: {s['computed']} computed, {s['cached']} cached" for stage, s in sorted(STATS.items()))
