"""Escalation and restraint language: ladder rung, modality, actors, per sentence.

Matching runs on ``text_norm`` with literal, analyst-editable lists (no
tokenizer):

* ``data/escalation_lexicon.csv`` — ``term`` → ``category`` (+ ``category_ja``),
  ladder ``level`` (rungs in ``data/escalation_levels.csv``), ``direction``
  (escalate / de-escalate) and an optional fixed ``modality`` for terms that
  are threats by themselves (``核による脅し``).  A row with an empty
  ``category`` is a *blocker*: matched, then dropped (``滑空爆弾`` is not
  ``空爆``).  Terms are matched
  leftmost-longest without overlaps (``核攻撃命令`` is doctrine, not ``核攻撃``).
* ``data/modality_cues.csv`` — cue → modality.  A term's modality comes from
  the nearest cue *after* the term in the same sentence (cues inside
  another matched term are ignored) (Japanese modality
  follows the predicate: ``報復すると警告した`` → threat); when no cue
  follows, a conditional cue before it (``もし…``) still applies; otherwise
  the sentence reports an ``act``.  Modalities: ``act`` (act or reported act,
  cues such as ``とされ``, ``によると``), ``threat`` (threat or warning),
  ``possibility`` (possibility, fear, speculation, plans), ``conditional``.
* ``data/actors.csv`` via :mod:`kiji.actors` — who is named, and who is cast
  as the subject (actor + optional title + は/が/による/からの/も before the
  term).

Public functions: :func:`analyze` (the ``escalation`` table),
:func:`profile` (one row per article), :func:`ladder_counts`,
:func:`actor_category_counts`, :func:`tables` (for ``kiji export``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from . import dates
from .actors import ActorFinder, default_finder
from .lexmatch import TermMatcher
from .paths import data_file

#: Columns of :func:`analyze`.
ESCALATION_COLUMNS = [
    "article_id", "sentence_id", "term", "category", "category_ja", "level", "direction",
    "modality", "modality_cue", "actors", "subject", "subject_source", "start", "end",
]

MODALITIES = ["act", "threat", "conditional", "possibility"]
MODALITY_JA = {"act": "行為・報道された行為", "threat": "威嚇・警告",
               "conditional": "条件付き", "possibility": "可能性・推測"}
NUCLEAR_CATEGORY = "nuclear_threat"


def load_lexicon() -> pd.DataFrame:
    """``data/escalation_lexicon.csv`` with ``level`` as int and blank ``modality`` as ""."""
    df = pd.read_csv(data_file("escalation_lexicon.csv"), dtype=str, keep_default_na=False)
    df["term"] = df["term"].str.strip()
    df = df[df["term"] != ""].drop_duplicates("term", keep="first").reset_index(drop=True)
    df["level"] = pd.to_numeric(df["level"], errors="coerce").fillna(-1).astype(int)
    return df


def load_levels() -> pd.DataFrame:
    """``data/escalation_levels.csv``: ``level`` (int), ``label_ja``, ``label_en``, ``description``."""
    df = pd.read_csv(data_file("escalation_levels.csv"), dtype=str, keep_default_na=False)
    df["level"] = df["level"].astype(int)
    return df.sort_values("level").reset_index(drop=True)


def load_modality_cues() -> pd.DataFrame:
    """``data/modality_cues.csv``: ``cue``, ``modality`` (act/threat/possibility/conditional), ``note``."""
    df = pd.read_csv(data_file("modality_cues.csv"), dtype=str, keep_default_na=False)
    df["cue"] = df["cue"].str.strip()
    bad = set(df["modality"]) - set(MODALITIES)
    if bad:
        raise ValueError(f"modality_cues.csv: unknown modalities {sorted(bad)}")
    return df[df["cue"] != ""].drop_duplicates("cue").reset_index(drop=True)


@dataclass
class Analyzer:
    """Lexicon, cues and actor finder, compiled once."""

    lexicon: pd.DataFrame
    cues: pd.DataFrame
    actors: ActorFinder

    def __post_init__(self):
        self.term_info = {r.term: r for r in self.lexicon.itertuples(index=False)}
        self.term_matcher = TermMatcher(self.term_info)
        self.blocked = {t for t, r in self.term_info.items() if not r.category}
        self.cue_modality = dict(zip(self.cues["cue"], self.cues["modality"]))
        self.cue_matcher = TermMatcher(self.cue_modality)

    def modality(self, text: str, start: int, end: int, cue_matches=None) -> tuple[str, str]:
        """(modality, cue) for the term at ``text[start:end]`` (see module docstring)."""
        cue_matches = self.cue_matcher.find(text) if cue_matches is None else cue_matches
        after = [c for c in cue_matches if c.start >= end]
        if after:
            c = min(after, key=lambda c: c.start)
            return self.cue_modality[c.term], c.term
        before = [c for c in cue_matches if c.end <= start and self.cue_modality[c.term] == "conditional"]
        if before:
            c = max(before, key=lambda c: c.start)
            return "conditional", c.term
        return "act", ""

    def sentence_rows(self, article_id: str, sentence_id: int, text: str) -> list[tuple]:
        terms = [t for t in self.term_matcher.find(text) if t.term not in self.blocked]
        if not terms:
            return []
        spans = [(t.start, t.end) for t in terms]
        cue_matches = [c for c in self.cue_matcher.find(text)
                       if not any(s <= c.start and c.end <= e for s, e in spans)]
        actor_matches = self.actors.find(text)
        in_sentence = list(dict.fromkeys(a for m in actor_matches for a in m.actors))
        rows = []
        for t in terms:
            info = self.term_info[t.term]
            if info.modality:
                modality, cue = info.modality, t.term
            else:
                modality, cue = self.modality(text, t.start, t.end, cue_matches)
            subject = self.actors.subject_before(text, t.start, actor_matches, t.end)
            source = "particle" if subject else ("sentence" if in_sentence else "")
            subject = subject or in_sentence
            rows.append((article_id, sentence_id, t.term, info.category, info.category_ja, int(info.level),
                         info.direction, modality, cue, "; ".join(in_sentence), "; ".join(subject),
                         source, t.start, t.end))
        return rows


ESCALATION_DATA_FILES = ["escalation_lexicon.csv", "escalation_levels.csv", "modality_cues.csv", "actors.csv",
                         "actor_suffixes.csv"]


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """Analyzer built from the data files (cached per process)."""
    return Analyzer(load_lexicon(), load_modality_cues(), default_finder())


def analyze(sentences: pd.DataFrame, analyzer: Analyzer | None = None) -> pd.DataFrame:
    """The ``escalation`` table: one row per lexicon match in ``sentences.text_norm``.

    Columns: ``article_id`` (str), ``sentence_id`` (int), ``term`` (lexicon
    term as matched), ``category``, ``category_ja``, ``level`` (int rung,
    see ``escalation_levels.csv``), ``direction`` (escalate / de-escalate),
    ``modality`` (act / threat / conditional / possibility), ``modality_cue``
    (the cue that decided it, "" for a plain act), ``actors`` (actors named in
    the sentence, "; "-joined, order of mention), ``subject`` (actor(s) cast as
    doing it: actor + は/が/による/からの/も before the term; otherwise all
    actors of the sentence), ``subject_source`` (particle / sentence / ""),
    ``start``/``end`` (offsets of the term in ``text_norm``).
    Works on any subset of articles; row order follows ``sentences``.
    """
    if analyzer is None:
        from .cache import per_article

        return per_article("escalation", sentences, lambda group: analyze(group, default_analyzer()),
                           ESCALATION_DATA_FILES)
    an = analyzer
    rows = []
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["text_norm"]):
        rows.extend(an.sentence_rows(str(aid), int(sid), str(text)))
    return pd.DataFrame(rows, columns=ESCALATION_COLUMNS).astype(
        {"article_id": "str", "sentence_id": "int64", "level": "int64", "start": "int64", "end": "int64"}
    )


def _split(value: str) -> list[str]:
    return [v for v in str(value).split("; ") if v]


def _modality_order(values) -> str:
    present = set(values)
    return "/".join(m for m in MODALITIES if m in present)


#: Columns of :func:`profile`.
PROFILE_COLUMNS = [
    "article_id", "n_escalate", "n_deescalate", "balance", "max_level", "max_level_label",
    "max_level_modality", "max_level_term", "max_act_level", "max_act_label",
    "nuclear_act", "nuclear_threat", "nuclear_conditional", "nuclear_possibility",
    "escalating_actors", "top_escalating_actor",
]


def profile(escalation: pd.DataFrame, article_ids=None, levels: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article summarising its escalation framing.

    ``article_ids``: articles to report (default: those in ``escalation``);
    articles without matches get zero counts and ``max_level`` -1.

    Columns: ``article_id``; ``n_escalate`` / ``n_deescalate`` (matches by
    direction); ``balance`` = (esc − de-esc) / (esc + de-esc), in [−1, 1],
    0.0 when there is no match; ``max_level`` (highest rung named, any
    modality), ``max_level_label`` (its Japanese label),
    ``max_level_modality`` (modalities of the matches at that rung, "/"-joined
    in the order act/threat/conditional/possibility), ``max_level_term``
    (their distinct terms); ``max_act_level`` / ``max_act_label`` (highest
    rung stated as an act); ``nuclear_<modality>`` (counts of
    ``nuclear_threat`` matches by modality); ``escalating_actors`` (subjects
    of escalate-direction matches with counts, ``"ロシア 5; 米国 3"``, most
    frequent first) and ``top_escalating_actor`` ("" when none; ties give the
    alphabetically first).
    """
    levels = load_levels() if levels is None else levels
    label = dict(zip(levels["level"], levels["label_ja"]))
    ids = list(dict.fromkeys(map(str, escalation["article_id"]))) if article_ids is None else [str(a) for a in article_ids]
    rows = []
    for aid in ids:
        e = escalation[escalation["article_id"] == aid]
        esc = e[e["direction"] == "escalate"]
        n_esc, n_de = len(esc), int((e["direction"] == "de-escalate").sum())
        balance = round((n_esc - n_de) / (n_esc + n_de), 3) if n_esc + n_de else 0.0
        if len(e):
            max_level = int(e["level"].max())
            top = e[e["level"] == max_level]
            max_mod = _modality_order(top["modality"])
            max_terms = "; ".join(dict.fromkeys(top["term"]))
        else:
            max_level, max_mod, max_terms = -1, "", ""
        acts = e[e["modality"] == "act"]
        max_act = int(acts["level"].max()) if len(acts) else -1
        nuc = e[e["category"] == NUCLEAR_CATEGORY]["modality"].value_counts()
        counts: dict[str, int] = {}
        for subj in esc["subject"]:
            for a in _split(subj):
                counts[a] = counts.get(a, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append((
            aid, n_esc, n_de, balance, max_level, label.get(max_level, ""), max_mod, max_terms,
            max_act, label.get(max_act, ""),
            int(nuc.get("act", 0)), int(nuc.get("threat", 0)), int(nuc.get("conditional", 0)),
            int(nuc.get("possibility", 0)),
            "; ".join(f"{a} {n}" for a, n in ranked), ranked[0][0] if ranked else "",
        ))
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS).astype({"article_id": "str"})


def ladder_counts(escalation: pd.DataFrame) -> pd.DataFrame:
    """Matches per article × rung × modality: ``article_id``, ``level``, ``modality``, ``n``."""
    if not len(escalation):
        return pd.DataFrame(columns=["article_id", "level", "modality", "n"])
    return (escalation.groupby(["article_id", "level", "modality"]).size()
            .rename("n").reset_index().sort_values(["article_id", "level", "modality"], ignore_index=True))


def actor_category_counts(escalation: pd.DataFrame, by: str = "subject",
                          direction: str | None = "escalate") -> pd.DataFrame:
    """Actor × category counts (long): ``actor``, ``category``, ``category_ja``, ``n``.

    ``by="subject"`` counts who is cast as doing it; ``by="actors"`` counts
    every actor named in the sentence.  ``direction`` filters (None = all).
    """
    e = escalation if direction is None else escalation[escalation["direction"] == direction]
    rows = [(a, c, cj) for val, c, cj in zip(e[by], e["category"], e["category_ja"]) for a in _split(val)]
    df = pd.DataFrame(rows, columns=["actor", "category", "category_ja"])
    return (df.groupby(["actor", "category", "category_ja"]).size().rename("n").reset_index()
            .sort_values(["actor", "category"], ignore_index=True))


def tables(corpus) -> dict[str, pd.DataFrame]:
    """Tables for ``kiji export``: ``escalation`` (:func:`analyze`) and ``events`` (:func:`kiji.dates.events`)."""
    esc = analyze(corpus.sentences)
    ev = dates.events(corpus.sentences, corpus.articles, esc)
    return {"escalation": esc, "events": ev}
