"""Who is cited and how: attributions, quotations and the provenance of each article."""
from .extract import extract_sources
from .provenance import provenance_table
from .stage import STAGE
from .summaries import source_mix, top_sources, with_evidence


def tables(corpus, sources) -> dict:
    """Tables for ``kiji export`` from the ``sources`` stage's table: ``sources`` and ``provenance``."""
    return {"sources": sources, "provenance": provenance_table(corpus.articles)}


__all__ = ["STAGE", "extract_sources", "provenance_table", "source_mix", "tables", "top_sources", "with_evidence"]
