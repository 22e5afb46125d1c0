"""Issue 12: articles are not lost over a few bad bytes; one-line articles load."""
import kiji
from kiji.core.textnorm import normalize_text

PARAGRAPH = "日銀は金融政策決定会合で、短期金利の誘導目標を据え置くことを決めた。市場では追加利上げの時期をめぐる観測が続いている。\n"


def _load_one(tmp_path, data: bytes, name="a.txt"):
    (tmp_path / name).write_bytes(data)
    return kiji.load_corpus(tmp_path)


def test_one_invalid_byte_keeps_the_article_with_a_warning(tmp_path):
    text = ("金融政策の行方\n" + PARAGRAPH * 60).encode("utf-8")
    assert len(text) > 10_000
    cut = text.index("据え置く".encode()) + 3 * 40  # inside the body, between characters
    cut = text.index("。".encode(), cut) + 3
    corpus = _load_one(tmp_path, text[:cut] + b"\xff" + text[cut:])
    assert corpus.skipped.empty, corpus.skipped
    row = corpus.articles.iloc[0]
    assert row.encoding.startswith("utf-8")
    assert "1 invalid byte" in row.warnings
    assert corpus.sentences.text.str.contains("\ufffd").sum() == 1


def test_nul_bytes_inside_utf8_japanese_are_removed_with_a_warning(tmp_path):
    text = ("金融政策の行方\n" + PARAGRAPH * 5).encode("utf-8")
    cut = text.index("。".encode()) + 3
    corpus = _load_one(tmp_path, text[:cut] + b"\x00\x00" + text[cut:])
    assert corpus.skipped.empty, corpus.skipped
    row = corpus.articles.iloc[0]
    assert "2 NUL bytes removed" in row.warnings
    assert not corpus.sentences.text.str.contains("\x00").any()


def test_many_garbage_bytes_are_still_binary(tmp_path):
    import random

    rng = random.Random(1)
    corpus = _load_one(tmp_path, bytes(rng.randrange(256) for _ in range(5000)), "noise.txt")
    assert corpus.articles.empty and len(corpus.skipped) == 1


def test_bomless_utf16_with_zero_bytes_in_kanji_loads(tmp_path):
    # 一 (U+4E00), 丸 (U+4E38), 乗 (U+4E57) ... carry a 0x00 low byte in UTF-16BE/LE
    text = "一万人の乗客\n" + "一日で一万人を超える乗客が新幹線を利用した。\n" * 3 + PARAGRAPH
    for enc in ("utf-16-le", "utf-16-be"):
        folder = tmp_path / enc
        folder.mkdir()
        corpus = _load_one(folder, text.encode(enc))
        assert corpus.skipped.empty, (enc, corpus.skipped)
        assert corpus.articles.iloc[0].title == "一万人の乗客"
        assert "一日で一万人" in corpus.sentences.text.iloc[0]


def test_one_line_article_loads(tmp_path):
    line = "台風10号は29日朝、鹿児島県に上陸し、気象庁は大雨特別警報を発表した。各地で避難指示が出ている。"
    corpus = _load_one(tmp_path, line.encode("utf-8"))
    assert corpus.skipped.empty, corpus.skipped
    assert corpus.articles.iloc[0].n_sentences == 2
    assert corpus.sentences.text.iloc[0].startswith("台風10号")


def test_one_line_after_a_date_loads(tmp_path):
    corpus = _load_one(tmp_path, "2024年8月29日\n台風10号が鹿児島県に上陸した。".encode())
    assert corpus.skipped.empty, corpus.skipped
    assert corpus.articles.iloc[0].published == "2024-08-29"
    assert corpus.sentences.text.tolist() == ["台風10号が鹿児島県に上陸した。"]


def test_fullwidth_hyphen_and_minus_fold_to_ascii_hyphen():
    assert normalize_text("Ｆ－１６") == "F-16"
    assert normalize_text("F−16") == "F-16"
    assert normalize_text("気温は－５度") == "気温は-5度"
