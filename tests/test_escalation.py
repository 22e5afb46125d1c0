"""Escalation lexicon matching, modality cues, actors and the article profile (kiji.escalation)."""
import pandas as pd
import pytest

from kiji import escalation
from kiji.core.textnorm import normalize_text


def sents(*texts, article_id="t"):
    return pd.DataFrame({
        "article_id": [article_id] * len(texts),
        "sentence_id": list(range(len(texts))),
        "text_norm": [normalize_text(t) for t in texts],
    })


#: two sentences that make an article a conflict article (the context gate, kiji.escalation.context)
WAR_CONTEXT = ("ロシア軍の部隊が前線に展開した。", "ミサイルが発射された。")


def rows(text):
    """Rows of ``text`` read as the first sentence of a war article."""
    e = escalation.analyze(sents(text, *WAR_CONTEXT))
    return e[e["sentence_id"] == 0].reset_index(drop=True)


def test_columns_and_ids():
    e = escalation.analyze(sents("特になし。", "プーチン大統領はロシアの核ドクトリンを改訂した。"))
    assert list(e.columns) == escalation.detector.ESCALATION_COLUMNS
    assert e[["article_id", "sentence_id", "term", "category", "level", "direction"]].values.tolist() == [
        ["t", 1, "核ドクトリン", "nuclear_threat", 10, "escalate"]]
    assert e["subject"].tolist() == ["ロシア"]


def test_lexicon_files_are_consistent():
    lex = escalation.load_lexicon()
    levels = set(escalation.load_levels()["level"])
    real = lex[lex["category"] != ""]
    assert set(real["level"]) <= levels
    assert set(real["direction"]) == {"escalate", "de-escalate"}
    assert {"nuclear_threat", "long_range_strike_permission", "strike_on_territory",
            "foreign_troop_deployment", "red_line", "retaliation_threat", "sabotage_hybrid",
            "diplomatic_rupture", "sanctions_trade", "arms_supply", "negotiation_ceasefire",
            "restraint_limitation"} <= set(real["category"])  # an analyst may add categories of their own
    # every term is in NFKC form so it can match text_norm
    assert all(normalize_text(t) == t for t in lex["term"])
    # one Japanese label per category
    assert (real.groupby("category")["category_ja"].nunique() == 1).all()


def test_longest_match_wins():
    e = rows("プーチン氏は核攻撃命令の基準を下げた。")
    assert e["term"].tolist() == ["核攻撃命令"]
    assert e["level"].tolist() == [10]  # doctrine, not nuclear use
    e = rows("ウクライナはATACMSの使用制限を解除した。")
    assert e["term"].tolist() == ["使用制限を解除"]


def test_blocker_terms():
    # 滑空爆弾 (glide bomb) contains 空爆 (air strike) but is not one
    assert rows("ロシア機が滑空爆弾を発射した。").empty
    assert rows("ロシアが重大な空爆を行った。")["term"].tolist() == ["空爆"]


def test_restraint_and_permission_in_one_sentence():
    e = rows("バイデン政権はキエフにATACMSの限定的使用を許可した。")
    assert e[["term", "category", "direction"]].values.tolist() == [
        ["限定的", "restraint_limitation", "de-escalate"],
        ["使用を許可", "long_range_strike_permission", "escalate"]]
    assert set(e["subject"]) == {"米国"}


@pytest.mark.parametrize("text,term,modality,cue", [
    ("プーチン大統領はロシアが報復すると警告した。", "報復", "threat", "警告"),
    ("ロシアが核兵器を使用する可能性がある。", "核兵器を使用", "possibility", "可能性"),
    ("ロシアが報復するのではないかとの懸念がある。", "報復", "possibility", "ではないか"),
    ("ロシアが報復する恐れがある。", "報復", "possibility", "恐れ"),
    ("ロシアは報復するかもしれない。", "報復", "possibility", "かもしれ"),
    ("核兵器使用の可能性を示唆している。", "核兵器使用", "possibility", "可能性"),
    ("ウクライナが攻撃した場合には報復措置を取る。", "報復措置", "conditional", "場合"),
    ("ロシアは報復措置を取った。", "報復措置", "act", ""),
    ("NATOが参戦すれば、核戦争になる。", "参戦", "conditional", "すれば"),
    ("もしロシアが核兵器を使用すれば大変だ。", "核兵器を使用", "conditional", "すれば"),
    ("もしNATOがロシアへの攻撃に関与したら、核戦争になる。", "核戦争", "conditional", "もし"),
    ("フランスも発射を許可したとされています。", "発射を許可", "act", "とされ"),
    ("バイデン政権は使用を許可した。", "使用を許可", "act", ""),
    ("クレムリンの核による脅しが続く。", "核による脅し", "threat", "核による脅し"),
])
def test_modality(text, term, modality, cue):
    e = rows(text)
    r = e[e["term"] == term].iloc[0]
    assert (r["modality"], r["modality_cue"]) == (modality, cue)


def test_cue_inside_another_term_is_ignored():
    # 懸念 belongs to the restraint phrase, it does not make the approval a mere fear
    e = rows("バイデン氏のATACMS承認は、エスカレーションへの懸念を抑えるために行われた。")
    r = e[e["term"] == "ATACMS承認"].iloc[0]
    assert r["modality"] == "act"


def test_actors_and_subject():
    e = rows("北朝鮮がモスクワの戦争支援のため兵士を派遣した。")
    r = e.iloc[0]
    assert r["term"] == "兵士を派遣"
    assert r["actors"] == "北朝鮮; ロシア"
    assert (r["subject"], r["subject_source"]) == ("北朝鮮", "particle")
    # no particle: every actor named in the sentence is kept as the fallback
    e = rows("ロシアとウクライナの和平交渉。")
    assert (e.iloc[0]["subject"], e.iloc[0]["subject_source"]) == ("ロシア; ウクライナ", "sentence")
    # no actor at all
    e = rows("限定的な措置。")
    assert (e.iloc[0]["actors"], e.iloc[0]["subject"], e.iloc[0]["subject_source"]) == ("", "", "")


def test_profile():
    s = pd.concat([
        sents("プーチン大統領はロシアが報復すると警告した。",
              "ロシアが核兵器を使用する可能性がある。",
              "ロシアは核ドクトリンを改訂した。",
              "米国は限定的な措置をとった。", article_id="a"),
        sents("特になし。", article_id="b"),
    ], ignore_index=True)
    e = escalation.analyze(s)
    p = escalation.profile(e, article_ids=["a", "b", "c"]).set_index("article_id")
    a = p.loc["a"]
    assert (a["n_escalate"], a["n_deescalate"]) == (3, 1)
    assert a["balance"] == 0.5
    assert (a["max_level"], a["max_level_modality"], a["max_level_term"]) == (11, "possibility", "核兵器を使用")
    assert (a["max_act_level"], a["max_act_label"]) == (10, "核の威嚇・核ドクトリン")
    assert (a["nuclear_act"], a["nuclear_possibility"], a["nuclear_threat"]) == (1, 1, 0)
    assert a["escalating_actors"] == "ロシア 3"
    assert a["top_escalating_actor"] == "ロシア"
    for empty in ("b", "c"):
        assert p.loc[empty, "max_level"] == -1 and p.loc[empty, "balance"] == 0.0


def test_ladder_and_actor_category_counts():
    e = escalation.analyze(sents("ロシアは核ドクトリンを改訂した。", "米国は制裁を科した。"))
    lad = escalation.ladder_counts(e)
    assert lad.values.tolist() == [["t", 2, "act", 1], ["t", 10, "act", 1]]
    ac = escalation.actor_category_counts(e)
    assert ac[["actor", "category", "n"]].values.tolist() == [
        ["ロシア", "nuclear_threat", 1], ["米国", "sanctions_trade", 1]]


def test_tables_on_seed_corpus(seed_corpus):
    t = escalation.tables(seed_corpus, escalation.analyze(seed_corpus.sentences))
    assert set(t) == {"escalation", "events"}
    e, ev = t["escalation"], t["events"]
    # every row traces back to an existing sentence
    keys = set(zip(seed_corpus.sentences["article_id"], seed_corpus.sentences["sentence_id"]))
    assert set(zip(e["article_id"], e["sentence_id"])) <= keys
    assert set(zip(ev["article_id"], ev["sentence_id"])) <= keys
    # the commentary 001 (dated 25.11.2024) reports the 17 November permission
    ev001 = ev[ev["article_id"].str.startswith("001")]
    assert "2024-11-17" in set(ev001["date"])
    # 003 has no publication date: its 17日(現地時間) stays unresolved
    ev003 = ev[ev["article_id"].str.startswith("003")]
    row = ev003[ev003["date_text"].str.startswith("17日")].iloc[0]
    assert (row["date"], row["resolved_from"]) == ("", "unresolved")
    # 000 (2024-11-18): Blinken's Wednesday is 13 November
    ev000 = ev[ev["article_id"].str.startswith("000") & (ev["date_text"] == "水曜日")]
    assert set(ev000["date"]) == {"2024-11-13"}
