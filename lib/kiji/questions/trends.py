"""Rising words: words a period uses more than the periods before it.

``period`` maps each article to a sortable period label (``2024-11``, ``2024-W47``, ``2024-11-19``:
:func:`kiji.loading.groups.period_labels`); undated articles (``"日付なし"``) are left out of the
comparison and counted in ``attrs["undated_articles"]``.  Each period is compared with the
``window`` periods before it (all earlier periods by default) with the same G² test and ratio as
:func:`kiji.questions.distinctive.distinctive_words`.
"""
from __future__ import annotations

import pandas as pd

from kiji.loading.groups import NO_DATE

from .distinctive import compare_counts, grouped_words

COLUMNS = ["period", "word", "count", "count_before", "n_period", "n_before", "n_articles", "per_10k",
           "per_10k_before", "g2", "ratio", "log_ratio", "p_value", "rank"]


def word_trend(tokens: pd.DataFrame, period: pd.Series, *, stopwords=None) -> pd.DataFrame:
    """Count and rate of every content word in every period: ``period``, ``word``, ``count``,
    ``n_period`` (content words of the period), ``per_10k``.  Sorted by period then count.

    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> sents = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0], "text_norm": ["猫が寝た。", "猫と犬。"]})
    >>> word_trend(tokenize_sentences(sents), pd.Series({"a": "2024-01", "b": "2024-02"}), stopwords=())[
    ...     ["period", "word", "count", "per_10k"]].values.tolist()
    [['2024-01', '寝る', 1, 5000.0], ['2024-01', '猫', 1, 5000.0],
     ['2024-02', '犬', 1, 5000.0], ['2024-02', '猫', 1, 5000.0]]
    """
    cw = grouped_words(tokens, period, stopwords=stopwords).rename(columns={"group": "period"})
    cw = cw[cw["period"] != NO_DATE]
    out = cw.groupby(["period", "word"]).size().rename("count").reset_index()
    out["n_period"] = out.groupby("period")["count"].transform("sum")
    out["per_10k"] = (out["count"] / out["n_period"] * 10_000).round(2)
    return out.sort_values(["period", "count", "word"], ascending=[True, False, True], ignore_index=True)


def rising_words(tokens: pd.DataFrame, period: pd.Series, *, window: int | None = None, min_count: int = 3,
                 stopwords=None) -> pd.DataFrame:
    """For each period after the first, the words it uses more than the ``window`` periods before it
    (all earlier periods when ``None``): ``period``, ``word``, ``count`` in the period,
    ``count_before``, ``n_period`` / ``n_before`` (content words), ``n_articles`` (of the period
    using the word), ``per_10k`` / ``per_10k_before``, ``g2``, ``ratio``, ``log_ratio``, ``p_value``,
    ``rank`` (1 = most surprising rise of the period).  Only rising words (``direction == "over"``)
    with ``count >= min_count`` are kept.  A word new in a period has ``count_before == 0`` (its
    ratio then counts 0.5 in place of 0).

    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> texts = ["市場が開いた。", "市場が閉じた。", "市場で停戦が話題だ。", "停戦と停戦の交渉。"]
    >>> sents = pd.DataFrame({"article_id": list("abcd"), "sentence_id": 0, "text_norm": texts})
    >>> period = pd.Series({"a": "2024-01", "b": "2024-01", "c": "2024-02", "d": "2024-02"})
    >>> rising_words(tokenize_sentences(sents), period, min_count=2, stopwords=())[
    ...     ["period", "word", "count", "count_before"]].values.tolist()
    [['2024-02', '停戦', 3, 0]]
    """
    cw = grouped_words(tokens, period, stopwords=stopwords).rename(columns={"group": "period"})
    undated = int(cw.loc[cw["period"] == NO_DATE, "article_id"].nunique())
    cw = cw[cw["period"] != NO_DATE]
    counts = (cw.groupby(["period", "word"])
                .agg(count=("article_id", "size"), n_articles=("article_id", "nunique")).reset_index())
    periods = sorted(counts["period"].unique())
    parts = []
    for i, p in enumerate(periods[1:], start=1):
        before = periods[max(0, i - window):i] if window else periods[:i]
        now = counts[counts["period"] == p]
        prior = (counts[counts["period"].isin(before)].groupby("word")["count"].sum()
                 .rename("count").reset_index().assign(group="before", n_articles=0))
        scored = compare_counts(pd.concat([now.rename(columns={"period": "group"}), prior], ignore_index=True),
                                min_count=min_count)
        scored = scored[(scored["group"] == p) & (scored["direction"] == "over")]
        parts.append(scored)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    out = out.rename(columns={"group": "period", "count_elsewhere": "count_before", "n_group": "n_period",
                              "n_elsewhere": "n_before", "per_10k_elsewhere": "per_10k_before"})
    out = out[COLUMNS].reset_index(drop=True)
    out.attrs["undated_articles"] = undated
    return out
