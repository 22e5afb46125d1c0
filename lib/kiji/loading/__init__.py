"""Files → decoded, normalized text → articles, paragraphs and sentences (``load_corpus``)."""
from .corpus import Corpus, CorpusError, load_corpus

__all__ = ["Corpus", "CorpusError", "load_corpus"]
