"""Output folders that are never half-written.

``kiji export`` and ``kiji report`` never write into ``--out`` directly.
:class:`StagedOutput` first checks the path (before any analysis, so a bad
``--out`` fails in one line within a second), then creates a staging folder
*beside* it (``.<name>.kiji-new-<pid>-…``, same file system).  Everything is
written there; :meth:`StagedOutput.commit` then writes the run manifest
(``kiji-run.json``, listing every file kiji wrote with its SHA-256) and swaps
the staging folder in with one atomic ``renameat2(RENAME_EXCHANGE)`` call
(Linux), so a run killed at any moment leaves either the previous complete
output or the new complete output, never a mix.  Where the exchange is not
available, two renames are used (a kill between them leaves ``--out``
missing and the previous output in ``.<name>.kiji-old-<pid>-…``, which the
next run puts back).  Leftover staging folders of dead runs are removed by
the next run.

Files in ``--out`` that kiji did not write (not listed in the previous
manifest) are left alone: they are hard-linked (same file, not a copy) into
the new folder before the swap, and kiji never lists them as its tables.

Refused before any work, with a one-line :class:`OutputError`:
``--out`` equal to or inside the articles folder (kiji would read its own
output as articles next time), containing the articles folder, equal to,
inside or containing the project's ``notebooks/`` folder, an existing file,
an uncreatable or read-only location, or a folder holding more than
:data:`MAX_FOREIGN` entries kiji did not write (choose a folder of its own).
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from .manifest import MANIFEST, read_manifest

MAX_FOREIGN = 200
_STAGING = re.compile(r"^\.(?P<name>.+)\.kiji-(?P<kind>new|old)-(?P<pid>\d+)-[^/]*$")


class OutputError(Exception):
    """The output folder cannot be used; ``str(exc)`` is a one-line message."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class StagedOutput:
    """A staging folder beside ``out``, swapped in by :meth:`commit`.

    ``articles``: the articles folder (``--out`` must not be it, inside it or
    contain it).  ``protected``: further folders ``--out`` must not be,
    be inside or contain (default: the project's ``notebooks/``).
    """

    def __init__(self, out: str | Path, articles: str | Path | None = None,
                 protected: list[Path] | None = None, warn=None):
        self.out = Path(os.path.abspath(out))
        if protected is None:
            from ..core.paths import REPO_ROOT
            protected = [REPO_ROOT / "notebooks"]
        self.warn = warn
        self._check(articles, protected)
        self._lock_fd = self._lock()
        self._cleanup_stale()
        try:
            self.path = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.kiji-new-{os.getpid()}-",
                                              dir=self.out.parent))
        except OSError as exc:
            raise OutputError(f"cannot write beside --out {self.out}: {exc.strerror or exc}") from None
        umask = os.umask(0)
        os.umask(umask)
        mode = stat.S_IMODE(os.stat(self.out).st_mode) if self.out.is_dir() else 0o777 & ~umask
        os.chmod(self.path, mode)
        self.previous = read_manifest(self.out, warn) if self.out.is_dir() else None
        self.done = False

    # ------------------------------------------------------------ checks
    def _check(self, articles, protected) -> None:
        out = self.out
        real = Path(os.path.realpath(out))
        if articles is not None:
            arts = Path(os.path.realpath(articles))
            if _inside(real, arts):
                raise OutputError(f"--out {out} is the articles folder or inside it: kiji would read its "
                                  "own output as articles next time; choose a folder outside it")
            if _inside(arts, real):
                raise OutputError(f"--out {out} contains the articles folder {articles}; "
                                  "choose a folder of its own for kiji's output")
        for folder in protected:
            folder = Path(os.path.realpath(folder))
            if _inside(real, folder) or _inside(folder, real):
                raise OutputError(f"--out {out} would overwrite the project's {folder.name}/ folder; "
                                  "choose a folder of its own for kiji's output")
        if os.path.lexists(out):
            if os.path.islink(out):
                raise OutputError(f"--out {out} is a symbolic link; give the real folder")
            if not out.is_dir():
                raise OutputError(f"--out {out} exists and is not a folder")
            if not os.access(out, os.W_OK | os.X_OK):
                raise OutputError(f"--out {out} is not writable")
            self._check_foreign()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder for --out {out}: {exc.strerror or exc}") from None
        if not os.access(out.parent, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write in {out.parent} (needed beside --out): permission denied")

    def _check_foreign(self) -> None:
        owned = _owned(read_manifest(self.out))
        count = 0
        for rel, st in _walk(self.out):
            if rel in owned:
                continue
            count += 1
            mode = st.st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                raise OutputError(f"--out {self.out} holds {rel}, which is neither a file nor a folder; "
                                  "choose a folder of its own for kiji's output")
            if count > MAX_FOREIGN:
                raise OutputError(f"--out {self.out} holds more than {MAX_FOREIGN} files kiji did not write; "
                                  "choose a new or empty folder for kiji's output")

    def _lock(self) -> int | None:
        """Hold ``.<out name>.kiji-lock`` beside ``out`` (``flock``, released when the run ends or dies):
        a second run into the same ``out`` stops in one line instead of racing the first."""
        lock = self.out.parent / f".{self.out.name}.kiji-lock"
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return None
        try:
            fd = os.open(lock, flags, 0o600)
        except OSError as exc:
            raise OutputError(f"cannot write beside --out {self.out}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = os.fstat(fd)
            current = os.stat(lock, follow_symlinks=False)
            if (held.st_dev, held.st_ino) != (current.st_dev, current.st_ino):
                raise BlockingIOError  # the file was removed by the run that just ended: a new one is in use
        except OSError:
            os.close(fd)
            raise OutputError(f"another kiji run is writing to {self.out}; wait for it to finish") from None
        self._lock_path = lock
        return fd

    def unlock(self) -> None:
        """Let another run write to ``out`` (called when this one is committed or aborted); the lock file
        is removed while still held, so nothing is left beside ``out``."""
        fd = getattr(self, "_lock_fd", None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._lock_path)
            os.close(fd)
            self._lock_fd = None

    def _cleanup_stale(self) -> None:
        parent = self.out.parent
        try:
            siblings = list(os.scandir(parent))
        except OSError:
            return
        for entry in siblings:
            m = _STAGING.match(entry.name)
            if not m or m["name"] != self.out.name or _pid_alive(int(m["pid"])):
                continue
            if m["kind"] == "old" and not os.path.lexists(self.out):
                os.rename(entry.path, self.out)  # killed between the two renames: put it back
            else:
                shutil.rmtree(entry.path, ignore_errors=True)

    # ------------------------------------------------------------ finish
    def commit(self, extra: dict | None = None) -> Path:
        """Write the manifest (``extra`` merged in), carry foreign files over, swap; returns ``out``."""
        files = {rel: _sha256(self.path / rel) for rel, st in _walk(self.path) if stat.S_ISREG(st.st_mode)}
        manifest = {"generated": dt.datetime.now().isoformat(timespec="seconds"), **(extra or {}),
                    "files": dict(sorted(files.items()))}
        tmp = self.path / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path / MANIFEST)
        if self.out.is_dir():
            _carry_over(self.out, self.path, "", _owned(self.previous) | _owned(read_manifest(self.out)))
            _fsync_dir(self.path)
            if _exchange(self.path, self.out):
                shutil.rmtree(self.path, ignore_errors=True)  # now the previous output
            else:
                old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.kiji-old-{os.getpid()}-", dir=self.out.parent))
                os.rmdir(old)
                os.rename(self.out, old)
                os.rename(self.path, self.out)
                shutil.rmtree(old, ignore_errors=True)
        else:
            _fsync_dir(self.path)
            os.rename(self.path, self.out)
        _fsync_dir(self.out.parent)
        self.done = True
        return self.out

    def abort(self) -> None:
        """Remove the staging folder; ``out`` is untouched."""
        if not self.done:
            shutil.rmtree(self.path, ignore_errors=True)
            self.done = True

    def __enter__(self) -> StagedOutput:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or not self.done:
            self.abort()
        self.unlock()


def _owned(manifest: dict | None) -> set[str]:
    """Relative paths kiji wrote according to ``manifest`` (folders included)."""
    if not manifest:
        return set()
    owned = {MANIFEST, MANIFEST + ".tmp"}
    for rel in manifest.get("files", {}):
        parts = rel.split("/")
        owned.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    if "files" not in manifest:  # manifests of earlier versions: the report's own names
        owned.update({"index.html", "data", "notebooks"})
    return owned


def _walk(root: Path, rel: str = ""):
    """(relative path, lstat) of every entry under ``root``, links not followed."""
    try:
        entries = sorted(os.scandir(root / rel if rel else root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        r = f"{rel}/{entry.name}" if rel else entry.name
        st = entry.stat(follow_symlinks=False)
        yield r, st
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(root, r)


def _carry_over(old: Path, new: Path, rel: str, owned: set[str]) -> None:
    """Hard-link every entry of ``old`` that kiji did not write into ``new`` (same place)."""
    for entry in sorted(os.scandir(old / rel if rel else old), key=lambda e: e.name):
        r = f"{rel}/{entry.name}" if rel else entry.name
        target = new / r
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(st.st_mode) and target.is_dir() and not target.is_symlink():
            _carry_over(old, new, r, owned)
        elif os.path.lexists(target) or r in owned or _STAGING.match(entry.name):
            continue
        elif stat.S_ISDIR(st.st_mode):
            target.mkdir()
            shutil.copystat(entry.path, target)
            _carry_over(old, new, r, owned)
        elif stat.S_ISLNK(st.st_mode):
            os.symlink(os.readlink(entry.path), target)
        elif stat.S_ISREG(st.st_mode):
            try:
                os.link(entry.path, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry.path, target, follow_symlinks=False)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
