"""load_corpus on the seeds and on a folder mixing the seeds with re-encoded copies and bad files."""
import gzip
import os
import shutil

import pytest

import kiji
from kiji.loading.corpus import ARTICLE_COLUMNS, SENTENCE_COLUMNS

ENCODINGS = {"cp932": "cp932", "eucjp": "euc_jp", "jis": "iso2022_jp", "utf16": "utf-16"}
HOSTILE_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>&lt;script&gt;alert(1)&lt;/script&gt;ロシアの核</title>
<meta property="article:published_time" content="2024-11-20T08:00:00+09:00">
<meta property="og:site_name" content="テスト新聞"><script>document.title="pwned"</script></head>
<body><nav>ホーム | 国際</nav><article><h1>ロシアの核</h1>
<p><ruby>核<rt>かく</rt></ruby>ドクトリンが改定された。<img src=x onerror="alert(2)"></p>
<p>米政府高官によると、影響は限定的だ。</p></article><footer>© テスト新聞</footer></body></html>"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, seeds_dir):
    folder = tmp_path_factory.mktemp("mixed")
    for seed in seeds_dir.iterdir():
        shutil.copy(seed, folder / seed.name)
    original = (seeds_dir / "000_3cfebaa7a880f361.txt").read_text(encoding="utf-8")
    for name, codec in ENCODINGS.items():
        (folder / f"copy_{name}.txt").write_bytes(original.encode(codec))
    (folder / "copy_utf8bom_crlf.txt").write_bytes(original.replace("\n", "\r\n").encode("utf-8-sig"))
    (folder / "copy_cr.txt").write_bytes(original.replace("\n", "\r").encode("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.bin").write_bytes(os.urandom(4096))
    (folder / "archive.txt.gz").write_bytes(gzip.compress(original.encode("utf-8")))
    (folder / "page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "scripts_only.html").write_text("<html><head><title>x</title></head><body><script>var a=1;</script></body></html>")
    (folder / "sub").mkdir()
    return folder, kiji.load_corpus(folder)


def test_every_file_is_an_article_or_skipped(mixed):
    folder, corpus = mixed
    names = {p.name for p in folder.iterdir()}
    loaded = set(corpus.articles.source_file)
    skipped = set(corpus.skipped.source_file)
    assert loaded | skipped == names
    assert not loaded & skipped
    assert skipped == {"empty.txt", "random.bin", "archive.txt.gz", "scripts_only.html", "sub"}
    reasons = dict(corpus.skipped.itertuples(index=False))
    assert "empty" in reasons["empty.txt"]
    assert "gzip" in reasons["archive.txt.gz"]
    assert "binary" in reasons["random.bin"] or "not text" in reasons["random.bin"]
    assert "no article text" in reasons["scripts_only.html"]
    assert "subfolder" in reasons["sub"]


@pytest.mark.parametrize("copy", [f"copy_{n}" for n in ENCODINGS] + ["copy_utf8bom_crlf", "copy_cr"])
def test_reencoded_copy_yields_exactly_the_original_sentences(mixed, copy):
    _, corpus = mixed
    s = corpus.sentences
    original = s[s.article_id == "000_3cfebaa7a880f361"]
    copied = s[s.article_id == copy]
    assert list(copied.text) == list(original.text)
    assert list(copied.text_norm) == list(original.text_norm)
    assert list(copied.paragraph_id) == list(original.paragraph_id)
    row = corpus.article(copy)
    assert row.published == "2024-11-18" and row.origin_outlet == "ワシントン・ポスト"


def test_encodings_are_reported(mixed):
    _, corpus = mixed
    enc = dict(zip(corpus.articles.article_id, corpus.articles.encoding))
    assert enc["copy_cp932"] == "cp932"
    assert enc["copy_eucjp"] == "euc_jp"
    assert enc["copy_jis"] == "iso-2022-jp"
    assert enc["copy_utf16"].startswith("utf-16")
    assert enc["copy_utf8bom_crlf"] == "utf-8 with BOM"


def test_html_page_text_not_markup(mixed):
    _, corpus = mixed
    row = corpus.article("page")
    assert row.format == "html"
    assert row.title == "<script>alert(1)</script>ロシアの核"  # shown as text; escaping is the report's job
    assert row.published == "2024-11-20" and row.outlet == "テスト新聞"
    texts = list(corpus.sentences[corpus.sentences.article_id == "page"].text)
    assert texts == ["核ドクトリンが改定された。", "米政府高官によると、影響は限定的だ。"]  # ruby reading かく dropped
    joined = "".join(texts)
    assert "<" not in joined and "onerror" not in joined and "ホーム" not in joined and "©" not in joined


def test_tables_have_documented_columns(seed_corpus):
    assert list(seed_corpus.articles.columns) == ARTICLE_COLUMNS
    assert list(seed_corpus.sentences.columns) == SENTENCE_COLUMNS
    s = seed_corpus.sentences
    assert not s.duplicated(["article_id", "sentence_id"]).any()
    for _aid, group in s.groupby("article_id"):
        assert list(group.sentence_id) == list(range(len(group)))
    counts = s.groupby("article_id").size()
    assert dict(counts) == dict(zip(seed_corpus.articles.article_id, seed_corpus.articles.n_sentences))


def test_normalized_copy(tmp_path):
    (tmp_path / "a.txt").write_text("見出し\n３月～５月にＡＴＡＣＭＳを\u200b使用した。ｶﾀｶﾅ\ufeff。\n", encoding="utf-8")
    s = kiji.load_corpus(tmp_path).sentences
    assert s.text.iloc[0] == "３月～５月にＡＴＡＣＭＳを\u200b使用した。"
    assert s.text_norm.iloc[0] == "3月〜5月にATACMSを使用した。"
    assert s.text_norm.iloc[1] == "カタカナ。"


def test_overrides_win_and_say_so(tmp_path, seeds_dir):
    folder = tmp_path / "arts"
    folder.mkdir()
    shutil.copy(seeds_dir / "003_79c1e7e875881228.txt", folder)
    shutil.copy(seeds_dir / "001_c2170d3d0a89e36f.txt", folder)
    meta = tmp_path / "metadata.csv"
    meta.write_text("source_file,field,value,note\n"
                    "003_79c1e7e875881228.txt,published,2024-11-18,from the website\n"
                    "003_79c1e7e875881228.txt,outlet,中央日報日本語版,\n"
                    "001_c2170d3d0a89e36f.txt,translator,別人,test\n"
                    "001_c2170d3d0a89e36f.txt,published,not a date,\n"
                    "001_c2170d3d0a89e36f.txt,colour,red,\n"
                    "001_c2170d3d0a89e36f.txt,n_chars,3,\n", encoding="utf-8")
    corpus = kiji.load_corpus(folder, metadata=meta)
    a3 = corpus.article("003_79c1e7e875881228")
    assert (a3.published, a3.published_source) == ("2024-11-18", "override")
    assert (a3.outlet, a3.outlet_source) == ("中央日報日本語版", "override")
    a1 = corpus.article("001_c2170d3d0a89e36f")
    assert (a1.translator, a1.translator_source) == ("別人", "override")
    assert (a1.published, a1.published_source) == ("2024-11-25", "header")
    assert "not a date" in a1.warnings and "n_chars" in a1.warnings
    assert (a1.colour, a3.colour) == ("red", "")  # a variable of the analyst's (issue 19)


def test_seed_override_file_is_applied(seed_corpus):
    a3 = seed_corpus.article("003_79c1e7e875881228")
    assert (a3.origin_outlet, a3.origin_outlet_source) == ("中央日報", "override")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(kiji.CorpusError, match="not found"):
        kiji.load_corpus(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(kiji.CorpusError, match="not a folder"):
        kiji.load_corpus(tmp_path / "file.txt")


def test_same_stem_twice_gets_distinct_ids(tmp_path):
    (tmp_path / "a.txt").write_text("見出し\n本文だ。", encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><head><title>T</title></head><body><p>別の本文だ。</p></body></html>")
    (tmp_path / "b.txt").write_text("見出し\n本文だ。", encoding="utf-8")
    corpus = kiji.load_corpus(tmp_path)
    assert sorted(corpus.articles.article_id) == ["a", "a.txt", "b"]
    assert "same bytes as a.txt" in corpus.article("b").warnings


def test_same_name_in_three_folders_gets_three_ids(tmp_path):
    for sub, text in (("x", "見出し\n本文だ。"), ("y", "別の見出し\n別の本文だ。"), ("z", "三つ目\n雨が降った。")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(text, encoding="utf-8")
    corpus = kiji.load_corpus(tmp_path, recursive=True)
    assert sorted(corpus.articles.article_id) == ["a", "a.txt", "z/a.txt"]


def test_unique_id_makes_numbered_ids_one_at_a_time():
    from kiji.loading.corpus import _unique_id

    seen = {"a", "a.txt", "x/a.txt", "x/a.txt#2"}
    assert _unique_id(("a", "a.txt", "x/a.txt"), "x/a.txt", seen) == "x/a.txt#3"
    assert _unique_id(("b", "b.txt", "b.txt"), "b.txt", seen) == "b"
