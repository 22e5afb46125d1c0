"""Where kiji finds its analyst-editable data files, and where its cache goes by default.

The data folder is the repository's ``data/`` (next to ``lib/``), unless the
environment variable ``KIJI_DATA`` names another folder.  Analysts edit the CSV
and TXT files there; nothing in Python hard-codes their content.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """Folder holding lexicons, aliases, stopwords, the user dictionary, metadata overrides."""
    env = os.environ.get("KIJI_DATA")
    return Path(env) if env else REPO_ROOT / "data"


def data_file(name: str) -> Path:
    """Path of one data file; a clear error if it is missing."""
    path = data_dir() / name
    if not path.exists():
        raise FileNotFoundError(
            f"kiji data file {name!r} not found in {data_dir()} "
            "(set KIJI_DATA to the folder holding kiji's data files)"
        )
    return path


def default_cache_dir() -> Path:
    """The user cache folder for per-article results: ``$XDG_CACHE_HOME/kiji``, else ``~/.cache/kiji``
    (the platform's cache folder convention; ``kiji --cache DIR`` chooses another)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "kiji"
