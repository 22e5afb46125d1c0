"""Step 2 of sourcing: the subject of a cue, from the particles around quotative と.

Japanese reported speech has two shapes, and the particle structure tells
which phrase is the speaker:

* ``「…」と、X氏は述べた`` / ``…と米当局者が明らかにした`` — the speaker is the
  first は/が/も phrase *after* the last quotative と of the clause;
* ``X氏は、「…」と述べた`` / ``X氏は…と述べた`` — the speaker is the topic of the
  main clause: the first は/も phrase before the quotative と, counted after
  the last conjunctive boundary (…したが、 / …ものの、 / 一方、; not the subject's 北山電機が、), so a topic of a
  preceding clause is not taken.  A が phrase before と is the subject of the
  *reported* clause (ロシア軍が攻撃したと発表した) unless a comma or the quotation
  itself follows it (X氏が、… / X氏が「…」と).

:func:`subject_phrases` lists every は/が/も phrase of a unit once (one pass);
:func:`choose_subject` picks among those inside one clause.  When the phrase
in the subject position does not classify as a source, the caller reports
the cue as ``unresolved`` rather than reaching for another noun.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .phrases import KANJI, KATA

NC = rf"(?:[{KANJI}{KATA}A-Za-z0-9・/=&]|\([^()]{{1,20}}\))"
NOUN = rf"(?:{NC}++)"
_PARTICLE = re.compile(rf"(?<=[{KANJI}{KATA}A-Za-z0-9)らちん])(?:は|が|も)(?![ずじ])")
_BOUNDARY = re.compile(r"(?:(?<=[たるいすうだ])が|ものの|けれど(?:も)?|のに|一方(?:で)?|ので|ため|うえで|上で"
                       r"|ており|ていて|であり|でおり)、")
_SPLIT = re.compile(r"[、。」「【】\s:〓]")


@dataclass(frozen=True)
class Phrase:
    start: int      # offset of the phrase in the unit
    end: int        # offset of the particle
    particle: str   # は / が / も
    comma: bool     # a comma follows the particle
    text: str


class TailGrammar:
    """The noun phrase that ends a stretch of text (ある米当局者, カーネギー国際平和財団のコフマン氏)."""

    def __init__(self, anon_mods: tuple[str, ...], mod_suffixes: tuple[str, ...] = (),
                 honorifics: tuple[str, ...] = ()):
        from .model import alternation

        mods = alternation(anon_mods)
        rel = rf"{NOUN}を{NOUN}(?:する|した|している)"
        mod = rf"(?:(?<=^)|(?<=[とやの、])|(?<=[^ぁ-ん]))(?:{mods})"  # ある, 別の: not the ある of である
        unit = rf"(?:{rel}|{mod}|{NOUN}(?:{alternation(mod_suffixes)})|{NOUN}(?:の|と|や)?)"
        hon = alternation(h for h in honorifics if not re.fullmatch(NC, h[0]))
        self.short_ok = {"彼"}
        self.rx = re.compile(rf"(?:{unit})*?{NOUN}(?:{hon})?(?:\([^()]{{1,20}}\))?(?:ら|たち|など)?$")

    def tail(self, text: str) -> str:
        text = text[-80:]
        # spaces inside parentheses belong to the name (ノース・デイリー(The North Daily)紙): same length
        text = re.sub(r"\([^()]{1,40}\)", lambda m: m.group(0).replace(" ", "_"), text)
        parts = _SPLIT.split(text)
        m = self.rx.search(parts[-1])
        return m.group(0) if m else ""


def subject_phrases(masked: str, grammar: TailGrammar) -> PhraseIndex:
    """Every noun phrase marked by は/が/も in the unit, left to right."""
    out = []
    for m in _PARTICLE.finditer(masked):
        pos = m.start()
        phrase = grammar.tail(masked[max(0, pos - 80):pos])
        phrase = masked[pos - len(phrase):pos]  # the text as written (spaces in parentheses back)
        if len(phrase) < 2 and phrase not in grammar.short_ok:
            continue  # 最も, 今も: adverbs, not subjects
        comma = masked[pos + 1:pos + 2] == "、"
        out.append(Phrase(pos - len(phrase), pos, m.group(0), comma, phrase))
    out.sort(key=lambda p: p.start)
    return PhraseIndex(out)


class PhraseIndex:
    """The subject phrases of one unit, searchable by offset in O(log n)."""

    def __init__(self, phrases: list[Phrase]):
        self.phrases = phrases
        self.starts = [p.start for p in phrases]

    def in_span(self, lo: int, hi: int) -> list[Phrase]:
        """Phrases that start in [lo, hi)."""
        return self.phrases[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]


def choose_subject(masked: str, phrases: PhraseIndex, lo: int, cue_start: int,
                   quotatives: list[int], embedded: bool = False) -> tuple[Phrase | None, str]:
    """(subject phrase or None, pattern) for a cue at ``cue_start`` whose clause begins at ``lo``.

    pattern: ``speaker_after_quote`` / ``speaker_before`` / ``none``.
    ``embedded``: the cue is itself reported (…が「…」と述べたと伝えた): its
    subject is the nearest が phrase, the topic belongs to the outer cue.
    With no quotative と in the clause, the first が phrase is the subject
    (複数の関係者が明らかにした).
    """
    if embedded:
        hi = quotatives[0] if quotatives else cue_start
        ga = [p for p in phrases.in_span(lo, hi) if p.particle == "が" and p.end <= hi]
        if ga:
            return ga[-1], "speaker_before"
    if quotatives:
        q = quotatives[-1]
        after = [p for p in phrases.in_span(q, cue_start) if p.end < cue_start]
        if after:
            return after[0], "speaker_after_quote"
        hi = quotatives[0]
    else:
        hi = cue_start
    # the main clause starts after the last conjunctive boundary before hi
    start = lo
    for b in _BOUNDARY.finditer(masked, lo, hi):
        start = b.end()
    cands = [p for p in phrases.in_span(start, hi) if p.end <= hi]
    topics = [p for p in cands if p.particle in ("は", "も")]
    marked = [p for p in phrases.in_span(lo, hi) if p.particle == "は" and p.comma and p.end <= hi]
    if marked and not any(p.comma for p in topics):
        # Xは、… : a topic set off by a comma is the main clause's; a bare one later is the reported clause's
        topics = [p for p in marked if p.start >= start] or marked
    if not topics and start > lo:
        # no topic after the boundary: the topic before it goes on (Xは…ており、…と主張した)
        topics = [p for p in phrases.in_span(lo, start) if p.particle == "は" and p.end <= hi]
    if topics:
        return topics[0], "speaker_before"
    for k, p in enumerate(cands):
        nxt = masked[p.end + 1:p.end + 2]
        last = k == len(cands) - 1
        if p.particle == "が" and (p.comma or nxt == "「" or not quotatives
                                   or _only_quote_between(masked, p.end + 1, hi)
                                   or last and adjunct_chain(masked[p.end + 1:hi])):
            return p, "speaker_before"
    return None, "none"


#: what may stand between a が-subject and its quotation (:func:`adjunct_chain`): each segment ends
#: in a date, a place or means (で), a goal (に), a topic phrase (について, に対し), or a 連用 / て form
_ADJUNCT_END = re.compile(r"(?:\d{1,2}日(?:夜|朝|午前|午後|未明|深夜)?|同日|で|に|について|に対し(?:て)?"
                          r"|をめぐ(?:り|って)|[きしけりいちびみぎじせめえれ]|て|で)$")
_NOT_ADJUNCT = re.compile(r"こと|ため|ので|ものの|けれど|と(?:し|い)|〓|[はがも](?=、)")


def adjunct_chain(between: str) -> bool:
    """``between`` (after a が-subject, up to its quotation) is a chain of adjuncts and linked clauses:
    ``9日、官邸で会見を開き、退任について`` (田中首相が9日、…「…」と語った), ``支援に感謝し`` — so the
    が phrase is the speaker.  A nominalised clause (…したことについて) or a clause with its own
    subject or topic is not such a chain.

    >>> adjunct_chain("9日、官邸で会見を開き、退任について「〓〓」"), adjunct_chain("支援に感謝し「〓」")
    (True, True)
    >>> adjunct_chain("攻撃したことについて、"), adjunct_chain("")
    (False, False)
    """
    text, quote, rest = between.partition("「")
    text = text.strip()
    if quote and not set(rest) <= set("〓」、 "):
        return False
    if not text or len(text) > 60 or _NOT_ADJUNCT.search(text):
        return False
    segments = [x for x in text.split("、") if x]
    return bool(segments) and all(_ADJUNCT_END.search(x) for x in segments)


def _only_quote_between(masked: str, a: int, b: int) -> bool:
    between = masked[a:b].strip("、 ")
    return bool(between) and set(between) <= set("「」〓")
