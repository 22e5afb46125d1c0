"""Development set for extraction on unseen text (issue 11): loaders and scorers.

Importable from tests (``from devset import ...``); no pytest dependency.

Files (all written in the project's own words, on other stories than the seeds' war):

``tests/data/attribution_dev.csv`` -- one row per expected attribution:
    ``case_id``      c001, c002 ... (a sentence with two attributions has two rows
                     with the same case_id, context and sentence)
    ``topic``        middle_east, taiwan, jp_politics, economy, disaster, sport, ...
    ``context``      earlier sentence(s) of the same mini-article ('' when none);
                     needed for 同氏 / 同相 / 首相は / quote-only follow-ups
    ``sentence``     the one sentence under test
    ``speaker``      the minimal string naming the source as written: a person's
                     name without title; for an anaphor or a title alone, the
                     antecedent's name; an institution, outlet or document name;
                     for anonymous sources the head phrase; '' when kind is none
    ``kind``         named_person, anonymous, institution, media_outlet,
                     social_media, document, none (none: nobody is cited)
    ``cue``          the cue as written (述べた, によると, 指摘 ...); '' when none
    ``construction`` short label of the construction exercised
    ``note``         free text

``tests/data/pasted_layouts/NN_slug.txt`` with ``expected.csv``:
    ``file``, ``layout`` (what the case exercises), ``title`` (as a reader names
    it; '' when the paste has no headline), ``published`` (ISO date or ''),
    ``outlet`` (as stated in the text, or ''), ``first_body`` (first 12
    characters of the first body sentence, a leading 【…】/[… ロイター] -/（CNN）
    marker excluded), ``boilerplate`` (``|``-separated substrings that must NOT
    stay in the body), ``not_boilerplate`` (``|``-separated substrings that MUST
    stay in the body), ``note``.

Labelling conventions of the attribution set (what a careful reader credits):
  - an unnamed spokesperson, 担当者 or judge of a named body (中国国防省の報道官,
    気象庁の担当者, 東京地裁の裁判長) -> that body, kind institution;
  - ``Xの声明/発表/調べ/調査によると`` -> X (the issuer), not a document; document
    only when the document itself is the source (判決文によると, 国連の報告書によれば,
    防衛白書は…と位置づけた);
  - the channel is not a source: 声明で, 談話で, Xに投稿した, テレグラムで;
  - an outlet that received the statement (Xの取材に対し, Xに対し語った, Xのインタビュー
    で) -> an extra media_outlet row next to the speaker; a second-hand source
    (関係者の話として, 国防部の発表として) -> an extra row next to the outlet;
  - a country or body that only acts (演習を開始した, 逮捕した, 決議を採択した), a
    name that is only the subject of the reported clause, 電話で話した, passives
    without agent (伝えられている, とされる), negated disclosure (明らかにしなかった)
    and headlines -> kind none;
  - anaphors and titles alone take the antecedent's name from ``context``
    (one case, c333 米大統領, has no antecedent: the title is the speaker).

Name matching everywhere: after NFKC and removal of whitespace, one string
contains the other (empty strings never match).

Typical use (the extractor's side is the caller's business)::

    exp = load_attributions()
    sents = case_sentences()            # case_id, sentence_id, text, is_test
    found = ...                         # extractor output with case_id, source,
                                        # canonical, source_kind for is_test rows
    figures = score_attributions(exp, found)
"""
from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent / "data"
ATTRIBUTION_CSV = DATA / "attribution_dev.csv"
LAYOUT_DIR = DATA / "pasted_layouts"

KINDS = ("named_person", "anonymous", "institution", "media_outlet", "social_media", "document", "none")
ATTRIBUTION_COLUMNS = ["case_id", "topic", "context", "sentence", "speaker", "kind", "cue", "construction", "note"]
LAYOUT_COLUMNS = ["file", "layout", "title", "published", "outlet", "first_body", "boilerplate", "not_boilerplate"]
FOUND_COLUMNS = ["case_id", "source", "canonical", "source_kind"]

_WS = re.compile(r"\s+")
_LEAD_MARKER = re.compile(r"^(?:【[^】]{1,20}】|\[[^\]]{1,30}\]-?|\([^)]{1,20}\))")


def norm(text) -> str:
    """NFKC, whitespace removed; None/NaN become ''."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return _WS.sub("", unicodedata.normalize("NFKC", str(text)))


def names_match(a, b) -> bool:
    """True when one name contains the other after NFKC (empty never matches)."""
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _read_csv(path: Path, columns: list[str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    return df


def load_attributions(path: Path | str = ATTRIBUTION_CSV) -> pd.DataFrame:
    """The expected attributions, one row per attribution (columns as in the module doc)."""
    path = Path(path)
    df = _read_csv(path, ATTRIBUTION_COLUMNS)
    bad = sorted(set(df["kind"]) - set(KINDS))
    if bad:
        raise ValueError(f"{path}: unknown kind(s) {bad}")
    wrong = df[(df["kind"] == "none") != (df["speaker"] == "")]
    if len(wrong):
        raise ValueError(f"{path}: case {wrong['case_id'].iloc[0]}: speaker must be empty exactly when kind is none")
    per_case = df.groupby("case_id")[["context", "sentence"]].nunique()
    incons = per_case[(per_case > 1).any(axis=1)]
    if len(incons):
        raise ValueError(f"{path}: case {incons.index[0]}: rows of one case differ in context or sentence")
    return df


def load_cases(path: Path | str = ATTRIBUTION_CSV) -> pd.DataFrame:
    """One row per case: case_id, topic, context, sentence (the extractor's input)."""
    df = load_attributions(path)
    return df.drop_duplicates("case_id")[["case_id", "topic", "context", "sentence"]].reset_index(drop=True)


_SENT_END = re.compile(r"(?<=[。！？])(?![」』）)])")


def case_sentences(cases: pd.DataFrame | None = None) -> pd.DataFrame:
    """The cases as tiny articles: one row per sentence, context first.

    Columns: ``case_id``, ``sentence_id`` (0, 1, ... within the case), ``text``
    (as written, not normalized), ``is_test`` (True for the sentence under test,
    always the last one). Context is split after 。！？ outside closing brackets.
    """
    cases = load_cases() if cases is None else cases
    rows = []
    for c in cases.itertuples():
        parts = [p for p in _SENT_END.split(c.context) if p.strip()] if c.context else []
        for i, text in enumerate(parts + [c.sentence]):
            rows.append({"case_id": c.case_id, "sentence_id": i, "text": text, "is_test": i == len(parts)})
    return pd.DataFrame(rows, columns=["case_id", "sentence_id", "text", "is_test"])


def load_layouts(directory: Path | str = LAYOUT_DIR) -> pd.DataFrame:
    """expected.csv of the pasted layouts plus ``path`` and ``text`` (the file's content)."""
    directory = Path(directory)
    df = _read_csv(directory / "expected.csv", LAYOUT_COLUMNS)
    paths = [directory / f for f in df["file"]]
    absent = [p.name for p in paths if not p.is_file()]
    if absent:
        raise ValueError(f"{directory}: files listed in expected.csv are missing: {absent}")
    unlisted = sorted({p.name for p in directory.glob("*.txt")} - set(df["file"]))
    if unlisted:
        raise ValueError(f"{directory}: files not listed in expected.csv: {unlisted}")
    df["path"] = [str(p) for p in paths]
    df["text"] = [p.read_text(encoding="utf-8") for p in paths]
    return df


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def _same_speaker(er, fr) -> bool:
    return names_match(er["speaker"], fr["source"]) or names_match(er["speaker"], fr["canonical"])


def _pair_case(eg, fg, pair_kind, found_state, paired_found_of) -> None:
    """Pair the expected rows of one case with found rows (same kind first)."""
    for same_kind in (True, False):
        for ei, er in eg.iterrows():
            if ei in pair_kind:
                continue
            for fi, fr in fg.iterrows():
                if fi in found_state or same_kind != (fr["source_kind"] == er["kind"]):
                    continue
                if _same_speaker(er, fr):
                    pair_kind[ei] = fr["source_kind"]
                    found_state[fi] = "paired"
                    paired_found_of[fi] = ei
                    break


def _mark_duplicates(eg, fg, pair_kind, found_state) -> None:
    """Unpaired found rows repeating a correctly paired speaker are duplicates."""
    for fi, fr in fg.iterrows():
        if fi in found_state:
            continue
        for ei, er in eg.iterrows():
            if pair_kind.get(ei) == er["kind"] == fr["source_kind"] and _same_speaker(er, fr):
                found_state[fi] = "duplicate"
                break


def score_attributions(expected: pd.DataFrame, found: pd.DataFrame) -> dict:
    """Compare extracted attributions with the expected rows, case by case.

    ``found`` needs columns case_id, source, canonical, source_kind (others are
    ignored; kinds outside KINDS such as ``unresolved`` count as found but never
    as a correct named speaker, outlet or institution). Within a case each
    expected row is paired with at most one found row whose source or canonical
    matches the speaker (see ``names_match``), same kind first. A further found
    row with the same name and kind as an already paired one is a duplicate (a
    speaker reported twice in one sentence), counted apart, not as an error.

    Returns a dict:
      named_precision, named_recall   found named_person rows that are paired with an
                                      expected named_person row / all found named_person rows;
                                      paired / expected named_person rows
      outlet_recall, institution_recall, anonymous_recall
                                      expected rows of that kind paired with a found row
                                      of the same kind / expected rows of that kind
      n_named_expected, n_named_found, n_named_correct
      per_kind        DataFrame: kind, expected, correct (name and kind), name_only
                      (name right, kind wrong), found, found_unpaired
      none_cases, none_cases_with_attribution (none cases where something other than
                      ``unresolved`` was found), duplicates
      misses          expected rows without a same-kind pair (case_id, speaker, kind, paired_kind)
      false_positives found rows that are neither paired nor duplicates
    Ratios are NaN when their denominator is 0.
    """
    missing = [c for c in FOUND_COLUMNS if c not in found.columns]
    if missing:
        raise ValueError(f"found: missing columns {missing}")
    exp = expected.reset_index(drop=True)
    fnd = found.reset_index(drop=True).copy()
    fnd["case_id"] = fnd["case_id"].astype(str)
    unknown = sorted(set(fnd["case_id"]) - set(exp["case_id"]))
    if unknown:
        raise ValueError(f"found: case_id(s) not in the expected set: {unknown[:5]}")

    pair_kind: dict[int, str] = {}   # expected index -> kind of the paired found row
    found_state: dict[int, str] = {}  # found index -> 'paired' | 'duplicate'
    paired_found_of: dict[int, int] = {}
    fgroups = {cid: g for cid, g in fnd.groupby("case_id")}
    for cid, eg in exp[exp["kind"] != "none"].groupby("case_id"):
        fg = fgroups.get(cid)
        if fg is None:
            continue
        _pair_case(eg, fg, pair_kind, found_state, paired_found_of)
        _mark_duplicates(eg, fg, pair_kind, found_state)

    def correct(ei) -> bool:
        return pair_kind.get(ei) == exp.at[ei, "kind"]

    rows = []
    for kind in KINDS[:-1]:
        idx = exp.index[exp["kind"] == kind]
        fidx = fnd.index[fnd["source_kind"] == kind]
        rows.append({
            "kind": kind,
            "expected": len(idx),
            "correct": sum(correct(i) for i in idx),
            "name_only": sum(i in pair_kind and not correct(i) for i in idx),
            "found": len(fidx),
            "found_unpaired": sum(i not in found_state for i in fidx),
        })
    per_kind = pd.DataFrame(rows)
    pk = per_kind.set_index("kind")

    named_found = fnd.index[fnd["source_kind"] == "named_person"]
    named_correct_found = sum(
        found_state.get(i) == "paired" and exp.at[paired_found_of[i], "kind"] == "named_person" for i in named_found)
    named_dups = sum(found_state.get(i) == "duplicate" for i in named_found)

    none_ids = set(exp.loc[exp["kind"] == "none", "case_id"])
    alarms = fnd[fnd["case_id"].isin(none_ids) & (fnd["source_kind"] != "unresolved")]

    misses = exp.loc[[i for i in exp.index if exp.at[i, "kind"] != "none" and not correct(i)],
                     ["case_id", "speaker", "kind"]].copy()
    misses["paired_kind"] = [pair_kind.get(i, "") for i in misses.index]
    fps = fnd.loc[[i for i in fnd.index if i not in found_state]]

    return {
        "named_precision": _ratio(named_correct_found, len(named_found) - named_dups),
        "named_recall": _ratio(int(pk.at["named_person", "correct"]), int(pk.at["named_person", "expected"])),
        "outlet_recall": _ratio(int(pk.at["media_outlet", "correct"]), int(pk.at["media_outlet", "expected"])),
        "institution_recall": _ratio(int(pk.at["institution", "correct"]), int(pk.at["institution", "expected"])),
        "anonymous_recall": _ratio(int(pk.at["anonymous", "correct"]), int(pk.at["anonymous", "expected"])),
        "n_named_expected": int(pk.at["named_person", "expected"]),
        "n_named_found": len(named_found) - named_dups,
        "n_named_correct": named_correct_found,
        "per_kind": per_kind,
        "none_cases": len(none_ids),
        "none_cases_with_attribution": alarms["case_id"].nunique(),
        "duplicates": sum(v == "duplicate" for v in found_state.values()),
        "misses": misses.reset_index(drop=True),
        "false_positives": fps.reset_index(drop=True),
    }


def body_starts_with(body, first_body) -> bool:
    """True when the body, leading 【…】/[…]-/(…) markers removed, starts with first_body."""
    b, want = norm(body), norm(first_body)
    while True:
        m = _LEAD_MARKER.match(b)
        if not m:
            break
        b = b[m.end():]
    return bool(want) and b.startswith(want)


def score_layouts(expected: pd.DataFrame, found: pd.DataFrame) -> dict:
    """Compare loader results with expected.csv, file by file.

    ``found`` needs columns file, title, published, outlet, body (published as ISO
    string, date or timestamp; empty/None when not read). Returns a dict with
    ``table`` (one row per expected file, a boolean per check) and the share of
    files passing each check: title, published, first_body, boilerplate (none of
    the furniture substrings left in the body), not_boilerplate (all kept),
    outlet (right outlet or rightly none); ``outlet_recall`` over files whose
    outlet is stated, ``outlet_false`` (files without a stated outlet where one
    was read). A file missing from ``found`` fails every check.
    """
    need = ["file", "title", "published", "outlet", "body"]
    missing = [c for c in need if c not in found.columns]
    if missing:
        raise ValueError(f"found: missing columns {missing}")
    by_file = {str(r["file"]): r for _, r in found.iterrows()}
    rows = []
    for _, e in expected.iterrows():
        f = by_file.get(e["file"])
        if f is None:
            rows.append({"file": e["file"], "present": False, "title": False, "published": False,
                         "outlet": False, "first_body": False, "boilerplate": False, "not_boilerplate": False})
            continue
        body = norm(f["body"])
        pub = f["published"]
        pub = "" if pub is None or (not isinstance(pub, str) and pd.isna(pub)) else str(pub)[:10]
        outlet_ok = (norm(f["outlet"]) == "") if not e["outlet"] else names_match(e["outlet"], f["outlet"])
        rows.append({
            "file": e["file"],
            "present": True,
            "title": norm(f["title"]) == norm(e["title"]),
            "published": pub == e["published"],
            "outlet": outlet_ok,
            "first_body": body_starts_with(f["body"], e["first_body"]),
            "boilerplate": all(norm(s) not in body for s in e["boilerplate"].split("|") if s),
            "not_boilerplate": all(norm(s) in body for s in e["not_boilerplate"].split("|") if s),
        })
    table = pd.DataFrame(rows)
    stated = expected["outlet"] != ""
    out = {c: float(table[c].mean()) for c in
           ("title", "published", "outlet", "first_body", "boilerplate", "not_boilerplate")}
    out["outlet_recall"] = float(table.loc[stated.values, "outlet"].mean()) if stated.any() else float("nan")
    unstated_present = (~stated.values) & table["present"].values
    out["outlet_false"] = int((~table.loc[unstated_present, "outlet"]).sum())
    out["table"] = table
    return out
