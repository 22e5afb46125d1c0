"""Hierarchical clustering of groups (or articles) by the words they use (scipy).

Each group is a profile: the relative frequencies of the corpus's ``words`` most frequent content
words in it.  Profiles are compared with a distance (cosine by default: two groups that use the
same words in the same proportions are at distance 0, whatever their size) and merged bottom-up
(``average`` linkage by default; ``ward`` with ``metric="euclidean"`` is KH Coder's default).
To cluster articles, pass ``group`` = each article's own id (or its label).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .distinctive import grouped_words


@dataclass
class Tree:
    """Result of :func:`cluster_groups`: ``labels`` (the leaves, in the input order), the scipy
    ``linkage`` matrix, ``metric``, ``method``, ``k`` (clusters cut for colours and ``membership``),
    ``membership``: one row per leaf: ``group``, ``cluster`` (1…k), ``leaf_order`` (its position in the
    dendrogram, top to bottom), ``n_words`` (content words of the group)."""

    labels: list[str]
    linkage: np.ndarray
    metric: str
    method: str
    k: int
    membership: pd.DataFrame


def profiles(tokens: pd.DataFrame, group: pd.Series, *, words: int = 300, stopwords=None) -> pd.DataFrame:
    """Relative frequencies (rows sum to 1) of the ``words`` most frequent content words in each group;
    index = group, columns = words.

    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> sents = pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0],
    ...                       "text_norm": ["猫と猫と犬。", "犬と犬と猫。"]})
    >>> p = profiles(tokenize_sentences(sents), pd.Series({"a": "A", "b": "B"}), stopwords=())
    >>> p.round(3).loc[["A", "B"], ["猫", "犬"]].values.tolist()
    [[0.667, 0.333], [0.333, 0.667]]
    """
    return _profiles(grouped_words(tokens, group, stopwords=stopwords), words)


def _profiles(cw: pd.DataFrame, words: int) -> pd.DataFrame:
    top = cw["word"].value_counts().index[:words]
    table = pd.crosstab(cw["group"], cw["word"])[list(top)]
    return table.div(table.sum(axis=1).replace(0, 1), axis=0)


def cluster_groups(tokens: pd.DataFrame, group: pd.Series, *, k: int | None = None, words: int = 300,
                   metric: str = "cosine", method: str = "average", stopwords=None) -> Tree:
    """Cluster the groups of ``group`` by their word profiles (:func:`profiles`); ``k`` clusters
    (default: about √(groups/2), at least 2) are cut from the tree for colours and ``membership``.

    >>> from kiji.tokens.tokenizer import tokenize_sentences
    >>> sents = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "sentence_id": [0, 0, 0, 0],
    ...     "text_norm": ["選手が試合で勝った。", "選手が試合で負けた。",
    ...                   "株価が市場で上がった。", "株価が市場で下がった。"]})
    >>> tree = cluster_groups(tokenize_sentences(sents), pd.Series({"a": "a", "b": "b", "c": "c", "d": "d"}),
    ...                       k=2, stopwords=())
    >>> tree.membership.sort_values("group")["cluster"].tolist()
    [1, 1, 2, 2]
    """
    from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
    from scipy.spatial.distance import pdist

    cw = grouped_words(tokens, group, stopwords=stopwords)
    prof = _profiles(cw, words)
    labels = [str(g) for g in prof.index]
    if len(labels) < 2:
        raise ValueError("clustering needs at least two groups with words")
    dist = np.nan_to_num(pdist(prof.to_numpy(), metric=metric), nan=1.0)
    tree = linkage(dist, method=method) if method != "ward" or metric == "euclidean" else \
        linkage(prof.to_numpy(), method="ward")
    k = max(2, min(k or round((len(labels) / 2) ** 0.5), len(labels)))
    cluster = fcluster(tree, t=k, criterion="maxclust")
    order = {leaf: i for i, leaf in enumerate(leaves_list(tree))}
    # clusters numbered in the order they appear in the dendrogram
    first: dict[int, int] = {}
    for leaf in leaves_list(tree):
        first.setdefault(cluster[leaf], len(first) + 1)
    membership = pd.DataFrame({"group": labels, "cluster": [first[c] for c in cluster],
                               "leaf_order": [order[i] for i in range(len(labels))],
                               "n_words": prof.index.map(cw.groupby("group").size()).to_numpy()})
    return Tree(labels, tree, metric, method, k, membership.sort_values("leaf_order", ignore_index=True))
