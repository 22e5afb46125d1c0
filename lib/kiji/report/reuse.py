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

A file is carried forward only when it is verified (:func:`read_verified`): a
regular file (not a symbolic link, FIFO or device) inside ``--out`` (no
symbolic link on the way), listed in the previous manifest, whose SHA-256 is
the one recorded there.  Its verified bytes are written into the new output
(never a link to a file that may change after the check).  Anything else (a
page edited or replaced, a symbolic link to ``/etc/shadow``, a missing entry)
is rendered again.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pandas as pd

from .. import __version__
from ..core.cache import code_hash, key_of
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


def run_key(corpus, tokenizer: str = "janome", **options) -> str:
    """One key for everything a run's output depends on (see the module docstring)."""
    from ..tokens.tokenizer import tokenizer_id

    return key_of("run", __version__, code_hash(), data_digest(), tokenizer_id(tokenizer),
                  _frame_digest(corpus.articles), _frame_digest(corpus.skipped), _codes_digest(),
                  json.dumps(options, sort_keys=True, default=str))


def _codes_digest() -> str:
    """Hash of the code file ``--codes`` names (``KIJI_CODES``; the default one is a data file)."""
    given = os.environ.get("KIJI_CODES", "")
    try:
        return hashlib.sha256(Path(given).read_bytes()).hexdigest() if given else ""
    except OSError:
        return "unreadable"


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


# --------------------------------------------------------------------------- verified files
#: A page or table bigger than this is not carried forward (it is rendered again).
MAX_CARRIED_BYTES = 256 * 2**20


def read_verified(out: Path, rel: str, files: dict | None) -> bytes | None:
    """The bytes of ``out/rel`` when it is a regular file inside ``out`` (no symbolic link on the way)
    whose SHA-256 is ``files[rel]`` (the previous manifest's record); else None.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "page.html").write_bytes(b"<p>ok</p>")
    >>> read_verified(folder, "page.html", {"page.html": hashlib.sha256(b"<p>ok</p>").hexdigest()})
    b'<p>ok</p>'
    >>> read_verified(folder, "page.html", {"page.html": "0" * 64}) is None
    True
    """
    expected = (files or {}).get(rel)
    parts = Path(rel).parts
    if not isinstance(expected, str) or not parts or Path(rel).is_absolute() or ".." in parts:
        return None
    folder = Path(out)
    try:
        for depth in range(1, len(parts)):  # every folder on the way is a real folder
            if not stat.S_ISDIR(os.lstat(folder.joinpath(*parts[:depth])).st_mode):
                return None
        fd = os.open(folder / rel, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CARRIED_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_CARRIED_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data if hashlib.sha256(data).hexdigest() == expected else None


def carry_verified(out: Path, rel: str, files: dict | None, work: Path) -> bool:
    """Write the verified bytes of ``out/rel`` to ``work/rel``; False (nothing written) when unverified."""
    data = read_verified(out, rel, files)
    if data is None:
        return False
    target = Path(work) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


# --------------------------------------------------------------------------- report pages
class PageReuse:
    """Which report pages of the previous run in ``out`` can be carried into ``work``."""

    def __init__(self, out: Path, previous: dict | None, base: str):
        self.out = Path(out)
        self.base = base
        pages = (previous or {}).get(PAGES_FIELD)
        self.previous: dict = pages if isinstance(pages, dict) else {}
        files = (previous or {}).get("files")
        #: relative path → SHA-256 of every file the previous run wrote (its manifest's ``files``)
        self.files: dict = files if isinstance(files, dict) else {}
        self.record: dict[str, str] = {}

    def key(self, notebook: Path, **params) -> str:
        return key_of("page", self.base, Path(notebook).read_bytes(), json.dumps(params, sort_keys=True, default=str))

    def carry(self, notebook: Path, key: str, work: Path) -> str | None:
        """The page's file name when the previous run rendered it with the same key and the page and
        its executed notebook are verified (:func:`read_verified`; they are then written into
        ``work``); else None: the notebook is rendered again."""
        notebook = Path(notebook)
        page = f"{notebook.stem}.html"
        if self.previous.get(notebook.name) != key:
            return None
        rels = (page, f"notebooks/{notebook.name}")
        verified = [read_verified(self.out, rel, self.files) for rel in rels]
        if any(data is None for data in verified):
            return None
        try:
            for rel, data in zip(rels, verified):
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                (work / rel).write_bytes(data)  # type: ignore[arg-type]
        except OSError:
            return None
        self.record[notebook.name] = key
        return page

    def remember(self, notebook: Path, key: str, ok: bool) -> None:
        if ok:
            self.record[Path(notebook).name] = key

    def manifest_entry(self) -> dict:
        return {PAGES_FIELD: dict(sorted(self.record.items()))}
