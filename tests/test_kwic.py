"""KWIC windows stop at sentence bounds."""
import pandas as pd

from kiji.terms.kwic import kwic
from kiji.tokens.tokenizer import tokenize_sentences

SENTS = pd.DataFrame({"article_id": ["x", "x"], "sentence_id": [0, 1],
                      "text_norm": ["米国は核兵器を使用しない。", "核兵器"]})
ARTICLES = pd.DataFrame({"article_id": ["x"], "title": ["題"], "outlet": ["社"]})


def test_token_window_clipped_at_sentence_start_and_end():
    tokens = tokenize_sentences(SENTS)
    k = kwic(tokens, "核兵器", window=3, articles=ARTICLES)
    assert len(k) == 2
    first, second = k.iloc[0], k.iloc[1]
    # 米国 は | 核兵器 | を 使用 し (only two tokens exist on the left)
    assert (first["left"], first["node"], first["right"]) == ("米国は", "核兵器", "を使用し")
    assert (first["sentence_id"], first["token_id"], first["start"]) == (0, 2, 3)
    # a one-token sentence: nothing either side, and nothing leaks from sentence 0
    assert (second["left"], second["node"], second["right"]) == ("", "核兵器", "")
    assert (first["title"], first["outlet"]) == ("題", "社")


def test_char_window_and_contains_match():
    tokens = tokenize_sentences(SENTS)
    k = kwic(tokens, "核", unit="chars", window=4, sentences=SENTS)
    assert k[["left", "node", "right"]].values.tolist() == [["米国は", "核", "兵器を使"], ["", "核", "兵器"]]
    assert k["title"].tolist() == ["", ""]
    contains = kwic(tokens, "核", match="contains", window=1)
    assert contains["node"].tolist() == ["核兵器", "核兵器"]
    assert kwic(tokens, "核").empty  # exact: 核 alone is not a token here


def test_multi_token_query_and_base_form():
    tokens = tokenize_sentences(pd.DataFrame({"article_id": ["y"], "sentence_id": [0],
                                              "text_norm": ["当局者は核兵器使用を否定したと述べた。"]}))
    assert kwic(tokens, "核兵器使用", window=1)[["left", "node", "right"]].values.tolist() == [
        ["は", "核兵器使用", "を"]]
    assert kwic(tokens, "述べる", window=1)["node"].tolist() == ["述べ"]
