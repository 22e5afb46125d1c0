"""Regression tests on the shipped vocabulary (``data/``), on the seeds.

They check that the vocabulary an analyst actually runs is valid and still
reaches the hand-labelled figures; they use thresholds, not exact counts, so an
analyst's ordinary edits (a stopword, a cue, an entity) do not break them.
"""
import pytest

from tests.conftest import SHIPPED_DATA


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch):
    monkeypatch.setenv("KIJI_DATA", str(SHIPPED_DATA))
    return SHIPPED_DATA
