"""Step 1 of sourcing: the cue verbs and forms of a (quote-masked) text unit.

:func:`find_cues` makes one left-to-right pass with one compiled regex, so its
cost is linear in the text.  Besides the listed cues (``source_cues.csv``) it
reads the morphology of reported speech, so these need no rows of their own:

* a サ変 cue listed as stem + し (指摘し, 主張し) also counts as the bare noun
  right after quotative と when the noun ends the sentence or a clause:
  「…」と指摘。 / …と主張、「…」と述べた (``form`` = ``noun``); a cue listed
  as a bare noun (表明, 発表) counts only as a verb (表明し) or at a clause
  end, never inside a compound (発表として, 発表によると);
* ``「…」と`` + any predicate: a quotation followed by quotative と and a
  verb phrase that closes the clause is reported speech whatever the verb
  (「…」と振り返った, 「…」と胸を張った) (``form`` = ``quotative``); hearsay and
  passive forms without a speaker (という, とされる, とみられる) are not, nor naming verbs
  (と題した, と名付けた, と呼ばれる); nor is a name-like quotation (「EOS R8」と並ぶ, see
  :func:`kiji.sourcing.quotes.is_name_like`), which the caller skips;
* ``Xの間で(は)…との…`` (外交筋の間では…との見方が強い): the view is X's (``form`` = ``among``);
* ``…との <noun> を <verb>`` (…との見方を示した, …との見解をまとめた, …との見方を伝えた) and
  ``<noun> を示した`` after quotative と or に (…に意欲を示した) (``form`` =
  ``stance``);
* a cue is dropped when it is negated (述べなかった, 語らず) unless it is a
  declined-comment or according-to cue, when it is adnominal (述べた際), or
  when a cue that begins with と (とした) follows the nominaliser こと.

A cue with ``needs_quotative`` counts only when quotative と precedes it in
its clause (checked by the caller, which knows the clause).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.vocab import IdentityMemo
from .model import SourcingVocab, alternation

QUOTATIVE_TO = re.compile(r"(?:(?<=[るたいだうずかよねしん」〓])|(?<=ない)|(?<=、))"
                          r"と(?!して|いう|ともに|共に|の|は|いった)")
_NEGATED = re.compile(r"^(?:[っいきしえ]?(?:ていない|てない|なかった|ない|ず|られ|され))")
_HEARSAY = re.compile(r"^(?:い[うっわ]|され|みられ|見られ|思われ|考えられ|伝えられ|報じられ|なる|なっ|する|し(?:た|て)"
                      r"|同時|共に|ともに"
                      # naming, not speech: 「…」と題した展示, と名付けられた, と呼ばれる, と銘打った, と命名
                      r"|題[しさす]|名[付づ]け|呼[ばびぶん]|銘打|命名|称[しさす])")
_PREDICATE_START = re.compile(r"(?<=[るたいだうずかよねしん」〓])と$|(?<=ない)と$")
_SAHEN_PREDICATE = re.compile(r"^[一-龥]{2,4}(?:し|づけ)(?:た|ている|ていた|ました|ています)")
_PREDICATE_END = re.compile(r"(?:た|だ|る|す|う|し|い|ている|ていた|ました|ます)$")
_ADNOMINAL = re.compile(r"^(?:際|し?(?:た|る|ている)(?:際|ため|こと|もの|ほか|[一-龥ァ-ヴ](?<!時)(?<!後)(?<!前)))")
KEEP_WHEN_NEGATED = ("according_to", "quoting", "declined")
GENERIC_WINDOW = 14  # characters after 「…」と searched for the predicate


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    cue: str            # as listed (the bare noun for ``form`` = noun; the predicate for quotative)
    cue_type: str
    needs_quotative: bool
    form: str = "verb"  # verb / noun / quotative / stance / report (Xの調べでは: ``cue`` is the noun) / among


class _CueRx:
    def __init__(self, v: SourcingVocab):
        self.info = {c.cue: c for c in v.cues}
        nouns = {c.cue[:-1]: c for c in v.cues if c.cue.endswith("し") and len(c.cue) >= 3
                 and c.cue_type not in ("anonymity", "according_to", "quoting", "declined")}
        self.noun_info = {n: c for n, c in nouns.items() if n not in self.info}
        listed = alternation(self.info)
        noun = alternation(self.noun_info)
        self.report_info = dict(v.report_nouns)
        reports = alternation(v.report_nouns)
        self.rx = re.compile(
            rf"(?P<report>(?:の|への)(?P<rnoun>{reports})"
            rf"(?:によると|によれば|によりますと|では|で(?=、|分か|判明)|として))"
            rf"|(?P<among>の間で(?:は|も)?(?=[^。]{{0,80}}との))"
            rf"|(?P<verb>{listed})"
            rf"|(?<=と)(?P<noun>{noun})(?=。|、|$|\s)"
            rf"|(?P<stance>(?:(?<=[るたいだうずかよねしん」〓]との)|(?<=ないとの))(?:[一-龥ァ-ヴー]{{1,8}}の)?[一-龥ァ-ヴー]{{1,6}}を(?:示し|明らかにし|まとめ|語っ|述べ|伝え|報じ|[一-龥]{{2}}し))"
            rf"|(?P<shown>(?<=[にと])[一-龥]{{1,6}}を示し)")


_compiled = IdentityMemo(_CueRx)


def find_cues(masked: str, v: SourcingVocab) -> list[Cue]:
    """Cues in a quote-masked text unit, left to right, never overlapping."""
    c = _compiled(v)
    out: list[Cue] = []
    for m in c.rx.finditer(masked):
        kind = "report" if m.group("report") else m.lastgroup
        after = masked[m.end():m.end() + 6]
        if kind == "report":
            out.append(Cue(m.start(), m.end(), m.group("rnoun"), "according_to", False, "report"))
            continue
        if kind == "among":  # 外交筋の間では…との見方が強い: the view of those named before の間で
            out.append(Cue(m.start(), m.end(), "の間で", "according_to", False, "among"))
            continue
        if kind == "noun":
            info = c.noun_info[m.group("noun")]
            out.append(Cue(m.start(), m.end(), m.group("noun"), info.cue_type, False, "noun"))
            continue
        if kind in ("stance", "shown"):
            if _NEGATED.match(after):
                continue
            out.append(Cue(m.start(), m.end(), m.group(kind), "assess", False, "stance"))
            continue
        info = c.info[m.group("verb")]
        if info.cue_type == "anonymity":
            continue
        if info.cue_type not in KEEP_WHEN_NEGATED and _NEGATED.match(after):
            continue
        if _ADNOMINAL.match(after) and masked[m.start() - 1:m.start()] != "と":
            continue  # 述べた際, 認める制限: the verb modifies a noun (…と表現した点 still reports)
        if re.search(r"[一-龥]$", info.cue) and not re.match(r"(?:し|、|。|$|\s)", after):
            continue  # a bare noun cue inside a compound: 発表として, 表明文
        if info.cue.startswith("と") and (masked[max(0, m.start() - 2):m.start()] == "こと"
                                          or not _PREDICATE_START.search(masked, 0, m.start() + 1)):
            continue
        out.append(Cue(m.start(), m.end(), info.cue, info.cue_type, info.needs_quotative))
    return _with_quotative_predicates(masked, out)


def _with_quotative_predicates(masked: str, cues: list[Cue]) -> list[Cue]:
    """Add 「…」と + predicate cues where no listed cue closes the quotation's clause."""
    extra = []
    starts = [c.start for c in cues]
    j = 0
    for m in re.finditer(r"(?:」|(?<=[るただい])|(?<=ない))(?:とも|と)(?=[^ともの])", masked):
        plain = masked[m.start()] != "」"
        to = m.end()
        while j < len(starts) and starts[j] < m.start():
            j += 1
        window_end = to + GENERIC_WINDOW
        if j < len(starts) and starts[j] < window_end:
            continue  # a listed cue follows within the clause
        rest = masked[to:window_end]
        if _HEARSAY.match(rest.lstrip("、")):
            continue
        if plain and not _SAHEN_PREDICATE.match(rest):
            continue  # …と推計した / …と結論づけた; other plain と are not reported speech
        stop = re.search(r"[。、「〓]", rest)
        cut = stop.start() if stop else len(rest)
        pred = rest[:cut]
        if rest[cut:cut + 1] == "、" and pred == "":
            continue
        if not pred or not _PREDICATE_END.search(pred) or _NEGATED.search(pred[-4:]):
            continue
        if re.search(r"(?:た|る|れ)[一-龥ァ-ヴ]", pred):
            continue  # adnominal: 「…」と書かれた紙を見せた
        # the predicate proper: what follows the subject phrase, if one stands between と and the verb
        sub = re.search(r"^.*[はがも、](?=.)", pred)
        start = to + (sub.end() if sub else 0)
        extra.append(Cue(start, to + len(pred), masked[start:to + len(pred)], "say", False, "quotative"))
    if not extra:
        return cues
    return sorted(cues + extra, key=lambda c: c.start)


def anonymity_reason(masked: str, v: SourcingVocab) -> str:
    """The anonymity clause of a unit (匿名を条件に …), '' when none."""
    anon = [c.cue for c in v.cues if c.cue_type == "anonymity"]
    if not anon:
        return ""
    m = re.search(rf"[^、。はがと〓]{{0,25}}(?:{alternation(anon)})", masked)
    return m.group(0) if m else ""


def quotative_positions(masked: str, lo: int, hi: int) -> list[int]:
    """Offsets of quotative と in ``masked[lo:hi]``."""
    return [m.start() for m in QUOTATIVE_TO.finditer(masked, lo, hi)]
