"""Corpus inventory views used by the corpus notebook and the report index."""
from __future__ import annotations

import pandas as pd

from .corpus import Corpus
from .labels import short_labels
from .text_layout import FIELDS


def field_sources(corpus: Corpus) -> pd.DataFrame:
    """Long table: ``article_id``, ``field``, ``value``, ``source`` for every non-empty metadata field."""
    rows = []
    for art in corpus.articles.itertuples(index=False):
        for f in FIELDS:
            value = getattr(art, f)
            if value:
                rows.append((art.article_id, f, value, getattr(art, f"{f}_source")))
    return pd.DataFrame(rows, columns=["article_id", "field", "value", "source"])


def summary(corpus: Corpus) -> dict:
    """Headline figures: counts, date range, outlets."""
    arts = corpus.articles
    dates = sorted(d for d in arts["published"] if d)
    outlets = sorted({o for col in ("outlet", "origin_outlet") for o in arts[col] if o})
    return {
        "articles": len(arts),
        "skipped": len(corpus.skipped),
        "sentences": len(corpus.sentences),
        "characters": int(arts["n_chars"].sum()),
        "first_date": dates[0] if dates else "",
        "last_date": dates[-1] if dates else "",
        "undated": int((arts["published"] == "").sum()),
        "outlets": outlets,
    }


def summary_text(corpus: Corpus) -> str:
    """Plain-text version of :func:`summary` (stable, for checked notebook cells)."""
    s = summary(corpus)
    dates = f"{s['first_date']} … {s['last_date']}" if s["first_date"] else "no dates"
    return "\n".join([
        f"articles: {s['articles']}", f"skipped files: {s['skipped']}", f"sentences: {s['sentences']}",
        f"characters: {s['characters']}", f"published: {dates} ({s['undated']} undated)",
        f"outlets: {', '.join(s['outlets']) or '-'}",
    ])


def length_table(corpus: Corpus) -> pd.DataFrame:
    """Per article: ``article_id``, ``label``, ``n_paragraphs``, ``n_sentences``, ``n_chars``,
    ``mean_sentence_chars`` (characters per sentence, rounded to 1 decimal)."""
    arts = corpus.articles
    table = arts[["article_id", "n_paragraphs", "n_sentences", "n_chars"]].copy()
    table.insert(1, "label", short_labels(arts).values)
    table["mean_sentence_chars"] = (table["n_chars"] / table["n_sentences"]).round(1)
    return table
