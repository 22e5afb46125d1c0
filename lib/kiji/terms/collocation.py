"""Collocates of a node word within a window of N tokens.

The token table is first reduced to content words (:func:`kiji.tokens.tokenizer.content_words`,
``content_only=True``) and positions are renumbered within each sentence, so a
window of 5 means five content words either side; windows never cross a
sentence boundary.  Terms are base forms.

Notation (per collocate ``c`` of node ``n``):

- ``f_n``, ``f_c``: frequencies of node and collocate among the tokens
  considered (content words of the given articles);
- ``N``: those tokens minus the node's occurrences;
- ``W``: window slots: the distinct tokens inside the node's windows, node
  occurrences excluded (windows clipped at sentence ends are smaller; a
  token inside two overlapping windows counts once, so ``O <= f_c``);
- ``O``: tokens of ``c`` inside the node's windows;
- ``E = f_c * W / N``: expected ``O`` if ``c`` were spread at random.

Measures: ``MI = log2(O / E)`` (Church & Hanks 1990; favours rare words),
``t = (O - E) / sqrt(O)`` (favours frequent words; t > 2 ≈ significant),
``G²`` = log-likelihood of the 2x2 table ``[[O, W - O], [f_c - O, N - W - f_c + O]]``
(inside vs outside the node's windows; Dunning 1993).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kiji.core.textnorm import normalize_text
from kiji.terms.frequency import _g2
from kiji.tokens.tokenizer import content_words


def _prepare(tokens: pd.DataFrame, content_only: bool, stopwords) -> pd.DataFrame:
    t = content_words(tokens, stopwords) if content_only else tokens[tokens["pos"].astype(str) != "記号"]
    t = t.assign(article_id=t["article_id"].astype(str), term=t["base_form"].astype(str))
    t = t.sort_values(["article_id", "sentence_id", "token_id"])
    t["position"] = t.groupby(["article_id", "sentence_id"]).cumcount()
    return t


def collocation_pairs(tokens: pd.DataFrame, node: str, *, window: int = 5,
                      content_only: bool = True, stopwords=None) -> pd.DataFrame:
    """Every (node occurrence, collocate token) pair within ``window`` positions.

    Columns: ``article_id``, ``sentence_id``, ``node_token_id``,
    ``collocate_token_id``, ``collocate`` (base form), ``distance`` (negative =
    collocate to the left).  The node matches on base form or surface.
    """
    node = normalize_text(node).strip()
    t = _prepare(tokens, content_only, stopwords)
    rows = []
    for (aid, sid), g in t.groupby(["article_id", "sentence_id"], sort=True):
        terms = g["term"].tolist()
        surf = g["surface"].astype(str).tolist()
        tids = g["token_id"].tolist()
        for i, (term, s) in enumerate(zip(terms, surf)):
            if term != node and s != node:
                continue
            for j in range(max(0, i - window), min(len(terms), i + window + 1)):
                if j != i:
                    rows.append((aid, int(sid), int(tids[i]), int(tids[j]), terms[j], j - i))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "node_token_id",
                                       "collocate_token_id", "collocate", "distance"])


def collocates(tokens: pd.DataFrame, node: str, *, window: int = 5, min_count: int = 2,
               content_only: bool = True, stopwords=None) -> pd.DataFrame:
    """Collocates of ``node`` with MI, t-score and log-likelihood (see module docstring).

    Columns: ``node``, ``collocate``, ``observed`` (O), ``expected`` (E),
    ``node_freq`` (f_n), ``collocate_freq`` (f_c), ``window_tokens`` (W),
    ``n_tokens`` (N, node occurrences excluded), ``mi``, ``t_score``, ``log_likelihood``, ``n_sentences``
    (sentences with the pair), ``n_articles``, ``left``/``right`` (O split by
    the side of the nearest node occurrence).  Only collocates with ``observed >= min_count``; the node itself is
    excluded.  Sorted by log-likelihood, descending.  The pairs behind each row
    are :func:`collocation_pairs`.
    """
    node = normalize_text(node).strip()
    t = _prepare(tokens, content_only, stopwords)
    all_pairs = collocation_pairs(tokens, node, window=window, content_only=content_only,
                                  stopwords=stopwords)
    columns = ["node", "collocate", "observed", "expected", "node_freq", "collocate_freq",
               "window_tokens", "n_tokens", "mi", "t_score", "log_likelihood", "n_sentences",
               "n_articles", "left", "right"]
    n_tokens = len(t)
    node_freq = int(((t["term"] == node) | (t["surface"].astype(str) == node)).sum())
    # a token inside the windows of two node occurrences counts once (nearest node kept)
    uniq = (all_pairs.assign(_abs=all_pairs["distance"].abs())
                     .sort_values(["article_id", "sentence_id", "collocate_token_id", "_abs"])
                     .drop_duplicates(["article_id", "sentence_id", "collocate_token_id"]))
    pairs = uniq[uniq["collocate"] != node]
    window_tokens = len(pairs)          # W: distinct non-node slots inside the windows
    n_tokens -= node_freq               # N: non-node tokens
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    freq = t["term"].value_counts()
    pairs = pairs.assign(_sent=pairs["article_id"] + ":" + pairs["sentence_id"].astype(str),
                         _left=pairs["distance"] < 0)
    out = pairs.groupby("collocate").agg(
        observed=("collocate", "size"), n_sentences=("_sent", "nunique"),
        n_articles=("article_id", "nunique"), left=("_left", "sum")).reset_index()
    out["right"] = out["observed"] - out["left"]
    out = out[out["observed"] >= min_count].copy()
    out.insert(0, "node", node)
    out["node_freq"] = node_freq
    out["collocate_freq"] = out["collocate"].map(freq).astype("int64")
    out["window_tokens"] = window_tokens
    out["n_tokens"] = n_tokens
    o = out["observed"].to_numpy(float)
    fc = out["collocate_freq"].to_numpy(float)
    e = fc * window_tokens / n_tokens
    out["expected"] = e
    out["mi"] = np.log2(o / e)
    out["t_score"] = (o - e) / np.sqrt(o)
    # 2x2: inside the windows (W slots) vs outside (N - W); a = O, b = f_c - O
    out["log_likelihood"] = _g2(o, np.maximum(fc - o, 0), float(window_tokens),
                                float(n_tokens - window_tokens))
    for c in ["expected", "mi", "t_score", "log_likelihood"]:
        out[c] = out[c].round(4)
    out = out.sort_values(["log_likelihood", "collocate"], ascending=[False, True], ignore_index=True)
    return out[columns]
