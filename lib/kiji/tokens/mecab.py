"""MeCab backend: fugashi + the ``ipadic`` package (the IPADIC dictionary janome also ships).

Selected with ``--tokenizer mecab`` or ``KIJI_TOKENIZER=mecab``; it yields the
same token table as janome (:func:`kiji.tokens.tokenizer.tokenize_sentences`),
about 20 times faster.  The differences from janome that remain are measured
and explained by ``tests/test_mecab_parity.py``.

The project's user dictionary (``data/userdict.csv``) applies here too: its
entries are written as IPADIC CSV lines with the same context ids and cost as
for janome (:func:`kiji.tokens.tokenizer.ipadic_user_lines`) and compiled with
MeCab's ``mecab-dict-index`` (``fugashi.build_dictionary``) into
``<cache>/mecab/userdict-<hash>.dic`` the first time they are needed; a
changed user dictionary gets a new file.  Compilation runs in a child process
(MeCab exits the process on a bad entry) and its error is reported in one line.

One tagger per process and user dictionary, built on first use.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

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


def _compiled_dir() -> Path:
    from kiji.core.paths import default_cache_dir

    folder = default_cache_dir()
    if folder is None:
        folder = Path(tempfile.gettempdir()) / f"kiji-mecab-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    return folder / "mecab"


def compile_userdict(csv_text: str) -> Path:
    """The compiled MeCab user dictionary for ``csv_text`` (IPADIC CSV lines), built once."""
    fugashi, ipadic = _modules()
    digest = hashlib.sha256((version_id() + "\n" + csv_text).encode()).hexdigest()[:20]
    folder = _compiled_dir()
    target = folder / f"userdict-{digest}.dic"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
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
        fd, partial = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".dic")
        os.close(fd)
        Path(partial).write_bytes(out.read_bytes())
        os.replace(partial, target)
    return target


def get_tagger(user_csv: str = ""):
    """The process-wide fugashi tagger, with the user dictionary given as IPADIC CSV lines ('' for none)."""
    tagger = _TAGGERS.get(user_csv)
    if tagger is not None:
        return tagger
    fugashi, ipadic = _modules()
    args = ipadic.MECAB_ARGS
    if user_csv:
        args += f' -u "{compile_userdict(user_csv)}"'
    tagger = fugashi.GenericTagger(args)
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
