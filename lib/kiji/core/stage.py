"""The stage protocol: how a per-article analysis declares itself.

Every per-article analysis (tokens, sources, escalation, claims, …) is one
:class:`Stage`, declared once in its own sub-package (``kiji/<analysis>/stage.py``);
:mod:`kiji.pipeline` lists them in the order they run, and a
:class:`~kiji.core.run.Run` computes them, article by article, through the
cache and its executor.

A stage says

* ``name``: the table it makes (``tokens``, ``sources``, …) and its cache folder;
* ``reads``: the data files its result depends on (``data/userdict.csv``, …):
  they are read once into a :class:`~kiji.core.vocab.Snapshot`, and the cache key
  hashes their bytes, so editing one re-computes exactly the stages that read it;
* ``needs``: earlier stages whose rows of the same article it takes as input
  (claims reads the tokens and the sources of its article, never tokenizes again);
  the cache key of an article includes the keys of those inputs;
* ``build``: ``build(snapshot, tokenizer)`` returns the per-article function
  ``compute(sentences, *needed_tables)`` → DataFrame (or Arrow table) of rows
  carrying ``article_id`` and ``sentence_id``.  ``build`` runs once per worker
  process and snapshot (that is where dictionaries load); it must be a
  module-level function so worker processes can import it;
* ``columns``: the columns of its table, in order (checked on every cache entry);
* ``version``: what else the result depends on, given the run's tokenizer name
  (the tokens stage: the tokenizer and its version); ``None`` when nothing.

>>> from kiji.core.stage import Stage
>>> def build(snap, tokenizer):
...     return lambda sentences: sentences[["article_id", "sentence_id"]]
>>> ids = Stage("ids", build, columns=("article_id", "sentence_id"))
>>> ids.name, ids.reads, ids.needs
('ids', (), ())
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

#: ``build(snapshot, tokenizer) -> compute(sentences, *needed) -> rows``
Build = Callable[..., Callable[..., Any]]


@dataclass(frozen=True)
class Stage:
    """One per-article analysis (see the module docstring)."""

    name: str
    build: Build
    reads: Sequence[str] = ()
    needs: Sequence[Stage] = ()
    columns: Sequence[str] = ()
    version: Callable[[str], str] | None = None

    def __post_init__(self):
        object.__setattr__(self, "reads", tuple(self.reads))
        object.__setattr__(self, "needs", tuple(self.needs))
        object.__setattr__(self, "columns", tuple(self.columns))

    def __repr__(self) -> str:
        needs = ", ".join(s.name for s in self.needs)
        return f"Stage({self.name!r}, reads={list(self.reads)}, needs=[{needs}])"


def in_order(stages) -> list[Stage]:
    """``stages`` and everything they need, each once, every stage after the stages it needs.

    >>> a = Stage("a", print)
    >>> b = Stage("b", print, needs=(a,))
    >>> [s.name for s in in_order([b])]
    ['a', 'b']
    """
    seen: dict[str, Stage] = {}

    def visit(stage: Stage) -> None:
        if stage.name in seen:
            if seen[stage.name] is not stage:
                raise ValueError(f"two different stages are named {stage.name!r}")
            return
        for need in stage.needs:
            visit(need)
        seen[stage.name] = stage

    for stage in stages:
        visit(stage)
    return list(seen.values())
