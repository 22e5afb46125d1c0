"""MeCab backend: fugashi + the ``ipadic`` package (the IPADIC dictionary janome also ships).

Selected with ``--tokenizer mecab`` or ``KIJI_TOKENIZER=mecab``; it yields the
same token table as janome (:func:`kiji.tokens.tokenizer.tokenize_sentences`),
about 20 times faster.  The differences from janome that remain are measured
and explained by ``tests/test_mecab_parity.py``.

The project's user dictionary (``data/userdict.csv``) applies here too: its
entries are written as IPADIC CSV lines with the same context ids and cost as
for janome (:func:`kiji.tokens.tokenizer.ipadic_user_lines`) and compiled with
MeCab's ``mecab-dict-index`` (``fugashi.build_dictionary``) into
``userdict-<hash>.dic`` the first time they are needed; a changed user
dictionary gets a new file.  Compilation runs in a child process (MeCab exits
the process on a bad entry) and its error is reported in one line.

Nothing is trusted from a shared place.  The compiled file lives in
``<user cache folder>/mecab/`` only when that folder is a real folder owned by
this user and writable by nobody else; otherwise in a private
``tempfile.mkdtemp`` folder (mode 700, owner checked, removed at exit) --
never at a predictable path in ``/tmp``.  Beside it, ``<name>.sha256`` holds
the SHA-256 of its bytes: the file is used only when it is a regular file of
this user whose bytes match (a truncated or replaced file is rebuilt), and a
dictionary that MeCab cannot load is rebuilt once; if it still fails,
:class:`MecabUnavailable` says so in one line.

One tagger per process and user dictionary, built on first use.
"""
from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..core.packs import read_own

_TAGGERS: dict[str, object] = {}


class MecabUnavailable(RuntimeError):
    """fugashi or ipadic is missing, or the user dictionary does not compile."""


def _modules():
    try:
        import fugashi
        import ipadic
    except ImportError as exc:
        raise MecabUnavailable(f"--tokenizer mecab needs fugashi and ipadic (pip install fugashi ipadic): {exc}") \
            from None
    return fugashi, ipadic


@lru_cache(maxsize=1)
def version_id() -> str:
    """What the token table depends on: fugashi (MeCab) and ipadic versions."""
    parts = []
    for pkg in ("fugashi", "ipadic"):
        try:
            parts.append(f"{pkg}={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}=missing")
    return "mecab:" + ",".join(parts)


#: Largest compiled user dictionary read back (bytes).
MAX_DIC_BYTES = 256 * 2**20
_PRIVATE: list[Path] = []


def _is_private_folder(folder: Path) -> bool:
    """``folder`` is a real folder (not a link) owned by this user and writable by nobody else."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    owner = os.getuid() if hasattr(os, "getuid") else st.st_uid
    return stat.S_ISDIR(st.st_mode) and st.st_uid == owner and not st.st_mode & 0o022


def _private_dir() -> Path:
    """A folder of this process only (``mkdtemp``: random name, mode 700), removed at exit."""
    if not _PRIVATE:
        folder = Path(tempfile.mkdtemp(prefix="kiji-mecab-"))
        if not _is_private_folder(folder):
            raise MecabUnavailable(f"cannot make a private folder for the MeCab user dictionary ({folder})")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _PRIVATE.append(folder)
    return _PRIVATE[0]


def _safe_ancestor(folder: Path) -> bool:
    """Nobody else can rename ``folder``'s entries: owned by this user or root, and not writable by others
    unless sticky (``/tmp``: others cannot move what they do not own)."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    owner = os.getuid() if hasattr(os, "getuid") else st.st_uid
    return (stat.S_ISDIR(st.st_mode) and st.st_uid in (owner, 0)
            and (not st.st_mode & 0o022 or bool(st.st_mode & stat.S_ISVTX)))


def _compiled_dir() -> Path:
    """``<user cache folder>/mecab`` when it and ``kiji/`` are private to this user and the cache base is
    safe, else :func:`_private_dir`."""
    from kiji.core.paths import default_cache_dir

    folder = default_cache_dir() / "mecab"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return _private_dir()
    private = _is_private_folder(folder) and _is_private_folder(folder.parent) and _safe_ancestor(folder.parent.parent)
    return folder if private else _private_dir()


def _verified(target: Path) -> bool:
    """The compiled file is ours and its bytes match the SHA-256 written beside it when it was built."""
    recorded = read_own(target.with_name(target.name + ".sha256"), 64)
    if not recorded:
        return False
    data = read_own(target, MAX_DIC_BYTES)
    return data is not None and hashlib.sha256(data).hexdigest().encode() == recorded.strip()


def _write_atomic(folder: Path, target: Path, data: bytes) -> None:
    fd, partial = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(partial, target)


def compile_userdict(csv_text: str, *, rebuild: bool = False) -> Path:
    """The compiled MeCab user dictionary for ``csv_text`` (IPADIC CSV lines), built once and verified
    by its SHA-256 before each use (``rebuild``: build it again whatever is there)."""
    fugashi, ipadic = _modules()
    digest = hashlib.sha256((version_id() + "\n" + csv_text).encode()).hexdigest()[:20]
    folder = _compiled_dir()
    target = folder / f"userdict-{digest}.dic"
    if not rebuild and _verified(target):
        return target
    with tempfile.TemporaryDirectory(prefix="kiji-mecab-") as tmp:
        src, out = Path(tmp) / "user.csv", Path(tmp) / "user.dic"
        src.write_text(csv_text, encoding="utf-8")
        args = f"mecab-dict-index -d {ipadic.DICDIR} -u {out} -f utf-8 -t utf-8 {src}"
        code = "import sys, fugashi; fugashi.build_dictionary(sys.argv[1])"
        proc = subprocess.run([sys.executable, "-c", code, args], capture_output=True, text=True)
        if proc.returncode != 0 or not out.exists():
            lines = [line for line in (proc.stderr + proc.stdout).splitlines() if line.strip()]
            raise MecabUnavailable("the user dictionary does not compile for MeCab: "
                                   + (lines[-1] if lines else f"exit code {proc.returncode}"))
        data = out.read_bytes()
    try:
        _write_atomic(folder, target, data)
        _write_atomic(folder, target.with_name(target.name + ".sha256"), hashlib.sha256(data).hexdigest().encode())
    except OSError as exc:
        raise MecabUnavailable(f"cannot write the MeCab user dictionary to {folder}: {exc.strerror or exc}") from None
    return target


def get_tagger(user_csv: str = ""):
    """The process-wide fugashi tagger, with the user dictionary given as IPADIC CSV lines ('' for none).

    A compiled dictionary that MeCab cannot load is rebuilt once; if it still fails to load,
    :class:`MecabUnavailable` (one line)."""
    tagger = _TAGGERS.get(user_csv)
    if tagger is not None:
        return tagger
    fugashi, ipadic = _modules()
    if not user_csv:
        tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS)
    else:
        for attempt in (0, 1):
            path = compile_userdict(user_csv, rebuild=bool(attempt))
            try:
                tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS + f' -u "{path}"')
                break
            except RuntimeError as exc:
                if attempt:
                    message = " ".join(str(exc).split())[:200]
                    raise MecabUnavailable(f"the MeCab user dictionary {path} does not load: {message}") from None
    _TAGGERS[user_csv] = tagger
    return tagger


def analyze(tagger, text: str) -> list[tuple[str, str, str, str, str, str, str]]:
    """``(surface, base_form, pos, pos1, pos2, pos3, reading)`` of each token of ``text``.

    IPADIC features: 0–3 part of speech, 6 base form, 7 reading; unknown words
    have only seven fields (no reading): reading ``*``; base form ``*``
    becomes the surface, as for janome.
    """
    out = []
    for node in tagger(text):
        f = node.feature
        surface = node.surface
        base = f[6] if len(f) > 6 and f[6] != "*" else surface
        reading = f[7] if len(f) > 7 else "*"
        out.append((surface, base, f[0], f[1], f[2], f[3], reading))
    return out
