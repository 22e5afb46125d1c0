"""The ``tokens`` stage: every sentence's tokens, with the run's tokenizer and the user dictionary.

>>> STAGE
Stage('tokens', reads=['userdict.csv'], needs=[])
"""
from __future__ import annotations

import pandas as pd

from kiji.core.run import Run, default_run
from kiji.core.stage import Stage
from kiji.core.vocab import Snapshot

from .tokenizer import TOKEN_COLUMNS, USERDICT, _analyzer_for, token_table, tokenize_sentences, tokenizer_id


def build_tokens(snap: Snapshot, tokenizer: str):
    """The per-article tokenization for one snapshot of the data files (each worker builds it once)."""
    _analyzer_for(tokenizer, None, snap)  # load the dictionary now, once

    def compute(sentences: pd.DataFrame):
        return token_table(sentences, snap=snap, tokenizer=tokenizer)
    return compute


STAGE = Stage("tokens", build_tokens, reads=(USERDICT,), columns=TOKEN_COLUMNS, version=tokenizer_id)


def tokenize_corpus(corpus, *, run: Run | None = None, **kwargs) -> pd.DataFrame:
    """:func:`~kiji.tokens.tokenizer.tokenize_sentences` on ``corpus.sentences``, article by article
    through the run's cache (only new or changed articles are tokenized; the cache keys on the
    tokenizer) and executor.  Options of ``tokenize_sentences`` (``userdict=``, ``column=``, …)
    tokenize directly, without the cache."""
    if kwargs:
        return tokenize_sentences(corpus.sentences, **kwargs)
    return (run or default_run()).table(STAGE, corpus.sentences)
