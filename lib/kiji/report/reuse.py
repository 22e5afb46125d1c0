"""Re-runs that do no work for nothing: re-use an export or a report page whose inputs did not change.

A run's inputs are summed up in one key (:func:`run_key`): the corpus content
(every loaded file's bytes hash, name and metadata, the skipped files), kiji's
version and code, every data file, the tokenizer, and the run's own options.
The keys are kept in the run manifest (``kiji-run.json``, written by
:class:`~kiji.report.output_folder.StagedOutput` only when a run completes).

* ``kiji export``: the manifest records the key (``inputs``).  When the key is
  the same and every file the manifest lists is still there, nothing is
  computed or written again (:func:`export_is_current`).
* ``kiji report``: the manifest records, per notebook, the key of the run that
  rendered its page, combined with the notebook file's hash and the
  parameters (``pages``).  A notebook whose key did not change and whose page
  is still there is not executed again: its page (and executed notebook) is
  carried into the new output (:class:`PageReuse`).  A failed notebook is
  never re-used.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd

from .. import __version__
from ..core.cache import _code_hash
from ..core.paths import data_dir


def _frame_digest(frame: pd.DataFrame) -> str:
    h = hashlib.sha256(",".join(map(str, frame.columns)).encode())
    if len(frame):
        h.update(pd.util.hash_pandas_object(frame.astype(str), index=False).values.tobytes())
    return h.hexdigest()


def data_digest(folder: Path | None = None) -> str:
    """Hash of every data file (names and bytes), the cache folder excluded."""
    folder = Path(folder) if folder else data_dir()
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if rel.split("/")[0] == "cache" or not path.is_file():
                continue
            h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def run_key(corpus, **options) -> str:
    """One key for everything a run's output depends on (see the module docstring)."""
    from ..tokens.tokenizer import tokenizer_id

    h = hashlib.sha256()
    for part in (__version__, _code_hash(), data_digest(), tokenizer_id(), _frame_digest(corpus.articles),
                 _frame_digest(corpus.skipped), json.dumps(options, sort_keys=True, default=str)):
        h.update(part.encode() + b"\n")
    return h.hexdigest()


INPUTS_FIELD = "inputs"
PAGES_FIELD = "pages"


# --------------------------------------------------------------------------- export
def export_is_current(out: Path, key: str) -> list[str] | None:
    """The files of the previous export when it had the same key and is complete; else None."""
    from .manifest import read_manifest

    manifest = read_manifest(Path(out)) if Path(out).is_dir() else None
    if not manifest or manifest.get(INPUTS_FIELD) != key or manifest.get("kind") != "export":
        return None
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return None
    if not all((Path(out) / name).is_file() for name in files):
        return None
    return sorted(files)


# --------------------------------------------------------------------------- report pages
class PageReuse:
    """Which report pages of the previous run in ``out`` can be carried into ``work``."""

    def __init__(self, out: Path, previous: dict | None, base: str):
        self.out = Path(out)
        self.base = base
        pages = (previous or {}).get(PAGES_FIELD)
        self.previous: dict = pages if isinstance(pages, dict) else {}
        self.record: dict[str, str] = {}

    def key(self, notebook: Path, **params) -> str:
        h = hashlib.sha256(self.base.encode())
        h.update(hashlib.sha256(Path(notebook).read_bytes()).digest())
        h.update(json.dumps(params, sort_keys=True, default=str).encode())
        return h.hexdigest()

    def carry(self, notebook: Path, key: str, work: Path) -> str | None:
        """The page's file name when the previous run rendered it with the same key and it is
        still there (it is then linked or copied into ``work``); else None."""
        notebook = Path(notebook)
        page = f"{notebook.stem}.html"
        if self.previous.get(notebook.name) != key or not (self.out / page).is_file():
            return None
        try:
            for rel in (page, f"notebooks/{notebook.name}"):
                source = self.out / rel
                if source.is_file():
                    (work / rel).parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(source, work / rel)
                    except OSError:
                        shutil.copy2(source, work / rel)
        except OSError:
            return None
        self.record[notebook.name] = key
        return page

    def remember(self, notebook: Path, key: str, ok: bool) -> None:
        if ok:
            self.record[Path(notebook).name] = key

    def manifest_entry(self) -> dict:
        return {PAGES_FIELD: dict(sorted(self.record.items()))}
