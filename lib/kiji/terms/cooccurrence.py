"""Co-occurrence network of the most frequent nouns, by sentence.

Unit: the sentence.  The ``top_n`` most frequent content nouns (base form;
:func:`kiji.tokens.tokenizer.content_words` restricted to 名詞) are the nodes; two
nouns are linked when they appear in the same sentence.  Edge weight is the
Jaccard coefficient of their sentence sets::

    jaccard(a, b) = |S(a) ∩ S(b)| / |S(a) ∪ S(b)|

(1 = always together, 0 = never), so frequent words do not link to
everything just by being frequent.
"""
from __future__ import annotations

import itertools

import networkx as nx
import pandas as pd

from kiji.tokens.tokenizer import content_words


def sentence_terms(tokens: pd.DataFrame, *, top_n: int = 40, stopwords=None) -> pd.DataFrame:
    """Which of the ``top_n`` nouns each sentence contains (one row per pair).

    Columns: ``article_id``, ``sentence_id``, ``term``.  Nouns are ranked by
    frequency (ties by term); this is the table the edges are computed from.
    """
    cw = content_words(tokens, stopwords)
    cw = cw[cw["pos"].astype(str) == "名詞"]
    cw = cw.assign(article_id=cw["article_id"].astype(str), term=cw["base_form"].astype(str))
    freq = cw["term"].value_counts()
    freq = freq.rename_axis("term").reset_index(name="n").sort_values(["n", "term"],
                                                                      ascending=[False, True])
    top = set(freq["term"].head(top_n))
    st = cw[cw["term"].isin(top)][["article_id", "sentence_id", "term"]].drop_duplicates()
    return st.sort_values(["article_id", "sentence_id", "term"], ignore_index=True)


def cooccurrence_edges(tokens: pd.DataFrame, *, top_n: int = 40, min_cooccurrence: int = 2,
                       max_edges: int | None = 60, stopwords=None) -> pd.DataFrame:
    """Edges between the ``top_n`` nouns.

    Columns: ``source``, ``target`` (source < target), ``cooccurrences``
    (sentences with both), ``source_sentences``, ``target_sentences``
    (sentences with each), ``jaccard``, ``n_articles`` (articles in which they
    co-occur).  Pairs co-occurring in fewer than ``min_cooccurrence`` sentences
    are dropped; the strongest ``max_edges`` by Jaccard are kept (``None`` = all).
    Sorted by Jaccard descending, then source, target.
    """
    st = sentence_terms(tokens, top_n=top_n, stopwords=stopwords)
    st = st.assign(_sent=st["article_id"] + ":" + st["sentence_id"].astype(str))
    sets = st.groupby("term")["_sent"].apply(set).to_dict()
    art_of = dict(zip(st["_sent"], st["article_id"]))
    rows = []
    for a, b in itertools.combinations(sorted(sets), 2):
        both = sets[a] & sets[b]
        if len(both) < min_cooccurrence:
            continue
        union = len(sets[a] | sets[b])
        rows.append((a, b, len(both), len(sets[a]), len(sets[b]), round(len(both) / union, 6),
                     len({art_of[s] for s in both})))
    edges = pd.DataFrame(rows, columns=["source", "target", "cooccurrences", "source_sentences",
                                        "target_sentences", "jaccard", "n_articles"])
    edges = edges.sort_values(["jaccard", "source", "target"], ascending=[False, True, True],
                              ignore_index=True)
    if max_edges is not None:
        edges = edges.head(max_edges)
    return edges


def cooccurrence_graph(edges: pd.DataFrame, tokens: pd.DataFrame | None = None,
                       stopwords=None) -> nx.Graph:
    """networkx Graph from :func:`cooccurrence_edges`: edge attributes ``weight``
    (Jaccard) and ``cooccurrences``; node attribute ``frequency`` (content-noun
    count in ``tokens``, if given, else the node's sentence count)."""
    g = nx.Graph()
    for r in edges.itertuples(index=False):
        g.add_edge(r.source, r.target, weight=float(r.jaccard), cooccurrences=int(r.cooccurrences))
        g.nodes[r.source].setdefault("frequency", int(r.source_sentences))
        g.nodes[r.target].setdefault("frequency", int(r.target_sentences))
    if tokens is not None:
        cw = content_words(tokens, stopwords)
        freq = cw["base_form"].astype(str).value_counts()
        for n in g.nodes:
            g.nodes[n]["frequency"] = int(freq.get(n, g.nodes[n]["frequency"]))
    return g


def draw_network(g: nx.Graph, *, ax=None, seed: int = 0, font_path: str | None = None):
    """Draw the graph with Japanese labels; node size ~ frequency, edge width ~
    Jaccard; communities (greedy modularity) coloured.  Layout is a seeded
    spring layout, so the picture is the same every run.  Returns the Axes."""
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties

    from kiji.core.charts import japanese_font_path

    if ax is None:
        _, ax = plt.subplots(figsize=(11, 9))
    family = FontProperties(fname=font_path or japanese_font_path()).get_name()
    if g.number_of_nodes() == 0:
        ax.axis("off")
        return ax
    pos = nx.spring_layout(g, seed=seed, weight="weight", k=1.2 / max(1, len(g)) ** 0.5)
    communities = nx.community.greedy_modularity_communities(g, weight="weight")
    colour = {n: i for i, c in enumerate(communities) for n in sorted(c)}
    cmap = plt.get_cmap("tab10")
    freq = [g.nodes[n].get("frequency", 1) for n in g.nodes]
    top = max(freq)
    nx.draw_networkx_edges(g, pos, ax=ax, width=[1 + 6 * g.edges[e]["weight"] for e in g.edges],
                           edge_color="#999999", alpha=0.6)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[200 + 1800 * f / top for f in freq],
                           node_color=[cmap(colour[n] % 10) for n in g.nodes], alpha=0.75)
    nx.draw_networkx_labels(g, pos, ax=ax, font_family=family, font_size=11)
    ax.axis("off")
    return ax


def network(tokens: pd.DataFrame, *, top_n: int = 40, min_cooccurrence: int = 2, max_edges: int = 60,
            stopwords=None) -> nx.Graph:
    """The co-occurrence network of the ``top_n`` nouns (:func:`cooccurrence_edges` → :func:`cooccurrence_graph`)."""
    edges = cooccurrence_edges(tokens, top_n=top_n, min_cooccurrence=min_cooccurrence, max_edges=max_edges,
                               stopwords=stopwords)
    return cooccurrence_graph(edges, tokens, stopwords)


def plot_network(g: nx.Graph, *, seed: int = 0):
    """A figure of :func:`draw_network`, or None when the graph has no link."""
    if g.number_of_edges() == 0:
        return None
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 9))
    draw_network(g, ax=ax, seed=seed)
    return fig
