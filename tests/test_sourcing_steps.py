"""Each step of sourcing on its own, with a small fixture vocabulary (never data/).

Sentences are written for these tests (Taiwan Strait, Japanese politics,
economy, disasters, sport); none comes from an article.
"""
import random

import pandas as pd
import pytest

from kiji.sourcing.anaphora import Antecedents
from kiji.sourcing.attributions import extract_attributions
from kiji.sourcing.chains import link
from kiji.sourcing.cues import find_cues, quotative_positions
from kiji.sourcing.model import make_vocab
from kiji.sourcing.phrases import Source, classify_phrase, split_head
from kiji.sourcing.quotes import mask_quotes
from kiji.sourcing.subject import TailGrammar, choose_subject, subject_phrases

CUES = [("によると", "according_to", False), ("述べ", "say", False), ("語っ", "say", False),
        ("話し", "say", True), ("指摘し", "assess", False), ("主張し", "claim", False),
        ("明らかにし", "say", False), ("発表", "say", False), ("伝え", "report", True),
        ("コメントを控え", "declined", False), ("の言葉を引用", "quoting", False), ("とした", "say", False)]
ENTITIES = {"台湾": ("台湾", "state", "台湾"), "中国": ("中国", "state", "中国"), "米": ("米国", "marker", "米国"),
            "英": ("英国", "marker", "英国"), "共同通信": ("共同通信", "outlet", "日本"),
            "ホワイトハウス": ("ホワイトハウス", "office", "米国")}
TITLE_SHAPES = [("官", "suffix"), ("相", "suffix"), ("長", "suffix"), ("大臣", "suffix"), ("総統", "suffix"),
                ("主席", "suffix"), ("者", "suffix"), ("員", "suffix"), ("督", "suffix"), ("副", "prefix"),
                ("前", "prefix")]
CLASSES = [("紙", "suffix", "media_outlet"), ("通信", "suffix", "media_outlet"), ("テレビ", "suffix", "media_outlet"),
           ("紙", "prefix", "media_outlet"), ("テレビ局", "prefix", "media_outlet"), ("版", "edition", "media_outlet"),
           ("省", "suffix", "institution"), ("庁", "suffix", "institution"), ("部", "suffix", "institution"),
           ("軍", "suffix", "institution"), ("委員会", "suffix", "institution"), ("書", "suffix", "document")]
ANON = {"関係者": "anonymous", "当局者": "anonymous", "消息筋": "anonymous", "メディア": "media_outlet"}


def vocab(shuffle_seed=None):
    parts = dict(
        cues=list(CUES), anon_heads=dict(ANON), anon_mods=["ある", "複数の", "別の"], anon_mod_suffixes=["に近い"],
        entities=dict(ENTITIES), titles={"首相": "", "報道官": "", "総統": "", "外相": ""},
        honorifics=["氏", "さん"], title_shapes=list(TITLE_SHAPES), phrase_classes=list(CLASSES),
        anaphors=[("同氏", "whole", "named_person"), ("同", "prefix", "same_shape")], connectives=["また", "一方"],
        channels={"声明": "document", "X": "social_media"}, report_nouns={"調べ": "", "報道": "media_outlet"})
    if shuffle_seed is not None:
        rng = random.Random(shuffle_seed)
        for key in ("cues", "title_shapes", "phrase_classes"):
            rng.shuffle(parts[key])
        parts["entities"] = dict(sorted(parts["entities"].items(), key=lambda _kv: rng.random()))
    return make_vocab(**parts)


V = vocab()


def run(*texts, v=V):
    df = pd.DataFrame({"article_id": "t", "sentence_id": range(len(texts)), "text_norm": list(texts)})
    return extract_attributions(df, v)


# ------------------------------------------------------------------ step 1: cues
def cue_names(text):
    masked, _q = mask_quotes(text)
    return [(c.cue, c.form) for c in find_cues(masked, V)]


def test_cues_listed_noun_final_and_quotative_predicate():
    assert cue_names("経産相は「賃上げは続く」と述べた。") == [("述べ", "verb")]
    assert cue_names("専門家は「円安は一服する」と指摘。") == [("指摘", "noun")]
    found = cue_names("監督は「選手がよく走った」と胸を張った。")
    assert found and found[0][1] == "quotative" and found[0][0].endswith("張った")


def test_cues_negated_adnominal_and_decision_are_not_cues():
    assert cue_names("首相は詳細を述べなかった。") == []
    assert cue_names("知事は計画を発表した際に混乱があった。") == []
    assert cue_names("政府は支援を延長することとした。") == []


def test_cues_stance_and_report_noun():
    assert cue_names("日銀は景気が回復しているとの見方を示した。")[0][1] == "stance"
    assert cue_names("警察の調べでは、火元は台所だった。") == [("調べ", "report")]


# ------------------------------------------------------------------ step 2: subject
def subject(text):
    masked, _q = mask_quotes(text)
    grammar = TailGrammar(("ある",), ("に近い",), ("氏", "さん"))
    phrases = subject_phrases(masked, grammar)
    cue = find_cues(masked, V)[-1]
    p, pattern = choose_subject(masked, phrases, 0, cue.start, quotative_positions(masked, 0, cue.start))
    return (p.text if p else None), pattern


def test_subject_after_quote_and_before_quote():
    assert subject("「輸出は伸びる」と、経産省の担当者は述べた。") == ("経産省の担当者", "speaker_after_quote")
    assert subject("林氏は、台風が上陸する恐れがあると述べた。") == ("林氏", "speaker_before")


def test_subject_ga_of_reported_clause_is_not_the_speaker():
    assert subject("台風が上陸する恐れがあると述べた。") == (None, "none")
    assert subject("気象庁が「警戒が必要だ」と述べた。")[0] == "気象庁"


def test_subject_comma_topic_wins_over_topic_of_reported_clause():
    text = "知事は、被害が広がったため、復旧は遅れると述べた。"
    assert subject(text)[0] == "知事"


# ------------------------------------------------------------------ step 3: phrases
@pytest.mark.parametrize("phrase,kind,canonical", [
    ("ラミレス英外相", "named_person", "ラミレス"),
    ("台湾の頼清徳総統", "named_person", "頼清徳"),
    ("石破茂首相", "named_person", "石破茂"),
    ("米紙ポートランド・ヘラルド", "media_outlet", "ポートランド・ヘラルド"),
    ("地元紙の日本語版", "media_outlet", "地元紙"),
    ("共同通信", "media_outlet", "共同通信"),
    ("英国防省", "institution", "英国防省"),
    ("台湾の国防部", "institution", "国防部"),
    ("ある政府関係者", "anonymous", "政府関係者"),
    ("ホワイトハウス", "institution", "ホワイトハウス"),
])
def test_classify_phrase(phrase, kind, canonical):
    src = classify_phrase(phrase, V)
    assert src is not None and src.source_kind == kind and src.canonical == canonical


def test_classify_phrase_rejects_common_words_and_keeps_title_only_as_anaphor():
    assert classify_phrase("党幹部", V) is None or classify_phrase("党幹部", V).source_kind != "institution"
    assert classify_phrase("その理由", V) is None
    spokesman = classify_phrase("中国外務省の報道官", V)
    assert spokesman.anaphor.startswith("title:") and spokesman.fallback.source_kind == "institution"
    assert classify_phrase("同紙", V).anaphor == "shape:紙"


def test_split_head_ignores_の_in_parentheses():
    assert split_head("台湾の林佳竜(りん・かりゅう)外交部長") == ("台湾", "林佳竜(りん・かりゅう)外交部長")


# ------------------------------------------------------------------ step 4: anaphora
def test_antecedents_pronoun_title_and_shape():
    ant = Antecedents()
    ant.remember(Source("台湾の頼清徳総統", "頼清徳", "named_person", role="台湾総統", title="総統"))
    ant.remember(Source("地元紙", "地元紙", "media_outlet"))
    assert ant.resolve(Source("同氏", "同氏", "named_person", anaphor="person")).canonical == "頼清徳"
    assert ant.resolve(Source("総統", "総統", "named_person", anaphor="title:総統", title="総統")).canonical == "頼清徳"
    assert ant.resolve(Source("同紙", "同紙", "media_outlet", anaphor="shape:紙")).canonical == "地元紙"
    assert Antecedents().resolve(Source("同氏", "同氏", "named_person", anaphor="person")).source_kind == "unresolved"


# ------------------------------------------------------------------ step 5: chains
def test_link_according_quoting_recipient():
    rows = [dict(attribution_id="a", pattern="according_to", cue_type="according_to", via_attribution_id=""),
            dict(attribution_id="b", pattern="speaker_before", cue_type="say", via_attribution_id="")]
    link(rows)
    assert rows[1]["via_attribution_id"] == "a"
    rows = [dict(attribution_id="q", pattern="quoter", cue_type="quoting", via_attribution_id=""),
            dict(attribution_id="r", pattern="quoting", cue_type="quoting", via_attribution_id="")]
    link(rows)
    assert rows[1]["via_attribution_id"] == "q"


# ------------------------------------------------------------------ the steps together
def test_ellipsis_continuation_and_anaphor_over_an_uncited_mention():
    r = run("台湾の頼清徳総統は10日、式典で演説した。",
            "続いて「対話の扉は開いている」とし、「圧力には屈しない」と述べた。",
            "「台湾は民主主義の灯台だ」。",
            "同氏はまた、防衛予算を増やすと主張した。")
    assert r.canonical.tolist() == ["頼清徳"] * 3
    assert r.pattern.tolist() == ["ellipsis", "continuation", "speaker_before"]


def test_unresolved_is_said_not_guessed():
    r = run("「復旧には時間がかかる」と述べた。")
    assert r.source_kind.tolist() == ["unresolved"] and r.source.iloc[0] == ""


def test_title_alone_after_the_person_was_named():
    r = run("石破茂首相は閣議に出席した。", "首相は「景気対策を急ぐ」と語った。")
    assert r.canonical.tolist() == ["石破茂"]


def test_embedded_report_credits_both():
    r = run("共同通信は、中国外務省の報道官が「遺憾だ」と述べたと伝えた。")
    assert sorted(r.source_kind) == ["institution", "media_outlet"]
    inst = r[r.source_kind == "institution"].iloc[0]
    assert inst.canonical == "中国外務省"


def test_caption_speaker():
    r = run("■鈴木長官「避難指示に従ってほしい」")
    assert r.source_kind.tolist() == ["named_person"] and r.canonical.iloc[0] == "鈴木"


def test_no_behaviour_depends_on_row_order():
    texts = ["「賃上げは続く」と、経産省の担当者は述べた。", "米紙ポートランド・ヘラルドによると、工場は閉鎖される。",
             "ラミレス英外相は「制裁を強める」と主張した。", "同氏はまた、詳細についてはコメントを控えた。"]
    base = run(*texts)
    for seed in (1, 2, 3):
        again = run(*texts, v=vocab(seed))
        pd.testing.assert_frame_equal(base, again)


def test_view_among_a_group():
    assert cue_names("市場関係者の間では、円安が続くとの見方が強い。") == [("の間で", "among")]
    assert cue_names("両国の間で協定が結ばれた。") == []
    r = run("市場関係者の間では、円安が続くとの見方が強い。")
    assert r.source_kind.tolist() == ["anonymous"] and r.canonical.iloc[0] == "市場関係者"
