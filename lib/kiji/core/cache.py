"""Per-article cache of expensive results (tokens, sources, escalation).

A result is stored once per article and stage under ``<cache>/<stage>/<key>.parquet``.
The key hashes the article's normalized sentences together with the
configuration the stage depends on: kiji's own code, the janome version, and
the content of the data files the stage reads (user dictionary, lexicons,
alias lists).  Editing a lexicon or upgrading janome therefore invalidates
exactly the stages it affects, and renaming a file reuses its results.

The cache folder is ``KIJI_CACHE`` (``off`` disables caching), else
``data/cache/``; ``kiji export``/``report --cache DIR`` set it.  Writes are
atomic (temporary file + rename).  A file that cannot be read, or whose
embedded key does not match its name (foreign or stale), is ignored and
rebuilt: never a crash, never a wrong result.

``STATS`` counts, per stage, how many articles were ``computed`` and how many
came from the cache (``cached``) in this process.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .paths import default_cache_dir
from .vocab import Snapshot, snapshot

KEY_FIELD = b"kiji_cache_key"
STATS: dict[str, dict[str, int]] = defaultdict(lambda: {"computed": 0, "cached": 0})
PROGRESS = {"enabled": False}


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


def _read(path: Path, key: str) -> pd.DataFrame | None:
    try:
        table = pq.read_table(path)
        if (table.schema.metadata or {}).get(KEY_FIELD) != key.encode():
            return None
        return table.to_pandas()
    except Exception:  # corrupt, truncated, foreign: rebuild
        return None


def _write(path: Path, key: str, frame: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), KEY_FIELD: key.encode()})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".parquet")
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except Exception:
        Path(tmp).unlink(missing_ok=True)


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
    snap = snapshot(data_files)
    compute = build(snap)
    config = config_hash(stage, snap.key, extra) if folder else ""
    groups = list(sentences.groupby("article_id", sort=False))
    frames = []
    iterator = groups
    if PROGRESS["enabled"] and len(groups) > 1:
        from tqdm import tqdm

        iterator = tqdm(groups, desc=f"  {stage}", unit="article", leave=True)
    for article_id, group in iterator:
        frame = None
        if folder:
            key = article_key(config, group)
            path = folder / stage / f"{key}.parquet"
            frame = _read(path, key)
        if frame is not None:
            STATS[stage]["cached"] += 1
            if "article_id" in frame.columns:
                frame["article_id"] = str(article_id)  # the same text under another file name
        else:
            frame = compute(group)
            STATS[stage]["computed"] += 1
            if folder:
                _write(path, key, frame)
        frames.append(frame)
    if not frames:
        return compute(sentences.iloc[0:0])
    categorical = [c for c in frames[0].columns if isinstance(frames[0][c].dtype, pd.CategoricalDtype)]
    out = pd.concat(frames, ignore_index=True)
    for col in categorical:
        out[col] = out[col].astype("category")
    return out


def stats_text() -> str:
    """``tokens: 1 computed, 5 cached; ...`` for this process."""
    return "; ".join(f"{stage}: {s['computed']} computed, {s['cached']} cached" for stage, s in sorted(STATS.items()))
