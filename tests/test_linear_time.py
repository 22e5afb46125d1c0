"""Issue 21 item 1: every stage is linear in the length of a sentence and of an article.

Each check doubles the input and bounds the ratio of the times (best of a few
runs, CPU time of this process, inputs large enough that a quadratic term
would dominate): linear code gives ~2×, a search back from every match to the
sentence start gives ~4×.  The texts are built from the vocabulary in use
(an actor alias, an escalation term and a modality cue of the current data
folder), so every stage really has work to do, and the number of rows must
double with the input: a stage cannot pass by doing nothing.
"""
from __future__ import annotations

import gc
import time

import pandas as pd
import pytest

import kiji
from kiji.loading.normalize import normalize_text

RATIO = 2.6
KINDS = ["onequote", "quote", "particle", "plain"]
RUNS = 3


@pytest.fixture(autouse=True)
def _in_process():
    """No cache, and the work done in this process, so its CPU time counts all of it."""
    from kiji.core.run import InProcess, Run, use_run

    previous = use_run(Run(cache=None, executor=InProcess()))
    yield
    use_run(previous)


def _words() -> dict[str, str]:
    """An actor, an escalation term and a modality cue of the vocabulary in use."""
    from kiji.escalation.detector import default_detector

    det = default_detector()
    return {"actor": next(a for a, acts in det.actors.alias_to_actors.items() if acts),
            "term": next(t for t, r in det.term_info.items() if r.category),
            "cue": next(iter(det.cue_modality))}


def _unit(kind: str) -> str:
    w = _words()
    return {
        # one quotation that holds many sentences: one sentence while the brackets stay open
        "onequote": f"{w['actor']}は{w['term']}を{w['cue']}し、兵士3万人が移動したと述べた。",
        # many short quotations, each attributed, in one sentence
        "quote": f"「{w['actor']}の兵士#人が{w['term']}を{w['cue']}した」と{w['actor']}の外相が述べ、",
        # topic/subject particles after every actor: the search back from each term to them
        "particle": f"{w['actor']}は{w['actor']}が{w['term']}の3人も",
        # no punctuation at all
        "plain": f"{w['actor']}政府{w['term']}対策{w['cue']}会議予算3万円",
    }[kind]


def _sentence(kind: str, chars: int) -> str:
    unit, body, k = _unit(kind), [], 0
    while k * len(unit) < chars:  # '#' numbers the units, so no two quotations are alike
        body.append(unit.replace("#", str(k % 1000)))
        k += 1
    text = "".join(body)
    return normalize_text("首相は「" + text + "」と述べた。" if kind == "onequote" else text + "と述べた。")


def _frame(text: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "sentence_id": [0],
                         "text": [text], "text_norm": [text]})


def _tokens(frame):
    from kiji.tokens.tokenizer import token_table

    return token_table(frame)


def _sources(frame):
    from kiji.sourcing.attributions import extract_attributions
    from kiji.sourcing.model import load_sourcing_vocab

    found = extract_attributions(frame, load_sourcing_vocab())
    # quotations of one speaker in a sentence share a row: count the quoted text it holds
    return ["".join(found["quote"])] * sum(map(len, found["quote"]))


def _escalation(frame):
    from kiji.escalation.detector import analyze, default_detector

    return analyze(frame, default_detector())


def _claims(frame):
    from kiji.claims.ledger import claims_table

    return claims_table(frame, pd.DataFrame())


STAGES = {"tokens": _tokens, "sources": _sources, "escalation": _escalation, "claims": _claims}


def _timed(func, arg) -> tuple[float, int]:
    """CPU seconds of ``func(arg)`` with the garbage collector paused (as ``timeit`` does: its passes
    over every live object would add a cost that grows with the heap, not with the work), and rows."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        out = func(arg)
        return time.process_time() - start, len(out)
    finally:
        gc.enable()


def _check_doubling(func, make, size: int, what: str, *, needs_rows: bool = True) -> None:
    """Time ``func`` on ``make(size)`` and ``make(2 * size)``, alternately (so both see the same load
    on a shared machine), at least RUNS times each and more while they add up to under a second;
    compare the least CPU times."""
    small, big = make(size), make(2 * size)
    func(make(size // 4))  # warm up: vocabulary, tokenizer, regex caches
    t1 = t2 = float("inf")
    total, runs = 0.0, 0
    while runs < RUNS or (total < 1.0 and runs < 3 * RUNS):
        (s1, rows1), (s2, rows2) = _timed(func, small), _timed(func, big)
        t1, t2, total, runs = min(t1, s1), min(t2, s2), total + s1 + s2, runs + 1
    if needs_rows:
        assert rows1 > 0 and rows2 >= 1.8 * rows1, f"{what}: {rows1} → {rows2} rows: the stage did no real work"
    assert t2 <= RATIO * max(t1, 0.02), f"{what}: {t1:.3f} s → {t2:.3f} s ({t2 / max(t1, 1e-9):.1f}×)"


#: Sentence lengths doubled per stage.  Claims: each row of the ledger holds its sentence's text, so the
#: table alone grows as rows × sentence length; the loader caps a sentence at MAX_SENTENCE_CHARS, and the
#: ledger is checked up to that cap (the article-level check below covers longer input).
SENTENCE_CHARS = {"tokens": 8_000, "sources": 12_000, "escalation": 12_000, "claims": 2_500}


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_stage_is_linear_in_the_length_of_one_sentence(stage, kind):
    # sources: one row per attributed quotation; a single long quotation is one row at any length
    needs_rows = stage != "sources" or kind == "quote"
    _check_doubling(STAGES[stage], lambda n: _frame(_sentence(kind, n)), SENTENCE_CHARS[stage],
                    f"{stage} on one {kind} sentence", needs_rows=needs_rows)


def test_escalation_subjects_are_linear_in_the_sentence_length():
    """The search back from every term to the actors before it was quadratic (4× per doubling)."""
    _check_doubling(_escalation, lambda n: _frame(_sentence("particle", n)), 12_000,
                    "escalation on one particle-heavy sentence")


def _article_folder(tmp_path, kind: str, chars: int):
    folder = tmp_path / f"{kind}{chars}"
    folder.mkdir()
    text = _sentence(kind, chars)
    (folder / "a.txt").write_text("見出し\n" + text + "\n", encoding="utf-8")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_loading_is_linear_in_the_length_of_an_article(tmp_path, kind):
    _check_doubling(lambda folder: kiji.load_corpus(folder).sentences,
                    lambda n: _article_folder(tmp_path, kind, n), 200_000, f"loading a {kind} article")


def test_a_sentence_longer_than_the_cap_is_split_with_a_warning(tmp_path):
    from kiji.loading.sentences import MAX_SENTENCE_CHARS

    folder = _article_folder(tmp_path, "onequote", 3 * MAX_SENTENCE_CHARS)
    corpus = kiji.load_corpus(folder)
    lengths = corpus.sentences["text"].str.len()
    assert lengths.max() <= MAX_SENTENCE_CHARS
    assert len(corpus.sentences) > 3
    (warnings,) = corpus.articles["warnings"]
    assert f"longer than {MAX_SENTENCE_CHARS:,} characters" in warnings
    # nothing lost: every character of the body is in some sentence
    body = _sentence("onequote", 3 * MAX_SENTENCE_CHARS)
    assert "".join(corpus.sentences["text_norm"]).replace(" ", "") == body.replace(" ", "")


def test_an_unpunctuated_run_is_cut_at_the_cap():
    from kiji.loading.sentences import cap_sentences

    pieces, n_long = cap_sentences(["あ" * 12_001], limit=5_000)
    assert n_long == 1 and [len(p) for p in pieces] == [5_000, 5_000, 2_001]
    pieces, n_long = cap_sentences(["短い文。"], limit=5_000)
    assert (pieces, n_long) == (["短い文。"], 0)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_stage_is_linear_in_the_length_of_an_article(tmp_path, stage, kind):
    """The same texts as one article, as the loader splits them (sentences at most MAX_SENTENCE_CHARS)."""
    def sentences(n):
        return kiji.load_corpus(_article_folder(tmp_path, kind, n)).sentences

    _check_doubling(STAGES[stage], sentences, 16_000, f"{stage} on a {kind} article",
                    needs_rows=stage != "sources" or kind == "quote")


def test_compound_nouns_are_read_a_bounded_number_of_tokens_back_and_forth():
    """In a run of nouns without punctuation every quantity's compound noun was read back to the sentence
    start (and forth to its end): quadratic in the sentence."""
    from kiji.claims import subjects
    from kiji.claims.extract import Tok

    def nouns(n):
        return [Tok(i, i + 1, "政", "名詞", "一般") for i in range(n)]

    def walk(tokens):
        return [(subjects._compound_back(tokens, i), subjects._compound_forward(tokens, i))
                for i in range(0, len(tokens), 4)]

    _check_doubling(walk, nouns, 6_000, "compound nouns in a run of nouns")
    (back, forth), *_ = walk(nouns(1_000))[100:]
    assert back is not None and forth is not None
