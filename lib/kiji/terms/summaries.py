"""What the term-frequency report says: the sentences of notebook 01, computed from the token table.

>>> key_words("停戦, 制裁,", "", lambda: ["x"])
(['停戦', '制裁'], '停戦')
>>> key_words("", "", lambda: ["核", "軍"])
(['核', '軍'], '核')
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

#: The token columns the term-frequency report reads (``reading`` is never drawn).
REPORT_COLUMNS = ["article_id", "sentence_id", "token_id", "start", "surface", "base_form", "pos", "pos1", "pos2",
                  "pos3"]


def key_words(kwic_terms: str, collocation_term: str, chosen: Callable[[], list[str]]) -> tuple[list[str], str]:
    """The words examined in context (``kwic_terms``: comma-separated; empty: ``chosen()``, e.g. the
    corpus's most distinctive nouns) and the collocation node (default: the first of them)."""
    words = [t.strip() for t in kwic_terms.split(",") if t.strip()] or list(chosen())
    return words, collocation_term.strip() or (words[0] if words else "")


def size_line(tokens: pd.DataFrame, counts: pd.DataFrame, n_articles: int) -> str:
    """Articles, tokens, content words and distinct base forms (``counts``: ``token_counts``)."""
    return (f"{n_articles} articles, {len(tokens)} tokens, {int(counts['n_content'].sum())} content words, "
            f"{tokens['base_form'].nunique()} distinct base forms")


def top_terms_line(tf_corpus: pd.DataFrame, k: int = 10) -> str:
    """The ``k`` most frequent content words of the corpus with their counts."""
    return f"corpus top {k}: " + ", ".join(f"{r.term} {r.count}" for r in tf_corpus.head(k).itertuples())


def keyness_lines(kn: pd.DataFrame, order: list[str], groups: int = 5, words: int = 6) -> list[str]:
    """For the first ``groups`` articles or groups (display ``order``), their most over-used words with G²."""
    if kn.empty:
        return ["一つの記事/グループだけでは比較の対象がありません "
                "(a single article or group has nothing to be compared with)."]
    over = kn[kn["direction"] == "over"]
    present = set(over["article_id"])
    out = []
    for g in [g for g in order if g in present][:groups]:
        top = over[over["article_id"] == g].head(words)
        out.append(f"{g}: " + ", ".join(f"{t} (G² {v:.1f})" for t, v in zip(top["term"], top["log_likelihood"])))
    return out


def kwic_lines(hits: dict[str, pd.DataFrame]) -> list[str]:
    """Hits and articles of each word examined in context."""
    return [f"{term}: {len(k)} hits in {k['article_id'].nunique()} articles" for term, k in hits.items()] or [
        "no word to examine in context"]


def collocation_line(node: str, collocates: pd.DataFrame) -> str:
    return f"collocation term: {node or '-'}; {len(collocates)} collocates seen at least twice"
