"""「」 around a name (model numbers, products, titles of works) is not a quotation (issue 18, item 7)."""
import pandas as pd
import pytest

from kiji.core.textnorm import normalize_text
from kiji.sourcing import extract_sources
from kiji.sourcing.quotes import Quote, is_attributed_quote, is_name_like


def sources(*texts):
    s = pd.DataFrame({"article_id": ["a"] * len(texts), "sentence_id": range(len(texts)), "text": list(texts),
                      "text_norm": [normalize_text(t) for t in texts]})
    return extract_sources(s)


@pytest.mark.parametrize("words", ["EOS R8", "AQUOS sense8", "スマートライトS3", "X100VI", "ZenBook 14"])
def test_model_numbers_and_products_are_name_like(words):
    assert is_name_like(words)


@pytest.mark.parametrize("words", ["楽しい現場でした", "断固反対", "よろしくお願いします", "A" * 31,
                                   "日本代表として戦えて、本当に光栄です"])
def test_speech_is_not_name_like(words):
    assert not is_name_like(words)


@pytest.mark.parametrize("text", [
    "新機種は「EOS R8」と名付けられた。",             # a camera model named
    "新作は「海の記憶」と題した長編小説だ。",         # a novel's title
    "会場には「スマートライトS3」と並んで旧型も置かれた。",  # a product beside another
    "この料理は地元で「ごちそう汁」と呼ばれている。",   # a dish's name
])
def test_a_name_followed_by_a_plain_predicate_is_no_attribution(text):
    assert sources(text).empty


def test_a_name_with_a_speech_cue_is_still_quoted():
    df = sources("店長は「ZenBook 14」と答えた。")
    assert df["quote"].tolist() == ["ZenBook 14"]


def test_speech_after_a_product_name_keeps_its_quote_only():
    df = sources("同社の担当者は新型カメラ「EOS R8」について「初心者でも使いやすい」と説明した。")
    assert df["quote"].tolist() == ["初心者でも使いやすい"]


def test_a_sentence_that_is_only_a_product_name_does_not_continue_the_speaker():
    df = sources("監督の田中一郎さんは「撮影には3年かけました」と語った。", "「Pixel 8a」。")
    assert df["sentence_id"].tolist() == [0]


def test_a_name_is_not_a_pending_quote():
    text = "新製品は「EOS R8」。"
    q = Quote(text.index("「"), text.index("」") + 1, "EOS R8")
    assert not is_attributed_quote(text, q)
    assert is_attributed_quote(text, q, speech_cue=True)


def test_no_source_is_labelled_with_a_question_mark():
    from kiji.sourcing.charts import plot_top_sources, source_label

    top = pd.DataFrame({"canonical": ["", "共同通信", "田中"], "source_kind": ["unresolved", "media_outlet",
                                                                         "named_person"],
                        "side": ["", "", "日本"], "n_attributions": [5, 3, 2]})
    labels = [source_label(c, k, s) for c, k, s in zip(top["canonical"], top["source_kind"], top["side"])]
    assert labels == ["話者未特定", "共同通信", "田中 (日本)"]
    fig = plot_top_sources(top)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == labels


@pytest.mark.parametrize("text", ["北山電機「ZX-300」", "週刊誌「マンスリーX」", "新製品「スマートライトS3」。"])
def test_a_product_in_brackets_is_no_caption_of_speech(text):
    assert sources(text).empty


def test_an_adverb_is_not_a_speaker():
    df = sources("「もう少し頑張れた」とポツリ。")
    assert not set(df["source_kind"]) & {"institution", "named_person", "media_outlet"}
