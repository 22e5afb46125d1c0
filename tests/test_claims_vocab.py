"""The claims data files: a bad row stops the run with one line naming file, line and problem."""
import math
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
    ("claim_units.csv", "里,km,abc,length,", "claim_units.csv line 23: column 'factor': 'abc' is not a number"),
    ("claim_units.csv", "人,人,1,people,", "claim_units.csv line 23: duplicate of line 2"),
    ("claim_units.csv", "尋,km,0,length,", "claim_units.csv line 23: column 'factor': 0.0 must be a number above 0"),
    ("claim_units.csv", "里,km,4,distance,", "claim_units.csv line 23: column 'kind': canonical unit 'km' has kind"),
    ("claim_units.csv", "ｋｍ２,km2,1,area,", "claim_units.csv line 23: column 'unit': 'ｋｍ２' is not in the analysis form"),
    ("claim_qualifiers.csv", "前後,around,0.9,1.1,", "claim_qualifiers.csv line 14: column 'position': 'around' is not one of"),
    ("claim_qualifiers.csv", "前後,after,1.2,0.9,", "claim_qualifiers.csv line 14: column 'low_factor': 1.2 is above"),
    ("claim_subjects.csv", "負傷者,,", "claim_subjects.csv line 6: column 'subject' is empty"),
])
def test_bad_rows_name_file_and_line(folder, file, line, message):
    append(folder / file, line)
    with pytest.raises(ClaimVocabError) as err:
        load_vocab()
    assert str(err.value).startswith(f"{folder.name}/{message}")
    assert "\n" not in str(err.value)


def test_bad_header(folder):
    (folder / "claim_subjects.csv").write_text("name,group\nA,B\n", encoding="utf-8")
    with pytest.raises(ClaimVocabError, match="claim_subjects.csv line 1: missing column"):
        load_vocab()


def test_open_bounds_are_infinite_and_edits_take_effect(folder):
    vocab = load_vocab()
    assert vocab.qualifiers["以上"].high_factor == math.inf
    assert vocab.qualifiers["最大"].low_factor == -math.inf
    append(folder / "claim_units.csv", "里,km,3.927,length,")
    assert load_vocab().units["里"].factor == 3.927
