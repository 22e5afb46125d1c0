"""kiji (記事): load, normalize and analyse corpora of Japanese news articles.

The package follows the flow of the data, one sub-package per stage:

``core``        shared low-level modules (paths, normalization, validated data files, matching, cache, charts)
``loading``     files → decoded, normalized articles, paragraphs, sentences (``load_corpus``)
``tokens``      sentences → tokens
``terms``       term frequency, keyness, KWIC, collocation, co-occurrence, word clouds
``sourcing``    who is cited and how; provenance of each article
``escalation``  escalation language, modality, actors, dated events
``questions``   the analyst's own questions: comparing groups (distinctive words, CA, clusters, topics)
``report``      exports, notebook runs and HTML reports
``explore``     ``kiji.open(folder)``: the corpus as one object with a method per question (JupyterLab)

Start with ``kiji.load_corpus(folder)``; see :mod:`kiji.loading.corpus` for the
DataFrames it returns.
"""
__version__ = "0.2.0"

from .loading.corpus import Corpus, CorpusError, load_corpus  # noqa: E402


def open(folder, *, recursive: bool = False, metadata=None, tokenizer: str | None = None, cache=None):  # noqa: A001
    """A corpus to explore in JupyterLab: ``c = kiji.open("folder")``, then ``c.kwic("停戦")``,
    ``c.distinctive(by="category")``, ``c.sources()`` … (:class:`kiji.explore.Explorer`).  Options as
    on the command line: ``recursive``, ``metadata``, ``tokenizer``, ``cache``."""
    from .explore import open_corpus

    return open_corpus(folder, recursive=recursive, metadata=metadata, tokenizer=tokenizer, cache=cache)


__all__ = ["Corpus", "CorpusError", "load_corpus", "open", "__version__"]
