"""Negation, captions and one-date expressions in the escalation tables (sentences written for these tests)."""
import pandas as pd

from kiji import escalation
from kiji.core.textnorm import normalize_text
from kiji.escalation.events import events, is_caption
from kiji.escalation.summaries import ladder_counts, profile
from kiji.loading.dates import find_dates


def sents(*texts, article_id="t"):
    return pd.DataFrame({"article_id": article_id, "sentence_id": list(range(len(texts))),
                         "text_norm": [normalize_text(t) for t in texts]})


def test_negated_terms_are_marked():
    e = escalation.analyze(sents(
        "今回の演習の想定には核兵器の使用は含まれていない。",
        "国防省は核兵器の使用について明らかにしなかった。",
        "同国は核兵器の使用も辞さないと警告した。",
        "核兵器の使用の可能性は排除できないとの見方が出ている。",
        "軍は核攻撃を実施したと発表した。"))
    assert e["negated"].tolist() == [True, True, False, False, False]
    assert e["negated"].dtype == bool


def test_negation_stays_in_its_clause():
    e = escalation.analyze(sents("核攻撃を受けたが、報復は行わないと述べた。"))
    assert e[e["term"] == "核攻撃"]["negated"].tolist() == [False]


def test_profile_and_ladder_leave_negated_rows_out():
    e = escalation.analyze(sents("想定には核兵器の使用は含まれていない。", "軍は核攻撃を実施した。"))
    p = profile(e).iloc[0]
    assert p["n_negated"] == 1 and p["negated_terms"] == "核兵器の使用"
    assert p["nuclear_act"] == 1 and p["n_escalate"] == 1
    assert ladder_counts(e)["n"].sum() == 1


def test_one_row_per_date_expression():
    found = find_dates("首脳会談はことし9月と来年1月20日、今月19日に開かれる。", "2025-06-10")
    assert [(d.date_text, d.date) for d in found] == [
        ("ことし9月", "2025-09"), ("来年1月20日", "2026-01-20"), ("今月19日", "2025-06-19")]


def test_photo_captions_are_not_events():
    assert is_caption("会見する報道官=21日、東京都内(共同)")
    assert not is_caption("報道官は21日、東京都内で会見した。")
    ev = events(sents("会見する報道官=21日、東京都内(共同)", "報道官は21日、東京都内で会見した。"),
                {"t": "2025-05-22"})
    assert ev["sentence_id"].tolist() == [1] and ev["date"].tolist() == ["2025-05-21"]


def test_negation_after_the_terms_own_comma_and_look_alikes():
    e = escalation.analyze(sents("核兵器の使用について、政府は明らかにしなかった。",
                                 "核兵器の使用を検討しなければならないと述べた。",
                                 "核兵器の使用が現実になるのではないかとの懸念が出ている。"))
    assert e["negated"].tolist() == [True, False, False]
