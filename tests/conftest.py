"""Shared fixtures.

Unit tests run on the fixture vocabulary in ``tests/fixtures/vocab`` (``KIJI_DATA``
is set before kiji is imported, so notebook kernels started by nbval inherit it
too): an analyst who edits ``data/`` cannot break them.  Tests of the shipped
vocabulary live in ``tests/regression/`` and switch ``KIJI_DATA`` back to ``data/``.
"""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURE_VOCAB = ROOT / "tests" / "fixtures" / "vocab"
SHIPPED_DATA = ROOT / "data"

os.environ["KIJI_DATA"] = str(FIXTURE_VOCAB)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_corpus():
    import kiji

    return kiji.load_corpus(SEEDS)


def seed_text(stem_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{stem_prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private, editable copy of the fixture vocabulary, made the current data folder."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(FIXTURE_VOCAB, folder)
    monkeypatch.setenv("KIJI_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never write into the repository's data/cache."""
    os.environ["KIJI_CACHE"] = str(tmp_path_factory.mktemp("kiji-cache"))
    yield


@pytest.fixture(autouse=True)
def _scale_settings_do_not_leak():
    """``kiji --jobs/--dask/--tokenizer`` set process-wide settings: each test starts from the defaults."""
    import os

    saved = {k: os.environ.get(k) for k in ("KIJI_JOBS", "KIJI_DASK", "KIJI_TOKENIZER")}
    yield
    from kiji.core import parallel
    from kiji.tokens import tokenizer

    if parallel._SETTINGS != {"jobs": None, "dask": None} or parallel._DASK["client"] is not None:
        parallel.reset()
    tokenizer._SELECTED["name"] = None
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
