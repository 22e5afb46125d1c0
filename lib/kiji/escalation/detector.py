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
* ``data/entities.csv`` and ``data/titles.csv`` via :mod:`kiji.escalation.actors` — who is named, and who is cast
  as the subject (actor + optional title + は/が/による/からの/も before the
  term).

Public functions: :func:`analyze` (the ``escalation`` table),
:func:`profile` (one row per article), :func:`ladder_counts`,
:func:`actor_category_counts`, :func:`tables` (for ``kiji export``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import pandas as pd

from ..core.matching import TermMatcher
from ..core.vocab import Snapshot, built
from .actors import ACTOR_DATA_FILES, ActorFinder, build_finder
from .context import ContextGate
from .lexicon import (
    CONTEXT,
    LEXICON,
    MODALITY_CUES,
    NEGATION,
    load_context,
    load_lexicon,
    load_modality_cues,
    load_negation,
)

#: Columns of :func:`analyze`.
ESCALATION_COLUMNS = [
    "article_id", "sentence_id", "term", "category", "category_ja", "level", "direction",
    "modality", "modality_cue", "negated", "actors", "subject", "subject_source", "start", "end",
]
#: Where a term's clause ends for negation: the sentence end, a comma, the end of a quotation -- except a
#: comma right after the term's own particle (核使用について、明らかにしなかった).
_CLAUSE_END = re.compile(r"[。」、]")
_OWN_PARTICLE = re.compile(r"(?:は|も|には|では|について(?:は)?|に関して(?:は)?)")



class _Cues(list):
    """Cue matches sorted by start, with their starts and the conditional ones precomputed."""

    def __init__(self, cues, modality: dict[str, str]):
        super().__init__(sorted(cues, key=lambda c: c.start))
        self.starts = [c.start for c in self]
        self.conditional = sorted((c for c in self if modality[c.term] == "conditional"), key=lambda c: c.end)


@dataclass
class EscalationDetector:
    """Lexicon, cues and actor finder, compiled once."""

    lexicon: pd.DataFrame
    cues: pd.DataFrame
    actors: ActorFinder
    negation: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["cue", "effect"]))
    #: the conflict-context gate (:mod:`kiji.escalation.context`); open (no gate) by default
    context: ContextGate = field(default_factory=lambda: ContextGate(frozenset(), frozenset()))

    def __post_init__(self):
        self.negation_effect = dict(zip(self.negation["cue"], self.negation["effect"]))
        self.negation_matcher = TermMatcher(self.negation_effect)
        self.term_info = {r.term: r for r in self.lexicon.itertuples(index=False)}
        self.term_matcher = TermMatcher(self.term_info)
        self.blocked = {t for t, r in self.term_info.items() if not r.category}
        self.cue_modality = dict(zip(self.cues["cue"], self.cues["modality"]))
        self.cue_matcher = TermMatcher(self.cue_modality)

    def modality(self, text: str, start: int, end: int, cue_matches=None) -> tuple[str, str]:
        """(modality, cue) for the term at ``text[start:end]`` (see module docstring).

        ``cue_matches`` must be sorted by start (as :class:`TermMatcher` returns them);
        two binary searches keep the cost per term logarithmic.
        """
        cue_matches = self.cue_matcher.find(text) if cue_matches is None else cue_matches
        starts = [c.start for c in cue_matches] if not hasattr(cue_matches, "starts") else cue_matches.starts
        i = bisect.bisect_left(starts, end)
        if i < len(cue_matches):
            c = cue_matches[i]
            return self.cue_modality[c.term], c.term
        conditional = getattr(cue_matches, "conditional", None)
        if conditional is None:
            conditional = [c for c in cue_matches if self.cue_modality[c.term] == "conditional"]
        ends = [c.end for c in conditional]
        j = bisect.bisect_right(ends, start)
        if j:
            return "conditional", conditional[j - 1].term
        return "act", ""

    @staticmethod
    def _outside_terms(cues, terms):
        """Cues not inside a matched term (both lists sorted by start; terms never overlap)."""
        starts = [t.start for t in terms]
        out = []
        for c in cues:
            k = bisect.bisect_right(starts, c.start) - 1
            if k >= 0 and terms[k].start <= c.start and c.end <= terms[k].end:
                continue
            out.append(c)
        return out

    def negated(self, text: str, end: int, next_start: int) -> bool:
        """The term ending at ``end`` is negated or excluded in its clause (含まれていない,
        明らかにしなかった, 言及せず): the first negation cue between it and the clause end (or the
        next term) decides; look-alikes (辞さない, かもしれない, 排除できない) keep it."""
        stop = _CLAUSE_END.search(text, end, next_start)
        if stop and stop.group(0) == "、" and _OWN_PARTICLE.fullmatch(text, end, stop.start()):
            stop = _CLAUSE_END.search(text, stop.end(), next_start)
        limit = stop.start() if stop else next_start
        for m in self.negation_matcher.find(text[end:limit]):
            return self.negation_effect[m.term] == "negates"
        return False

    def sentence_rows(self, article_id: str, sentence_id: int, text: str, article_context: bool = False
                      ) -> list[tuple]:
        """Rows of one sentence; a match counts only in a conflict context: the sentence's own context
        words, or ``article_context`` (the article is about a conflict, :meth:`ContextGate.article`)."""
        terms = [t for t in self.term_matcher.find(text) if t.term not in self.blocked]
        if not terms or not (article_context or self.context.sentence(text)):
            return []
        cue_matches = _Cues(self._outside_terms(self.cue_matcher.find(text), terms), self.cue_modality)
        actor_matches = self.actors.find(text)
        in_sentence = list(dict.fromkeys(a for m in actor_matches for a in m.actors))
        subjects = self.actors.subjects(text, actor_matches)
        rows = []
        for k, t in enumerate(terms):
            info = self.term_info[t.term]
            negated = self.negated(text, t.end, terms[k + 1].start if k + 1 < len(terms) else len(text))
            if info.modality:
                modality, cue = info.modality, t.term
            else:
                modality, cue = self.modality(text, t.start, t.end, cue_matches)
            subject = subjects.before(t.start, t.end)
            source = "particle" if subject else ("sentence" if in_sentence else "")
            subject = subject or in_sentence
            rows.append((article_id, sentence_id, t.term, info.category, info.category_ja, int(info.level),
                         info.direction, modality, cue, negated, "; ".join(in_sentence), "; ".join(subject),
                         source, t.start, t.end))
        return rows


ESCALATION_DATA_FILES = [LEXICON, MODALITY_CUES, NEGATION, CONTEXT, *ACTOR_DATA_FILES]


def build_detector(snap: Snapshot) -> EscalationDetector:
    """The detector for one snapshot of the data files."""
    return EscalationDetector(load_lexicon(snap), load_modality_cues(snap), build_finder(snap), load_negation(snap),
                              ContextGate.from_table(load_context(snap)))


def default_detector() -> EscalationDetector:
    """Detector built from the data files as they are now (rebuilt when one changes)."""
    return built(ESCALATION_DATA_FILES, build_detector)[1]


def analyze(sentences: pd.DataFrame, detector: EscalationDetector | None = None, *, run=None) -> pd.DataFrame:
    """The ``escalation`` table: one row per lexicon match in ``sentences.text_norm``.

    Columns: ``article_id`` (str), ``sentence_id`` (int), ``term`` (lexicon
    term as matched), ``category``, ``category_ja``, ``level`` (int rung,
    see ``escalation_levels.csv``), ``direction`` (escalate / de-escalate),
    ``modality`` (act / threat / conditional / possibility), ``modality_cue``
    (the cue that decided it, "" for a plain act), ``negated`` (True when the
    term is negated or explicitly excluded in its clause: 核兵器の使用は含まれていない,
    …について明らかにしなかった; such rows are kept out of the act/threat counts of
    :func:`kiji.escalation.summaries.profile` and counted apart), ``actors`` (actors named in
    the sentence, "; "-joined, order of mention), ``subject`` (actor(s) cast as
    doing it: actor + は/が/による/からの/も before the term; otherwise all
    actors of the sentence), ``subject_source`` (particle / sentence / ""),
    ``start``/``end`` (offsets of the term in ``text_norm``).
    Works on any subset of articles; row order follows ``sentences``.  Without a ``detector``
    the table is the ``escalation`` stage (:mod:`kiji.escalation.stage`) of ``run`` (default:
    :func:`kiji.core.run.default_run`): cached per article, on the run's executor.
    """
    if detector is None:
        from ..core.run import default_run
        from .stage import STAGE

        return (run or default_run()).table(STAGE, sentences)
    return detect(sentences, detector)


def detect(sentences: pd.DataFrame, detector: EscalationDetector) -> pd.DataFrame:
    """:func:`analyze` with ``detector``, in this process, without the cache."""
    an = detector
    rows = []
    aids = sentences["article_id"].astype(str)
    in_context = {aid: an.context.article(texts.astype(str))
                  for aid, texts in sentences["text_norm"].groupby(aids, sort=False)}
    for aid, sid, text in zip(aids, sentences["sentence_id"], sentences["text_norm"]):
        rows.extend(an.sentence_rows(aid, int(sid), str(text), in_context[aid]))
    frame = pd.DataFrame(rows, columns=ESCALATION_COLUMNS)
    # one column at a time: DataFrame.astype(dict) copies every column (half of this function's time)
    for col, dtype in (("article_id", "str"), ("sentence_id", "int64"), ("level", "int64"), ("start", "int64"),
                       ("end", "int64"), ("negated", "bool")):
        frame[col] = frame[col].astype(dtype)
    return frame


def tables(corpus, escalation: pd.DataFrame, failures: list | None = None) -> dict[str, pd.DataFrame]:
    """Tables for ``kiji export`` from the ``escalation`` stage's table: ``escalation`` and ``events``
    (:func:`kiji.escalation.events.events`; an article whose dates fail is added to ``failures``)."""
    from .events import events

    return {"escalation": escalation, "events": events(corpus.sentences, corpus.articles, escalation,
                                                       failures=failures)}
