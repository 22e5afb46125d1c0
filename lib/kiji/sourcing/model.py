"""The sourcing vocabulary as one immutable object handed to every step.

Each step of :mod:`kiji.sourcing` takes a :class:`SourcingVocab`, so a test can
build a tiny one in a few lines (:func:`make_vocab`) and the shipped one comes
from the validated ``data/`` files (:func:`load_sourcing_vocab`, rebuilt when
a file's content changes).  Nothing in here is a word list: the words are in
``data/``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: entity kinds (data/entities.csv) → source_kind of a phrase naming that entity
ENTITY_SOURCE_KIND = {"person": "named_person", "outlet": "media_outlet"}
#: entity kinds that are a country or a city standing for it (a weak speaker)
STATE_KINDS = {"state", "place"}
#: entity kinds that name nothing a source could be
NOT_SOURCES = {"marker", "blocker"}


@dataclass(frozen=True)
class Entity:
    name: str     # canonical name
    kind: str     # person / state / government / military / agency / alliance / outlet / …
    side: str


@dataclass(frozen=True)
class CueInfo:
    cue: str
    cue_type: str          # say, assess, claim, report, write, warn, deny, declined, according_to, quoting, anonymity
    needs_quotative: bool  # only a cue when quotative と precedes it in its clause


@dataclass(frozen=True)
class SourcingVocab:
    cues: tuple[CueInfo, ...] = ()
    anon_heads: dict[str, str] = field(default_factory=dict)   # head → source_kind
    anon_mods: tuple[str, ...] = ()                            # ある, 別の, 複数の, …
    anon_mod_suffixes: tuple[str, ...] = ()                    # に近い, に詳しい (after a noun)
    entities: dict[str, Entity] = field(default_factory=dict)  # alias → entity
    titles: dict[str, str] = field(default_factory=dict)       # title → side ('' when none)
    honorifics: tuple[str, ...] = ()                           # 氏, さん …
    title_suffixes: tuple[str, ...] = ()                       # 官, 相, 長, 大統領 …
    title_prefixes: tuple[str, ...] = ()                       # 首席, 副, 前, 元 …
    outlet_suffixes: tuple[str, ...] = ()                      # 紙, 通信, テレビ …
    outlet_prefixes: tuple[str, ...] = ()                      # 紙 (米紙…), メディア (ウクライナメディア…)
    edition_suffixes: tuple[str, ...] = ()                     # 版 (…の日本語版: the outlet is the modifier)
    institution_suffixes: tuple[str, ...] = ()                 # 省, 庁, 軍, 政府 …
    document_suffixes: tuple[str, ...] = ()                    # 書, 状, 文 …
    pronouns: dict[str, str] = field(default_factory=dict)     # 同氏/彼/彼女 → named_person
    same_prefixes: tuple[str, ...] = ()                        # 同 (同紙, 同大統領)
    connectives: tuple[str, ...] = ()                          # しかし, また …
    channels: dict[str, str] = field(default_factory=dict)     # X → social_media, 声明 → document …
    report_nouns: dict[str, str] = field(default_factory=dict)  # 報道 → media_outlet, 調べ → '' …


def alternation(terms) -> str:
    """Regex alternation of ``terms``, longest first (so the longest alias wins); never empty."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return "|".join(re.escape(t) for t in terms) or r"(?!x)x"


def make_vocab(*, cues=(), anon_heads=None, anon_mods=(), anon_mod_suffixes=(), entities=None, titles=None,
               honorifics=("氏",), title_shapes=(), phrase_classes=(), anaphors=(), connectives=(),
               channels=None, report_nouns=None) -> SourcingVocab:
    """A vocabulary from plain Python values (tests; :func:`load_sourcing_vocab` for data/).

    ``cues``: (cue, cue_type, needs_quotative) triples; ``entities``: alias →
    (name, kind, side); ``title_shapes``: (affix, 'suffix'|'prefix');
    ``phrase_classes``: (affix, 'suffix'|'prefix'|'edition', source_kind);
    ``anaphors``: (term, 'whole'|'prefix', refers_to); ``report_nouns``: noun → kind hint.
    """
    ents = {a: Entity(*v) for a, v in (entities or {}).items()}

    def affixes(position, kind):
        return tuple(a for a, pos, k in phrase_classes if pos == position and k == kind)

    return SourcingVocab(
        cues=tuple(CueInfo(c, t, bool(q)) for c, t, q in cues),
        anon_heads=dict(anon_heads or {}), anon_mods=tuple(anon_mods), anon_mod_suffixes=tuple(anon_mod_suffixes),
        entities=ents, titles=dict(titles or {}), honorifics=tuple(honorifics),
        title_suffixes=tuple(a for a, pos in title_shapes if pos == "suffix"),
        title_prefixes=tuple(a for a, pos in title_shapes if pos == "prefix"),
        outlet_suffixes=affixes("suffix", "media_outlet"), outlet_prefixes=affixes("prefix", "media_outlet"),
        edition_suffixes=affixes("edition", "media_outlet"),
        institution_suffixes=affixes("suffix", "institution"), document_suffixes=affixes("suffix", "document"),
        pronouns={t: r for t, pos, r in anaphors if pos == "whole"},
        same_prefixes=tuple(t for t, pos, _r in anaphors if pos == "prefix"),
        connectives=tuple(connectives), channels=dict(channels or {}), report_nouns=dict(report_nouns or {}),
    )


#: data files the sourcing steps read
SOURCING_FILES = ("source_cues.csv", "anonymous_sources.csv", "entities.csv", "titles.csv", "source_channels.csv",
                  "source_phrase_classes.csv", "source_title_shapes.csv", "source_anaphors.csv",
                  "sentence_connectives.txt", "source_report_nouns.csv")


def build_sourcing_vocab(tables) -> SourcingVocab:
    """The vocabulary from validated tables: ``tables(name)`` → DataFrame (lines files: one column)."""
    anon = tables("anonymous_sources.csv")
    ents = tables("entities.csv")
    titles = tables("titles.csv")
    entities = {}
    for alias, name, kind, side in zip(ents["alias"], ents["entity"], ents["kind"], ents["side"]):
        if kind != "blocker":
            entities[alias] = (name or alias, kind, str(side).split("|")[0] if side else "")
    conn = tables("sentence_connectives.txt")
    return make_vocab(
        cues=[(c, t, _bool(q)) for c, t, q in zip(*[tables("source_cues.csv")[k] for k in
                                                      ("cue", "cue_type", "needs_quotative")])],
        anon_heads={t: k for t, m, k in zip(anon["term"], anon["match"], anon["source_kind"]) if m == "head"},
        anon_mods=[t for t, m in zip(anon["term"], anon["match"]) if m == "modifier"],
        anon_mod_suffixes=[t for t, m in zip(anon["term"], anon["match"]) if m == "modifier_suffix"],
        entities=entities,
        titles={t: s for t, k, s in zip(titles["title"], titles["kind"], titles["side"]) if k == "title"},
        honorifics=[t for t, k in zip(titles["title"], titles["kind"]) if k == "honorific"],
        title_shapes=list(zip(*[tables("source_title_shapes.csv")[k] for k in ("affix", "position")])),
        phrase_classes=list(zip(*[tables("source_phrase_classes.csv")[k]
                                  for k in ("affix", "position", "source_kind")])),
        anaphors=list(zip(*[tables("source_anaphors.csv")[k] for k in ("term", "position", "refers_to")])),
        connectives=list(conn[conn.columns[0]]),
        channels=dict(zip(*[tables("source_channels.csv")[k] for k in ("term", "kind")])),
        report_nouns=dict(zip(*[tables("source_report_nouns.csv")[k] for k in ("noun", "source_kind")])),
    )


def _bool(value) -> bool:
    return value if isinstance(value, bool) else str(value).strip().lower() == "true"


def load_sourcing_vocab() -> SourcingVocab:
    """The shipped vocabulary as the data files are now (rebuilt only when one changes)."""
    from ..core.vocab import built

    return built(SOURCING_FILES, _build)[1]


def _build(snap) -> SourcingVocab:
    return build_sourcing_vocab(snap.table)
