"""The ``claims`` stage: the quantities of one article, from its tokens and its sources.

It needs the ``tokens`` and ``sources`` stages: it reads the article's token
rows (never tokenizes again) and attributes each claim to the sources its
sentence cites.  Reconciliation across articles comes after
(:func:`kiji.claims.ledger.ledger`).

>>> [s.name for s in STAGE.needs]
['tokens', 'sources']
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kiji.core.stage import Stage
from kiji.core.vocab import Snapshot
from kiji.sourcing.stage import STAGE as SOURCES
from kiji.tokens.stage import STAGE as TOKENS

from .ledger import CLAIM_DATA_FILES, ROW_COLUMNS, TOKEN_FIELDS, _numeral_sentences, article_rows
from .vocab import from_snapshot


def build_claims(snap: Snapshot, tokenizer: str):
    """The per-article claims for one snapshot of the claim vocabulary (each worker builds it once)."""
    vocab = from_snapshot(snap)

    def compute(sentences: pd.DataFrame, tokens: pd.DataFrame | pa.Table,
                sources: pd.DataFrame | pa.Table | None = None) -> pd.DataFrame:
        if isinstance(tokens, pa.Table):  # from a worker: only the token rows of sentences with a numeral
            ids = pa.array(_numeral_sentences(sentences)["sentence_id"].to_numpy(dtype="int64"), pa.int64())
            rows = tokens.filter(pc.is_in(tokens["sentence_id"], value_set=ids)).select(TOKEN_FIELDS)
            # plain Python values: Arrow's to_pandas of the dictionary columns costs more than the claims
            tokens = pd.DataFrame({c: rows[c].to_pylist() for c in TOKEN_FIELDS}, dtype=object)
        if isinstance(sources, pa.Table):
            sources = sources.to_pandas()
        return article_rows(sentences, tokens, sources, vocab)
    compute.takes_arrow = True  # type: ignore[attr-defined]  # the run may pass the needed rows as Arrow
    return compute


STAGE = Stage("claims", build_claims, reads=CLAIM_DATA_FILES, needs=(TOKENS, SOURCES), columns=ROW_COLUMNS)
#: the claims without attribution (``source`` empty), for a caller who brings a sources table of their own
UNATTRIBUTED = Stage("claims_unattributed", build_claims, reads=CLAIM_DATA_FILES, needs=(TOKENS,),
                     columns=ROW_COLUMNS)
