"""What each analyst-editable data file must look like: columns, allowed values, keys.

One :class:`Schema` per file in ``data/``.  :mod:`kiji.core.vocab` checks a file
against its schema every time the file's content changes, and a file that does
not conform stops the run with one line naming the file, the line and the
problem.  ``data/README.md`` documents the same rules for the people who edit
the files; ``tests/test_docs.py`` fails when a column is missing there.

Column kinds:

``term``     text matched against articles: must be in the analysis form
             (:func:`kiji.core.textnorm.normalize_text`), never empty
``text``     free text (names, labels, notes); may be empty unless ``required``
``choice``   one of ``choices`` (may be empty only when ``required`` is False)
``bool``     ``true`` or ``false``
``int``      a whole number
``float``    a decimal number
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: Camps and states an entity acts for are themselves entities; these kinds can be a ``side``.
SIDE_KINDS = ("state", "alliance", "armed_group")
#: Kinds of ``entities.csv``.  ``place``: a capital or city standing for its state (モスクワ);
#: ``marker``: a word that only tells the side of a longer phrase (米, 西側), never an actor or a
#: source by itself; ``blocker``: a phrase matched so that a shorter alias inside it does not count
#: (中国地方 is not 中国); it names nothing.
ENTITY_KINDS = ("person", "state", "government", "office", "ministry", "military", "agency", "alliance",
                "party", "armed_group", "company", "outlet", "place", "marker", "blocker")
#: Source kinds an anonymous head or a cue can produce.
SOURCE_KINDS = ("named_person", "anonymous", "institution", "media_outlet", "social_media", "document")
CUE_TYPES = ("according_to", "quoting", "declined", "say", "write", "report", "warn", "assess", "claim",
             "deny", "anonymity")
MODALITIES = ("act", "threat", "conditional", "possibility")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"            # term, text, choice, bool, int, float
    required: bool = True         # must not be empty
    choices: tuple[str, ...] = ()
    multi: str = ""               # separator when one cell holds several values (e.g. "|")


@dataclass(frozen=True)
class Schema:
    """The contract of one data file."""

    name: str                     # file name in data/
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()     # columns whose combination must be unique
    format: str = "csv"           # csv (with header), lines (one term per line, # comments), headerless
    description: str = ""
    optional: tuple[str, ...] = field(default=())  # columns that may be absent from the header

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _schemas() -> dict[str, Schema]:
    S, C = Schema, Column
    items = [
        S("entities.csv", (
            C("alias", "term"), C("entity", "text", required=False), C("kind", "choice", choices=ENTITY_KINDS),
            C("side", "text", required=False, multi="|"), C("note", required=False)),
          key=("alias",),
          description="every named thing kiji recognises: people, states, institutions, outlets, places"),
        S("titles.csv", (
            C("title", "term"), C("kind", "choice", choices=("title", "honorific", "organisation", "other")),
            C("side", "text", required=False), C("note", required=False)),
          key=("title",),
          description="titles and words that may stand between a name and its particle"),
        S("anonymous_sources.csv", (
            C("term", "term"), C("match", "choice", choices=("head", "modifier", "modifier_suffix")),
            C("source_kind", "choice", choices=SOURCE_KINDS), C("note", required=False)),
          key=("term", "match"),
          description="heads and modifiers of unnamed sources"),
        S("source_cues.csv", (
            C("cue", "term"), C("cue_type", "choice", choices=CUE_TYPES), C("needs_quotative", "bool")),
          key=("cue",),
          description="words that attribute a statement"),
        S("source_channels.csv", (
            C("term", "term"), C("kind", "choice", choices=("social_media", "broadcast", "event", "document"))),
          key=("term",), description="where a statement was made"),
        S("source_phrase_classes.csv", (
            C("affix", "term"), C("position", "choice", choices=("suffix", "prefix", "edition")),
            C("source_kind", "choice", choices=("media_outlet", "institution", "document")), C("note", required=False)),
          key=("affix", "position", "source_kind"),
          description="suffixes and prefixes that mark an outlet, an institution or a document (〜紙, 米紙〜, 〜省)"),
        S("source_title_shapes.csv", (
            C("affix", "term"), C("position", "choice", choices=("suffix", "prefix", "joiner")),
            C("note", required=False)),
          key=("affix", "position"), description="the shape of a title (…官, …相, 首席…, 会長兼社長)"),
        S("source_anaphors.csv", (
            C("term", "term"), C("position", "choice", choices=("whole", "prefix")),
            C("refers_to", "choice", choices=("named_person", "same_shape")), C("note", required=False)),
          key=("term", "position"), description="pronouns (同氏, 彼) and the 同 prefix (同紙, 同大統領)"),
        S("source_report_nouns.csv", (
            C("noun", "term"), C("source_kind", "choice", required=False, choices=("media_outlet", "institution")),
            C("note", required=False)),
          key=("noun",), description="Xの<noun>によると / では / として: X is the source (報道, 調べ, 発表 …)"),
        S("sentence_connectives.txt", (C("word", "term"),), key=("word",), format="lines",
          description="sentence-initial connectives stripped from a subject phrase"),
        S("outlet_domains.csv", (
            C("domain", "term"), C("outlet", "text"), C("note", required=False)),
          key=("domain",), description="the outlet a page's URL domain names (news.livedoor.com → livedoor ニュース)"),
        S("page_furniture.csv", (
            C("pattern", "text"), C("match", "choice", choices=("line", "prefix", "contains", "outlet_suffix")),
            C("role", "choice", choices=("furniture", "copyright", "block", "trailing", "outlet")),
            C("note", required=False)),
          key=("pattern", "match"), description="page furniture of pasted web text, and outlet-name endings"),
        S("escalation_lexicon.csv", (
            C("term", "term"), C("category", "text", required=False), C("category_ja", "text", required=False),
            C("level", "int", required=False), C("direction", "choice", required=False,
                                                 choices=("escalate", "de-escalate")),
            C("modality", "choice", required=False, choices=MODALITIES), C("note", required=False)),
          key=("term",), description="escalation and restraint terms"),
        S("escalation_negation.csv", (
            C("cue", "term"), C("effect", "choice", choices=("negates", "keeps")),
            C("note", required=False)),
          key=("cue",),
          description="negation after a term (含まれていない, 明らかにしなかった) "
                      "and look-alikes that are not (辞さない)"),
        S("escalation_context.csv", (
            C("term", "term"), C("effect", "choice", choices=("context", "blocker")), C("note", required=False)),
          key=("term",),
          description="words that put a sentence in a military or conflict context (the escalation gate)"),
        S("escalation_levels.csv", (
            C("level", "int"), C("label_ja"), C("label_en"), C("description", required=False)),
          key=("level",), description="the rungs of the escalation ladder"),
        S("modality_cues.csv", (
            C("cue", "term"), C("modality", "choice", choices=MODALITIES), C("note", required=False)),
          key=("cue",), description="words that make a term a threat, a possibility, a condition"),
        S("modalities.csv", (
            C("modality", "choice", choices=MODALITIES), C("label_ja"), C("note", required=False)),
          key=("modality",), description="labels of the four modalities"),
        S("categories.csv", (
            C("pattern"), C("applies_to", "choice", choices=("file_name", "url", "folder")),
            C("note", required=False)),
          key=("pattern", "applies_to"),
          description="patterns reading an article's category from its file name, URL or folder "
                      "(first group = the category; first matching row wins)"),
        S("stopwords.txt", (C("word", "term"),), key=("word",), format="lines",
          description="words left out of term counts"),
        S("stopwords_general.txt", (C("word", "term"),), key=("word",), format="lines",
          description="a general Japanese stopword list (stopwords-iso, generic verbs, formal nouns)"),
        S("userdict.csv", (C("surface", "term"), C("pos", "choice", choices=("名詞",)), C("reading")),
          key=("surface",), format="headerless", description="janome user dictionary (simpledic)"),
        # claims ledger (kiji.claims): factor > 0, one kind per canonical unit and low ≤ high are
        # checked by kiji.claims.vocab, which reads these tables
        S("claim_units.csv", (
            C("unit", "term"), C("canonical"), C("factor", "float"), C("kind"), C("note", required=False),
            C("position", "choice", required=False, choices=("after", "before", "bare")),
            C("display", required=False)),
          key=("unit",), optional=("position", "display"),
          description="units and counters of a number (after it, before it: 震度7, or none: 45の自治体): "
                      "canonical unit, factor, kind"),
        S("claim_qualifiers.csv", (
            C("qualifier", "term"), C("position", "choice", choices=("before", "after")),
            C("low_factor", "float", required=False), C("high_factor", "float", required=False),
            C("note", required=False)),
          key=("qualifier",), description="qualifiers of a number (約, 以上 …) and the bounds they set"),
        S("claim_subjects.csv", (C("alias", "term"), C("subject"), C("note", required=False)),
          key=("alias",), description="subject aliases: wordings of one quantified thing"),
        S("claim_changes.csv", (
            C("word", "term"), C("role", "choice", choices=("change", "basis")),
            C("not_before", "text", required=False, multi="|"), C("note", required=False)),
          key=("word",), description="words marking a quantity as a change (減, 高 …) or naming its basis (前日比 …)"),
        S("claim_rates.csv", (
            C("cue", "term"), C("position", "choice", choices=("before", "subject")), C("seconds", "float"),
            C("kinds", "text", multi="|"), C("note", required=False)),
          key=("cue",), description="cues making a quantity a rate per time (時速, 1時間に, 風速 …)"),
        S("claim_places.csv", (C("word", "term"), C("note", required=False)),
          key=("word",), description="nouns ending a place phrase after a region name (地方, 北部 …)"),
    ]
    return {s.name: s for s in items}


SCHEMAS: dict[str, Schema] = _schemas()


def register(schema: Schema) -> None:
    """Add the schema of a data file that a sub-package introduces."""
    SCHEMAS[schema.name] = schema
