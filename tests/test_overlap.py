"""Passages shared between articles, found through shingles."""
import pandas as pd

from kiji.loading.overlap import overlap_matrix, shared_sentences


def _sents(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "text"]).assign(text_norm=lambda d: d["text"])


SHARED = "気象庁は二十日午後、九州南部に線状降水帯が発生したとして厳重な警戒を呼びかけた。"


def test_a_reposted_sentence_is_found_in_both_directions_and_nothing_else():
    s = _sents([
        ("a", 0, SHARED), ("a", 1, "鹿児島市では一時間に九十ミリの猛烈な雨が観測された。"),
        ("b", 0, "各地で交通機関の運休が相次いでいる。"), ("b", 1, SHARED),
        ("c", 0, "野球の日本シリーズは第七戦までもつれ込んだ。"),
    ])
    shared = shared_sentences(s)
    assert set(zip(shared["article_id"], shared["sentence_id"], shared["shared_with"])) == {("a", 0, "b"), ("b", 1, "a")}
    assert shared["share"].tolist() == [1.0, 1.0]
    m = overlap_matrix(pd.DataFrame({"article_id": ["a", "b", "c"]}), shared)
    assert m.loc["a", "b"] == 1 and m.loc["b", "a"] == 1 and m.values.sum() == 2


def test_a_lightly_edited_copy_counts_and_a_short_or_different_one_does_not():
    edited = SHARED.replace("呼びかけた", "呼び掛けた")  # one character: most shingles survive
    s = _sents([("a", 0, SHARED), ("b", 0, edited), ("c", 0, "気象庁は会見した。"),
                ("d", 0, "政府は二十日午後、九州南部の被害状況について閣僚会議を開いた。")])
    shared = shared_sentences(s)
    pairs = set(zip(shared["article_id"], shared["shared_with"]))
    assert pairs == {("a", "b"), ("b", "a")}
    assert 0.6 <= shared["share"].min() < 1.0


def test_sentences_repeated_inside_one_article_are_not_overlap():
    s = _sents([("a", 0, SHARED), ("a", 1, SHARED), ("b", 0, "全く別の記事の文がここに入っている。")])
    assert shared_sentences(s).empty
