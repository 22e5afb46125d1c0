"""Actors named in a sentence, from the shared entity table.

Every alias of ``data/entities.csv`` except outlets, markers and blockers
names an actor: the side it acts for (``プーチン`` → ``ロシア``, ``バイデン政権``
→ ``米国``; ``韓米`` names two).  Outlets (``ワシントン・ポスト``), markers
(``米``, ``西側``: they only tell the side of a longer phrase) and blockers
(``中国地方``) are matched too, longest first, and then dropped, so the
shorter alias inside them never counts.

``data/titles.csv`` lists the titles and words that may stand between an
actor and its topic/subject particle (``プーチン大統領は``, ``バイデン政権が``); it
is used by :meth:`ActorFinder.subject_before` to find who is cast as doing
something.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from ..core.entities import ENTITIES, TITLES, EntityTable
from ..core.matching import TermMatcher
from ..core.vocab import Snapshot, built

#: Columns of :func:`actor_mentions`.
MENTION_COLUMNS = ["article_id", "sentence_id", "alias", "actor", "start", "end"]

SUBJECT_PARTICLES = ("による", "からの", "は", "が", "も")
INNER_PARTICLES = ("が", "の", "による")
CLAUSE_CLOSERS = re.compile(r"(?:こと|事)[にをはがへの]|(?<!の)(?:ため|為)")


@dataclass(frozen=True)
class ActorMatch:
    start: int
    end: int
    alias: str
    actors: tuple[str, ...]


class ActorFinder:
    """Finds actor aliases in normalized text (leftmost-longest, no overlaps, blockers dropped)."""

    def __init__(self, alias_to_actors: dict[str, tuple[str, ...]], suffixes: list[str]):
        self.alias_to_actors = dict(alias_to_actors)
        self.matcher = TermMatcher(self.alias_to_actors)
        self.suffixes = sorted(set(suffixes), key=len, reverse=True)
        self.actor_order = list(dict.fromkeys(a for acts in self.alias_to_actors.values() for a in acts))

    def find(self, text: str) -> list[ActorMatch]:
        """Actor matches in ``text`` (blocked aliases removed)."""
        out = []
        for m in self.matcher.find(text):
            actors = self.alias_to_actors[m.term]
            if actors:
                out.append(ActorMatch(m.start, m.end, m.term, actors))
        return out

    def actors_in(self, text: str) -> list[str]:
        """Distinct actors named in ``text``, in order of first mention."""
        seen: dict[str, None] = {}
        for m in self.find(text):
            for a in m.actors:
                seen.setdefault(a, None)
        return list(seen)

    def _particle_after(self, text: str, end: int) -> str:
        """The particle after an actor mention (titles from actor_suffixes.csv skipped), or ""."""
        i = end
        for _ in range(3):
            for suf in self.suffixes:
                if text.startswith(suf, i):
                    i += len(suf)
                    break
            else:
                break
        for p in SUBJECT_PARTICLES:
            if text.startswith(p, i):
                return p
        return ""

    def subject_before(self, text: str, pos: int, matches: list[ActorMatch] | None = None,
                       end: int | None = None) -> list[str]:
        """Actors cast as the subject of the expression at ``text[pos:end]``.

        Heuristic, without a parser (``particle`` = after optional titles):

        1. an actor inside the expression followed by が/の/による
           (``北朝鮮が到着``, ``北朝鮮軍の参戦``);
        2. the nearest actor + による/からの at most 15 characters before,
           with no 、 in between (``北朝鮮による追加派兵``);
        3. otherwise the nearest actor before that is followed by は or も
           (topic), or by が unless a closed embedded clause (``ことに``,
           ``ことを``, ``ことへ``, verb + ``ため``/``為`` …; ``のため`` does not close it) lies between it and the
           expression (``バイデン政権はウクライナが…発射することに反対`` →
           米国, not ウクライナ).

        Returns [] when none applies (callers fall back to every actor named
        in the sentence).  For many expressions in one sentence, build
        :meth:`subjects` once and call its ``before``: the cost is then
        logarithmic per expression instead of linear in the sentence.

        >>> finder = ActorFinder({"米国": ("米国",), "ロシア": ("ロシア",)}, ["大統領"])
        >>> finder.subject_before("米国はロシアが攻撃したと非難した", 8)
        ['ロシア']
        """
        return self.subjects(text, matches).before(pos, end)

    def subjects(self, text: str, matches: list[ActorMatch] | None = None) -> SubjectIndex:
        """The actor mentions of one sentence with their particles, read once (see :meth:`subject_before`)."""
        matches = self.find(text) if matches is None else matches
        return SubjectIndex(text, matches, [self._particle_after(text, m.end) for m in matches])


class SubjectIndex:
    """Actor mentions of one sentence, indexed so that each :meth:`before` is a few binary searches.

    Built in one pass over the mentions and one over the text (clause closers);
    the matches never overlap, so sorting by start also sorts by end.
    """

    def __init__(self, text: str, matches: list[ActorMatch], particles: list[str]):
        order = sorted(range(len(matches)), key=lambda k: matches[k].start)
        self.text = text
        self.matches = [matches[k] for k in order]
        self.particles = [particles[k] for k in order]
        self.starts = [m.start for m in self.matches]
        self.ends = [m.end for m in self.matches]
        # nearest mention at or before k tagged は/も (topic) and tagged が: -1 when none
        self.last_topic, self.last_ga = [], []
        topic = ga = -1
        for k, p in enumerate(self.particles):
            topic = k if p in ("は", "も") else topic
            ga = k if p == "が" else ga
            self.last_topic.append(topic)
            self.last_ga.append(ga)
        closers = list(CLAUSE_CLOSERS.finditer(text))
        self.closer_ends = [c.end() for c in closers]
        self.closer_starts = [c.start() for c in closers]
        commas = [i for i, ch in enumerate(text) if ch == "、"]
        self.commas = commas

    def _comma_between(self, lo: int, hi: int) -> bool:
        k = bisect.bisect_left(self.commas, lo)
        return k < len(self.commas) and self.commas[k] < hi

    def before(self, pos: int, end: int | None = None) -> list[str]:
        """Actors cast as the subject of ``text[pos:end]`` (rules of :meth:`ActorFinder.subject_before`)."""
        if end is not None:
            k = bisect.bisect_left(self.starts, pos)
            while k < len(self.matches) and self.matches[k].end <= end:
                if self.text.startswith(INNER_PARTICLES, self.matches[k].end):
                    return list(self.matches[k].actors)
                k += 1
        last = bisect.bisect_right(self.ends, pos) - 1  # mentions ending at or before pos: 0..last
        k = last
        while k >= 0 and pos - self.ends[k] <= 15 + 3:  # rule 2 looks 15 characters + the particle back
            m, p = self.matches[k], self.particles[k]
            if p in ("による", "からの") and pos - m.end <= 15 + len(p) and not self._comma_between(m.end, pos):
                return list(m.actors)
            k -= 1
        if last < 0:
            return []
        topic, ga = self.last_topic[last], self.last_ga[last]
        if ga >= 0:
            # a clause closer wholly inside text[ga_end:pos]? (the nearest が fails -> every earlier one does)
            c = bisect.bisect_right(self.closer_ends, pos) - 1
            if c >= 0 and self.closer_starts[c] >= self.ends[ga]:
                ga = -1
        best = max(topic, ga)
        return list(self.matches[best].actors) if best >= 0 else []


ACTOR_DATA_FILES = [ENTITIES, TITLES]


def build_finder(snap: Snapshot) -> ActorFinder:
    """Actor finder for one snapshot of ``entities.csv`` and ``titles.csv``."""
    titles = snap.table(TITLES)["title"]
    return ActorFinder(EntityTable(snap.table(ENTITIES)).actor_aliases(), list(titles))


def default_finder() -> ActorFinder:
    """The finder for the data files as they are now (rebuilt when one changes)."""
    return built(ACTOR_DATA_FILES, build_finder)[1]


def actor_mentions(sentences: pd.DataFrame, finder: ActorFinder | None = None) -> pd.DataFrame:
    """Actor mentions per sentence, matched on ``text_norm``.

    Columns: ``article_id`` (str), ``sentence_id`` (int), ``alias`` (the
    matched text), ``actor`` (canonical actor; an alias naming two actors gives
    two rows), ``start``/``end`` (character offsets in ``text_norm``).
    """
    finder = finder or default_finder()
    rows = []
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["text_norm"]):
        for m in finder.find(str(text)):
            for a in m.actors:
                rows.append((str(aid), int(sid), m.alias, a, m.start, m.end))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(
        {"article_id": "str", "sentence_id": "int64", "start": "int64", "end": "int64"}
    )
