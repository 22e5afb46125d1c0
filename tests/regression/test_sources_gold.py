"""Extractor vs hand labels (tests/data/sources_gold.csv, built by reading the seeds).

A gold row (article_id, snippet, source, source_kind) matches an extracted row when
the row's sentence contains the snippet, the kinds agree, and one of the gold
source / extracted source / extracted canonical contains the other.
"""
from pathlib import Path

import pandas as pd
import pytest

import kiji
from kiji.sourcing import extract_sources

ROOT = Path(__file__).resolve().parents[2]


def _same(g, r) -> bool:
    a = g.source.split("(")[0]
    return any(a in x or (x and x in a) for x in (r.source, r.canonical))


def evaluate(corpus, gold):
    got = extract_sources(corpus.sentences).merge(
        corpus.sentences[["article_id", "sentence_id", "text_norm"]], on=["article_id", "sentence_id"])
    matched_got, tp = set(), 0
    for g in gold.itertuples():
        cands = got[(got.article_id == g.article_id) & got.text_norm.str.contains(g.snippet, regex=False)
                    & (got.source_kind == g.source_kind)]
        hit = [r for r in cands.itertuples() if _same(g, r) and r.attribution_id not in matched_got]
        if hit:
            matched_got.add(hit[0].attribution_id)
            tp += 1
    return got, matched_got


@pytest.fixture(scope="module")
def corpus():
    return kiji.load_corpus(ROOT / "seeds")


@pytest.fixture(scope="module")
def gold():
    return pd.read_csv(ROOT / "tests/data/sources_gold.csv", dtype=str)


def test_gold_snippets_are_unique(corpus, gold):
    s = corpus.sentences
    for g in gold.itertuples():
        n = (s.article_id.eq(g.article_id) & s.text_norm.str.contains(g.snippet, regex=False)).sum()
        assert n == 1, g.snippet


def test_named_speaker_precision_recall(corpus, gold):
    got, matched = evaluate(corpus, gold)
    g_named = gold[gold.source_kind == "named_person"]
    named_got = got[got.source_kind == "named_person"]
    tp = sum(1 for a in named_got.attribution_id if a in matched)
    recall = tp / len(g_named)
    precision = tp / len(named_got)
    allg = len(gold)
    all_tp = len(matched)
    print(f"\nnamed_person: gold={len(g_named)} extracted={len(named_got)} tp={tp} "
          f"precision={precision:.3f} recall={recall:.3f}")
    print(f"all kinds: gold={allg} extracted={len(got)} tp={all_tp} "
          f"precision={all_tp/len(got):.3f} recall={all_tp/allg:.3f}")
    for kind in sorted(gold.source_kind.unique()):
        gk = (gold.source_kind == kind).sum()
        ek = (got.source_kind == kind).sum()
        tk = sum(1 for a in got[got.source_kind == kind].attribution_id if a in matched)
        print(f"  {kind}: gold={gk} extracted={ek} tp={tk}")
    assert recall >= 0.9
    assert precision >= 0.85


def test_anonymous_count_per_article(corpus, gold):
    got = extract_sources(corpus.sentences)
    for aid, g in gold[gold.source_kind == "anonymous"].groupby("article_id"):
        n_gold = len(g)
        n_got = int(((got.article_id == aid) & (got.source_kind == "anonymous")).sum())
        print(f"{aid}: anonymous gold={n_gold} extracted={n_got}")
        assert abs(n_got - n_gold) <= max(1, 0.2 * n_gold), aid
