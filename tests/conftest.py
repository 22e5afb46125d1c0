"""Shared fixtures.

Every test runs on the shipped vocabulary, ``data/`` (``KIJI_DATA`` is set before kiji
is imported, so notebook kernels started by nbval inherit it too, whatever the
caller's environment).  Tests must not depend on its current content: a unit test
that needs particular rows writes them into a folder of its own (``data_copy``
plus its rows, or a few rows written inline as ``tests/test_sourcing_steps.py``
does); tests on the seeds use thresholds, not today's exact counts, so an
analyst's ordinary edits (a stopword, a cue, an entity, a lexicon term) keep the
suite green (``tests/test_vocab.py`` checks this).
"""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHIPPED_DATA = ROOT / "data"

os.environ["KIJI_DATA"] = str(SHIPPED_DATA)


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
    """A private, editable copy of the shipped vocabulary (its data files only), made the current data folder."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, folder, ignore=shutil.ignore_patterns("cache", "README.md", ".*"))
    monkeypatch.setenv("KIJI_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never write into the user's cache folder: library calls without a run use this one."""
    from kiji.core.cache import Cache
    from kiji.core.run import Run, use_run

    use_run(Run(cache=Cache(tmp_path_factory.mktemp("kiji-cache"))))
    yield
    use_run(None)
