"""The claims data files: a bad row stops the run with one line naming file, line and problem."""
import shutil
from pathlib import Path

import pytest

from kiji.claims.vocab import ClaimVocabError, load_vocab

FIXTURE = Path(__file__).parent / "data" / "claims"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    for f in FIXTURE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    monkeypatch.setenv("KIJI_DATA", str(tmp_path))
    return tmp_path


def append(path: Path, line: str):
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


@pytest.mark.parametrize("file, line, message", [
    ("claim_units.csv", "里,km,abc,length,", "claim_units.csv line 23: factor 'abc' is not a number"),
    ("claim_units.csv", "人,人,1,people,", "claim_units.csv line 23: '人' already defined on line 2"),
    ("claim_units.csv", "尋,km,0,length,", "claim_units.csv line 23: factor must not be 0"),
    ("claim_units.csv", "里,km,4,distance,", "claim_units.csv line 23: canonical unit 'km' has kind 'distance'"),
    ("claim_qualifiers.csv", "前後,around,0.9,1.1,", "claim_qualifiers.csv line 14: position 'around'"),
    ("claim_qualifiers.csv", "前後,after,1.2,0.9,", "claim_qualifiers.csv line 14: low_factor 1.2 is above"),
    ("claim_subjects.csv", "負傷者,,", "claim_subjects.csv line 6: alias and subject must not be empty"),
])
def test_bad_rows_name_file_and_line(folder, file, line, message):
    append(folder / file, line)
    with pytest.raises(ClaimVocabError) as err:
        load_vocab()
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_bad_header(folder):
    (folder / "claim_subjects.csv").write_text("name,group\nA,B\n", encoding="utf-8")
    with pytest.raises(ClaimVocabError, match="claim_subjects.csv line 1: header must start with alias,subject,note"):
        load_vocab()


def test_entries_are_nfkc_normalized_and_open_bounds_are_infinite(folder):
    append(folder / "claim_units.csv", "ｋｍ２,km2,1,area,")
    vocab = load_vocab()
    assert "km2" in vocab.units
    assert vocab.qualifiers["以上"].high_factor == float("inf")
    assert vocab.qualifiers["最大"].low_factor == float("-inf")


def test_shipped_tables_load():
    import os
    os.environ.pop("KIJI_DATA", None)
    vocab = load_vocab()
    assert vocab.units["マイル"].canonical == vocab.units["キロ"].canonical
