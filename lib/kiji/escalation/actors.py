"""Actors named in a sentence, through an analyst-editable alias list.

``data/actors.csv`` maps each alias (NFKC, as it appears in ``text_norm``)
to a canonical actor (``米国``, ``ロシア``, ``トランプ``, ...).  An alias may
name two actors (``韓米`` → ``韓国|米国``).  Aliases with an empty ``actor``
are *blockers*: they are matched (longest first) and then dropped, so that
``ワシントン・ポスト`` does not count as the US government and ``中国地方``
not as China.  Single characters such as ``米`` or ``英`` are deliberately not
aliases: only explicit forms (``米政府``, ``英国``) count.

``data/actor_suffixes.csv`` lists titles that may stand between an actor and
its topic/subject particle (``プーチン大統領は``, ``バイデン政権が``); it is used
by :func:`subject_before` to find who is cast as doing something.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..core.matching import TermMatcher
from ..core.paths import data_file

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


def load_actors() -> pd.DataFrame:
    """``data/actors.csv``: ``alias``, ``actor`` (``|``-separated, "" = blocker), ``actor_en``, ``kind``, ``note``."""
    df = pd.read_csv(data_file("actors.csv"), dtype=str, keep_default_na=False)
    df["alias"] = df["alias"].str.strip()
    return df[df["alias"] != ""].reset_index(drop=True)


def load_suffixes() -> list[str]:
    """Titles allowed between an actor alias and its particle (``data/actor_suffixes.csv``)."""
    df = pd.read_csv(data_file("actor_suffixes.csv"), dtype=str, keep_default_na=False)
    return sorted({s.strip() for s in df["suffix"] if s.strip()}, key=len, reverse=True)


class ActorFinder:
    """Finds actor aliases in normalized text (leftmost-longest, no overlaps, blockers dropped)."""

    def __init__(self, table: pd.DataFrame | None = None, suffixes: list[str] | None = None):
        table = load_actors() if table is None else table
        self.alias_to_actors: dict[str, tuple[str, ...]] = {}
        for alias, actor in zip(table["alias"], table["actor"]):
            self.alias_to_actors[alias] = tuple(a.strip() for a in str(actor).split("|") if a.strip())
        self.matcher = TermMatcher(self.alias_to_actors)
        self.suffixes = load_suffixes() if suffixes is None else suffixes
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
        in the sentence).
        """
        matches = self.find(text) if matches is None else matches
        if end is not None:
            for m in matches:
                if m.start >= pos and m.end <= end and text.startswith(INNER_PARTICLES, m.end):
                    return list(m.actors)
        before = sorted((m for m in matches if m.end <= pos), key=lambda m: m.start, reverse=True)
        tagged = [(m, self._particle_after(text, m.end)) for m in before]
        for m, p in tagged:
            if p in ("による", "からの") and pos - m.end <= 15 + len(p) and "、" not in text[m.end:pos]:
                return list(m.actors)
        for m, p in tagged:
            if p == "が" and not CLAUSE_CLOSERS.search(text[m.end:pos]):
                return list(m.actors)
            if p in ("は", "も"):
                return list(m.actors)
        return []


@lru_cache(maxsize=1)
def default_finder() -> ActorFinder:
    """One shared finder built from the data files (cached per process)."""
    return ActorFinder()


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
