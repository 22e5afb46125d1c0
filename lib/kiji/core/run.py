"""One run of kiji: its settings and collaborators, and the per-article stages computed through them.

A :class:`Run` holds what a run needs, passed in rather than found in globals
or environment variables: the data folder (``None``: :func:`kiji.core.paths.data_dir`
when a stage reads its files), the cache (or None), the executor
(:mod:`kiji.core.parallel`: this process, local workers, a Dask cluster), the
tokenizer's name, whether to show progress; and what it found: per-stage
counts (``stats``) and per-article ``failures``.  The command line builds one
from its options (environment variables are read there, once, as defaults);
``kiji report`` saves its settings beside the tables (:meth:`Run.save`) so the
notebooks it executes load the same (:meth:`Run.load`).  Library calls without
a run use :func:`default_run` (the data folder, the user cache folder, every
core, janome).

:meth:`Run.table` computes one :class:`~kiji.core.stage.Stage` (and the
stages it needs) over a sentences table, article by article: this is the one
place that decides whether a result comes from the cache or is computed.  The
data files a stage reads are read once into a snapshot; the cache key and the
computation both come from that snapshot, so a result is never stored under
the key of a vocabulary that did not produce it.  Articles to compute go to
the executor when the stage's ``build`` is importable, else (a lambda, a
function defined in a notebook) they run here.  Results are concatenated in
article order; categorical columns stay categorical (categories sorted,
unused ones dropped), so the table is the same for any executor.  One
article's failure is recorded and the other articles go on.

>>> import pandas as pd
>>> from kiji.core.stage import Stage
>>> def build(snap, tokenizer):
...     return lambda s: pd.DataFrame({"article_id": s["article_id"], "n": s["text_norm"].str.len()})
>>> sentences = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0], "text_norm": ["雨。", "晴れた。"]})
>>> with Run(cache=None, executor=InProcess()) as run:
...     run.table(Stage("length", build), sentences)["n"].tolist(), run.stats_text()
([2, 4], 'length: 2 computed, 0 cached')
"""
from __future__ import annotations

import functools
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from .cache import (
    FAILED,
    Cache,
    _built,
    article_key,
    assemble,
    config_hash,
    fits,
    importable,
    rebind,
    run_built,
    sentence_lines,
)
from .failures import Failure
from .packs import to_arrow
from .parallel import DaskPool, InProcess, LocalPool, available_cores, make_executor
from .paths import data_dir as default_data_dir
from .stage import Stage, in_order
from .vocab import Snapshot, snapshot

#: Articles longer than this (characters) get a progress line of their own.
LARGE_ARTICLE_CHARS = 100_000
#: The file :meth:`Run.save` writes.
SETTINGS_FILE = "run-settings.json"


class StageLost(RuntimeError):
    """A stage failed for every article: the run has no table for it (the message is one line)."""


@dataclass
class _Done:
    """A stage's result over a corpus: per article its key and rows, and the assembled table."""

    frame: pd.DataFrame
    keys: dict[str, str]
    rows: dict[str, pa.Table]


@dataclass(eq=False)
class Run:
    """Settings, collaborators and findings of one run (see the module docstring)."""

    data_dir: Path | None = None
    cache: Cache | None = field(default_factory=lambda: Cache.at(None))
    executor: Any = field(default_factory=lambda: make_executor())
    tokenizer: str = "janome"
    progress: bool = False
    failures: list[Failure] = field(default_factory=list)
    stats: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: {"computed": 0, "cached": 0}))

    # ------------------------------------------------------------------ life
    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the executor's workers."""
        self.executor.close()

    def settings(self) -> dict:
        """What a notebook kernel needs to compute as this run does (:meth:`save`)."""
        return {"data_dir": str(self.data_dir or default_data_dir()),
                "cache": str(self.cache.folder) if self.cache else "off",
                "tokenizer": self.tokenizer, **self.executor.settings()}

    def save(self, folder: str | Path) -> Path:
        """Write :meth:`settings` to ``folder/run-settings.json`` (for the notebooks of ``kiji report``)."""
        path = Path(folder) / SETTINGS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.settings(), indent=1, ensure_ascii=False), encoding="utf-8")
        return path

    @classmethod
    def load(cls, folder: str | Path | None) -> Run:
        """The run described by ``folder/run-settings.json``; the defaults when there is none."""
        path = Path(folder) / SETTINGS_FILE if folder else None
        if path is None or not path.is_file():
            return cls()
        values = json.loads(path.read_text(encoding="utf-8"))
        executor = DaskPool(values["dask"], values.get("jobs")) if values.get("dask") \
            else make_executor(values.get("jobs") or available_cores())
        return cls(data_dir=Path(values.get("data_dir") or default_data_dir()), cache=Cache.at(values.get("cache")),
                   executor=executor, tokenizer=values.get("tokenizer") or "janome")

    # ------------------------------------------------------------------ stages
    def table(self, stage: Stage, sentences: pd.DataFrame) -> pd.DataFrame:
        """``stage``'s table over ``sentences`` (its needs computed first), article by article."""
        return self.tables([stage], sentences)[stage.name]

    def tables(self, stages: Iterable[Stage], sentences: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """The tables of ``stages`` and of the stages they need, each stage computed once per article."""
        groups = [(str(aid), group) for aid, group in sentences.groupby("article_id", sort=False)]
        lines = {aid: sentence_lines(group) for aid, group in groups}  # hashed once for every stage's keys
        done: dict[str, _Done] = {}
        for stage in in_order(stages):
            done[stage.name] = _StageRun(self, stage, sentences, groups, [done[n.name] for n in stage.needs],
                                         lines).result()
        return {name: d.frame for name, d in done.items()}

    def stats_text(self) -> str:
        """``tokens: 1 computed, 5 cached; ...`` for this run."""
        return "; ".join(f"{stage}: {s['computed']} computed, {s['cached']} cached"
                         for stage, s in sorted(self.stats.items()))


class _StageRun:
    """One stage over one corpus: each article from a trusted cache entry or computed."""

    def __init__(self, run: Run, stage: Stage, sentences: pd.DataFrame, groups: list[tuple[str, pd.DataFrame]],
                 needed: list[_Done], lines: dict[str, str] | None = None):
        self.run, self.stage, self.sentences, self.needed, self.lines = run, stage, sentences, needed, lines or {}
        self.snap: Snapshot = snapshot(stage.reads, run.data_dir)
        extra = stage.version(run.tokenizer) if stage.version else ""
        self.config = config_hash(stage.name, self.snap.key, extra)
        self.store = run.cache.store(stage.name) if run.cache else None
        self.groups: list[tuple[str, pd.DataFrame]] = []
        missing: list[tuple[str, pd.DataFrame]] = []
        for aid, group in groups:
            (missing if any(aid not in d.rows for d in needed) else self.groups).append((aid, group))
        for aid, _ in missing:  # an input stage failed for this article: so does this one
            gone = ", ".join(s.name for s, d in zip(stage.needs, needed) if aid not in d.rows)
            self._fail(aid, RuntimeError(f"needs the {gone} rows of this article"))
        self._empty: list[pd.DataFrame | None] = []

    def _fail(self, aid: str, exc: BaseException) -> None:
        failure = Failure.of(self.stage.name, aid, exc)
        self.run.failures.append(failure)
        if not self.run.progress:  # the command line reports failures itself
            print(f"kiji: warning: {failure.message()}", file=sys.stderr, flush=True)

    def _item(self, aid: str, group: pd.DataFrame) -> tuple:
        return (group, *(d.rows[aid] for d in self.needed))

    def expected(self) -> pd.DataFrame | None:
        """What the stage produces for no sentences: the columns and dtypes a cache entry must have."""
        if not self._empty:
            try:
                compute = _built(self.stage.build, self.snap, self.run.tokenizer)
                result = compute(self.sentences.iloc[0:0], *(d.frame.iloc[0:0] for d in self.needed))
                self._empty.append(result.to_pandas() if isinstance(result, pa.Table) else result)
            except Exception:
                self._empty.append(None)
        return self._empty[0]

    def result(self) -> _Done:
        keys = {aid: article_key(self.config, self.lines[aid] if aid in self.lines else group,
                                 *(d.keys[aid] for d in self.needed)) for aid, group in self.groups}
        results: dict[str, pa.Table] = {}
        made_for: dict[str, str] = {}
        if self.store:
            found = self.store.read(list(keys.values()))
            for aid, group in self.groups:
                hit = found.get(keys[aid])
                if hit is not None and keys[aid] not in results and fits(hit.frame_sample(), self.expected(), group,
                                                                         hit.sentence_ids(), self.stage.columns):
                    results[keys[aid]], made_for[keys[aid]] = hit.table, hit.article_id
        todo: dict[str, tuple[str, pd.DataFrame]] = {}
        for aid, group in self.groups:
            if keys[aid] not in results:
                todo.setdefault(keys[aid], (aid, group))
        fresh = self._compute(todo) if todo else {}
        if self.store and fresh:
            self.store.write(fresh, {k: todo[k][0] for k in fresh})
        results.update(fresh)
        made_for.update({k: todo[k][0] for k in fresh})
        stats = self.run.stats[self.stage.name]
        stats["cached"] += sum(1 for aid, _ in self.groups if keys[aid] not in todo)
        stats["computed"] += sum(1 for aid, _ in self.groups if keys[aid] in fresh)
        rows: dict[str, pa.Table] = {}
        for aid, _ in self.groups:
            table = results.get(keys[aid])
            if table is None:
                continue
            old = made_for.get(keys[aid], aid)
            if old and old != aid and table.num_rows:  # a renamed or duplicated text: its own ids
                table = to_arrow(rebind(table.to_pandas(), old, aid))
            rows[aid] = table
        if rows:
            frame = assemble(list(rows), list(rows.values()))
        else:
            frame = self.expected()
            if frame is None:
                frame = pd.DataFrame(columns=list(self.stage.columns))
        return _Done(frame, {aid: keys[aid] for aid in rows}, rows)

    def _compute(self, todo: dict[str, tuple[str, pd.DataFrame]]) -> dict[str, pa.Table]:
        for aid, group in todo.values():
            n_chars = int(group["text_norm"].str.len().sum()) if "text_norm" in group else 0
            if self.run.progress and n_chars > LARGE_ARTICLE_CHARS:
                print(f"  {self.stage.name}: {aid} ({n_chars} characters) ...", file=sys.stderr, flush=True)
        work = functools.partial(run_built, self.stage.build, self.snap, self.run.tokenizer)
        items = [self._item(aid, group) for aid, group in todo.values()]
        bar = _progress_bar(self.stage.name, len(todo)) if self.run.progress else None
        executor = self.run.executor if importable(self.stage.build) else InProcess()
        try:
            computed = executor.map(work, items, progress=bar.update if bar else None)
        finally:
            if bar:
                bar.close()
        fresh = {}
        for (key, (aid, _)), result in zip(todo.items(), computed):
            if isinstance(result, tuple) and result and result[0] == FAILED:
                self._fail(aid, type(result[1], (Exception,), {})(result[2]))
            else:
                fresh[key] = result
        return fresh


def _progress_bar(stage: str, total: int):
    if total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=f"  {stage}", unit="article", leave=True)


# --------------------------------------------------------------------------- the default run
_DEFAULT: list[Run] = []


def default_run() -> Run:
    """The run of library calls made without one (made on first use; see :func:`use_run`)."""
    if not _DEFAULT:
        _DEFAULT.append(Run())
    return _DEFAULT[0]


def use_run(run: Run | None) -> Run | None:
    """Make ``run`` the run of library calls made without one (``None``: back to the defaults);
    returns the previous one.  ``kiji report``'s notebooks call it with :meth:`Run.load`."""
    previous = _DEFAULT.pop() if _DEFAULT else None
    if run is not None:
        _DEFAULT.append(run)
    return previous


__all__ = ["Cache", "DaskPool", "InProcess", "LocalPool", "Run", "StageLost", "default_run", "use_run"]
