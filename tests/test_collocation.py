"""Collocation measures on a hand-made token table checked by hand."""
import math

import pandas as pd

from kiji.terms.collocation import collocates, collocation_pairs
from kiji.terms.frequency import log_likelihood


def hand_tokens(sentences):
    rows = []
    for sid, words in enumerate(sentences):
        for tid, w in enumerate(words):
            rows.append(("t", sid, tid, tid, w, w, "名詞", "一般", "*", "*", "*"))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "token_id", "start", "surface",
                                       "base_form", "pos", "pos1", "pos2", "pos3", "reading"])


def test_measures_window_one():
    # s0: 甲 乙 丙 甲 丁   s1: 乙 戊      node 甲, window 1
    tokens = hand_tokens([["甲", "乙", "丙", "甲", "丁"], ["乙", "戊"]])
    pairs = collocation_pairs(tokens, "甲", window=1)
    assert sorted(pairs["collocate"]) == ["丁", "丙", "乙"]   # 戊 is in another sentence
    c = collocates(tokens, "甲", window=1, min_count=1).set_index("collocate")
    # N = 7 tokens - 2 node occurrences = 5; W = slots 乙, 丙, 丁 = 3
    assert (c["n_tokens"].iloc[0], c["window_tokens"].iloc[0], c["node_freq"].iloc[0]) == (5, 3, 2)
    # 乙: O = 1, f = 2, E = 2 * 3 / 5 = 1.2
    assert c.loc["乙", "observed"] == 1 and math.isclose(c.loc["乙", "expected"], 1.2)
    assert math.isclose(c.loc["乙", "mi"], math.log2(1 / 1.2), abs_tol=1e-4)
    assert math.isclose(c.loc["乙", "t_score"], (1 - 1.2) / 1, abs_tol=1e-4)
    # 丙: O = 1, f = 1, E = 0.6; G² of [[1, 2], [0, 2]]
    assert math.isclose(c.loc["丙", "mi"], math.log2(1 / 0.6), abs_tol=1e-4)
    expected_g2 = 2 * (1 * math.log(1 / 0.6) + 2 * math.log(2 / 2.4) + 2 * math.log(2 / 1.6))
    assert math.isclose(c.loc["丙", "log_likelihood"], expected_g2, abs_tol=1e-3)
    assert math.isclose(log_likelihood(1, 0, 3, 2), expected_g2, abs_tol=1e-9)
    assert c.loc["丙", "left"] == 1 and c.loc["丁", "right"] == 1


def test_overlapping_windows_count_a_token_once():
    tokens = hand_tokens([["甲", "乙", "甲"]])
    c = collocates(tokens, "甲", window=2, min_count=1).set_index("collocate")
    assert c.loc["乙", "observed"] == 1 and c.loc["乙", "collocate_freq"] == 1
    assert c.loc["乙", "window_tokens"] == 1
