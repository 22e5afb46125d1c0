"""The pipeline: every per-article stage, in the order it runs, and the tables made from them.

Each stage is declared once, in its own sub-package (``kiji/<analysis>/stage.py``,
protocol in :mod:`kiji.core.stage`); a :class:`~kiji.core.run.Run` computes
them article by article, each stage once per article, through its cache and
executor.  The tables of ``kiji export`` (and of ``kiji report``'s ``data/``)
are then derived from the stage tables, corpus-wide.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from . import claims, codes, escalation, questions, sourcing, terms, tokens
from .core.failures import Failure
from .core.run import Run
from .loading.corpus import Corpus

#: tokens → sources → escalation → claims (claims needs the tokens and the sources of its article)
STAGES = (tokens.STAGE, sourcing.STAGE, escalation.STAGE, claims.STAGE)

#: corpus-wide tables made from the stage tables (``t``) by the ``run``, each with the analysis it belongs to
DERIVED: tuple[tuple[str, Callable[[Corpus, dict, Run], dict[str, pd.DataFrame]]], ...] = (
    ("terms", lambda corpus, t, run: terms.tables(t["tokens"])),
    ("sourcing", lambda corpus, t, run: sourcing.tables(corpus, t["sources"])),
    ("escalation", lambda corpus, t, run: escalation.tables(corpus, t["escalation"], run.failures)),
    ("claims", lambda corpus, t, run: {**claims.tables(t["claims"]),
                                       "numbers": claims.numbers(corpus.sentences, t["tokens"], run.data_dir)}),
    ("questions", lambda corpus, t, run: questions.tables(corpus, tokens=t["tokens"])),
    ("codes", lambda corpus, t, run: codes.tables(corpus, tokens=t["tokens"])),
)


def core_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The loader's tables: ``articles``, ``skipped``, ``paragraphs``, ``sentences``."""
    return {"articles": corpus.articles, "skipped": corpus.skipped,
            "paragraphs": corpus.paragraphs, "sentences": corpus.sentences}


def tables(corpus: Corpus, run: Run, progress: Callable[[str], None] | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a corpus: the loader's, the stages' (computed by ``run``) and those derived from them.

    One article's failure is recorded in ``run.failures`` and its rows are missing; a derived
    table that fails is recorded as a failure of the whole corpus (``article_id`` '')."""
    if progress:
        progress(", ".join(stage.name for stage in STAGES))
    stage_tables = run.tables(STAGES, corpus.sentences)
    out = core_tables(corpus)
    for name, derive in DERIVED:
        try:
            out.update(derive(corpus, stage_tables, run))
        except Exception as exc:  # a whole analysis failed: reported, and the run does not commit
            run.failures.append(Failure.of(name, "", exc))
    return out
