"""Generic verbs and formal nouns no longer top the term lists (issue 18, item 8): a general stopword
list (data/stopwords_general.txt) with the analyst's own, and part-of-speech rules."""
import pandas as pd

from kiji.terms.frequency import term_frequency
from kiji.tokens import tokenizer as tk

STORIES = [  # own sentences, several kinds of story
    "新しいカメラを使ってみると、思ったより軽いと思う人が多いと見る店員もいる。",
    "試合に出る選手は監督と話し合いを行う予定で、今回は若手が多く出ると見られる。",
    "研究チームは新薬の効果について調べる実験を行い、関連する論文を出すと話した。",
    "市は昨年から駅前の再開発を行っており、住民は工事の騒音が気になると思っている。",
    "人気歌手は新曲の発売に合わせてライブを行うと発表し、ファンは喜んでいると見る。",
]


def tokens():
    s = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(STORIES))], "sentence_id": 0,
                      "text_norm": STORIES})
    return tk.tokenize_sentences(s)


def top(tf, n=8):
    return tf.head(n)["term"].tolist()


def test_content_words_top_the_list():
    tf = term_frequency(tokens(), level="corpus")
    generic = {"思う", "見る", "行う", "する", "なる", "出る", "こと", "人", "関連", "いる", "今回", "昨年"}
    assert not generic & set(top(tf, 10))
    assert {"カメラ", "新薬", "開発", "新曲"} <= set(tf["term"])


def test_pos_rules_hold_without_any_list():
    """Verbs and adjectives written only in hiragana and adverbial nouns go by part of speech alone."""
    t = tokens()
    words = set(tk.content_words(t, stopwords=())["base_form"])
    assert not {"する", "いる", "なる", "今回", "昨年"} & words
    assert {"思う", "見る", "行う", "カメラ"} <= words          # only the lists remove these


def test_the_general_list_and_the_analysts_list_add_up(data_copy):
    (data_copy / "stopwords_general.txt").write_text("思う\n見る\n", encoding="utf-8")
    (data_copy / "stopwords.txt").write_text("カメラ\n", encoding="utf-8")
    assert tk.load_stopwords() == {"思う", "見る", "カメラ"}
    words = set(tk.content_words(tokens())["base_form"])
    assert not {"思う", "見る", "カメラ"} & words and {"行う", "新薬"} <= words


def test_analyzer_and_table_apply_the_same_rule():
    analyzer = tk.make_analyzer(content_only=True)
    t = tokens()
    for i, text in enumerate(STORIES):
        table = tk.content_words(t[t["article_id"] == f"a{i}"])["base_form"].astype(str).tolist()
        assert [tok.base_form for tok in analyzer.analyze(text)] == table


def test_content_mask_decided_per_distinct_word_equals_the_row_by_row_rule():
    # content_mask decides once per distinct (POS, base form, surface): the same answer as the rule on
    # every row, in the table's own order and index, with missing values and an odd index too
    t = tokens()
    t = pd.concat([t, t.iloc[::-1]], ignore_index=True)
    t.index = t.index * 3 + 7
    t.loc[t.index[2], "base_form"] = None
    for stop in (None, (), ("試合", "行う", "人")):
        got = tk.content_mask(t, stop)
        want = tk._content_rule(t, tk.load_stopwords() if stop is None else frozenset(stop))
        assert got.index.equals(t.index)
        assert got.tolist() == want.tolist()
        assert 0 < got.sum() < len(t)
    assert tk.content_mask(t.iloc[0:0]).tolist() == []
