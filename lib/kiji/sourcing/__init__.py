"""Who is cited and how: attributions, quotations and the provenance of each article."""
from .extract import extract_sources
from .provenance import provenance_table
from .summaries import source_mix, top_sources, with_evidence


def tables(corpus) -> dict:
    """Tables for ``kiji export``: ``sources`` and ``provenance``."""
    return {"sources": extract_sources(corpus.sentences), "provenance": provenance_table(corpus.articles)}


__all__ = ["extract_sources", "provenance_table", "source_mix", "tables", "top_sources", "with_evidence"]
