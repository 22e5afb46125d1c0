"""Tokenization: domain terms stay whole, normalization, table shape, content-word filter."""
import pandas as pd
import pytest

from kiji.tokens import tokenizer as tk

DOMAIN_TERMS = [
    "ATACMS", "ストームシャドウ", "金正恩", "ゼレンスキー", "ブリンケン", "プーチン", "国防総省",
    "北朝鮮", "クルスク", "核ドクトリン", "シャヘド136", "極超音速兵器", "北朝鮮軍",
    "第3次世界大戦", "ホワイトハウス", "クレムリン", "ロイター", "ウラジミール", "ウラジーミル",
    "ウォロディミル", "アントニー", "ジョー", "ドナルド", "F-16", "ドンバス", "フーシ派",
    "クラスター弾", "朝ロ",
]


def sentences(*texts, article_id="a"):
    return pd.DataFrame({"article_id": article_id, "sentence_id": range(len(texts)),
                         "text": list(texts), "text_norm": list(texts)})


@pytest.mark.parametrize("term", DOMAIN_TERMS)
def test_domain_term_is_one_token(term):
    surfaces = tk.tokenize_text(f"昨日、{term}について当局者が述べた。")
    assert term in surfaces, surfaces


@pytest.mark.parametrize("full, given, surname", [
    ("ウラジミール・プーチン", "ウラジミール", "プーチン"),
    ("ウラジーミル・プーチン", "ウラジーミル", "プーチン"),
    ("ウォロディミル・ゼレンスキー", "ウォロディミル", "ゼレンスキー"),
    ("アントニー・ブリンケン", "アントニー", "ブリンケン"),
    ("ジョー・バイデン", "ジョー", "バイデン"),
    ("ドナルド・トランプ", "ドナルド", "トランプ"),
])
def test_full_names_split_at_the_dot_so_surnames_count(full, given, surname):
    surfaces = tk.tokenize_text(f"米国の{full}大統領は述べた。")
    assert surfaces[2:5] == [given, "・", surname]


def test_user_entries_do_not_disturb_neighbours():
    # simpledic entries make janome read the next word as sentence-initial
    # (クルスクでも → でも/接続詞, 氏 → 名詞,一般); the default loading avoids it
    tokens = tk.tokenize_sentences(sentences("ウクライナはクルスクでも象徴的に残そうとする。",
                                             "北朝鮮が派兵し、プーチン氏は述べた。"))
    pos = dict(zip(tokens["surface"].astype(str), tokens["pos"].astype(str) + "," + tokens["pos1"].astype(str)))
    assert pos["で"].startswith("助詞") and pos["も"].startswith("助詞")
    assert pos["が"] == "助詞,格助詞"
    assert pos["氏"] == "名詞,接尾"
    assert pos["クルスク"] == "名詞,固有名詞"


def test_simpledic_caveat_is_real_with_plain_loading():
    # documents why kiji does not load the file with udic_type="simpledic" by default
    tok = tk.get_tokenizer(context=None)
    pos = [(t.surface, t.part_of_speech.split(",")[0]) for t in tok.tokenize("ウクライナはクルスクでも象徴的だ")]
    assert ("でも", "接続詞") in pos


def test_tokenizer_is_cached_per_dictionary():
    assert tk.get_tokenizer() is tk.get_tokenizer()
    assert tk.get_tokenizer("") is not tk.get_tokenizer()


def test_userdict_file_is_three_nfkc_fields():
    entries = tk.read_userdict()
    assert len(entries) >= 50
    assert set(entries["pos"]) == {"名詞"}
    assert entries["surface"].is_unique
    for term in ["ATACMS", "金正恩", "核ドクトリン", "シャヘド136", "極超音速兵器", "北朝鮮"]:
        assert term in set(entries["surface"])


def test_token_table_columns_dtypes_and_whitespace():
    df = tk.tokenize_sentences(sentences("ＡＴＡＣＭＳ を 発射した。", " 米国 は\u3000述べた。"))
    assert list(df.columns) == tk.TOKEN_COLUMNS
    assert not df["surface"].astype(str).str.strip().eq("").any()
    assert df["surface"].astype(str).tolist()[:3] == ["ATACMS", "を", "発射"]  # NFKC first
    for col in tk.CATEGORY_COLUMNS:
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    # token_id is 0.. within each sentence, start points into the normalized text
    assert df.groupby("sentence_id")["token_id"].apply(list).tolist() == [
        list(range(6)), list(range(5))]
    second = df[df["sentence_id"] == 1]
    assert second["start"].tolist()[:3] == [1, 4, 6]   # " 米国 は\u3000述べた。" (NFKC: U+3000 → space)
    assert second["base_form"].astype(str).tolist()[2] == "述べる"


def test_content_words_rule():
    # the part-of-speech rule alone: no stopword list (whatever data/stopwords*.txt hold today)
    df = tk.tokenize_sentences(sentences("プーチン氏は3日、核兵器を使う可能性(脅威)があると述べた。"))
    words = tk.content_words(df, stopwords=())["base_form"].astype(str).tolist()
    assert words == ["プーチン", "核兵器", "使う", "可能", "脅威", "述べる"]
    # same rule as the janome Analyzer filters
    analyzer = tk.make_analyzer(content_only=True, stopwords=())
    assert [t.base_form for t in analyzer.analyze("プーチン氏は3日、核兵器を使う可能性(脅威)があると述べた。")] == words


def test_stopwords_file(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("# comment\nする  # light verb\n\nある\n", encoding="utf-8")
    assert tk.load_stopwords(path) == {"する", "ある"}
    assert "する" in tk.load_stopwords()
