"""The sentences a report says about its data (``*/summaries.py``), on small tables made here."""
from __future__ import annotations

import pandas as pd
import pytest

from kiji.claims import summaries as claims_summaries
from kiji.claims.ledger import CLAIM_COLUMNS
from kiji.claims.reconcile import groups_table, reconcile
from kiji.escalation import summaries as esc_summaries
from kiji.loading import summaries as corpus_summaries
from kiji.sourcing import summaries as src_summaries
from kiji.terms import summaries as term_summaries


# ---------------------------------------------------------------- corpus (notebook 00)
def test_lengths_name_the_longest_and_shortest_with_ties_broken_by_id():
    lengths = pd.DataFrame({"article_id": ["b", "a", "c"], "n_chars": [300, 300, 100], "n_sentences": [3, 4, 1]})
    labels = pd.Series({"a": "A紙 2025-01-02", "b": "B紙", "c": "C通信"})
    assert corpus_summaries.length_lines(lengths, labels) == [
        "3 articles: median 300 characters, 3 sentences",
        "longest: A紙 2025-01-02 (300 characters, 4 sentences)",
        "shortest: C通信 (100 characters, 1 sentences)"]
    assert corpus_summaries.length_lines(lengths.iloc[:0], labels) == ["no article"]


def test_overlap_lines_count_sentences_once_and_name_the_top_pair():
    shared = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_id": [0, 0, 2], "shared_with": ["b", "c", "a"]})
    pairs = pd.DataFrame({"article_id": ["a"], "shared_with": ["b"], "n_sentences": [1]})
    lines = corpus_summaries.overlap_lines(shared, pairs, pd.Series({"a": "甲", "b": "乙"}))
    assert lines == ["sentences shared with another article: 2", "article pairs sharing at least one sentence: 1",
                     "most: 甲 → 乙 (1 sentences)"]


def test_with_text_keeps_every_row_and_fills_missing_sentences():
    rows = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 9], "term": ["増税", "減税"]})
    sents = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text": ["政府は増税を決めた。"]})
    out = corpus_summaries.with_text(rows, sents)
    assert list(out["text"]) == ["政府は増税を決めた。", ""] and list(out["term"]) == ["増税", "減税"]


# ---------------------------------------------------------------- terms (notebook 01)
def test_keyness_lines_follow_the_display_order_and_skip_groups_without_over_use():
    kn = pd.DataFrame({"article_id": ["x", "y", "y"], "term": ["地震", "選挙", "投票"],
                       "log_likelihood": [12.04, 9.5, 4.0], "direction": ["under", "over", "over"]})
    assert term_summaries.keyness_lines(kn, ["x", "y"]) == ["y: 選挙 (G² 9.5), 投票 (G² 4.0)"]
    assert "nothing to be compared" in term_summaries.keyness_lines(kn.iloc[:0], ["x"])[0]


def test_kwic_lines_report_each_word():
    hits = {"判決": pd.DataFrame({"article_id": ["a", "a", "b"]}), "控訴": pd.DataFrame({"article_id": []})}
    assert term_summaries.kwic_lines(hits) == ["判決: 3 hits in 2 articles", "控訴: 0 hits in 0 articles"]
    assert term_summaries.kwic_lines({}) == ["no word to examine in context"]


# ---------------------------------------------------------------- sourcing (notebook 02)
def _sources():
    return pd.DataFrame({
        "article_id": ["a", "a", "a", "b", "b", "b", "b"],
        "attribution_id": [f"s{i}" for i in range(7)],
        "source": ["関係者", "関係者", "首相", "気象庁", "関係者", "同庁", "記者"],
        "source_kind": ["anonymous", "anonymous", "named_person", "institution", "anonymous", "institution",
                        "named_person"],
        "via_attribution_id": ["", "", "", "", "", "s3", ""]})


def test_anonymous_reliance_names_the_group_that_rests_most_on_unnamed_sources():
    from kiji.sourcing.charts import anonymous_share

    src = _sources()
    line = src_summaries.anonymous_reliance(anonymous_share(src, pd.Series({"a": "A紙", "b": "B紙"})), src)
    assert line.startswith("最も匿名出典に頼っているのは A紙: 67% (2 of 3 attributions; among 2 with 3 or more)")
    assert line.endswith("Corpus as a whole: 43%.")
    few = src_summaries.anonymous_reliance(anonymous_share(src, pd.Series({"a": "A紙", "b": "B紙"})), src,
                                           min_attributions=5)
    assert few.startswith("Too few attributions (fewer than 5")


def test_second_hand_names_the_source_it_came_through():
    chain = src_summaries.second_hand(_sources())
    assert list(zip(chain["source"], chain["via_source"])) == [("同庁", "気象庁")]
    assert src_summaries.mix_lines(_sources(), 3)[0] == "7 attributions in 2 of 3 articles"


# ---------------------------------------------------------------- escalation (notebook 03)
def test_key_figures_and_top_rung_come_from_the_profile():
    esc = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence_id": [0, 1, 0], "term": ["制裁", "停戦", "侵攻"],
                        "direction": ["escalate", "de-escalate", "escalate"], "level": [2, 0, 9],
                        "category": ["sanctions_trade", "negotiation_ceasefire", "strike_on_territory"],
                        "modality": ["act", "act", "threat"]})
    prof = pd.DataFrame({"article_id": ["a", "b"], "max_level": [2, 9], "n_escalate": [1, 1],
                         "max_level_label": ["経済制裁", "領土への攻撃"], "max_level_modality": ["act", "threat"]})
    lines = esc_summaries.key_figure_lines(esc, prof, pd.Series({"a": "A", "b": "B"}), 3)
    assert lines == ["3 matches (2 escalation, 1 restraint) in 2 of 3 articles",
                     "highest rung: 9 領土への攻撃 (threat) in B"]
    assert list(esc_summaries.top_rung(esc, prof)["term"]) == ["侵攻", "制裁"]
    assert esc_summaries.nuclear_line(esc) == "nuclear mentions: 0 {}"


def test_timeline_leaves_out_undated_periods_and_keeps_time_order():
    esc = pd.DataFrame({"article_id": ["a", "b", "c"], "direction": ["escalate", "de-escalate", "escalate"]})
    sents = pd.DataFrame({"article_id": ["a", "a", "b", "c"]})
    periods = pd.Series({"a": "2025-02", "b": "2025-01", "c": "日付なし"})
    trend = esc_summaries.timeline(esc, sents, periods, ["2025-01", "2025-02", "日付なし"])
    assert list(trend["group"]) == ["2025-01", "2025-02"]
    assert list(trend["escalate_per_100"]) == [0.0, 50.0]


# ---------------------------------------------------------------- claims (notebook 04)
def _claims(rows):
    base = {c: "" for c in CLAIM_COLUMNS}
    frame = pd.DataFrame([{**base, "start": 0, "scale": 1.0, "base_unit": r["unit"], **r} for r in rows])
    frame["scale"] = frame["scale"].astype(float)
    frame = reconcile(frame.drop(columns=["group_id", "status"]))
    return frame


ROWS = [
    {"article_id": "a", "sentence_id": 0, "value": 100.0, "low": 90.0, "high": 110.0, "unit": "人",
     "subject_group": "避難者", "raw_value": "約100", "raw_unit": "人", "qualifier": "約", "source": "市"},
    {"article_id": "b", "sentence_id": 0, "value": 160.0, "low": 160.0, "high": 160.0, "unit": "人",
     "subject_group": "避難者", "raw_value": "160", "raw_unit": "名", "qualifier": "", "source": ""},
    {"article_id": "b", "sentence_id": 1, "value": 5.0, "low": 5.0, "high": 5.0, "unit": "km",
     "subject_group": "", "raw_value": "数", "raw_unit": "キロ", "qualifier": "", "source": ""},
]


def test_claims_findings_say_status_spread_units_attribution_and_vagueness():
    claims = _claims(ROWS)
    groups = groups_table(claims)
    assert claims_summaries.findings(claims, groups) == [
        "1 subjects are quantified in two or more articles: 1 conflicting, 0 differs, 0 consistent.",
        "Largest spread: 避難者 (人), 100 to 160 (38% of the larger value, status conflicting).",
        "1 group(s) compare figures written in different units (converted before comparing).",
        "33% of the claims sit in a sentence that attributes them to a source.",
        "33% of the claims are vague quantities (数千, 数十 …), 33% carry a qualifier."]


def test_the_spread_is_compared_in_the_canonical_unit():
    rows = [{**ROWS[0], "value": 1.0, "low": 1.0, "high": 1.0, "unit": "km", "raw_unit": "キロ"},
            {**ROWS[1], "value": 900.0, "low": 900.0, "high": 900.0, "unit": "m", "raw_unit": "メートル"}]
    claims = _claims([{**r, "base_unit": "km"} for r in rows]).assign(
        scale=[1.0, 0.001])
    assert "10% of the larger value" in claims_summaries.findings(claims, groups_table(claims))[1]


def test_claims_findings_without_shared_subjects_or_claims():
    claims = _claims(ROWS[2:])
    assert claims_summaries.findings(claims, groups_table(claims))[0] == (
        "No subject is quantified in two or more articles: nothing to reconcile.")
    empty = claims.iloc[:0]
    assert claims_summaries.findings(empty, groups_table(empty))[-1] == (
        "No number in the articles is a claim about a quantity.")


def test_tolerance_regroups_and_ledger_text_lists_conflicts_first():
    claims = _claims(ROWS).assign(article=lambda d: d["article_id"].str.upper(), text="文。")
    loose = claims_summaries.with_tolerance(claims, 0.5)
    assert set(loose.loc[loose["subject_group"] == "避難者", "status"]) == {"consistent"}
    assert claims_summaries.with_tolerance(claims, 0.03) is claims
    text = claims_summaries.ledger_text(claims, groups_table(claims), max_groups=1)
    assert text.splitlines()[0].startswith("■ G002 [conflicting] subject: 避難者 | unit: 人 | 2 claims in 2 articles")
    assert "A s0: " in text and "source: 市" in text


@pytest.mark.parametrize("value, text", [(float("inf"), "∞"), (12000.0, "12,000"), (0.25, "0.25")])
def test_fmt(value, text):
    assert claims_summaries.fmt(value) == text
