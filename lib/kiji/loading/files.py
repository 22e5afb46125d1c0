"""List and read the files of an articles folder without trusting them.

An analyst's folder can hold anything: symbolic links (to ``/etc/passwd`` or
``/dev/zero``), FIFOs (opening one for reading blocks until a writer comes),
sockets, device files, huge files and kiji's own output.  The rules:

* Entries are examined with ``os.lstat`` and never followed: a **symbolic
  link is skipped** with its reason, even when it points at an article (copy
  the file into the folder instead).  Only regular files are opened.
* FIFOs, sockets and block/character devices are skipped **without being
  opened**.  A file is opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked
  again with ``fstat`` after opening, so an entry swapped for a link or a
  FIFO between listing and reading is still refused.
* Every read is bounded: at most ``max_bytes`` (default :data:`MAX_BYTES`,
  raise it with ``kiji export --max-bytes``) and at most ``timeout`` seconds
  (checked between 1 MiB chunks).
* kiji's own output is never read back as an article: a subfolder or the
  folder itself holding a kiji run manifest (:data:`MANIFEST_NAMES`) is
  reported, and files named like kiji's outputs there (``index.html``,
  ``NN_*.html``, tables) are skipped.
* Subfolders are searched only with ``recursive=True`` (``--recursive``); a
  subfolder is entered only when it is a real folder (never through a link),
  not hidden and not kiji's output.

:func:`list_articles` returns ``(files, skipped)``: the regular files to read,
in name order (with ``recursive``, each folder's files before its
subfolders'), and ``(name, reason)`` pairs for everything else, ``name``
being the entry's path relative to the folder (``sports/a.txt``), as shown
(:func:`kiji.core.names.shown_name`: bytes that are not UTF-8 as ``\\xff``,
control characters as ``\\x1b``).
:func:`read_bounded` returns a file's bytes or raises :class:`NotReadable`.
"""
from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

from ..core.names import shown_name

#: Default size limit of one article file (a long news article is well under 200 KB).
MAX_BYTES = 2 * 1024 * 1024
#: Seconds one file may take to read.
READ_TIMEOUT = 10.0
#: Manifest files kiji writes into an output folder.
MANIFEST_NAMES = ("kiji-run.json",)
_OUTPUT_NAME = re.compile(r"^(index\.html|\d\d_[^/]*\.(html|ipynb)|kiji-run\.json(\.tmp)?)$")
_CHUNK = 1024 * 1024


class NotReadable(Exception):
    """The entry is not read as an article; ``str(exc)`` is the reason shown to the analyst."""


def is_kiji_output_folder(folder: Path) -> bool:
    """True when ``folder`` holds a kiji run manifest (a folder kiji wrote)."""
    for name in MANIFEST_NAMES:
        try:
            if stat.S_ISREG(os.lstat(folder / name).st_mode):
                return True
        except OSError:
            pass
    return False


def entry_problem(path: Path, st: os.stat_result | None = None) -> str:
    """Why the folder entry ``path`` is not read as an article ('' when it is a regular file)."""
    try:
        st = st or os.lstat(path)
    except OSError as exc:
        return f"cannot be examined: {exc.strerror or exc}"
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return (f"symbolic link (to {shown_name(target)}): links are not followed; "
                "copy the article file into the folder instead")
    if stat.S_ISDIR(mode):
        if is_kiji_output_folder(path):
            return "kiji output folder (holds a kiji run manifest): not read as articles"
        return "subfolder: not searched (add --recursive to read subfolders, or load it as a folder of its own)"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO): not a file, not opened"
    if stat.S_ISSOCK(mode):
        return "socket: not a file, not opened"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file: not a file, not opened"
    if not stat.S_ISREG(mode):
        return "not a regular file, not opened"
    return ""


def list_articles(folder: Path, recursive: bool = False) -> tuple[list[Path], list[tuple[str, str]]]:
    """Regular files of ``folder`` (and, when ``recursive``, of its subfolders) to read as articles,
    and ``(relative name, reason)`` for the rest."""
    folder = Path(folder)
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    _list_into(folder, "", recursive, files, skipped)
    return files, skipped


def _list_into(folder: Path, prefix: str, recursive: bool, files: list[Path],
               skipped: list[tuple[str, str]]) -> None:
    own_output = is_kiji_output_folder(folder)
    with os.scandir(folder) as entries:
        names = sorted((e.name, e) for e in entries)
    subfolders = []
    for name, entry in names:
        path, rel = folder / name, prefix + shown_name(name)  # as shown: bytes and control characters escaped
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError as exc:
            skipped.append((rel, f"cannot be examined: {exc.strerror or exc}"))
            continue
        if stat.S_ISDIR(st.st_mode) and name.startswith("."):
            skipped.append((rel, "hidden folder: not searched"))
            continue
        if recursive and stat.S_ISDIR(st.st_mode):
            if is_kiji_output_folder(path):
                skipped.append((rel, entry_problem(path, st)))
            else:
                subfolders.append((path, rel))
            continue
        problem = entry_problem(path, st)
        if problem:
            skipped.append((rel, problem))
        elif name.startswith("."):
            skipped.append((rel, "hidden file"))
        elif name in MANIFEST_NAMES or (own_output and _OUTPUT_NAME.match(name)):
            skipped.append((rel, "kiji output file: not read back as an article"))
        else:
            files.append(path)
    for path, rel in subfolders:
        try:
            _list_into(path, rel + "/", recursive, files, skipped)
        except OSError as exc:
            skipped.append((rel, f"subfolder cannot be listed: {exc.strerror or exc}"))


def read_bounded(path: Path, max_bytes: int = MAX_BYTES, timeout: float = READ_TIMEOUT) -> bytes:
    """The bytes of the regular file ``path``, read without following links, within the bounds.

    Raises :class:`NotReadable` (with the reason) for anything else: a link,
    FIFO, device, a file over ``max_bytes`` or one that takes over ``timeout``
    seconds to read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        problem = entry_problem(Path(path))
        raise NotReadable(problem or f"cannot be read: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotReadable(entry_problem(Path(path), st) or "not a regular file, not opened")
        if st.st_size > max_bytes:
            raise NotReadable(_too_large(st.st_size, max_bytes))
        deadline = time.monotonic() + timeout
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # it grew while we read
                raise NotReadable(_too_large(total, max_bytes))
            if time.monotonic() > deadline:
                raise NotReadable(f"reading took more than {timeout:.0f} s; not loaded")
        return b"".join(chunks)
    except OSError as exc:
        raise NotReadable(f"cannot be read: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _too_large(size: int, max_bytes: int) -> str:
    return (f"file too large for an article ({_mib(size)} > limit {_mib(max_bytes)}; "
            "raise the limit with --max-bytes if it really is one article)")


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 1024:.0f} KB"
