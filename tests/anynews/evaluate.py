"""Score kiji on the any-news development set (issue 18): real excerpts, hand labels.

Run: ``python tests/anynews/evaluate.py`` (``make eval``) prints precision and
recall per field for the ``dev`` split; ``--held`` adds the held-out split (to be
measured once, at the end, never while rules are being changed).  ``--misses``
lists, per field, the labels kiji missed (ids and labelled values, never text).
Without the cache (``tests/anynews/rebuild.py``) it prints one line and exits 0.

kiji is run as ``kiji export`` runs it: ``kiji.load_corpus`` on a temporary
folder holding the cached texts (``<id>.txt``) plus a ``metadata.csv`` that gives
each file its ``url`` (what an analyst knows of a page they saved), then the
per-article stages ``kiji.sourcing.tables`` (sources), ``kiji.escalation.tables``
(events: the dates) and ``kiji.claims.tables`` (claims).

Labels: ``tests/anynews/labels.csv``, one row per fact, columns ``id``,
``field``, ``text``, ``value``, ``unit``, ``note``:

``title``         ``text`` = the headline as a reader names it, ``|``-separated
                  alternatives; '' when the excerpt has no headline (a photo
                  caption, a section heading or a site slogan is not one)
``published``     ``value`` = ISO date of publication read from the page (a date
                  line, a stamp, a clipping line, a date in the headline) or, when
                  the page shows none or only a yearless one, from a full date in
                  its URL path; '' when neither; alternatives ``|``
``own_outlet``    ``text`` = who published the page as the text states it (site
                  name line, credit, ``(共同)``, ``-- NHK NEWS WEB``, ``© …``); when
                  the text names none, the site's name as a reader knows it (the
                  URL is known), else its host name (``nordot``, ``datazoo``);
                  an IP address is no name (label ''); ``|``-separated spellings
``named_person``  a person credited with a statement (speech verb, quote,
                  ``によると``, a transcript label ``中村:``, a colon-less
                  ``名前「…」`` line, ``「…」(岸部)``); the name as written, without
                  title or honorific; a surname alone when only that is written;
                  one row per person per article; ``|`` separates spellings
                  (``宇宙航空研究開発機構|JAXA``), in every source field
``anonymous``     an unnamed source, head phrase (関係筋, 捜査関係者, 遺族, 店長, 男)
``media_outlet``  an outlet cited as a source
``institution``   a body cited as a source (気象庁によりますと, 警察によると,
                  同署によると -> the antecedent, a company that 発表した); a body
                  that only acts (逮捕した, 方針を決めた) is not labelled
``document``      a document cited as such (起訴状などによると); not scored
``date``          a date expression of the body text (not the publication stamp,
                  not a photo caption, not a dateline): ``text`` as written,
                  ``value`` its ISO value at its precision (``2025-09-25``,
                  ``2025-03``, ``1998``) or '' when it cannot be anchored (a yearless
                  date, きょう, 昨日, a weekday on a page without a publication
                  date); yearless dates take the publication date's year and
                  month, a future event keeps its true date (``7日初公判`` after a
                  3rd-of-the-month stamp is the 7th of that month); durations,
                  ages, clock times, fiscal years (年度) are not dates; one row
                  per distinct text per article
``number``        a key number: ``text`` as written, ``value`` as a plain number,
                  ``unit`` as written, ``note`` what it counts

Matching: names as ``tests/devset.py`` (NFKC, whitespace removed, one contains
the other); a found source matches on its ``source`` or ``canonical``; a date
matches on its text (``dates_match``: equal, or with a non-digit prefix or
suffix) and, for the ISO figure, on ``date`` == value
(an unanchored label wants ``date`` == ''); a number matches when ``raw_value``
or ``value`` equals the label and the unit matches ``raw_unit`` or ``unit``.
Precision of named speakers: distinct found named-person names per article that
match a labelled named person.  Precision of dates: found date rows whose text
matches a labelled date.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
if str(HERE.parents[1]) not in sys.path:  # run as a script: the repository root holds the tests package
    sys.path.insert(0, str(HERE.parents[1]))

from tests.anynews.rebuild import cache_dir, read_table, sha256  # noqa: E402
from tests.devset import names_match, norm  # noqa: E402

LABELS_CSV = HERE / "labels.csv"
LABEL_COLUMNS = ["id", "field", "text", "value", "unit", "note"]
SOURCE_FIELDS = ("named_person", "anonymous", "media_outlet", "institution")
FIELDS = ("title", "published", "own_outlet", *SOURCE_FIELDS, "document", "date", "number")


def load_labels(path: Path | str = LABELS_CSV) -> pd.DataFrame:
    """The hand labels (columns as in the module doc); raises ValueError on an unknown field.

    Every article must have exactly one ``title``, ``published`` and ``own_outlet`` row.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in LABEL_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    bad = sorted(set(df["field"]) - set(FIELDS))
    if bad:
        raise ValueError(f"{path}: unknown field(s) {bad}")
    for f in ("title", "published", "own_outlet"):
        counts = df[df["field"] == f].groupby("id").size()
        ids = set(df["id"])
        if set(counts.index) != ids or (counts != 1).any():
            raise ValueError(f"{path}: every article needs exactly one {f} row")
    return df


@dataclass
class Found:
    """What kiji found, as plain tables keyed by ``article_id``."""

    articles: pd.DataFrame  # article_id, title, published, outlet, origin_outlet
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)  # article_id, source, canonical, source_kind
    events: pd.DataFrame = field(default_factory=pd.DataFrame)  # article_id, date_text, date
    claims: pd.DataFrame = field(default_factory=pd.DataFrame)  # article_id, raw_value, raw_unit, value, unit


def run_kiji(texts: dict[str, str], urls: dict[str, str] | None = None) -> Found:
    """Load ``texts`` (id -> text) as a kiji corpus and compute the stages scored here.

    kiji's cache is off unless ``KIJI_CACHE`` is set: figures always come from the code that runs.
    """
    import kiji
    from kiji import pipeline
    from kiji.core.cache import Cache
    from kiji.core.parallel import make_executor
    from kiji.core.run import Run

    run = Run(cache=Cache.at(os.environ.get("KIJI_CACHE") or "off"), executor=make_executor())

    with tempfile.TemporaryDirectory(prefix="kiji-anynews-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for aid, text in texts.items():
            (folder / f"{aid}.txt").write_text(text, encoding="utf-8")
        meta = Path(tmp) / "metadata.csv"
        rows = [{"source_file": f"{aid}.txt", "field": "url", "value": u, "note": ""}
                for aid, u in (urls or {}).items() if u and aid in texts]
        pd.DataFrame(rows, columns=["source_file", "field", "value", "note"]).to_csv(meta, index=False)
        with run:
            corpus = kiji.load_corpus(folder, metadata=meta, run=run)
            tables = pipeline.tables(corpus, run)
        src, ev, cl = tables["sources"], tables["events"], tables["claims"]
    return Found(articles=corpus.articles, sources=src, events=ev, claims=cl)


def _alternatives(cell: str) -> list[str]:
    return [a for a in (cell or "").split("|")]


def _cell(frame: pd.DataFrame, aid: str, col: str) -> str:
    if frame.empty or col not in frame.columns:
        return ""
    hit = frame.loc[frame["article_id"].astype(str) == aid, col]
    if hit.empty:
        return ""
    v = hit.iloc[0]
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def _score_meta(labels: pd.DataFrame, found: Found, misses: list) -> list[dict]:
    rows = []
    for fld in ("title", "published", "own_outlet"):
        sub = labels[labels["field"] == fld]
        ok = 0
        for r in sub.itertuples():
            if fld == "title":
                got = _cell(found.articles, r.id, "title")
                good = any(norm(a) == norm(got) for a in _alternatives(r.text))
            elif fld == "published":
                got = _cell(found.articles, r.id, "published")[:10]
                good = got in _alternatives(r.value)
            else:
                got = _cell(found.articles, r.id, "outlet")
                origin = _cell(found.articles, r.id, "origin_outlet")
                want = [a for a in _alternatives(r.text) if a]
                good = (not norm(got)) if not want else any(
                    names_match(a, got) or names_match(a, origin) for a in want)
            ok += good
            if not good:
                misses.append((fld, r.id, r.text or r.value, got))
        rows.append({"field": fld, "labelled": len(sub), "found": "", "correct": ok,
                     "precision": float("nan"), "recall": _ratio(ok, len(sub))})
    return rows


def _found_names(src: pd.DataFrame, aid: str, kind: str) -> list[tuple[str, str]]:
    if src.empty:
        return []
    sub = src[(src["article_id"].astype(str) == aid) & (src["source_kind"] == kind)]
    seen, out = set(), []
    for s, c in zip(sub["source"], sub["canonical"]):
        s, c = ("" if x is None or x != x else str(x) for x in (s, c))
        key = norm(c or s)
        if key and key not in seen:
            seen.add(key)
            out.append((s, c))
    return out


def _score_sources(labels: pd.DataFrame, found: Found, ids: list[str], misses: list) -> list[dict]:
    rows = []
    for kind in SOURCE_FIELDS:
        sub = labels[labels["field"] == kind]
        want = {aid: list(g["text"]) for aid, g in sub.groupby("id")}

        def hit(label: str, s: str, c: str) -> bool:
            return any(names_match(a, s) or names_match(a, c) for a in _alternatives(label))

        n_found = hit_found = hit_label = 0
        for aid in ids:
            names = _found_names(found.sources, aid, kind)
            labelled = want.get(aid, [])
            n_found += len(names)
            hit_found += sum(any(hit(w, s, c) for w in labelled) for s, c in names)
            for w in labelled:
                good = any(hit(w, s, c) for s, c in names)
                hit_label += good
                if not good:
                    misses.append((kind, aid, w, "; ".join(c or s for s, c in names)))
        rows.append({"field": kind, "labelled": len(sub), "found": n_found, "correct": hit_label,
                     "precision": _ratio(hit_found, n_found), "recall": _ratio(hit_label, len(sub))})
    return rows


def _score_dates(labels: pd.DataFrame, found: Found, ids: list[str], misses: list) -> list[dict]:
    sub = labels[labels["field"] == "date"]
    ev = found.events
    text_ok = iso_ok = n_found = hit_found = 0
    for aid in ids:
        lab = sub[sub["id"] == aid]
        got = ev[ev["article_id"].astype(str) == aid] if not ev.empty else ev
        pairs = [("" if t != t else str(t), "" if d != d else str(d)) for t, d in
                 zip(got.get("date_text", []), got.get("date", []))]
        n_found += len(pairs)
        hit_found += sum(any(dates_match(w, t) for w in lab["text"]) for t, _ in pairs)
        for r in lab.itertuples():
            same_text = [d for t, d in pairs if dates_match(r.text, t)]
            text_ok += bool(same_text)
            good = r.value in same_text
            iso_ok += good
            if not good:
                misses.append(("date", aid, f"{r.text} = {r.value or '(none)'}", "; ".join(f"{t}={d}" for t, d in pairs)))
    return [
        {"field": "date (found)", "labelled": len(sub), "found": n_found, "correct": text_ok,
         "precision": _ratio(hit_found, n_found), "recall": _ratio(text_ok, len(sub))},
        {"field": "date (right ISO)", "labelled": len(sub), "found": n_found, "correct": iso_ok,
         "precision": float("nan"), "recall": _ratio(iso_ok, len(sub))},
    ]


def dates_match(a, b) -> bool:
    """Same date expression: equal after NFKC, or one is the other with a non-digit
    prefix or suffix (``今月18日`` / ``18日``, ``10日(現地時間)`` / ``10日``), never
    ``1日`` / ``21日``.

    >>> dates_match("18日", "今月18日"), dates_match("1日", "21日"), dates_match("9/3(木)", "9/3")
    (True, False, True)
    """
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    i = long_.find(short)
    while i >= 0:
        before = long_[i - 1] if i else ""
        after = long_[i + len(short)] if i + len(short) < len(long_) else ""
        if not before.isdigit() and not after.isdigit():
            return True
        i = long_.find(short, i + 1)
    return False


def _num(v) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _score_numbers(labels: pd.DataFrame, found: Found, misses: list) -> list[dict]:
    sub = labels[labels["field"] == "number"]
    cl = found.claims
    ok = 0
    for r in sub.itertuples():
        want = float(r.value)
        got = cl[cl["article_id"].astype(str) == r.id] if not cl.empty else cl
        good = False
        for row in got.itertuples():
            for v, u in ((getattr(row, "raw_value", None), getattr(row, "raw_unit", "")),
                         (getattr(row, "value", None), getattr(row, "unit", ""))):
                x = _num(v)
                if x is not None and math.isclose(x, want, rel_tol=1e-9, abs_tol=1e-9) and names_match(r.unit, u):
                    good = True
        ok += good
        if not good:
            misses.append(("number", r.id, f"{r.value} {r.unit}", ""))
    return [{"field": "number", "labelled": len(sub), "found": "", "correct": ok,
             "precision": float("nan"), "recall": _ratio(ok, len(sub))}]


def score(labels: pd.DataFrame, found: Found, ids: list[str]) -> tuple[pd.DataFrame, list]:
    """Figures per field over the articles ``ids``; returns (table, misses).

    Table columns: ``field``, ``labelled``, ``found``, ``correct``, ``precision``,
    ``recall`` (NaN when the denominator is 0).  Misses: (field, id, label, found).
    """
    labels = labels[labels["id"].isin(ids)]
    misses: list = []
    rows = (_score_meta(labels, found, misses) + _score_sources(labels, found, ids, misses)
            + _score_dates(labels, found, ids, misses) + _score_numbers(labels, found, misses))
    return pd.DataFrame(rows), misses


def labels_not_in_text(labels: pd.DataFrame, texts: dict[str, str]) -> list[tuple[str, str, str]]:
    """Labels whose text (no spelling of it) occurs in its article: (id, field, label).

    Titles, sources, dates and numbers are written as the text has them, so a
    label that is not there is a typo or a changed page (the NHK Easy copy
    whose furigana splits a name is the known exception).  Publication dates and
    own outlets are not checked: they may come from the URL.

    >>> labels_not_in_text(pd.DataFrame([("a", "date", "3日"), ("a", "named_person", "北川|北川次郎")],
    ...                                 columns=["id", "field", "text"]), {"a": "北川は3日に述べた。"})
    []
    """
    out = []
    for r in labels.itertuples():
        if r.field in ("published", "own_outlet") or r.id not in texts:
            continue
        alts = [a for a in _alternatives(r.text) if a]
        body = norm(texts[r.id])
        if alts and not any(norm(a) in body for a in alts):
            out.append((r.id, r.field, r.text))
    return out


def cached_texts(split: str) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Verified cached texts of ``split``: (id -> text, id -> url, ids missing or changed)."""
    pages = cache_dir() / "pages"
    texts, urls, bad = {}, {}, []
    for row in read_table():
        if row["split"] != split:
            continue
        path = pages / f"{row['id']}.txt"
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        if text is None or sha256(text) != row["sha256"]:
            bad.append(row["id"])
            continue
        texts[row["id"]] = text
        urls[row["id"]] = row["url"]
    return texts, urls, bad


def _print(split: str, table: pd.DataFrame, n: int, misses: list, show_misses: bool) -> None:
    print(f"\n== {split}: {n} texts ==")
    with pd.option_context("display.width", 160, "display.float_format", "{:.2f}".format):
        print(table.to_string(index=False))
    if show_misses:
        for m in misses:
            print("  miss", *m, sep=" | ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision/recall of kiji on the any-news set.")
    parser.add_argument("--held", action="store_true", help="also score the held-out split (once, at the end)")
    parser.add_argument("--misses", action="store_true", help="list the labels kiji missed")
    args = parser.parse_args(argv)
    if not (cache_dir() / "pages").is_dir():
        print(f"any-news cache not found ({cache_dir()}): run tests/anynews/rebuild.py first; nothing scored.")
        return 0
    labels = load_labels()
    for split in ["dev"] + (["held"] if args.held else []):
        texts, urls, bad = cached_texts(split)
        if bad:
            print(f"{split}: {len(bad)} texts missing or changed in the cache ({', '.join(bad[:8])}"
                  f"{' ...' if len(bad) > 8 else ''}); scoring the {len(texts)} present")
        if not texts:
            print(f"{split}: no cached text; nothing scored.")
            continue
        for aid, fld, label in labels_not_in_text(labels, texts):
            print(f"{split}: label not found in its text: {aid} {fld} {label}")
        ids = sorted(texts)
        table, misses = score(labels, run_kiji(texts, urls), ids)
        _print(split, table, len(ids), misses, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
