"""--tokenizer mecab: the token table of janome, within 1%, and every difference explained."""
from __future__ import annotations

import pandas as pd
import pytest

import kiji
from kiji.core.cache import Cache
from kiji.core.parallel import InProcess
from kiji.core.run import Run
from kiji.tokens import parity, tokenize_corpus
from kiji.tokens.tokenizer import tokenize_sentences, tokenize_text
from tests.corpus_factory import SOURCE_DIR

pytest.importorskip("fugashi", reason="fugashi is not installed (a kiji dependency: pip install -e .)")


def _report(name, result):
    print(f"\n{name}: {result.summary()}")


def test_seeds_mecab_parity(seed_corpus):
    """Seed regression: share of identical tokens (surface, base form, POS) on the five seeds."""
    result = parity.compare(seed_corpus.sentences)
    _report("seeds", result)
    assert result.share >= 0.99
    assert set(result.differences["kind"]) <= set(parity.KINDS)
    assert "other_tags" not in set(result.differences["kind"])  # every difference on the seeds is explained


def test_own_articles_mecab_parity(tmp_path):
    corpus = kiji.load_corpus(SOURCE_DIR)
    result = parity.compare(corpus.sentences)
    _report("tests/data/articles", result)
    # many Latin acronyms and brackets here: their unknown-word tags differ (symbol_pos, latin_pos),
    # the token boundaries do not
    assert result.share >= 0.97 and result.span_share >= 0.995
    unexplained = result.differences[result.differences["kind"].isin(["other_tags", "segmentation"])]
    assert len(unexplained) <= 0.002 * result.n_janome, unexplained.to_string()


def test_kinds_are_told_apart():
    assert parity.kind_of("(", "名詞,サ変接続,*", "記号,一般,*") == "symbol_pos"
    assert parity.kind_of("System", "名詞,固有名詞,組織", "名詞,一般,*") == "latin_pos"
    assert parity.kind_of("ジョー・バイデン", "名詞,一般,*", None) == "segmentation"
    assert parity.kind_of("行っ", "動詞,自立,*", "動詞,非自立,*") == "other_tags"


def test_user_dictionary_applies_to_mecab(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "userdict.csv").write_text("北洋ミサイル連合,名詞,ホクヨウミサイルレンゴウ\n", encoding="utf-8")
    monkeypatch.setenv("KIJI_DATA", str(data))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text_norm": ["北洋ミサイル連合が声明を出した。"]})
    for name in ("janome", "mecab"):
        tokens = tokenize_sentences(sentences, tokenizer=name)
        assert tokens["surface"].iloc[0] == "北洋ミサイル連合", name
        assert (tokens["pos"].iloc[0], tokens["pos1"].iloc[0]) == ("名詞", "固有名詞")
    assert list((tmp_path / "xdg" / "kiji" / "mecab").glob("userdict-*.dic"))  # compiled into the cache folder
    plain = tokenize_sentences(sentences, tokenizer="mecab", userdict="")
    assert plain["surface"].iloc[0] != "北洋ミサイル連合"


def test_cache_keys_on_the_tokenizer(seed_corpus, tmp_path, monkeypatch):
    folder = Cache(tmp_path / "cache")
    janome_run = Run(cache=folder, executor=InProcess())
    mecab_run = Run(cache=folder, executor=InProcess(), tokenizer="mecab")
    janome = tokenize_corpus(seed_corpus, run=janome_run)
    mecab = tokenize_corpus(seed_corpus, run=mecab_run)
    assert janome_run.stats["tokens"] == mecab_run.stats["tokens"] == {"computed": 5, "cached": 0}  # none reused
    pd.testing.assert_frame_equal(mecab, tokenize_sentences(seed_corpus.sentences, tokenizer="mecab"))
    assert janome["pos"].astype(str).eq("記号").sum() != mecab["pos"].astype(str).eq("記号").sum()
    assert tokenize_text("核実験を行った") == ["核", "実験", "を", "行っ", "た"]


def test_unknown_tokenizer_is_refused():
    with pytest.raises(ValueError, match="unknown tokenizer 'sudachi'"):
        tokenize_text("テスト", tokenizer="sudachi")
