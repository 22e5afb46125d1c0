"""What the corpus report says about a folder: the sentences of notebook 00, computed from its tables.

Each function takes the tables it summarises and returns plain sentences (or a
small table), never words written about a particular corpus.

>>> import pandas as pd
>>> skipped_lines(pd.DataFrame({"source_file": ["a.pdf", "b.gz", "c.pdf"],
...                             "reason": ["PDF: not text", "gzip: compressed", "PDF: not text"]}))
['3 skipped', '- PDF: 2', '- gzip: 1']
"""
from __future__ import annotations

import pandas as pd


def skipped_lines(skipped: pd.DataFrame, k: int = 10) -> list[str]:
    """How many files were skipped, then the ``k`` most frequent reasons (the part before ``:``)."""
    reasons = skipped["reason"].astype(str).str.split(":").str[0].value_counts()
    return [f"{len(skipped)} skipped"] + [f"- {reason}: {n}" for reason, n in reasons.head(k).items()]


def field_source_counts(field_sources: pd.DataFrame) -> pd.DataFrame:
    """Articles per metadata field (rows) and where it was read (columns: header, html, override …)."""
    if field_sources.empty:
        return pd.DataFrame(columns=["field"])
    return field_sources.pivot_table(index="field", columns="source", values="article_id", aggfunc="count",
                                     fill_value=0).reset_index()


def boilerplate_lines(articles: pd.DataFrame) -> pd.DataFrame:
    """Lines the loader moved out of the text (``boilerplate``), with the number of articles each
    occurs in, most frequent first: ``line``, ``n_articles``.

    >>> boilerplate_lines(pd.DataFrame({"article_id": ["a", "b"], "boilerplate": ["共有する\\n広告", "共有する"]}))
       line  n_articles
    0  共有する           2
    1    広告           1
    """
    lines = (articles[["article_id", "boilerplate"]]
             .assign(line=lambda d: d["boilerplate"].fillna("").astype(str).str.split("\n"))
             .explode("line"))
    lines = lines[lines["line"].notna() & (lines["line"] != "")]
    counts = lines.groupby("line")["article_id"].nunique().rename("n_articles").reset_index()
    return counts.sort_values(["n_articles", "line"], ascending=[False, True], ignore_index=True)


def length_lines(lengths: pd.DataFrame, labels: pd.Series) -> list[str]:
    """Median length, and the longest and the shortest article (``lengths``:
    :func:`kiji.loading.inventory.length_table`)."""
    if lengths.empty:
        return ["no article"]
    longest = lengths.sort_values(["n_chars", "article_id"], ascending=[False, True]).iloc[0]
    shortest = lengths.sort_values(["n_chars", "article_id"]).iloc[0]

    def one(r) -> str:
        label = labels.get(r["article_id"], r["article_id"])
        return f"{label} ({r['n_chars']} characters, {r['n_sentences']} sentences)"

    return [f"{len(lengths)} articles: median {lengths['n_chars'].median():.0f} characters, "
            f"{lengths['n_sentences'].median():.0f} sentences",
            f"longest: {one(longest)}", f"shortest: {one(shortest)}"]


def overlap_lines(shared: pd.DataFrame, pairs: pd.DataFrame, labels: pd.Series) -> list[str]:
    """How many sentences recur in another article, how many article pairs share one, and the pair
    sharing most (``shared``: :func:`kiji.loading.overlap.shared_sentences`, ``pairs``:
    :func:`kiji.loading.charts.overlap_pairs`)."""
    n = shared[["article_id", "sentence_id"]].drop_duplicates().shape[0]
    out = [f"sentences shared with another article: {n}", f"article pairs sharing at least one sentence: {len(pairs)}"]
    if len(pairs):
        top = pairs.iloc[0]
        out.append(f"most: {labels.get(top['article_id'], top['article_id'])} → "
                   f"{labels.get(top['shared_with'], top['shared_with'])} ({top['n_sentences']} sentences)")
    return out


def with_text(frame: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (any table with ``article_id``, ``sentence_id``) plus its sentence's ``text`` ('' when
    the sentence is not in ``sentences``): the evidence behind every row."""
    text = sentences[["article_id", "sentence_id", "text"]].drop_duplicates(["article_id", "sentence_id"])
    out = frame.drop(columns=[c for c in ("text",) if c in frame.columns]).merge(
        text, on=["article_id", "sentence_id"], how="left")
    out["text"] = out["text"].fillna("")
    return out
