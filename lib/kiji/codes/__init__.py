"""The analyst's own questions: coding rules, the document × code matrix and its statistics.

A code file (:mod:`kiji.codes.rules`; an example in ``data/codes/example.txt``) names concepts as
boolean word queries; :func:`code_corpus` applies it to a corpus (:mod:`kiji.codes.match`);
:mod:`kiji.codes.stats` cross-tabulates the codes with any grouping (χ², residuals, Fisher's exact
or Monte-Carlo tests), compares codes (Jaccard) and draws their network; :mod:`kiji.codes.sentences`
shows the sentences behind any cell with the matching words marked.

Tables for ``kiji export`` (:func:`tables`): ``code_matrix`` (long: ``unit_id``, ``article_id``,
``paragraph_id``, ``sentence_id``, ``code``), ``code_frequencies``, ``code_crosstab`` (code ×
group cells with shares and adjusted residuals), ``code_tests`` (one test per code, named) and
``code_hits`` (the matching words).  The code file is ``kiji export --codes FILE`` (environment
``KIJI_CODES``; default ``data/codes/example.txt``), the unit ``KIJI_CODE_UNIT`` (default
``sentence``) and the grouping ``--group-by`` (``KIJI_GROUP_BY``; default chosen from the corpus).
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..core.paths import data_dir
from .match import UNITS, Coding, TextIndex, apply_codes
from .rules import CodeFileError, CodeRules, parse_codes, read_codes

EXAMPLE = Path("codes") / "example.txt"

__all__ = ["UNITS", "CodeFileError", "CodeRules", "Coding", "TextIndex", "apply_codes", "code_corpus",
           "codes_path", "parse_codes", "read_codes", "tables"]


def codes_path(codes: str | Path | None = None) -> Path:
    """The code file to use: ``codes``, else ``KIJI_CODES``, else the data folder's example."""
    given = codes or os.environ.get("KIJI_CODES") or ""
    return Path(given) if str(given).strip() else data_dir() / EXAMPLE


def _splitter(word: str) -> list[str]:
    from ..tokens.tokenizer import tokenize_sentences

    toks = tokenize_sentences(pd.DataFrame({"article_id": ["w"], "sentence_id": [0], "text_norm": [word]}))
    return [str(b) for b in toks["base_form"]]


def code_corpus(corpus, codes: str | Path | CodeRules | None = None, unit: str = "sentence",
                tokens: pd.DataFrame | None = None) -> Coding:
    """Apply a code file (path, parsed rules, or None for :func:`codes_path`) to every ``unit`` of
    ``corpus`` (tokens from the per-article cache unless given)."""
    from ..tokens import tokenize_corpus

    rules = codes if isinstance(codes, CodeRules) else read_codes(codes_path(codes))
    if unit not in UNITS:
        raise CodeFileError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    tokens = tokenize_corpus(corpus) if tokens is None else tokens
    return apply_codes(tokens, corpus.sentences, rules, unit=unit, splitter=_splitter)


def tables(corpus, tokens: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """The tables ``kiji export`` writes (see the module doc); ``tokens``: the ``tokens`` stage's
    table (computed by the default run when not given)."""
    from ..loading.groups import grouping
    from .stats import code_frequencies, crosstab_by

    path = codes_path()
    if not path.exists() and not os.environ.get("KIJI_CODES"):
        return {}  # a data folder without the example and no code file given: nothing to code
    coding = code_corpus(corpus, path, unit=os.environ.get("KIJI_CODE_UNIT", "sentence") or "sentence",
                         tokens=tokens)
    wide = coding.wide()
    groups, by, group = grouping(corpus.articles, os.environ.get("KIJI_GROUP_BY", ""))
    cells, tests = crosstab_by(coding, group)
    cells.insert(1, "group_by", by)
    tests.insert(1, "group_by", by)
    return {"code_matrix": coding.long(), "code_frequencies": code_frequencies(wide),
            "code_crosstab": cells, "code_tests": tests, "code_hits": coding.hits}
