"""Per-article failures of an analysis stage, collected instead of stopping the run.

Any exception while one article is analysed (see :meth:`kiji.core.run.Run.table`)
becomes a :class:`Failure` with the stage and the article id, kept in the run's
``failures`` list; the article's results for that stage are then missing, the
rest of the corpus goes on.  ``kiji export``/``report`` print each failure and
add it to the article's ``warnings``.

>>> failure = Failure.of("sources", "a1", ValueError("bad\\nsecond line"))
>>> failure.message()
'sources failed for a1 (ValueError: bad); its sources results are missing'
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Failure:
    stage: str
    article_id: str
    error: str

    @classmethod
    def of(cls, stage: str, article_id: str, exc: BaseException) -> Failure:
        """The failure of ``stage`` on ``article_id`` ('' for the whole corpus), from its exception."""
        text = str(exc).splitlines()[0] if str(exc) else ""
        return cls(stage, str(article_id), f"{type(exc).__name__}: {text}"[:300])

    def message(self) -> str:
        who = self.article_id or "the corpus"
        return f"{self.stage} failed for {who} ({self.error}); its {self.stage} results are missing"


def record(into: list[Failure] | None, stage: str, article_id: str, exc: BaseException) -> Failure:
    """``Failure.of(...)``, appended to ``into`` when given."""
    failure = Failure.of(stage, article_id, exc)
    if into is not None:
        into.append(failure)
    return failure
