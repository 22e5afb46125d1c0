"""The shipped data/ folder: every file valid, and the seeds still read as hand-labelled."""
from kiji.core import vocab
from kiji.core.schemas import SCHEMAS


def test_every_shipped_data_file_is_valid(shipped_data):
    present = [n for n in SCHEMAS if (shipped_data / n).exists()]
    assert len(present) == len(SCHEMAS), sorted(set(SCHEMAS) - set(present))
    assert vocab.check_all() == []
