"""Word clouds from janome's counts (not WordCloud's own regexp tokenizer).

WordCloud's default tokenizer splits Japanese wrongly (ジョー・バイデン at ・,
no word boundaries at all in kana/kanji runs), so the words are counted with
janome (:func:`kiji.terms.frequency.term_frequency`, content words, base forms) and fed to
``WordCloud.generate_from_frequencies``.  With ``random_state=0`` and the
frequencies in a fixed order the image is the same on every run.
"""
from __future__ import annotations

import math

import pandas as pd

from kiji.terms.frequency import CORPUS_ID, term_frequency


def cloud_frequencies(tokens: pd.DataFrame, *, max_words: int = 100,
                      stopwords=None) -> pd.DataFrame:
    """The counts behind the clouds: top ``max_words`` content-word terms of the
    corpus (``article_id == "ALL"``) and of each article.

    Columns: ``article_id``, ``term``, ``count``.  Sorted by article, count
    descending, term (the order fed to WordCloud).
    """
    tf = pd.concat([term_frequency(tokens, level="corpus", stopwords=stopwords),
                    term_frequency(tokens, level="article", stopwords=stopwords)])
    tf = (tf.groupby(["article_id", "term"], as_index=False)["count"].sum()
            .sort_values(["article_id", "count", "term"], ascending=[True, False, True]))
    return tf.groupby("article_id").head(max_words).reset_index(drop=True)


def make_wordcloud(freqs: dict[str, int] | pd.DataFrame, *, width: int = 800, height: int = 450,
                   max_words: int = 100, font_path: str | None = None, **kwargs):
    """A WordCloud built from ``{term: count}`` (or a frame with ``term``/``count``),
    Japanese font from :mod:`kiji.core.charts`, ``random_state=0``."""
    from wordcloud import WordCloud

    from kiji.core.charts import japanese_font_path

    if isinstance(freqs, pd.DataFrame):
        freqs = dict(zip(freqs["term"], freqs["count"]))
    freqs = dict(sorted(freqs.items(), key=lambda kv: (-kv[1], kv[0])))
    options = dict(font_path=font_path or japanese_font_path(), random_state=0, width=width,
                   height=height, max_words=max_words, background_color="white",
                   colormap="viridis", prefer_horizontal=0.9)
    options.update(kwargs)
    return WordCloud(**options).generate_from_frequencies(freqs)


def plot_wordclouds(freq: pd.DataFrame, *, titles: dict | None = None, ncols: int = 2,
                    article_ids: list[str] | None = None):
    """One cloud per ``article_id`` of a :func:`cloud_frequencies` table (corpus
    first).  Returns the matplotlib Figure."""
    import matplotlib.pyplot as plt

    ids = article_ids or sorted(set(freq["article_id"]), key=lambda a: (a != CORPUS_ID, a))
    nrows = math.ceil(len(ids) / ncols)
    # word clouds compress poorly as PNG: a modest size keeps a report page small
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.5 * ncols, 3.1 * nrows), squeeze=False)
    for ax, aid in zip(axes.flat, ids):
        wc = make_wordcloud(freq[freq["article_id"] == aid])
        ax.imshow(wc.to_array(), interpolation="bilinear")
        ax.set_title((titles or {}).get(aid, aid), fontsize=11)
        ax.axis("off")
    for ax in list(axes.flat)[len(ids):]:
        ax.axis("off")
    fig.tight_layout()
    return fig
