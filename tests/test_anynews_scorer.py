"""The any-news scorer and cache rebuild (tests/anynews), on tiny cases in our own words.

The real excerpts are never used here (they live only in a git-ignored cache).
"""
import json

import pandas as pd
import pytest

from tests.anynews import evaluate, rebuild
from tests.anynews.evaluate import Found, dates_match, load_labels, score
from tests.anynews.rebuild import parse_bundle, sha256


def _labels(rows):
    return pd.DataFrame(rows, columns=evaluate.LABEL_COLUMNS)


def _meta(aid, title="", published="", outlet=""):
    return [
        {"id": aid, "field": "title", "text": title, "value": "", "unit": "", "note": ""},
        {"id": aid, "field": "published", "text": "", "value": published, "unit": "", "note": ""},
        {"id": aid, "field": "own_outlet", "text": outlet, "value": "", "unit": "", "note": ""},
    ]


def _row(aid, field, text="", value="", unit=""):
    return {"id": aid, "field": field, "text": text, "value": value, "unit": unit, "note": ""}


def _articles(rows):
    return pd.DataFrame(rows, columns=["article_id", "title", "published", "outlet", "origin_outlet"])


def _sources(rows):
    return pd.DataFrame(rows, columns=["article_id", "source", "canonical", "source_kind"])


def _fig(table, field):
    return table.set_index("field").loc[field]


def test_metadata_alternatives_and_rightly_empty_fields():
    labels = _labels(_meta("a1", "町の図書館が開館 蔵書3万冊|町の図書館が開館", "2025-04-01|2025-04-02", "みなと新聞|みなと")
                     + _meta("a2", "", "", ""))
    found = Found(articles=_articles([
        ("a1", "町の図書館が開館", "2025-04-02T09:00", "", "みなと新聞"),  # outlet only as origin
        ("a2", "写真・図版", "", "", ""),                                    # a caption read as title
    ]))
    table, misses = score(labels, found, ["a1", "a2"])
    assert _fig(table, "title")["correct"] == 1
    assert _fig(table, "published")["correct"] == 2  # alternative date; '' rightly empty
    assert _fig(table, "own_outlet")["correct"] == 2  # origin outlet counts; '' rightly empty
    assert ("title", "a2", "", "写真・図版") in misses


def test_named_speakers_precision_counts_distinct_names_and_needs_the_kind():
    labels = _labels(_meta("a1") + [_row("a1", "named_person", "森川花子"), _row("a1", "named_person", "西田"),
                                    _row("a1", "institution", "市教育委員会")])
    found = Found(articles=_articles([("a1", "", "", "", "")]), sources=_sources([
        ("a1", "森川花子市長", "森川花子", "named_person"),
        ("a1", "森川市長", "森川花子", "named_person"),   # same person again: one distinct name
        ("a1", "委員会", "", "named_person"),             # wrong: not a person
        ("a1", "西田", "", "unresolved"),                 # right name, kind not credited
        ("a1", "市教育委員会", "", "institution"),
    ]))
    table, _ = score(labels, found, ["a1"])
    named = _fig(table, "named_person")
    assert (named["found"], named["correct"]) == (2, 1)
    assert named["precision"] == pytest.approx(0.5)
    assert named["recall"] == pytest.approx(0.5)
    assert _fig(table, "institution")["recall"] == 1.0


def test_source_labels_accept_alternative_spellings():
    labels = _labels(_meta("a1") + [_row("a1", "institution", "海洋研究開発機構|JAMSTEC")])
    found = Found(articles=_articles([("a1", "", "", "", "")]),
                  sources=_sources([("a1", "JAMSTEC", "", "institution")]))
    table, _ = score(labels, found, ["a1"])
    assert _fig(table, "institution")["correct"] == 1


def test_dates_need_the_right_iso_and_unanchored_labels_want_none():
    labels = _labels(_meta("a1", published="2025-06-10") + [
        _row("a1", "date", "先月17日", "2025-05-17"),
        _row("a1", "date", "3日", "2025-06-03"),
        _row("a1", "date", "きのう", ""),
    ])
    events = pd.DataFrame([("a1", "先月17日", "2025-05-17"), ("a1", "3日", "2025-05-03"),
                           ("a1", "きのう", ""), ("a1", "13日", "2025-06-13")],
                          columns=["article_id", "date_text", "date"])
    found = Found(articles=_articles([("a1", "", "2025-06-10", "", "")]), events=events)
    table, misses = score(labels, found, ["a1"])
    assert _fig(table, "date (found)")["correct"] == 3
    assert _fig(table, "date (found)")["precision"] == pytest.approx(3 / 4)  # 13日 is not 3日
    assert _fig(table, "date (right ISO)")["correct"] == 2  # 3日 resolved to the wrong month
    assert any(m[0] == "date" and m[2].startswith("3日") for m in misses)


def test_dates_match_is_not_plain_containment():
    assert dates_match("18日", "今月18日")
    assert dates_match("10日(現地時間)", "10日")
    assert not dates_match("1日", "21日")
    assert not dates_match("3月", "13月")
    assert not dates_match("", "3日")


def test_numbers_match_value_and_unit_raw_or_normalized():
    labels = _labels(_meta("a1") + [_row("a1", "number", "約8センチ", "8", "センチ"),
                                    _row("a1", "number", "3万人", "30000", "人"),
                                    _row("a1", "number", "12台", "12", "台")])
    claims = pd.DataFrame([("a1", "8", "センチ", 0.08, "m"), ("a1", "3", "万人", 30000.0, "人"),
                           ("a1", "12", "人", 12.0, "人")],
                          columns=["article_id", "raw_value", "raw_unit", "value", "unit"])
    table, _ = score(labels, Found(articles=_articles([("a1", "", "", "", "")]), claims=claims), ["a1"])
    assert _fig(table, "number")["correct"] == 2  # 12 人 is not 12 台


def test_labels_need_one_metadata_row_per_article(tmp_path):
    path = tmp_path / "labels.csv"
    _labels(_meta("a1") + [_row("a2", "named_person", "北川")]).to_csv(path, index=False)
    with pytest.raises(ValueError, match="exactly one title"):
        load_labels(path)
    _labels(_meta("a1") + [_row("a1", "speaker", "北川")]).to_csv(path, index=False)
    with pytest.raises(ValueError, match="unknown field"):
        load_labels(path)


def test_the_committed_labels_are_consistent_with_the_table():
    labels = load_labels()
    table = rebuild.read_table()
    assert set(labels["id"]) == {r["id"] for r in table}
    assert {r["split"] for r in table} == {"dev", "held"}
    dates = labels[(labels["field"] == "date") & (labels["value"] != "")]
    assert dates["value"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    numbers = labels[labels["field"] == "number"]
    assert pd.to_numeric(numbers["value"], errors="coerce").notna().all()


def test_bundle_blocks_and_saved_answers_rebuild_the_cache_by_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("KIJI_ANYNEWS_CACHE", str(tmp_path))
    (tmp_path / "answers").mkdir()
    long_text = "市役所で式典\n\n北川市長は「新しい一歩だ」と話した。\n以下、関連記事"
    kept = long_text[: long_text.index("以下")]
    answer = {"query": "市長 式典", "results": [{"rank": 1, "url": "https://example.jp/a", "excerpt": long_text},
                                              {"rank": 2, "url": "https://example.jp/b", "excerpt": "別の記事。"}]}
    (tmp_path / "answers" / "q1.json").write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    rows = [
        {"id": "x1", "url": "https://example.jp/a", "query": "市長 式典", "sha256": sha256(kept), "n_chars": str(len(kept))},
        {"id": "x2", "url": "https://example.jp/b", "query": "市長 式典", "sha256": sha256("変わる前の記事。"),
         "n_chars": "8"},
        {"id": "x3", "url": "https://example.jp/c", "query": "別の検索", "sha256": "0" * 64, "n_chars": "5"},
    ]
    state = rebuild.rebuild(rows, tmp_path)
    assert state == {"x1": "written", "x2": "mismatch", "x3": "missing"}
    assert (tmp_path / "pages" / "x1.txt").read_text(encoding="utf-8") == kept
    assert rebuild.rebuild(rows, tmp_path)["x1"] == "ok"
    assert not (tmp_path / "pages" / "x2.txt").exists()


def test_parse_bundle_keeps_leading_spaces_and_blank_lines():
    blocks = parse_bundle("@@@ z1\nurl: https://example.jp/z\nkind: sport\n---\n date 2025-01-02 見出し\n\n本文。\n@@@ end\n")
    assert blocks == [{"id": "z1", "url": "https://example.jp/z", "kind": "sport",
                       "excerpt": " date 2025-01-02 見出し\n\n本文。"}]


def test_without_a_cache_the_evaluation_says_so_and_succeeds(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIJI_ANYNEWS_CACHE", str(tmp_path / "absent"))
    assert evaluate.main([]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "cache not found" in out[0]


def test_livedoor_copies_are_checked_byte_for_byte(tmp_path):
    corpus = tmp_path / "text" / "sports-watch"
    corpus.mkdir(parents=True)
    body = "http://news.livedoor.com/article/detail/1/\n2012-05-01T10:00:00+0900\n見出し\n本文の一文。\n".encode()
    (corpus / "sports-watch-1.txt").write_bytes(body)
    (corpus / "sports-watch-2.txt").write_bytes(body + "追記。\n".encode())
    rows = [{"file": f"sports-watch-{i}.txt", "category": "sports-watch", "repo": "nobody/none", "commit": "0" * 40,
             "path": f"text/sports-watch/sports-watch-{i}.txt", "sha256": rebuild.hashlib.sha256(body).hexdigest()}
            for i in (1, 2, 3)]
    cache = tmp_path / "cache"
    state = rebuild.rebuild_livedoor(rows, cache, ldcc_dir=str(tmp_path / "text"))
    assert state == {"sports-watch-1.txt": "written", "sports-watch-2.txt": "mismatch", "sports-watch-3.txt": "missing"}
    assert (cache / "livedoor" / "sports-watch-1.txt").read_bytes() == body


def test_the_committed_livedoor_table_names_files_as_the_corpus_does():
    rows = rebuild._livedoor_rows()
    assert len(rows) >= 60 and len({r["category"] for r in rows}) >= 5
    for r in rows:
        assert r["file"].startswith(r["category"] + "-") and r["url"].startswith("http://news.livedoor.com/")
        assert len(r["sha256"]) == 64


def test_labels_missing_from_their_text_are_reported():
    labels = _labels(_meta("a1", "港に新しい灯台") + [_row("a1", "named_person", "西村|西村浩二"),
                                                  _row("a1", "date", "12日", ""), _row("a1", "number", "40メートル", "40", "メートル")])
    text = "港に新しい灯台\n西村浩二さんは12日、高さ約40mの灯台について語った。"
    assert evaluate.labels_not_in_text(labels, {"a1": text}) == [("a1", "number", "40メートル")]
