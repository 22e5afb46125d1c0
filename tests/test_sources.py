"""Unit tests for each attribution pattern, on hand-made sentences."""
import pandas as pd

from kiji.sourcing import extract_sources, with_evidence
from kiji.sourcing.provenance import provenance_table
from kiji.sourcing.quotes import find_quotes, is_attributed_quote, mask_quotes


def run(*texts, article="a1"):
    df = pd.DataFrame({"article_id": article, "paragraph_id": 0, "sentence_id": range(len(texts)),
                       "text": list(texts), "text_norm": list(texts)})
    return extract_sources(df)


def test_quotes_masked_and_nested():
    text = "X氏は「彼は『ノー』と言った。ロイターによると違う」と述べた。"
    masked, quotes = mask_quotes(text)
    assert len(quotes) == 1 and "『ノー』" in quotes[0].text
    assert "ロイター" not in masked and len(masked) == len(text)
    assert is_attributed_quote(text, quotes[0])
    t2 = "無人機「シャヘド136」を生産する。"
    assert not is_attributed_quote(t2, find_quotes(t2)[0])


def test_according_to_head():
    r = run("米政府高官によると、バイデン政権は許可する予定だ。")
    assert list(r.source) == ["米政府高官"] and r.source_kind[0] == "anonymous" and r.side[0] == "米国"
    assert r.cue[0] == "によると"


def test_speaker_after_quote_and_quoted_name_is_not_speaker():
    r = run("ロシアのウラジミール・プーチン大統領は「西側を試している」と、ウクライナのウォロディミル・ゼレンスキー大統領は先月末、Xで述べた。")
    assert len(r) == 1
    assert r.canonical[0] == "ゼレンスキー" and r.source_kind[0] == "named_person"
    assert r.quote[0] == "西側を試している" and r.channel[0] == "X" and r.side[0] == "ウクライナ"


def test_speaker_before_quote_with_role():
    r = run("峨山政策研究院の車斗鉉(チャ・ドゥヒョン)首席研究委員は「ロシアは奪還するはず」とし「意志を明確にした」と強調した。")
    assert r.source_kind[0] == "named_person" and "首席研究委員" in r.role[0]
    assert r.quote[0] == "ロシアは奪還するはず / 意志を明確にした"


def test_group_sources():
    r = run("ジョー・バイデン大統領は許可を与えたと、米国の高官2人が明らかにした。",
            "この件に詳しい5人の関係者は、機密性の高い外交交渉について匿名を条件に語った。",
            "米当局者らによると、燃料油を供給してきた。")
    assert list(r.source_kind) == ["anonymous"] * 3
    assert list(r.source) == ["米国の高官2人", "この件に詳しい5人の関係者", "米当局者ら"]
    assert "匿名を条件に" in r.anonymity_reason[1]


def test_chain_via_attribution():
    r = run("複数の関係者によると、その電話会議でトランプ氏はロシアの指導者に対し、すぐに話し合いたいと述べた。")
    assert list(r.source_kind) == ["anonymous", "named_person"]
    assert r.via_attribution_id[1] == r.attribution_id[0]


def test_quoting_chain():
    r = run("WPは米高官らの言葉を引用し、「ホワイトハウスは望んでいる」と伝えた。")
    wp = r[r.source_kind == "media_outlet"].iloc[0]
    anon = r[r.source_kind == "anonymous"].iloc[0]
    assert wp.canonical == "ワシントン・ポスト" and anon.via_attribution_id == wp.attribution_id


def test_declined_comment_split_and_anaphor():
    r = run("ホワイトハウスと国防総省はコメントを控えた。",
            "「調整し続ける」とブリンケン氏は述べた。",
            "同氏は、措置の詳細についてはコメントを控えた。")
    assert list(r.source[:2]) == ["ホワイトハウス", "国防総省"] and r.declined_comment[:2].all()
    last = r.iloc[-1]
    assert last.declined_comment and last.canonical == "ブリンケン"
    assert not r.iloc[2].declined_comment


def test_continuation_quote():
    r = run("ある国防当局者は「中国は慎重だ」と述べた。", "「中国は可能なことはすべて行っている」。")
    assert len(r) == 2 and r.cue_type[1] == "continuation" and r.source[1] == "ある国防当局者"


def test_must_not_fire():
    r = run("ウクライナによるロシア領土への攻撃が続いた。",                      # による
            "この決定によって情勢は変わった。",                                  # によって
            "記者は「ロイター通信によると攻撃は近い」と書かれた紙を見せた。",      # によると inside a quote
            "トランプ氏はその方法については詳細を明らかにしていない。",          # negated cue
            "英国政府は米国の決定を待っていたと伝えられている。",                # passive hearsay
            "プーチン氏とトランプ氏は選挙後に電話で話した。",                    # 話した without a quotation
            "ブリンケン氏はブリュッセルでカウンターパートと会談した。")          # a name, not speaking
    assert r.empty, r[["sentence_id", "source", "cue"]]


def test_with_evidence_joins_text():
    df = pd.DataFrame({"article_id": ["a1"], "paragraph_id": [0], "sentence_id": [0],
                       "text": ["ロイター通信によれば、攻撃が近い。"], "text_norm": ["ロイター通信によれば、攻撃が近い。"]})
    ev = with_evidence(extract_sources(df), df)
    assert ev.text[0].startswith("ロイター") and ev.source_kind[0] == "media_outlet"


def test_provenance_relations():
    arts = pd.DataFrame([
        {"article_id": "b", "outlet": "TechWire24", "outlet_kind": "news_feed", "origin_outlet": "グローブ・アンド・メール",
         "origin_title": "", "origin_url": "", "translator": "", "credits": "ロイター"},
        {"article_id": "c", "outlet": "", "outlet_kind": "blog", "origin_outlet": "ワシントン・ポスト",
         "origin_title": "Biden approves", "origin_url": "https://www.washingtonpost.com/x", "translator": "",
         "credits": ""},
        {"article_id": "d", "outlet": "", "outlet_kind": "", "origin_outlet": "", "origin_title": "",
         "origin_url": "", "translator": "林田一博", "credits": ""},
    ])
    p = provenance_table(arts)
    rel = {(r.article_id, r.relation, r.to_node) for r in p.itertuples()}
    assert ("b", "syndicates", "グローブ・アンド・メール") in rel and ("b", "credits", "ロイター") in rel
    assert ("c", "translates", "ワシントン・ポスト") in rel
    assert any(a == "d" and r == "credits" for a, r, _ in rel)


def test_sentences_not_seen_while_writing_the_rules():
    r = run("ゼレンスキー大統領のテレグラムによると、ロシア軍の攻撃で3人が死亡した。",
            "岸田首相は「断じて容認できない」と強調した。",
            "ホワイトハウスのサリバン大統領補佐官(国家安全保障担当)は「我々は支援を続ける」と語った。",
            "米紙ニューヨーク・タイムズは、複数の米当局者の話として、攻撃が差し迫っていると報じた。",
            "AFP通信によれば、北朝鮮は新たにミサイルを発射した。")
    by = {(s, k) for s, k in zip(r.sentence_id, r.source_kind)}
    assert (0, "social_media") in by and r.side[0] == "ウクライナ"
    assert r[r.sentence_id == 1].canonical.tolist() == ["岸田"]
    sul = r[r.sentence_id == 2].iloc[0]
    assert sul.canonical == "サリバン" and "補佐官" in sul.role and sul.quote == "我々は支援を続ける"
    nyt = r[(r.sentence_id == 3) & (r.source_kind == "media_outlet")].iloc[0]
    anon = r[(r.sentence_id == 3) & (r.source_kind == "anonymous")].iloc[0]
    assert anon.via_attribution_id == nyt.attribution_id
    assert r[r.sentence_id == 4].canonical.tolist() == ["AFP通信"]


def test_unrecognised_titled_subject_does_not_inherit_previous_speaker():
    r = run("ブリンケン氏は「支援を続ける」と述べた。", "韓国大統領は「遺憾だ」と述べた。")
    second = r[r.sentence_id == 1]
    # the office holder of another country, unnamed: never the previous speaker
    assert len(second) == 1 and second.canonical.iloc[0] == "韓国大統領"


def test_tables_shape():
    from pathlib import Path

    import kiji
    from kiji.sourcing import extract_sources, tables
    corpus = kiji.load_corpus(Path(__file__).resolve().parents[1] / "seeds")
    t = tables(corpus, extract_sources(corpus.sentences))
    assert set(t) == {"sources", "provenance"}
    assert {"attribution_id", "article_id", "sentence_id", "source_kind", "via_attribution_id"} <= set(t["sources"])
    assert set(t["provenance"].relation) <= {"reposts", "translates", "syndicates", "credits"}
    assert t["sources"].attribution_id.is_unique
