"""kiji (記事): load, normalize and analyse corpora of Japanese news articles.

Start with ``kiji.load_corpus(folder)``; see :mod:`kiji.corpus` for the
DataFrames it returns.
"""
__version__ = "0.1.0"

from .corpus import Corpus, CorpusError, load_corpus  # noqa: E402

__all__ = ["Corpus", "CorpusError", "load_corpus", "__version__"]
