"""The shipped data/ folder: every file valid, and the seeds still read as hand-labelled."""
from kiji.core import vocab
from kiji.core.schemas import SCHEMAS


def test_every_shipped_data_file_is_valid(shipped_data):
    present = [n for n in SCHEMAS if (shipped_data / n).exists()]
    assert len(present) == len(SCHEMAS), sorted(set(SCHEMAS) - set(present))
    assert vocab.check_all() == []


def test_nuclear_wording_beyond_fixed_phrases():
    import pandas as pd

    from kiji import escalation

    texts = ["軍は演習で核戦力を誇示した。", "政府は核政策を見直すと表明した。", "核搭載可能な弾頭を搭載したミサイルを発射した。"]
    e = escalation.analyze(pd.DataFrame({"article_id": "n", "sentence_id": range(3), "text_norm": texts}))
    assert set(e["sentence_id"]) == {0, 1, 2}
    assert set(e["category"]) == {"nuclear_threat"}
