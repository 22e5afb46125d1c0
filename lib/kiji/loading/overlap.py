"""Passages shared between articles (reposts of one story, recycled paragraphs).

Each article's normalized sentences are cut into character shingles (default
12 characters, spaces removed).  A sentence is *shared* with another article
when at least ``min_share`` of its shingles occur in that article too.  Works on
any number of articles through an inverted index of shingles (no pairwise text
comparison).
"""
from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

_SPACE = re.compile(r"\s+")


def _shingles(text: str, k: int) -> set[str]:
    text = _SPACE.sub("", text)
    if len(text) < k:
        return set()
    return {text[i:i + k] for i in range(len(text) - k + 1)}


def shared_sentences(sentences: pd.DataFrame, k: int = 12, min_share: float = 0.6,
                     min_chars: int = 15) -> pd.DataFrame:
    """Sentences whose text recurs (wholly or mostly) in another article.

    Columns: ``article_id``, ``sentence_id``, ``text``, ``shared_with``
    (article id of the other article), ``share`` (fraction of the sentence's
    shingles found there, 0–1).  One row per sentence and other article.
    """
    per_sentence = []
    index: dict[str, set[str]] = defaultdict(set)
    for aid, sid, text, norm in sentences[["article_id", "sentence_id", "text", "text_norm"]].itertuples(index=False):
        sh = _shingles(norm, k) if len(norm) >= min_chars else set()
        per_sentence.append((aid, sid, text, sh))
        for s in sh:
            index[s].add(aid)
    rows = []
    for aid, sid, text, sh in per_sentence:
        if not sh:
            continue
        counts: dict[str, int] = defaultdict(int)
        for s in sh:
            for other in index[s]:
                if other != aid:
                    counts[other] += 1
        for other, n in sorted(counts.items()):
            share = n / len(sh)
            if share >= min_share:
                rows.append((aid, sid, text, other, round(share, 3)))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text", "shared_with", "share"])


def overlap_matrix(articles: pd.DataFrame, shared: pd.DataFrame) -> pd.DataFrame:
    """Article × article count of sentences of the row article found in the column article."""
    ids = list(articles["article_id"])
    matrix = pd.DataFrame(0, index=pd.Index(ids, name="article_id"), columns=pd.Index(ids, name="shared_with"))
    for (aid, other), n in shared.groupby(["article_id", "shared_with"]).size().items():
        matrix.loc[aid, other] = n
    return matrix
