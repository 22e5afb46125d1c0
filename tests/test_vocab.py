"""Data files: validation on load, one-line errors, content-keyed vocabularies."""
import subprocess
import sys

import pandas as pd
import pytest

from kiji.core import vocab
from kiji.core.schemas import SCHEMAS
from tests.conftest import ROOT


def _append(path, line):
    with open(path, "a", encoding="utf-8") as f:
        f.write(line + "\n")


def _drop_rows(path, key):
    """Remove the rows whose first field is ``key`` (an analyst may already have added them)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if line.split(",")[0].strip() != key), encoding="utf-8")


def test_the_copied_vocabulary_is_valid(data_copy):
    assert set(SCHEMAS) <= {p.name for p in data_copy.iterdir()}
    assert vocab.check_all() == []


@pytest.mark.parametrize("name, line, expected", [
    ("entities.csv", "ネタニヤフ,ネタニヤフ,persn,,", "column 'kind': 'persn' is not one of"),
    ("entities.csv", "ホゲ・フガ,ホゲ・フガ,person,架空連邦,", "'架空連邦' is not the entity of a state"),
    ("entities.csv", "ＮＡＴＯ,NATO,alliance,NATO,", "is not in the analysis form (write 'NATO')"),
    ("source_cues.csv", "語った,say,yes", "column 'needs_quotative': 'yes' is not true or false"),
    ("escalation_lexicon.csv", "核実験,nuclear_threat,核,high,escalate,,", "column 'level': 'high' is not a whole number"),
    ("escalation_lexicon.csv", "核実験,nuclear_threat,核,10,upward,,", "column 'direction': 'upward' is not one of"),
    ("modality_cues.csv", "恐れ,maybe,", "column 'modality': 'maybe' is not one of"),
    ("userdict.csv", "新語,名詞", "2 field(s), expected 3"),
    ("stopwords.txt", "する", "duplicate of line"),
])
def test_bad_row_stops_with_one_line_naming_file_and_line(data_copy, name, line, expected):
    n = sum(1 for _ in open(data_copy / name, encoding="utf-8")) + 1
    _append(data_copy / name, line)
    with pytest.raises(vocab.VocabError) as err:
        vocab.snapshot([name])
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"data/{name} line ")
    assert expected in message
    if name != "stopwords.txt":  # a duplicate names the later line too
        assert f"line {n}:" in message


def test_missing_and_unknown_columns(data_copy):
    (data_copy / "source_channels.csv").write_text("term,kinds\nX,social_media\n", encoding="utf-8")
    with pytest.raises(vocab.VocabError, match=r"line 1: missing column\(s\) kind"):
        vocab.snapshot(["source_channels.csv"])


def test_missing_file_is_one_line(data_copy):
    (data_copy / "titles.csv").unlink()
    with pytest.raises(vocab.VocabError, match="titles.csv: file not found"):
        vocab.table("titles.csv")


def test_booleans_and_row_order_do_not_matter(data_copy):
    path = data_copy / "anonymous_sources.csv"
    before = vocab.table("anonymous_sources.csv")
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header] + rows[::-1]) + "\n", encoding="utf-8")
    after = vocab.table("anonymous_sources.csv")
    key = ["term", "match"]
    pd.testing.assert_frame_equal(before.sort_values(key).reset_index(drop=True),
                                  after.sort_values(key).reset_index(drop=True))


def test_reversed_anonymous_rows_give_the_same_sources(data_copy):
    from kiji.sourcing.extract import _extract_sources

    sents = pd.DataFrame({"article_id": "a", "sentence_id": [0, 1], "text_norm": [
        "事情に詳しい複数の関係者によると、新しい予算案は来週示される。",
        "首相官邸に近い人物は「まだ決まっていない」と語った。"]})
    before = _extract_sources(sents)[["source", "canonical", "source_kind"]]
    path = data_copy / "anonymous_sources.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([header] + rows[::-1]) + "\n", encoding="utf-8")
    after = _extract_sources(sents)[["source", "canonical", "source_kind"]]
    pd.testing.assert_frame_equal(before, after)
    assert list(before["canonical"]) == ["関係者", "首相官邸に近い人物"]


def test_empty_userdict_works(data_copy):
    from kiji.tokens.tokenizer import tokenize_sentences

    (data_copy / "userdict.csv").write_text("", encoding="utf-8")
    sents = pd.DataFrame({"article_id": "a", "sentence_id": [0], "text_norm": ["台風が九州に上陸した。"]})
    toks = tokenize_sentences(sents)
    assert "台風" in set(toks["surface"])


def test_every_schema_has_a_documented_file():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for name in SCHEMAS:
        assert f"`{name}`" in readme, name


def test_analyst_edits_as_the_readme_says(data_copy, tmp_path, monkeypatch):
    """A stopword, a cue, an entity and an escalation term appended the way data/README.md describes
    take effect, and the whole pipeline still runs on the edited folder."""
    import kiji
    from kiji.escalation import analyze
    from kiji.escalation.actors import default_finder
    from kiji.sourcing.extract import _extract_sources
    from kiji.terms.frequency import term_frequency
    from kiji.tokens.tokenizer import tokenize_sentences

    sents = pd.DataFrame({"article_id": "a", "sentence_id": [0, 1], "text_norm": [
        "財務相は「予算は足りる」と述べる。",
        "ネタニヤフ首相は国連演説で停戦案に触れると述懐した。"]})
    skirmish = pd.DataFrame({"article_id": "b", "sentence_id": [0], "text_norm": ["両軍は山岳地帯で小競り合いを続けた。"]})
    for file, key in (("stopwords.txt", "述べる"), ("source_cues.csv", "述懐"), ("entities.csv", "イスラエル"),
                      ("entities.csv", "ネタニヤフ"), ("escalation_lexicon.csv", "小競り合い")):
        _drop_rows(data_copy / file, key)  # the rows this test adds, whatever the shipped data holds today
    assert "述べる" in set(term_frequency(tokenize_sentences(sents))["term"])
    assert "小競り合い" not in set(analyze(skirmish)["term"])
    _append(data_copy / "stopwords.txt", "述べる")
    _append(data_copy / "source_cues.csv", "述懐,say,true")
    _append(data_copy / "entities.csv", "イスラエル,イスラエル,state,イスラエル,")
    _append(data_copy / "entities.csv", "ネタニヤフ,ネタニヤフ,person,イスラエル,Benjamin Netanyahu")
    _append(data_copy / "escalation_lexicon.csv", "小競り合い,strike_on_territory,領土への攻撃,9,escalate,,skirmish")
    assert vocab.check_all() == []
    assert list(analyze(skirmish)["term"]) == ["小競り合い"]
    assert "述べる" not in set(term_frequency(tokenize_sentences(sents))["term"])
    src = _extract_sources(sents)
    assert ("ネタニヤフ", "述懐") in set(zip(src["canonical"], src["cue"]))
    assert src.loc[src["canonical"] == "ネタニヤフ", "side"].tolist() == ["イスラエル"]
    assert default_finder().actors_in("ネタニヤフ首相が演説した") == ["イスラエル"]
    corpus = kiji.load_corpus(ROOT / "seeds")  # the whole pipeline still runs on the edited data
    from kiji.report.export import export

    assert export(corpus, tmp_path / "out")


EDIT_SCRIPT = r"""
import json, sys, pandas as pd
from kiji.core.cache import Cache
from kiji.core.parallel import InProcess
from kiji.core.run import Run
from kiji.escalation import analyze
run = Run(cache=Cache(sys.argv[1]), executor=InProcess())
sents = pd.DataFrame({"article_id": "a", "sentence_id": [0], "text_norm": ["両国の軍は国境で小競り合いを続けた。"]})
out = analyze(sents, run=run)
print(json.dumps({"terms": list(out["term"]), "stats": run.stats["escalation"]}))
"""


def test_lexicon_edited_while_running(data_copy, tmp_path, monkeypatch):
    """An edit takes effect on the next call in the same process, and the cache
    then serves a fresh process the result of the new vocabulary, never the old."""
    import json

    from kiji.core.cache import Cache
    from kiji.core.parallel import InProcess
    from kiji.core.run import Run
    from kiji.escalation import analyze

    runs = [Run(cache=Cache(tmp_path / "cache"), executor=InProcess()) for _ in range(3)]
    sents = pd.DataFrame({"article_id": "a", "sentence_id": [0], "text_norm": ["両国の軍は国境で小競り合いを続けた。"]})
    assert list(analyze(sents, run=runs[0])["term"]) == []
    _append(data_copy / "escalation_lexicon.csv", "小競り合い,strike_on_territory,領土への攻撃,9,escalate,,skirmish")
    assert list(analyze(sents, run=runs[1])["term"]) == ["小競り合い"]
    assert list(analyze(sents, run=runs[2])["term"]) == ["小競り合い"]
    assert runs[2].stats["escalation"] == {"computed": 0, "cached": 1}
    run = subprocess.run([sys.executable, "-c", EDIT_SCRIPT, str(tmp_path / "cache")], capture_output=True,
                         text=True, check=True,
                         env={**__import__("os").environ})
    fresh = json.loads(run.stdout.strip().splitlines()[-1])
    assert fresh == {"terms": ["小競り合い"], "stats": {"computed": 0, "cached": 1}}


def test_userdict_edited_while_running(data_copy, tmp_path, monkeypatch):
    from kiji.tokens.tokenizer import tokenize_sentences

    sents = pd.DataFrame({"article_id": "a", "sentence_id": [0], "text_norm": ["量子暗号通信網が開通した。"]})
    assert "量子暗号通信網" not in set(tokenize_sentences(sents)["surface"])
    _append(data_copy / "userdict.csv", "量子暗号通信網,名詞,リョウシアンゴウツウシンモウ")
    assert "量子暗号通信網" in set(tokenize_sentences(sents)["surface"])


def test_no_copy_of_the_shipped_data_under_tests():
    """Tests run on data/ itself or on rows of their own: a copy of a data file would have to be edited
    with every vocabulary change and would isolate nothing."""
    import hashlib

    from kiji.core.paths import data_dir

    assert data_dir() == ROOT / "data"
    shipped = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in (ROOT / "data").iterdir()
               if p.name in SCHEMAS and p.stat().st_size > 200}
    copies = [str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("*") if p.is_file()
              and p.stat().st_size > 200 and hashlib.sha256(p.read_bytes()).hexdigest() in shipped]
    assert copies == []
