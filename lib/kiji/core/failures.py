"""Per-article failures of an analysis stage, collected instead of stopping the run.

Any exception while one article is analysed (see
:func:`kiji.core.cache.per_article`) is recorded here with the stage and
the article id; the article's results for that stage are then missing, the
rest of the corpus goes on.  ``kiji export``/``report`` print each failure
and add it to the article's ``warnings``.
"""
from __future__ import annotations

from dataclasses import dataclass

_FAILURES: list[Failure] = []


@dataclass(frozen=True)
class Failure:
    stage: str
    article_id: str
    error: str

    def message(self) -> str:
        who = self.article_id or "the corpus"
        return f"{self.stage} failed for {who} ({self.error}); its {self.stage} results are missing"


def record(stage: str, article_id: str, exc: BaseException) -> Failure:
    text = str(exc).splitlines()[0] if str(exc) else ""
    failure = Failure(stage, str(article_id), f"{type(exc).__name__}: {text}"[:300])
    _FAILURES.append(failure)
    return failure


def take() -> list[Failure]:
    """The failures recorded since the last call (and forget them)."""
    out = list(_FAILURES)
    _FAILURES.clear()
    return out
