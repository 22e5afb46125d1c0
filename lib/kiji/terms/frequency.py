"""Term frequencies, part-of-speech profiles and distinctive terms (keyness).

All functions take the token table of :func:`kiji.tokens.tokenizer.tokenize_sentences`
(any subset of articles) and return tidy DataFrames.  A *term* is a token's
base form (dictionary form: 述べた → 述べる), so inflected verbs count together.
Counts of content words use :func:`kiji.tokens.tokenizer.content_words` (nouns except
numbers/dependent nouns/pronouns/suffixes, independent verbs and adjectives,
stopwords from ``data/stopwords.txt`` removed).

The denominators are stated per function: ``n_words`` = all tokens except
symbols (記号), used for "rate per 10,000 tokens"; ``n_content`` = content
words, used by keyness and TF-IDF.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kiji.tokens.tokenizer import content_words

#: ``article_id`` given to corpus-wide rows.
CORPUS_ID = "ALL"

KEYNESS_METHOD = "log-likelihood G2 (Dunning 1993), 2x2 table: article vs rest of corpus, content words"


def _words(tokens: pd.DataFrame) -> pd.DataFrame:
    return tokens[tokens["pos"].astype(str) != "記号"]


def _with_corpus(df: pd.DataFrame, level: str) -> pd.DataFrame:
    if level == "article":
        return df
    if level == "corpus":
        return df.assign(article_id=CORPUS_ID)
    raise ValueError("level must be 'article' or 'corpus'")


def token_counts(tokens: pd.DataFrame) -> pd.DataFrame:
    """Size of each article's token table.

    Columns: ``article_id``, ``n_tokens`` (all tokens, whitespace excluded),
    ``n_words`` (tokens that are not symbols 記号), ``n_content`` (content
    words), ``n_types`` (distinct content-word base forms).  Sorted by article.
    """
    t = tokens.assign(article_id=tokens["article_id"].astype(str))
    cw = content_words(t)
    out = pd.DataFrame({
        "n_tokens": t.groupby("article_id").size(),
        "n_words": _words(t).groupby("article_id").size(),
        "n_content": cw.groupby("article_id").size(),
        "n_types": cw.groupby("article_id")["base_form"].nunique(),
    }).fillna(0).astype("int64")
    return out.rename_axis("article_id").reset_index().sort_values("article_id", ignore_index=True)


def pos_frequency(tokens: pd.DataFrame, *, level: str = "article") -> pd.DataFrame:
    """Tokens per part of speech (major category, e.g. 名詞, 動詞, 助詞, 記号).

    ``level="article"`` gives one block per article, ``"corpus"`` one block with
    ``article_id == "ALL"``.  Columns: ``article_id``, ``pos``, ``count``,
    ``share`` (of all tokens in the scope, 0–1), ``per_10k`` (count per 10,000
    tokens).  Sorted by article, then count descending.
    """
    t = _with_corpus(tokens.assign(article_id=tokens["article_id"].astype(str),
                                   pos=tokens["pos"].astype(str)), level)
    out = t.groupby(["article_id", "pos"]).size().rename("count").reset_index()
    total = out.groupby("article_id")["count"].transform("sum")
    out["share"] = out["count"] / total
    out["per_10k"] = out["count"] / total * 10_000
    return out.sort_values(["article_id", "count", "pos"], ascending=[True, False, True],
                           ignore_index=True)


def term_frequency(tokens: pd.DataFrame, *, level: str = "article", content_only: bool = True,
                   stopwords=None) -> pd.DataFrame:
    """Frequency of each term (base form + major POS) per article or for the corpus.

    Columns:

    - ``article_id``: the article, or ``"ALL"`` with ``level="corpus"``;
    - ``term``: base form; ``pos``: major part of speech (名詞, 動詞, 形容詞...);
    - ``count``: occurrences in the scope;
    - ``n_words``: tokens in the scope that are not symbols (記号) — the
      denominator of ``per_10k``;
    - ``per_10k``: ``count / n_words * 10,000`` (comparable across articles of
      different length);
    - ``n_sentences``: sentences of the scope containing the term;
    - ``rank``: 1 = most frequent in the scope (ties share the lower rank).

    Sorted by article, count descending, term.  ``content_only=False`` counts
    every word (particles included).
    """
    aid = tokens["article_id"].astype(str)
    # sentence ids repeat across articles: key sentences by article too
    t = _with_corpus(tokens.assign(article_id=aid, _sent=aid + ":" + tokens["sentence_id"].astype(str)),
                     level)
    sel = content_words(t, stopwords) if content_only else _words(t)
    sel = sel.assign(term=sel["base_form"].astype(str), pos=sel["pos"].astype(str))
    out = (sel.groupby(["article_id", "term", "pos"])
              .agg(count=("term", "size"), n_sentences=("_sent", "nunique")).reset_index())
    n_words = _words(t).groupby("article_id").size().rename("n_words")
    out = out.join(n_words, on="article_id")
    out["per_10k"] = (out["count"] / out["n_words"] * 10_000).round(2)
    out["rank"] = out.groupby("article_id")["count"].rank(method="min", ascending=False).astype("int64")
    out = out[["article_id", "term", "pos", "count", "n_words", "per_10k", "n_sentences", "rank"]]
    return out.sort_values(["article_id", "count", "term"], ascending=[True, False, True],
                           ignore_index=True)


def top_terms(tf: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """First ``n`` rows per article of a :func:`term_frequency` table (ties cut by term)."""
    return tf.groupby("article_id", group_keys=False).head(n).reset_index(drop=True)


def _g2(a, b, c, d):
    """Dunning's G² for the 2x2 table [[a, c-a], [b, d-b]] (vectorized)."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = c + d
    obs = [a, c - a, b, d - b]
    row = [c, c, d, d]
    col = [a + b, n - a - b, a + b, n - a - b]
    g = np.zeros_like(a)
    for o, r, k in zip(obs, row, col):
        e = r * k / n
        with np.errstate(divide="ignore", invalid="ignore"):
            g += np.where(o > 0, o * np.log(o / e), 0.0)
    return 2 * g


def log_likelihood_array(a, b, c, d) -> np.ndarray:
    """:func:`log_likelihood` over arrays of counts (one G² per position)."""
    return _g2(a, b, c, d)


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """G² of a term seen ``a`` times in ``c`` tokens (target) and ``b`` in ``d`` (reference).

    G² = 2 Σ O ln(O/E) over the four cells of the 2x2 contingency table
    (term / other tokens × target / reference), E from the margins
    (Dunning 1993).  Under independence it follows χ² with 1 degree of
    freedom: 3.84 ↔ p < 0.05, 6.63 ↔ p < 0.01, 10.83 ↔ p < 0.001.
    """
    return float(_g2([a], [b], [c], [d])[0])


def keyness(tokens: pd.DataFrame, *, min_count: int = 2, stopwords=None) -> pd.DataFrame:
    """Distinctive terms of each article against the rest of the corpus.

    Method: log-likelihood G² (Dunning 1993) on the 2x2 table
    ``[[a, c - a], [b, d - b]]`` with ``a`` = the term's count in the article,
    ``c`` = content words in the article, ``b`` and ``d`` the same for all the
    other articles together (see :func:`log_likelihood`).  G² measures how
    surprising the difference in relative frequency is; ``log_ratio`` how large
    it is (effect size).

    Terms with ``count >= min_count`` in the article are scored. Columns:

    - ``article_id``, ``term``;
    - ``count`` (a), ``count_rest`` (b), ``n_content`` (c), ``n_content_rest`` (d);
    - ``expected``: ``c * (a + b) / (c + d)``, the count if the term were spread
      evenly over the corpus;
    - ``per_10k``, ``per_10k_rest``: relative frequencies per 10,000 content words;
    - ``log_likelihood``: G²; ``p_value``: χ²(1) tail probability of G²;
    - ``log_ratio``: log2 of the ratio of relative frequencies (0.5 added to a
      zero count in the rest);
    - ``direction``: ``"over"`` if the article uses the term more than the rest,
      else ``"under"``;
    - ``rank``: 1 = most distinctive over-used term of the article (by G²;
      under-used terms are ranked after);
    - ``method``: the method, spelled out.

    Sorted by article, then rank.  With a single article there is no reference
    and the result is empty.
    """
    t = tokens.assign(article_id=tokens["article_id"].astype(str))
    cw = content_words(t, stopwords)
    counts = (cw.assign(term=cw["base_form"].astype(str))
                .groupby(["article_id", "term"]).size().rename("count").reset_index())
    totals = counts.groupby("term")["count"].sum()
    sizes = counts.groupby("article_id")["count"].sum()
    n_all = sizes.sum()
    columns = ["article_id", "term", "count", "count_rest", "n_content", "n_content_rest",
               "expected", "per_10k", "per_10k_rest", "log_likelihood", "p_value", "log_ratio",
               "direction", "rank", "method"]
    if len(sizes) < 2:
        return pd.DataFrame(columns=columns)
    out = counts[counts["count"] >= min_count].copy()
    if out.empty:  # no term reaches min_count (tiny articles): nothing to score
        return pd.DataFrame(columns=columns)
    out["count_rest"] = out["term"].map(totals) - out["count"]
    out["n_content"] = out["article_id"].map(sizes)
    out["n_content_rest"] = n_all - out["n_content"]
    a, b = out["count"].to_numpy(float), out["count_rest"].to_numpy(float)
    c, d = out["n_content"].to_numpy(float), out["n_content_rest"].to_numpy(float)
    out["expected"] = c * (a + b) / (c + d)
    out["per_10k"] = a / c * 10_000
    out["per_10k_rest"] = b / d * 10_000
    g2 = _g2(a, b, c, d)
    out["log_likelihood"] = g2
    out["p_value"] = [math.erfc(math.sqrt(max(g, 0.0) / 2)) for g in g2]
    out["log_ratio"] = np.log2((a / c) / (np.where(b > 0, b, 0.5) / d))
    out["direction"] = np.where(a / c > b / d, "over", "under")
    out["_over"] = out["direction"] == "over"
    out = out.sort_values(["article_id", "_over", "log_likelihood", "term"],
                          ascending=[True, False, False, True], ignore_index=True)
    out["rank"] = out.groupby("article_id").cumcount() + 1
    out["method"] = KEYNESS_METHOD
    for col in ["expected", "per_10k", "per_10k_rest", "log_likelihood", "log_ratio"]:
        out[col] = out[col].round(4)
    return out[columns]


def tfidf(tokens: pd.DataFrame, *, stopwords=None) -> pd.DataFrame:
    """TF-IDF of content-word terms per article (an alternative to keyness).

    ``tf = count / n_content`` (share of the article's content words),
    ``idf = ln(n_articles / df)`` with ``df`` = articles containing the term
    (a term in every article scores 0), ``tfidf = tf * idf``.  Columns:
    ``article_id``, ``term``, ``count``, ``tf``, ``df``, ``idf``, ``tfidf``,
    ``rank`` (1 = highest TF-IDF in the article).
    """
    t = tokens.assign(article_id=tokens["article_id"].astype(str))
    cw = content_words(t, stopwords)
    out = (cw.assign(term=cw["base_form"].astype(str))
             .groupby(["article_id", "term"]).size().rename("count").reset_index())
    n_docs = out["article_id"].nunique()
    out["tf"] = out["count"] / out.groupby("article_id")["count"].transform("sum")
    out["df"] = out.groupby("term")["article_id"].transform("nunique")
    out["idf"] = np.log(n_docs / out["df"])
    out["tfidf"] = (out["tf"] * out["idf"]).round(6)
    out = out.sort_values(["article_id", "tfidf", "term"], ascending=[True, False, True],
                          ignore_index=True)
    out["rank"] = out.groupby("article_id").cumcount() + 1
    return out


def plot_top_terms(tf: pd.DataFrame, n: int = 10, *, value: str = "per_10k", ncols: int = 3,
                   titles: dict | None = None, max_panels: int = 12):
    """Horizontal bar charts of the top ``n`` terms of each article (or group) in ``tf``
    (a :func:`term_frequency` table), at most ``max_panels`` panels.  Returns the matplotlib Figure."""
    import matplotlib.pyplot as plt

    from kiji.core.charts import use_japanese_font

    use_japanese_font()
    ids = list(dict.fromkeys(tf["article_id"]))[:max_panels]
    nrows = math.ceil(len(ids) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 0.32 * n * nrows + 1.2 * nrows),
                             squeeze=False)
    for ax, aid in zip(axes.flat, ids):
        top = tf[tf["article_id"] == aid].head(n).iloc[::-1]
        ax.barh(top["term"], top[value], color="tab:blue")
        ax.set_title((titles or {}).get(aid, aid), fontsize=10)
        ax.set_xlabel(value)
        ax.tick_params(axis="y", labelsize=9)
    for ax in list(axes.flat)[len(ids):]:
        ax.axis("off")
    fig.tight_layout()
    return fig


def plot_keyness(kn: pd.DataFrame, n: int = 10, *, ncols: int = 3, titles: dict | None = None,
                 max_panels: int = 12, order: list | None = None):
    """Bar charts of the ``n`` most distinctive over-used terms (G²) per article (or group), at most
    ``max_panels`` panels (in ``order`` when given)."""
    import matplotlib.pyplot as plt

    from kiji.core.charts import use_japanese_font

    use_japanese_font()
    over = kn[kn["direction"] == "over"]
    present = list(dict.fromkeys(over["article_id"]))
    ids = ([o for o in order if o in set(present)] if order else present)[:max_panels]
    nrows = max(1, math.ceil(len(ids) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, 0.32 * n * nrows + 1.2 * nrows),
                             squeeze=False)
    for ax, aid in zip(axes.flat, ids):
        top = over[over["article_id"] == aid].head(n).iloc[::-1]
        ax.barh(top["term"], top["log_likelihood"], color="tab:red")
        ax.axvline(3.84, color="grey", lw=0.8, ls="--")
        ax.set_title((titles or {}).get(aid, aid), fontsize=10)
        ax.set_xlabel("G² (破線 = p<0.05)")
        ax.tick_params(axis="y", labelsize=9)
    for ax in list(axes.flat)[len(ids):]:
        ax.axis("off")
    fig.tight_layout()
    return fig


def tables(tokens: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Tables for ``kiji export`` from the ``tokens`` stage's table: ``tokens`` (full token table,
    all POS), ``term_frequency`` (per article and ``"ALL"``), ``keyness`` (G², article vs
    rest) and ``pos_frequency`` (per article and ``"ALL"``)."""
    tf = pd.concat([term_frequency(tokens, level="article"),
                    term_frequency(tokens, level="corpus")], ignore_index=True)
    pos = pd.concat([pos_frequency(tokens, level="article"),
                     pos_frequency(tokens, level="corpus")], ignore_index=True)
    return {"tokens": tokens, "term_frequency": tf, "keyness": keyness(tokens),
            "pos_frequency": pos}


def article_labels(articles: pd.DataFrame, width: int = 24) -> dict[str, str]:
    """Chart labels ``{article_id: label}`` (:func:`kiji.loading.labels.article_labels`; ``width`` is ignored)."""
    from ..loading.labels import article_labels as labels

    return labels(articles).to_dict()


def plot_pos_shares(tokens: pd.DataFrame, group: pd.Series | None = None, order: list | None = None,
                    k: int = 8):
    """Share of the ``k`` most frequent parts of speech per article (or group: ``group`` maps
    article_id to it), stacked bars."""
    from kiji.core.charts import bar_height, figure

    t = tokens if group is None else tokens.assign(article_id=tokens["article_id"].astype(str).map(group))
    pos = pos_frequency(t)
    share = pos.pivot(index="article_id", columns="pos", values="share").fillna(0)
    share = share[share.sum().sort_values(ascending=False).index[:k]]
    if order:
        share = share.reindex([o for o in order if o in share.index])
    fig, ax = figure(figsize=(10, bar_height(len(share))))
    share.plot.barh(stacked=True, ax=ax, colormap="tab10", width=0.8)
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylabel("")
    ax.set_xlabel("share of tokens")
    ax.legend(bbox_to_anchor=(1.01, 1), loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig


def plot_collocates(col: pd.DataFrame, node: str, k: int = 15):
    """The ``k`` strongest collocates of ``node`` (:func:`kiji.terms.collocation.collocates`) by G²."""
    from kiji.core.charts import bar_height, figure

    if col.empty:
        return None
    top = col.head(k).iloc[::-1]
    fig, ax = figure(figsize=(8, bar_height(len(top))))
    ax.barh(top["collocate"], top["log_likelihood"], color="tab:purple")
    ax.set_xlabel("log-likelihood G²")
    ax.set_title(f"{node} の共起語")
    fig.tight_layout()
    return fig


def distinctive_terms(tokens: pd.DataFrame, k: int = 3, min_articles: int = 2) -> list[str]:
    """``k`` terms chosen from the corpus itself, as default KWIC / collocation targets.

    The nouns (two characters or more) with the highest keyness G² in some article among those
    found in at least ``min_articles`` articles (so there are contexts to compare), strongest
    first; with a single article (no keyness), or when too few qualify, the most frequent nouns
    fill the list."""
    tf = term_frequency(tokens)
    # words only: no markup or punctuation fragments (``&lt``), at least two characters
    nouns = tf[(tf["pos"] == "名詞") & tf["term"].str.fullmatch(r"[\w・ー]{2,}")]
    spread = nouns.groupby("term")["article_id"].nunique()
    frequent = nouns.groupby("term")["count"].sum().sort_values(ascending=False, kind="stable")
    picked: list[str] = []
    kn = keyness(tokens)
    if not kn.empty:
        over = kn[(kn["direction"] == "over") & kn["term"].isin(spread[spread >= min_articles].index)]
        over = over.sort_values(["log_likelihood", "term"], ascending=[False, True])
        picked = list(dict.fromkeys(over["term"]))[:k]
    picked += [t for t in frequent.index if t not in picked][:k - len(picked)]
    return picked
