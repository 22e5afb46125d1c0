"""kiji (記事): load, normalize and analyse corpora of Japanese news articles.

The package follows the flow of the data, one sub-package per stage:

``core``        shared low-level modules (paths, normalization, validated data files, matching, cache, charts)
``loading``     files → decoded, normalized articles, paragraphs, sentences (``load_corpus``)
``tokens``      sentences → tokens
``terms``       term frequency, keyness, KWIC, collocation, co-occurrence, word clouds
``sourcing``    who is cited and how; provenance of each article
``escalation``  escalation language, modality, actors, dated events
``report``      exports, notebook runs and HTML reports

Start with ``kiji.load_corpus(folder)``; see :mod:`kiji.loading.corpus` for the
DataFrames it returns.
"""
__version__ = "0.2.0"

from .loading.corpus import Corpus, CorpusError, load_corpus  # noqa: E402

__all__ = ["Corpus", "CorpusError", "load_corpus", "__version__"]
