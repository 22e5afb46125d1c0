"""Rebuild the git-ignored cache of the any-news development set (issue 18) and check it.

The texts are real Japanese news excerpts found with the search tool's ``pages``
corpus.  They are NEVER committed: only this table and the hand labels are.
``tests/anynews/pages.csv`` (committed) has one row per excerpt:

    ``id``       p001, p002 ...
    ``url``      the page the excerpt comes from (as the tool gave it)
    ``query``    the ``pages`` query that returned it (Japanese keywords)
    ``rank``     its rank in that answer (the store may re-rank; the URL decides)
    ``site``     host name
    ``outlet``   the outlet as a reader names it (who wrote the article)
    ``kind``     story kind: politics, economy, court, police, crime, disaster,
                 weather, medicine, sport, entertainment, lifestyle, technology,
                 business, local, foreign, education ...
    ``split``    ``dev`` (for developing rules) or ``held`` (measured once, at the
                 end; chosen before any figure was seen, spread over kinds and sites)
    ``sha256``   hash of the cached text (UTF-8), ``n_chars`` its length: the
                 first ``n_chars`` characters of the tool's excerpt (cut at a line
                 or sentence end when the excerpt was long)

The cache lives in ``$KIJI_ANYNEWS_CACHE`` (default ``~/.cache/kiji-anynews``):

    ``answers/``  saved tool answers, the only input of a rebuild
    ``pages/``    ``<id>.txt``, one text per row, written by this script

Re-making the cache in a new session (the search tool cannot be called from a
script; a developer who has the tool does this):

1. ``python tests/anynews/rebuild.py`` -- checks ``pages/`` against the table and
   prints, grouped by query, the ids and URLs still missing.
2. For each query printed, call the search tool (``search``, corpus ``pages``,
   the query as printed) and save its answer, as returned, to
   ``answers/<anything>.json`` (the JSON object with ``results``; a list of such
   objects is accepted too).  An answer may also be saved in the bundle format
   below, e.g. when only a few results are worth keeping.
3. Run the script again: every saved result whose URL is in the table is cut to
   ``n_chars`` characters and written to ``pages/<id>.txt`` if, and only if, its
   sha256 is the recorded one; other mismatches are reported (the store may
   have changed that page: then re-label it or drop it, never silently accept).

Bundle format (``answers/*.txt``), one block per kept result, text verbatim::

    @@@ p001
    url: https://...
    query: ...
    rank: 3
    site: example.jp
    outlet: 〇〇新聞
    kind: police
    ---
    <the excerpt, as the tool returned it (or its first lines)>
    @@@ end

``--register`` (maintainers adding excerpts) appends the bundle blocks whose id
is not yet in the table, with their hash and length (``split`` left as given by
``--split``, default ``dev``).  ``--check`` only verifies and exits 1 when a text
is missing or differs.

Livedoor news corpus copies (``tests/anynews/livedoor.csv``, committed): 72
articles of the livedoor news corpus (8 from each of its 9 categories, evenly
spaced in file-name order), for ``kiji report``/``kiji export`` runs on
lifestyle, gadget, sport and entertainment copy (they are not hand-labelled).
Columns: ``file`` (the corpus's name, ``it-life-hack-6292880.txt``),
``category``, ``url`` and ``published`` (the file's first two lines),
``repo``/``commit``/``path`` (a public repository whose snapshot holds the
corpus's ``text/`` folder), ``sha256`` and ``n_bytes`` of the file.  They are
copied, byte for byte and hash-checked, into ``<cache>/livedoor/`` from either

- a snapshot of that repository brought here with the search tool's ``fetch``
  (``github:<repo>``; its git directory is found under ``/work/.mirror/`` or
  given with ``--ldcc-git DIR``), or
- an unpacked copy of the corpus (``ldcc-*.tar.gz``: ``--ldcc-dir DIR`` pointing
  at its ``text/`` folder).

Then ``kiji report --articles ~/.cache/kiji-anynews/livedoor --out DIR``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES_CSV = HERE / "pages.csv"
LIVEDOOR_CSV = HERE / "livedoor.csv"
MIRRORS = Path("/work/.mirror")
COLUMNS = ["id", "url", "query", "rank", "site", "outlet", "kind", "split", "sha256", "n_chars"]
META_KEYS = ("url", "query", "rank", "site", "outlet", "kind")


def cache_dir() -> Path:
    """``$KIJI_ANYNEWS_CACHE`` or ``~/.cache/kiji-anynews``."""
    return Path(os.environ.get("KIJI_ANYNEWS_CACHE") or Path.home() / ".cache" / "kiji-anynews")


def sha256(text: str) -> str:
    """Hex sha256 of ``text`` encoded as UTF-8.

    >>> sha256("記事")[:12]
    'a6125863e20e'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_table(path: Path = PAGES_CSV) -> list[dict]:
    """Rows of ``pages.csv`` as dicts (an absent table is an empty list)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and set(COLUMNS) - set(rows[0]):
        raise SystemExit(f"{path}: missing columns {sorted(set(COLUMNS) - set(rows[0]))}")
    return rows


def write_table(rows: list[dict], path: Path = PAGES_CSV) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in sorted(rows, key=lambda r: r["id"]):
            w.writerow({c: r.get(c, "") for c in COLUMNS})


def parse_bundle(text: str) -> list[dict]:
    """Blocks of a bundle file: dicts with ``id``, the header keys and ``excerpt``.

    >>> b = parse_bundle("@@@ p9\\nurl: https://a.jp/1\\n---\\n見出し\\n本文。\\n@@@ end\\n")
    >>> b[0]["id"], b[0]["url"], b[0]["excerpt"]
    ('p9', 'https://a.jp/1', '見出し\\n本文。')
    """
    blocks: list[dict] = []
    current: dict | None = None
    body: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("@@@ "):
            if current is not None:
                current["excerpt"] = "\n".join(body or [])
                blocks.append(current)
            name = line[4:].strip()
            current, body = (None, None) if name == "end" else ({"id": name}, None)
            continue
        if current is None:
            continue
        if body is None:
            if line == "---":
                body = []
            elif ":" in line:
                key, _, value = line.partition(":")
                current[key.strip()] = value.strip()
        else:
            body.append(line)
    if current is not None:
        current["excerpt"] = "\n".join(body or [])
        blocks.append(current)
    return blocks


def parse_answer(data) -> list[dict]:
    """Results of a saved search-tool answer (object with ``results``, or a list of them)."""
    items = data if isinstance(data, list) else [data]
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        for r in item.get("results", []):
            if isinstance(r, dict) and r.get("excerpt"):
                out.append({"url": r.get("url", ""), "query": item.get("query", ""),
                            "rank": str(r.get("rank", "")), "excerpt": r["excerpt"]})
    return out


def saved_results(answers: Path) -> list[dict]:
    """Every result saved under ``answers/`` (bundles ``*.txt`` and tool answers ``*.json``)."""
    found: list[dict] = []
    if not answers.is_dir():
        return found
    for path in sorted(answers.iterdir()):
        try:
            if path.suffix == ".txt":
                found += parse_bundle(path.read_text(encoding="utf-8"))
            elif path.suffix == ".json":
                found += parse_answer(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
    return found


def rebuild(rows: list[dict], cache: Path) -> dict[str, str]:
    """Write ``pages/<id>.txt`` for every row a saved result can supply; returns id -> state.

    States: ``ok`` (cached and verified), ``written`` (made now from a saved
    answer), ``mismatch`` (a saved result with that URL exists but its text has
    another hash), ``missing`` (no saved result for that URL).
    """
    pages = cache / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    results = saved_results(cache / "answers")
    by_id = defaultdict(list)
    by_url = defaultdict(list)
    for r in results:
        if r.get("id"):
            by_id[r["id"]].append(r)
        if r.get("url"):
            by_url[r["url"]].append(r)
    state: dict[str, str] = {}
    for row in rows:
        target = pages / f"{row['id']}.txt"
        if target.is_file() and sha256(target.read_text(encoding="utf-8")) == row["sha256"]:
            state[row["id"]] = "ok"
            continue
        candidates = by_id.get(row["id"], []) + by_url.get(row["url"], [])
        n = int(row["n_chars"])
        match = next((c["excerpt"][:n] for c in candidates if sha256(c["excerpt"][:n]) == row["sha256"]), None)
        if match is not None:
            target.write_text(match, encoding="utf-8")
            state[row["id"]] = "written"
        else:
            state[row["id"]] = "mismatch" if candidates else "missing"
    return state


def register(rows: list[dict], cache: Path, split: str) -> list[dict]:
    """Rows for bundle blocks whose id is not in ``rows`` yet (hash and length of the block)."""
    known = {r["id"] for r in rows}
    new = []
    for block in saved_results(cache / "answers"):
        if not block.get("id") or block["id"] in known:
            continue
        text = block["excerpt"]
        new.append({**{k: block.get(k, "") for k in META_KEYS}, "id": block["id"], "split": split,
                    "sha256": sha256(text), "n_chars": str(len(text))})
        known.add(block["id"])
    return new


def _livedoor_rows(path: Path = LIVEDOOR_CSV) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _git_dir(repo: str, given: str | None) -> Path | None:
    """The git directory of a fetched snapshot of ``repo`` (``owner/name``), if any."""
    if given:
        return Path(given)
    base = MIRRORS / repo.replace("/", "+")
    for cand in (base / "repo", base / "repo" / ".git"):
        if (cand / "HEAD").is_file():
            return cand
    return None


def _from_git(git_dir: Path, commit: str, path: str) -> bytes | None:
    try:
        return subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def rebuild_livedoor(rows: list[dict], cache: Path, git_dir: str | None = None,
                     ldcc_dir: str | None = None) -> dict[str, str]:
    """Copy the livedoor corpus files of ``rows`` into ``<cache>/livedoor/``; returns file -> state.

    States as :func:`rebuild` (``ok``, ``written``, ``mismatch``, ``missing``).
    """
    out = cache / "livedoor"
    out.mkdir(parents=True, exist_ok=True)
    state: dict[str, str] = {}
    for row in rows:
        target = out / row["file"]
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == row["sha256"]:
            state[row["file"]] = "ok"
            continue
        data = None
        if ldcc_dir:
            src = Path(ldcc_dir) / row["category"] / row["file"]
            data = src.read_bytes() if src.is_file() else None
        if data is None and (gd := _git_dir(row["repo"], git_dir)):
            data = _from_git(gd, row["commit"], row["path"])
        if data is None:
            state[row["file"]] = "missing"
        elif hashlib.sha256(data).hexdigest() != row["sha256"]:
            state[row["file"]] = "mismatch"
        else:
            target.write_bytes(data)
            state[row["file"]] = "written"
    return state


def _report(rows: list[dict], state: dict[str, str]) -> int:
    counts = defaultdict(int)
    for s in state.values():
        counts[s] += 1
    print(f"{len(rows)} texts in the table: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    todo = [r for r in rows if state[r["id"]] in ("missing", "mismatch")]
    if todo:
        print("\nStill to fetch (search corpus 'pages', then save each answer under answers/):")
        by_query = defaultdict(list)
        for r in todo:
            by_query[r["query"]].append(r)
        for query, group in by_query.items():
            print(f"\n  query: {query}")
            for r in group:
                print(f"    {r['id']} [{state[r['id']]}] {r['url']}")
    return len(todo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only verify; exit 1 if a text is missing")
    parser.add_argument("--register", action="store_true", help="add new bundle blocks to pages.csv")
    parser.add_argument("--split", default="dev", help="split of rows added by --register")
    parser.add_argument("--ldcc-git", help="git directory of a fetched snapshot holding the livedoor corpus")
    parser.add_argument("--ldcc-dir", help="the text/ folder of an unpacked livedoor news corpus")
    args = parser.parse_args(argv)
    cache = cache_dir()
    rows = read_table()
    if args.register:
        new = register(rows, cache, args.split)
        rows += new
        write_table(rows)
        print(f"registered {len(new)} new texts in {PAGES_CSV.name}")
    state = rebuild(rows, cache)
    missing = _report(rows, state)
    ld_rows = _livedoor_rows()
    ld_state = rebuild_livedoor(ld_rows, cache, args.ldcc_git, args.ldcc_dir)
    ld_bad = sorted(f for f, st in ld_state.items() if st in ("missing", "mismatch"))
    print(f"\nlivedoor: {len(ld_rows)} files, {len(ld_rows) - len(ld_bad)} in the cache")
    if ld_bad:
        repos = sorted({r["repo"] for r in ld_rows})
        print(f"  {len(ld_bad)} missing or changed ({', '.join(ld_bad[:4])} ...): fetch "
              + ", ".join(f"github:{r}" for r in repos) + " (or give --ldcc-git / --ldcc-dir) and run again")
    print(f"\ncache: {cache / 'pages'} and {cache / 'livedoor'}")
    return 1 if (args.check and (missing or ld_bad)) else 0


if __name__ == "__main__":
    sys.exit(main())
