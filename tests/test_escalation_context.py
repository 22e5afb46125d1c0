"""The conflict-context gate in front of the escalation lexicon (kiji.escalation.context)."""
import pandas as pd
import pytest

from kiji import escalation
from kiji.core.textnorm import normalize_text
from kiji.escalation.context import ContextGate


def article(*texts, article_id="a"):
    return pd.DataFrame({"article_id": [article_id] * len(texts), "sentence_id": list(range(len(texts))),
                         "text_norm": [normalize_text(t) for t in texts]})


@pytest.mark.parametrize("text", [
    "同社は競合メーカーに特許の使用を許可した。",            # gadgets: a licence, not a strike permission
    "この成分には動脈硬化の進行を抑制する働きがある。",       # health: 抑制 is not restraint
    "2人は半年にわたる協議の末に離婚を決めた。",             # entertainment: a divorce settlement
    "労使の交渉は深夜まで続いた。",                          # economy: wage talks
    "リーグは規定違反の球団に出場停止の制裁を科した。",       # sport: a penalty (blocked context word)
    "梅雨前線が停滞し、自治体は住民に避難する準備を呼びかけた。",  # weather: a front, not a front line
    "新作ゲームでは戦闘の制限が緩和された。",                # a game review
    "巨人軍は交渉の末に新外国人選手と契約した。",             # baseball: a team named 軍
    "2軍の若手は監督と協議して調整を続ける。",               # a second squad
])
def test_ordinary_news_gives_no_escalation_row(text):
    assert escalation.analyze(article(text)).empty


def test_a_sentence_with_a_context_word_counts():
    e = escalation.analyze(article("ロシア軍は東部の都市への空爆を続けた。", "市民は避難した。"))
    assert e["term"].tolist() == ["空爆"]


def test_a_conflict_article_lends_its_context_to_every_sentence():
    e = escalation.analyze(article(
        "イスラエル軍とイスラム組織の戦闘が続いている。",
        "仲介国は双方と協議を重ねた。",                 # no context word of its own
        "停戦案は週内にもまとまる見通しだ。"))
    assert ("協議", 1) in set(zip(e["term"], e["sentence_id"]))


def test_one_passing_mention_of_war_does_not_make_a_conflict_article():
    e = escalation.analyze(article(
        "新作映画は戦争で引き裂かれた家族を描く。",
        "主演の2人は撮影前に何度も協議したという。",
        "公開は来月。", "前売り券は完売した。", "続編の制作も決まった。"))
    assert "協議" not in set(e["term"])


def test_article_context_is_per_article():
    both = pd.concat([article("両国は協議を続けた。", article_id="gadget"),
                      article("両国は協議を続けた。", "国境で軍の衝突があった。", "兵士2人が死亡した。",
                              article_id="war")], ignore_index=True)
    e = escalation.analyze(both)
    assert set(e.loc[e["term"] == "協議", "article_id"]) == {"war"}


def test_blockers_hide_a_context_word():
    gate = ContextGate.from_rows([("前線", "context"), ("梅雨前線", "blocker")])
    assert gate.sentence("前線で砲撃が続く。")
    assert not gate.sentence("梅雨前線が北上した。")
    assert gate.sentence("梅雨前線が北上する中、前線で砲撃が続く。")


def test_no_context_rows_means_no_gate(data_copy):
    (data_copy / "escalation_context.csv").write_text("term,effect,note\n梅雨前線,blocker,\n", encoding="utf-8")
    e = escalation.analyze(article("2人は協議の末に離婚を決めた。"))
    assert e["term"].tolist() == ["協議"]


def test_article_threshold_is_a_share_too():
    gate = ContextGate.from_rows([("ミサイル", "context")])
    long_article = ["ミサイルの話。", "ミサイルの話。"] + ["別の話。"] * 30
    assert not gate.article(long_article)
    assert gate.article(long_article[:12])
