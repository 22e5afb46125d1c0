"""Frequencies and keyness on tiny corpora whose answers are known by reading them."""
import math

import pandas as pd

from kiji.terms import frequency as terms
from kiji.tokens.tokenizer import tokenize_sentences


def corpus(articles: dict[str, list[str]]) -> pd.DataFrame:
    rows = [(aid, i, s) for aid, sents in articles.items() for i, s in enumerate(sents)]
    return tokenize_sentences(pd.DataFrame(rows, columns=["article_id", "sentence_id", "text_norm"]))


TINY = {"a": ["猫が魚を食べた。", "猫が寝た。"], "b": ["犬が走った。"]}


def g2_by_hand(a, b, c, d):
    n = c + d
    cells = [(a, c * (a + b) / n), (c - a, c * (n - a - b) / n),
             (b, d * (a + b) / n), (d - b, d * (n - a - b) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def test_counts_on_tiny_corpus():
    tokens = corpus(TINY)
    tf = terms.term_frequency(tokens)
    a = tf[tf["article_id"] == "a"].set_index("term")
    # 猫 が 魚 を 食べ た 。 / 猫 が 寝 た 。 → content words 猫 ×2, 魚, 食べる, 寝る
    assert a["count"].to_dict() == {"猫": 2, "魚": 1, "食べる": 1, "寝る": 1}
    assert a.loc["猫", "n_sentences"] == 2 and a.loc["猫", "rank"] == 1
    # words (no symbols): 猫 が 魚 を 食べ た + 猫 が 寝 た = 10
    assert a.loc["猫", "n_words"] == 10
    assert a.loc["猫", "per_10k"] == 2000.0
    corpus_tf = terms.term_frequency(tokens, level="corpus").set_index("term")
    assert set(corpus_tf["article_id"]) == {"ALL"}
    assert corpus_tf.loc["猫", "count"] == 2 and corpus_tf.loc["犬", "count"] == 1
    counts = terms.token_counts(tokens).set_index("article_id")
    assert counts.loc["a", "n_tokens"] == 12 and counts.loc["b", "n_tokens"] == 5
    assert counts.loc["a", "n_content"] == 5 and counts.loc["b", "n_content"] == 2
    pos = terms.pos_frequency(tokens, level="corpus").set_index("pos")["count"]
    assert pos["名詞"] == 4 and pos["記号"] == 3


def test_log_likelihood_matches_hand_computation():
    tokens = corpus(TINY)
    kn = terms.keyness(tokens, min_count=1)
    row = kn[(kn["article_id"] == "a") & (kn["term"] == "猫")].iloc[0]
    assert (row["count"], row["count_rest"], row["n_content"], row["n_content_rest"]) == (2, 0, 5, 2)
    assert math.isclose(row["log_likelihood"], g2_by_hand(2, 0, 5, 2), abs_tol=1e-3)
    assert math.isclose(row["log_likelihood"], 1.6457, abs_tol=1e-3)
    assert math.isclose(row["expected"], 5 * 2 / 7, abs_tol=1e-3)
    assert row["direction"] == "over"
    assert math.isclose(terms.log_likelihood(10, 10, 1000, 1000), 0.0, abs_tol=1e-9)


def test_keyness_finds_the_obvious_word():
    tokens = corpus({
        "war": ["ミサイルを発射した。", "ミサイルが飛んだ。", "ミサイルは落ちた。", "政府は声明を出した。"],
        "econ": ["政府は声明を出した。", "経済が回復した。", "経済は成長した。", "物価が上がった。"],
    })
    kn = terms.keyness(tokens, min_count=1)
    assert kn[kn["article_id"] == "war"].iloc[0]["term"] == "ミサイル"
    assert kn[kn["article_id"] == "econ"].iloc[0]["term"] == "経済"
    shared = kn[(kn["article_id"] == "war") & (kn["term"] == "政府")].iloc[0]
    assert shared["log_likelihood"] < 1 and shared["rank"] > 1
    assert kn["method"].str.contains("Dunning").all()


def test_tfidf_zero_for_words_in_every_article():
    tokens = corpus({"a": ["政府は経済を語った。"], "b": ["政府は戦争を語った。"]})
    tt = terms.tfidf(tokens).set_index(["article_id", "term"])
    assert tt.loc[("a", "政府"), "tfidf"] == 0
    assert math.isclose(tt.loc[("a", "経済"), "idf"], math.log(2))


def test_tables_shape(seed_corpus):
    from kiji.tokens import tokenize_corpus

    out = terms.tables(tokenize_corpus(seed_corpus))
    assert {"tokens", "term_frequency", "keyness"} <= set(out)
    tok = out["tokens"]
    assert set(tok["article_id"]) == set(seed_corpus.articles["article_id"])
    assert {"article_id", "sentence_id", "token_id", "surface", "base_form", "pos", "pos1",
            "pos2", "pos3", "reading"} <= set(tok.columns)


def test_keyness_of_articles_too_short_to_compare_is_an_empty_table():
    tokens = tokenize_sentences(pd.DataFrame({"article_id": ["a", "b"], "sentence_id": [0, 0],
                                              "text_norm": ["市長が橋を視察した。", "農家が稲を刈り取った。"]}))
    out = terms.keyness(tokens)  # no term occurs twice in an article
    assert out.empty and "log_likelihood" in out.columns
