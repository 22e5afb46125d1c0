"""Issue 19 item 2: coding rules matched over the token table (base forms, phrases, near, seq,
raw text, references; sentence / paragraph / article units), checked against a plain evaluator."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiji.codes.match import apply_codes
from kiji.codes.rules import And, Not, Or, Phrase, Raw, Ref, parse_codes
from kiji.tokens.tokenizer import tokenize_sentences

# sentences in our own words, several kinds of story
TEXTS = [
    (0, "市は新しい図書館の建設計画を発表した。"),
    (0, "住民からは費用を心配する声が上がった。"),
    (1, "台風が接近し、気象庁は大雨への警戒を呼びかけた。"),
    (0, "決勝で代表チームが逆転勝ちした。"),
    (0, "研究チームは人工知能を使って新薬の候補を見つけた。"),
    (1, "人工的な知能の話ではないと研究者は述べた。"),
]


@pytest.fixture(scope="module")
def corpus():
    rows = []
    for aid, chunk in (("a", TEXTS[:3]), ("b", TEXTS[3:])):
        for sid, (pid, text) in enumerate(chunk):
            rows.append((aid, pid, sid, text))
    sents = pd.DataFrame(rows, columns=["article_id", "paragraph_id", "sentence_id", "text_norm"])
    return sents, tokenize_sentences(sents)


def _coded(corpus, text, unit="sentence"):
    sents, toks = corpus
    coding = apply_codes(toks, sents, parse_codes(text), unit=unit,
                         splitter=lambda w: list(tokenize_sentences(pd.DataFrame(
                             {"article_id": ["w"], "sentence_id": [0], "text_norm": [w]}))["base_form"].astype(str)))
    wide = coding.wide()
    return {c: sorted(wide.index[wide[c]]) for c in wide.columns}, coding


def test_base_forms_phrases_and_raw_text(corpus):
    found, coding = _coded(corpus, "*発表\n発表\n*述べる\n述べる\n*AI\n人工+知能\n*声\n'声が上'")
    assert found == {"発表": ["a:s0"], "述べる": ["b:s2"], "AI": ["b:s1"], "声": ["a:s1"]}
    hits = coding.hits.set_index("code")
    sents = corpus[0].set_index(["article_id", "sentence_id"])["text_norm"]
    for _, row in hits.iterrows():
        assert sents[(row.article_id, row.sentence_id)][row.start:row.end] in {"発表", "述べ", "人工知能", "声が上"}


def test_a_word_the_tokenizer_splits_is_matched_as_its_phrase(corpus):
    sents, toks = corpus
    assert "人工知能" not in set(toks["base_form"].astype(str))
    found, _ = _coded(corpus, "*AI\n人工知能")
    assert found["AI"] == ["b:s1"]


def test_near_seq_and_windows(corpus):
    # 台風/が/接近/し/、/気象庁/は/大雨/へ/の/警戒/…: 気象庁 and 警戒 are 5 words apart
    found, _ = _coded(corpus, "*近い\nnear(気象庁-警戒)[5]\n*遠い\nnear(気象庁-警戒)[4]\n"
                              "*順\nseq(台風-警戒)\n*逆\nseq(警戒-台風)\n*三つ\nnear(研究-人工-候補)[10]\n"
                              "*三つ遠い\nnear(研究-人工-候補)[9]")
    assert found == {"近い": ["a:s2"], "遠い": [], "順": ["a:s2"], "逆": [], "三つ": ["b:s1"], "三つ遠い": []}


def test_boolean_operators_references_and_units(corpus):
    text = "*研究\n研究\n*研究だけ\n<*研究> and not (人工+知能)\n*どちらか\n台風 or 決勝\n*両方\n決勝 and 研究"
    found, _ = _coded(corpus, text)
    assert found["研究だけ"] == ["b:s2"] and found["どちらか"] == ["a:s2", "b:s0"] and found["両方"] == []
    found, coding = _coded(corpus, text, unit="paragraph")
    assert found["研究だけ"] == ["b:p1"] and found["研究"] == ["b:p0", "b:p1"]  # 研究者 in p1; 人工知能 in p0
    found, coding = _coded(corpus, text, unit="article")
    assert found["研究だけ"] == [] and found["両方"] == ["b"] and found["どちらか"] == ["a", "b"]  # one article
    long = coding.long()
    assert list(long.columns) == ["unit_id", "article_id", "paragraph_id", "sentence_id", "code"]
    row = long[(long.code == "どちらか") & (long.unit_id == "a")].iloc[0]
    assert row.sentence_id == 2  # the sentence where the word occurs, not the article's first


# ---------------------------------------------------------------- a plain evaluator, for reference
WORDS = ["x", "y", "z", "w"]


def _positions(unit_tokens, words):
    """(first, last) positions in the unit of each occurrence of the phrase, within one sentence."""
    out = []
    for i in range(len(unit_tokens)):
        if all(i + j < len(unit_tokens) and unit_tokens[i + j] == (unit_tokens[i][0], w)
               for j, w in enumerate(words)):
            out.append((i, i + len(words) - 1))
    return out


def _plain(expr, unit_tokens, codes):
    if isinstance(expr, Phrase):
        return bool(_positions(unit_tokens, expr.words))
    if isinstance(expr, Raw):
        return False
    if isinstance(expr, Ref):
        return _plain(codes[expr.name], unit_tokens, codes)
    if isinstance(expr, Not):
        return not _plain(expr.item, unit_tokens, codes)
    if isinstance(expr, And):
        return all(_plain(e, unit_tokens, codes) for e in expr.items)
    if isinstance(expr, Or):
        return any(_plain(e, unit_tokens, codes) for e in expr.items)
    occ = [_positions(unit_tokens, item.words) for item in expr.items]
    for first, last in occ[0]:
        if expr.ordered:
            prev, ok = last, True
            for later in occ[1:]:
                nxt = [(f, l_) for f, l_ in later if f > prev]
                if not nxt or nxt[0][0] - prev > expr.window:
                    ok = False
                    break
                prev = nxt[0][1]
        else:
            ok = all(any(abs(f - first) <= expr.window for f, _ in later) for later in occ[1:])
        if ok:
            return True
    return False


phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(lambda w: "+".join(w))
atoms = st.one_of(
    phrases,
    st.tuples(st.sampled_from(["near", "seq"]), st.lists(phrases, min_size=2, max_size=3),
              st.integers(1, 4)).map(lambda t: f"{t[0]}({'-'.join(t[1])})[{t[2]}]"))
exprs = st.recursive(atoms, lambda inner: st.one_of(
    st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
    inner.map(lambda e: f"not {e}")), max_leaves=5)


@settings(max_examples=60, deadline=None)
@given(articles=st.lists(st.lists(st.lists(st.sampled_from(WORDS + ["。"]), max_size=8), min_size=1, max_size=3),
                         min_size=1, max_size=4),
       rules=st.lists(exprs, min_size=1, max_size=3), unit=st.sampled_from(["sentence", "paragraph", "article"]))
def test_vectorised_matching_equals_a_plain_evaluator(articles, rules, unit):
    sent_rows, tok_rows = [], []
    for a, sentences in enumerate(articles):
        for s, words in enumerate(sentences):
            sent_rows.append((f"d{a}", s // 2, s, "".join(words)))
            tok_rows += [(f"d{a}", s, t, t, w, w) for t, w in enumerate(words)]
    sents = pd.DataFrame(sent_rows, columns=["article_id", "paragraph_id", "sentence_id", "text_norm"])
    toks = pd.DataFrame(tok_rows, columns=["article_id", "sentence_id", "token_id", "start", "surface", "base_form"])
    text = "".join(f"*c{i}\n{r}\n" for i, r in enumerate(rules))
    parsed = parse_codes(text)
    coding = apply_codes(toks, sents, parsed, unit=unit)
    codes = {c.name: c.expr for c in parsed.codes}
    for row, unit_id in enumerate(coding.units["unit_id"]):
        members = sents.assign(uid=sents["article_id"] + (
            "" if unit == "article" else (":s" + sents["sentence_id"].astype(str) if unit == "sentence"
                                          else ":p" + sents["paragraph_id"].astype(str))))
        unit_tokens = [(s, w) for _, r in members[members.uid == unit_id].iterrows()
                       for s, w in [(r.sentence_id, w) for w in articles[int(r.article_id[1:])][r.sentence_id]]]
        for j, c in enumerate(parsed.codes):
            assert bool(coding.matrix[row, j]) == _plain(c.expr, unit_tokens, codes), (unit_id, c.source)
    assert np.isin(coding.hits["unit_id"], coding.units["unit_id"]).all()
