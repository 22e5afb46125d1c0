"""Distinctive words of each group of articles (category, outlet, period, folder, any variable).

For every group and word (content-word base form, :func:`kiji.tokens.tokenizer.content_words`)
the 2×2 table *this word / other words × this group / every other group* is scored with Dunning's
log-likelihood G² (:func:`kiji.terms.frequency.log_likelihood`) and a ratio of relative
frequencies (the effect size).  The answer is one long table, one row per group and word, which
is what KH Coder users ask for as CSV (KH Coder issue #228).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kiji.terms.frequency import log_likelihood_array
from kiji.tokens.tokenizer import content_words

#: Group given to articles the ``group`` Series does not name (they are kept, never dropped).
UNGROUPED = "(なし)"

METHOD = "log-likelihood G2 (Dunning 1993), 2x2 table: group vs every other group, content words"

COLUMNS = ["group", "word", "count", "count_elsewhere", "n_group", "n_elsewhere", "n_articles",
           "per_10k", "per_10k_elsewhere", "g2", "ratio", "log_ratio", "p_value", "direction", "rank"]


def grouped_words(tokens: pd.DataFrame, group: pd.Series, *, stopwords=None) -> pd.DataFrame:
    """Content words of ``tokens`` with their article's group: columns ``article_id``, ``group``,
    ``word`` (base form), ``sentence_id``.  Articles missing from ``group`` get :data:`UNGROUPED`.

    >>> import pandas as pd
    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> sents = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0],
    ...                       "text_norm": ["猫が走った。", "犬が寝た。"]})
    >>> words = grouped_words(tokenize_sentences(sents), pd.Series({"a": "動物"}), stopwords=())
    >>> words[["group", "word"]].values.tolist()
    [['動物', '猫'], ['動物', '走る'], ['(なし)', '犬'], ['(なし)', '寝る']]
    """
    cw = content_words(tokens, stopwords)
    aid = cw["article_id"].astype(str)
    mapping = pd.Series(group).astype(str)
    mapping.index = mapping.index.astype(str)
    return pd.DataFrame({"article_id": aid.values,
                         "group": aid.map(mapping).astype(object).fillna(UNGROUPED).values,
                         "word": cw["base_form"].astype(str).values,
                         "sentence_id": cw["sentence_id"].values})


def compare_counts(counts: pd.DataFrame, *, min_count: int = 1) -> pd.DataFrame:
    """Score a long table of ``group``, ``word``, ``count`` (and optionally ``n_articles``): each
    group against all the others.  See :func:`distinctive_words` for the columns.

    >>> counts = pd.DataFrame({"group": ["A", "A", "B", "B"], "word": ["x", "y", "x", "y"],
    ...                        "count": [30, 10, 10, 30]})
    >>> out = compare_counts(counts)
    >>> out[["group", "word", "count", "count_elsewhere", "ratio", "direction", "rank"]].values.tolist()
    [['A', 'x', 30, 10, 3.0, 'over', 1], ['A', 'y', 10, 30, 0.3333, 'under', 2], \
['B', 'y', 30, 10, 3.0, 'over', 1], ['B', 'x', 10, 30, 0.3333, 'under', 2]]
    >>> round(float(out["g2"].iloc[0]), 3)
    20.93
    """
    counts = counts.copy()
    if "n_articles" not in counts:
        counts["n_articles"] = np.nan
    totals = counts.groupby("word")["count"].sum()
    sizes = counts.groupby("group")["count"].sum()
    n_all = float(sizes.sum())
    if len(sizes) < 2:
        return pd.DataFrame(columns=COLUMNS)
    out = counts[counts["count"] >= min_count].copy()
    if out.empty:
        return pd.DataFrame(columns=COLUMNS)
    out["count_elsewhere"] = out["word"].map(totals) - out["count"]
    out["n_group"] = out["group"].map(sizes)
    out["n_elsewhere"] = n_all - out["n_group"]
    a, b = out["count"].to_numpy(float), out["count_elsewhere"].to_numpy(float)
    c, d = out["n_group"].to_numpy(float), out["n_elsewhere"].to_numpy(float)
    out["per_10k"] = (a / c * 10_000).round(2)
    out["per_10k_elsewhere"] = (b / d * 10_000).round(2)
    g2 = log_likelihood_array(a, b, c, d)
    out["g2"] = g2.round(4)
    out["p_value"] = [math.erfc(math.sqrt(max(g, 0.0) / 2)) for g in g2]
    ratio = (a / c) / (np.where(b > 0, b, 0.5) / d)
    out["ratio"] = ratio.round(4)
    out["log_ratio"] = np.log2(ratio).round(4)
    out["direction"] = np.where(a / c > b / d, "over", "under")
    out["_over"] = out["direction"] == "over"
    out = out.sort_values(["group", "_over", "g2", "word"], ascending=[True, False, False, True],
                          ignore_index=True)
    out["rank"] = out.groupby("group").cumcount() + 1
    return out[COLUMNS]


def distinctive_words(tokens: pd.DataFrame, group: pd.Series, *, min_count: int = 2,
                      stopwords=None) -> pd.DataFrame:
    """Words each group uses more (or less) than all the other groups together.

    ``tokens``: a token table; ``group``: ``article_id`` → group label (articles it does not name
    form the group :data:`UNGROUPED`); words seen fewer than ``min_count`` times in a group are not
    scored for it.  One row per group and word:

    - ``group``, ``word`` (base form);
    - ``count`` (a) in the group, ``count_elsewhere`` (b) in every other group;
    - ``n_group`` (c), ``n_elsewhere`` (d): content words in the group / elsewhere;
    - ``n_articles``: articles of the group using the word (one article alone can make a word
      "distinctive": read this before the G²);
    - ``per_10k``, ``per_10k_elsewhere``: relative frequencies per 10,000 content words;
    - ``g2``: log-likelihood G² of the 2×2 table; ``p_value``: its χ²(1) tail probability
      (3.84 ↔ 0.05, 10.83 ↔ 0.001; many words are tested, so read p as a ranking, not a proof);
    - ``ratio``: ``(a/c) / (b/d)`` (0.5 in place of a zero ``b``), ``log_ratio``: its log2
      (1 = twice as frequent in the group);
    - ``direction``: ``"over"`` (more frequent in the group) or ``"under"``;
    - ``rank``: 1 = the group's most distinctive over-used word by G² (under-used words after).

    Sorted by group then rank.  With fewer than two groups there is nothing to compare: no rows.

    >>> import pandas as pd
    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> sents = pd.DataFrame({"article_id": ["s1", "s1", "s2", "e1", "e2"], "sentence_id": [0, 1, 0, 0, 0],
    ...     "text_norm": ["選手が試合で勝った。", "監督は選手をほめた。", "選手が試合に出た。",
    ...                   "株価が上がった。", "日銀が株価を見守った。"]})
    >>> group = pd.Series({"s1": "スポーツ", "s2": "スポーツ", "e1": "経済", "e2": "経済"})
    >>> top = distinctive_words(tokenize_sentences(sents), group, stopwords=())
    >>> top[top["rank"] == 1][["group", "word", "count", "count_elsewhere", "n_articles"]].values.tolist()
    [['スポーツ', '選手', 3, 0, 2], ['経済', '株価', 2, 0, 2]]
    """
    words = grouped_words(tokens, group, stopwords=stopwords)
    counts = (words.groupby(["group", "word"])
                   .agg(count=("article_id", "size"), n_articles=("article_id", "nunique")).reset_index())
    return compare_counts(counts, min_count=min_count)


def top_distinctive(table: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` best over-used words of each group of a :func:`distinctive_words` table.

    >>> counts = pd.DataFrame({"group": ["A", "A", "B", "B"], "word": ["x", "y", "x", "y"],
    ...                        "count": [30, 10, 10, 30]})
    >>> top_distinctive(compare_counts(counts), 1)[["group", "word"]].values.tolist()
    [['A', 'x'], ['B', 'y']]
    """
    over = table[table["direction"] == "over"]
    return over.groupby("group", group_keys=False).head(n).reset_index(drop=True)
