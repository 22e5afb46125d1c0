"""Who is cited, and how: attributions in Japanese news sentences.

``extract_sources(sentences)`` returns one row per attribution (a source that a
sentence credits with a statement, a report, an assessment or a declined
comment).  It matches on ``text_norm`` with quotations masked (see
:mod:`kiji.sourcing.quotes`), so words inside a quote never count as a speaker or a cue.

Patterns: ``Xによると/によれば、…`` (``according_to``); speaker after a quote
(``「…」と、X氏は述べた``); speaker before (``X氏は「…」と語った``); a cue verb
with its topic (``米当局者は、…と指摘する``); declined comment
(``XはコメントをJ控えた``); ``Xの言葉を引用し`` (``quoting``); ``XはOUTLETに…語った``
(``recipient``: the statement reached the article through that outlet);
second-hand chains (``Xによると、Yは…と述べた``: Y's ``via_attribution_id`` is X);
a sentence that is only a quotation continues the previous speaker
(``continuation``); ``こう語った`` takes the previous sentence's quotation;
``同氏``/``彼`` resolve to the last named person of the article.

Columns of the returned DataFrame:
``attribution_id`` (``<article_id>:<sentence_id>:<n>``), ``article_id``,
``sentence_id``, ``source`` (as written), ``canonical`` (grouping key:
surname for people, outlet name for outlets, source without ある/別の… for
anonymous ones), ``source_kind`` (named_person, anonymous, institution,
media_outlet, social_media, document), ``role`` (title / affiliation when
stated), ``side`` (US, Ukraine, Russia, North Korea, South Korea, NATO/Europe,
other), ``side_inferred`` (True when an unmarked anonymous source took the side
of the previous attribution in the article), ``cue``, ``cue_type``, ``quote``
(attributed 「」 text, several joined by `` / ``), ``anonymity_reason``,
``declined_comment`` (bool), ``channel`` (X, 記者会見, 声明, …), ``pattern``,
``via_attribution_id`` ('' when none).
"""
from __future__ import annotations

import bisect
import re

import pandas as pd

from ..core.vocab import Snapshot, snapshot
from .quotes import MASK, is_attributed_quote, mask_quotes, unbalanced
from .vocabulary import SOURCE_DATA_FILES, Vocab, _alt, build_vocab

KANJI = "一-龥々〆ヵヶ"
KATA = "ァ-ヴー"
NC = rf"(?:[{KANJI}{KATA}A-Za-z0-9・/]|\([^()]{{1,20}}\))"
NOUN = rf"(?:{NC}++)"
COLUMNS = ["attribution_id", "article_id", "sentence_id", "source", "canonical", "source_kind", "role",
           "side", "side_inferred", "cue", "cue_type", "quote", "anonymity_reason", "declined_comment",
           "channel", "pattern", "via_attribution_id"]
ANAPHORS = {"同氏", "彼", "彼女", "同大統領", "同長官"}
INHERIT_HEADS = {"当局者", "当局", "高官", "関係者", "兵士", "指揮官", "消息筋", "情報筋", "人物"}
QUOT_TO = re.compile(r"(?:(?<=[るたいだうずかよねし」])|(?<=ない)|(?<=、))と(?!して|いう|ともに|共に|も|の|は)")
NEG_AFTER = re.compile(r"^(?:[っいきしえ]?(?:ていない|てない|なかった|ない|ず|られ|され))")
NOUNISH_CUES = {"表明", "発表", "明言"}
_STATE_PENALTY = 1.0


class _Rx:
    """Regexes compiled from the vocabularies."""

    def __init__(self, v: Vocab):
        self.v = v
        mods = "|".join([re.escape(m) for m in v.anon_mods]
                        + [rf"{NOUN}{re.escape(m)}" for m in v.anon_mod_suffixes])
        self.leading_mods = re.compile(rf"^(?:{_alt(v.anon_mods)}|\d+人目の|\d+人の)+" if v.anon_mods
                                       else r"^(?:\d+人目の|\d+人の)+")
        rel = rf"{NOUN}を{NOUN}(?:する|した|している)"
        unit = rf"(?:{rel}|{mods}|{NOUN}(?:の|と|や)?)"
        self.tail = re.compile(rf"(?:{unit})*?{NOUN}(?:ら|たち|など)?$")
        roles = _alt(v.roles)
        self.role_end = re.compile(rf"^(?:{NC})*?(?:{roles})(?:\([^()]*\))?$")
        people = _alt(v.people)
        self.name = re.compile(
            rf"[{KATA}]+(?:・[{KATA}]+)+|[{KANJI}]{{1,4}}[{KATA}]{{0,3}}\([{KATA}・]+\)"
            + (rf"|{people}" if people else "")
            + rf"|(?<![{KATA}])[{KATA}]{{2,}}(?=氏|{roles})|(?:^|(?<=の))[{KANJI}]{{2,3}}(?=(?:{roles})(?:\([^()]*\))?$)|(?<![{KANJI}])(?![同両各])[{KANJI}]{{1,3}}(?=氏)")
        self.cue = re.compile(_alt(v.cues["cue"]))
        # an explicit (if unrecognised) titled subject: no subject ellipsis then
        self.titled_topic = re.compile(rf"(?:氏|{roles})(?:\([^()]*\))?[はが]")
        self.cue_info = {r.cue: (r.cue_type, r.needs_quotative) for r in v.cues.itertuples()}
        self.outlet = re.compile(rf"(?:{_alt(v.outlets)})(?:紙|通信|放送|電子版|誌)?(?:\([^()]*\))?$", re.I)
        chan = {t: k for t, k in v.channels.items()}
        self.channel = re.compile(rf"(?<![A-Za-z])({_alt(chan)})(?=で|に|への|によ)")
        self.recipient = re.compile(rf"({_alt(v.outlets)})(?:紙)?(?=に対し|に[「〓、]|に)")
        anon = [c for c, t in self.cue_info.items() if t[0] == "anonymity"]
        self.anonymity = re.compile(rf"[^、。はがと{MASK}]{{0,25}}(?:{_alt(anon)})")


_RX: _Rx | None = None  # set while one snapshot's extraction runs


def _build_rx(snap: Snapshot) -> _Rx:
    return _Rx(build_vocab(snap))


def _rx() -> _Rx:
    if _RX is not None:
        return _RX
    return _build_rx_cached(snapshot(SOURCE_DATA_FILES))


def clear_cache() -> None:
    """Kept for older notebooks: vocabularies now reload by themselves when a data file changes."""


# ---------------------------------------------------------------- phrases
def _tail(text: str) -> str:
    """The noun phrase that ends ``text`` (e.g. 'ある米当局者', 'カーネギー…のマイケル・コフマン氏')."""
    # only the last 80 characters of the last segment count: looking at the last 200 is the same
    # and keeps this constant-time however long the sentence (issue 12)
    text = re.split(r"[、。」「【】\s:]", text[-200:])[-1]
    m = _rx().tail.search(text[-80:])
    return m.group(0) if m else ""


def _side_of(phrase: str) -> str:
    v = _rx().v
    best = None
    for name, (side, _kind) in v.institutions.items():
        i = phrase.find(name)
        if i >= 0 and (best is None or (i, -len(name)) < best[0]):
            best = ((i, -len(name)), side)
    return best[1] if best else ""


def classify(phrase: str) -> dict | None:
    """Classify a noun phrase as a source, or None.

    Returns {source, canonical, source_kind, role, side, state}.
    """
    rx, v = _rx(), _rx().v
    src = re.sub(r"^(?:しかし|また|ただし|ただ|さらに|特に|同時に|一方)", "", phrase)
    core = src
    if core not in ("彼ら",):
        core = re.sub(r"(?:ら|など|自身|\d+人)$", "", core)
    if not core:
        return None
    out = dict(source=src, canonical=core, role="", side="", state=False)
    if core in ANAPHORS:
        return {**out, "source_kind": "named_person", "anaphor": True}
    m = rx.outlet.search(core)
    if m:
        found = re.sub(r"\([^()]*\)$", "", m.group(0)).casefold()
        lookup = {k.casefold(): val for k, val in v.outlets.items()}
        alias = next((a for a in (found, re.sub(r"(?:紙|通信|放送|電子版|誌)$", "", found)) if a in lookup), None)
        if alias is None:
            return None
        outlet, side = lookup[alias]
        start = m.start() - 1 if m.start() > 0 and core[m.start() - 1] == "米" else m.start()
        return {**out, "source": core[start:], "canonical": outlet, "source_kind": "media_outlet",
                "side": side}
    for nm in reversed(list(rx.name.finditer(core))):
        rest = core[nm.end():]
        rest_role = rest[1:] if rest.startswith("氏") else rest
        name = nm.group(0)
        if any(name.endswith(k) for k, (_s, kind) in v.institutions.items() if kind != "marker") \
                or name in v.roles:
            continue  # 韓国(大統領), 大統領(補佐官): not a personal name
        if rest_role == "" or rx.role_end.match(rest_role):
            canon = re.sub(r"\(.*\)", "", name).split("・")[-1]
            for person in v.people:
                if person in name:
                    canon = person
            prefix = re.sub(r"の$", "", core[:nm.start()])
            role = "".join(p for p in [prefix, rest_role] if p)
            side = v.people.get(canon, "") or _side_of(prefix + rest_role) or v.roles.get(rest_role, "") or ""
            return {**out, "canonical": canon, "source_kind": "named_person", "role": role,
                    "side": side or "other"}
        break
    for head, kind in v.anon_heads.items():
        if core.endswith(head):
            role = re.sub(r"の$", "", rx.leading_mods.sub("", core[:-len(head)]))
            side = _side_of(core)
            canon = rx.leading_mods.sub("", core)
            return {**out, "canonical": canon, "source_kind": kind, "role": role, "side": side,
                    "inherit": head in INHERIT_HEADS and not side}
    for name, (side, kind) in v.institutions.items():
        if kind == "marker":
            continue
        if (kind == "state" and core == name) or (kind != "state" and core.endswith(name)):
            return {**out, "source": src if kind != "state" else src, "canonical": name,
                    "source_kind": "institution", "side": side, "state": kind == "state"}
    for term, kind in v.channels.items():
        if kind == "social_media" and (core == term or core.endswith("の" + term)):
            return {**out, "canonical": core, "source_kind": "social_media",
                    "role": re.sub(r"の$", "", core[:-len(term)]), "side": _side_of(core) or "other"}
        if kind == "document" and core.endswith(term):
            return {**out, "canonical": term, "source_kind": "document", "side": "other"}
    return None


def split_coordination(phrase: str) -> list[dict]:
    """'ホワイトハウスと国防総省' → two sources; '米国とウクライナの当局者' stays one."""
    whole = classify(phrase)
    for m in re.finditer(r"[とや]", phrase):
        left, right = phrase[:m.start()], phrase[m.end():]
        lc = classify(left)
        if lc and not lc["state"] and right:
            rest = split_coordination(right)
            if rest:
                return [lc] + rest
    return [whole] if whole else []


# ---------------------------------------------------------------- units
def _units(group: pd.DataFrame):
    """Sentences of one article grouped so that an open 「 is closed within a unit."""
    sids, texts = list(group["sentence_id"]), list(group["text_norm"])
    i = 0
    while i < len(sids):
        j, text = i, texts[i]
        while unbalanced(text) and j + 1 < len(sids) and j - i < 4:
            j += 1
            text += texts[j]
        offsets, pos = [], 0
        for k in range(i, j + 1):
            offsets.append((pos, sids[k]))
            pos += len(texts[k])
        yield text, offsets
        i = j + 1


def _sid_at(offsets, pos: int) -> int:
    sid = offsets[0][1]
    for start, s in offsets:
        if pos >= start:
            sid = s
    return sid


def _cues(masked: str):
    rx = _rx()
    found = []
    for m in rx.cue.finditer(masked):
        cue = m.group(0)
        ctype, needs_q = rx.cue_info[cue]
        if ctype == "anonymity":
            continue
        after = masked[m.end():m.end() + 16]  # enough for every check below
        if NEG_AFTER.match(after) and ctype not in ("according_to", "quoting"):
            continue
        if cue in NOUNISH_CUES and after[:1] not in ("し", "、", "。", ""):
            continue
        if after.startswith("際"):
            continue
        found.append((m.start(), m.end(), cue, ctype, needs_q))
    return found


def _candidates(masked: str, lo: int, hi: int):
    """Subject phrases 'Xは/が/も' in masked[lo:hi] that classify as sources."""
    out = []
    for m in re.finditer(rf"(?<=[{KANJI}{KATA}A-Za-z0-9)らち])[はがも](?![ずじ])", masked[lo:hi]):
        pos = lo + m.start()
        phrase = _tail(masked[max(lo, pos - 200):pos])
        if not phrase or MASK in phrase:
            continue
        parts = split_coordination(phrase)
        if parts:
            comma = masked[pos + 1:pos + 2] == "、"
            out.append((pos - len(phrase), pos, m.group(0), comma, parts))
    return out


def _choose(cands, q: int | None):
    if q is not None:
        after = [c for c in cands if c[0] > q]
        if after:
            return after[0]
    best, best_score = None, None
    for c in cands:
        particle, comma, parts = c[2], c[3], c[4]
        state = any(p["state"] for p in parts)
        if particle == "が" and q is not None and c[0] < q and state:
            continue
        score = {"は": 2, "も": 2, "が": 1}[particle] + (1 if comma else 0) - (_STATE_PENALTY if state else 0)
        if best_score is None or score > best_score:
            best, best_score = c, score
    return best


class _Earlier:
    """Subjects and titled topics of the whole unit, found once (not once per cue, which made a
    sentence of many cues quadratic): the best subject before a position, and whether a titled
    topic ends before it."""

    def __init__(self, masked: str):
        self.masked = masked
        self._ends: list[int] | None = None
        self._pos: list[int] | None = None
        self._best: list = []

    def best_before(self, end: int):
        if self._pos is None:
            cands = _candidates(self.masked, 0, len(self.masked))
            self._pos = [c[1] for c in cands]
            best = None
            for c in cands:  # running best, as _choose(cands[:i + 1], None) picks it
                best = best if best is not None and _choose([best, c], None) is best else c
                self._best.append(best)
        k = bisect.bisect_left(self._pos, end)
        return self._best[k - 1] if k else None

    def titled_before(self, end: int) -> bool:
        if self._ends is None:
            self._ends = [m.end() for m in _rx().titled_topic.finditer(self.masked)]
        return bool(self._ends) and self._ends[0] <= end


# ---------------------------------------------------------------- main
def extract_sources(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per attribution; see the module docstring for the columns.

    ``sentences`` needs ``article_id``, ``sentence_id``, ``text_norm``; any
    subset of articles works.  Results are cached per article (:mod:`kiji.core.cache`).
    """
    from ..core.cache import per_article

    return per_article("sources", sentences, _extractor, SOURCE_DATA_FILES)


def _extractor(snap: Snapshot):
    rx = _build_rx_cached(snap)

    def compute(group: pd.DataFrame) -> pd.DataFrame:
        global _RX
        _RX = rx
        try:
            return _extract_sources(group)
        finally:
            _RX = None
    return compute


_RX_BY_KEY: dict[str, _Rx] = {}


def _build_rx_cached(snap: Snapshot) -> _Rx:
    rx = _RX_BY_KEY.get(snap.key)
    if rx is None:
        if len(_RX_BY_KEY) > 8:
            _RX_BY_KEY.clear()
        rx = _RX_BY_KEY[snap.key] = _build_rx(snap)
    return rx


def _extract_sources(sentences: pd.DataFrame) -> pd.DataFrame:
    rows: list[dict] = []
    for article_id, group in sentences.sort_values(["article_id", "sentence_id"]).groupby(
            "article_id", sort=False):
        rows.extend(_extract_article(str(article_id), group))
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["sentence_id"] = df["sentence_id"].astype("int64")
    df["declined_comment"] = df["declined_comment"].astype(bool)
    df["side_inferred"] = df["side_inferred"].astype(bool)
    return df


def _extract_article(article_id: str, group: pd.DataFrame) -> list[dict]:
    rx = _rx()
    rows: list[dict] = []
    prev_rows: list[dict] = []
    pending_quotes: list[str] = []
    last_named: dict | None = None
    last_side = ""
    for text, offsets in _units(group):
        masked, quotes = mask_quotes(text)
        unit_rows: list[dict] = []
        used_quotes: set[int] = set()
        prev_end = 0
        cues = _cues(masked)
        earlier = _Earlier(masked)
        reason_m = rx.anonymity.search(masked)
        reason = reason_m.group(0) if reason_m else ""
        for start, end, cue, ctype, needs_q in cues:
            clause = masked[prev_end:start]
            qpos = [prev_end + m.start() for m in QUOT_TO.finditer(clause)]
            if needs_q and not qpos:
                prev_end = end
                continue
            sid = _sid_at(offsets, start)
            cq = [(i, q) for i, q in enumerate(quotes)
                  if prev_end <= q.start < start and is_attributed_quote(text, q)]
            chan = rx.channel.search(clause)
            new: list[tuple[dict, str]] = []  # (classified source, pattern)
            via_src = None
            if ctype in ("according_to", "quoting"):
                phrase = _tail(masked[prev_end:start])
                parts = split_coordination(phrase) if phrase else []
                # 'NYT(…)、WP(…)などによると': earlier comma-separated outlets
                j = prev_end + masked[prev_end:start].rfind("、")
                while parts and j >= prev_end and masked[prev_end:start].rfind("、") >= 0:
                    more = split_coordination(_tail(masked[prev_end:j]))
                    if not more or any(p["source_kind"] != parts[0]["source_kind"] for p in more):
                        break
                    parts = more + parts
                    j = prev_end + masked[prev_end:j].rfind("、")
                    if j < prev_end:
                        break
                if ctype == "quoting":
                    cands = _candidates(masked, prev_end, start - len(phrase))
                    subj = _choose(cands, None)
                    quoted = [(p, "quoting") for p in parts]
                    if subj:
                        for p in subj[4]:
                            new.append((p, "quoter"))
                    new.extend(quoted)
                else:
                    new.extend((p, "according_to") for p in parts)
                if not new and chan and rx.v.channels.get(chan.group(1)) == "document":
                    new.append((classify(chan.group(1)), "document"))
            else:
                cands = _candidates(masked, prev_end, start)
                q = qpos[-1] if qpos else None
                subj = _choose(cands, q)
                pattern = "speaker_after_quote" if (subj and q is not None and subj[0] > q) else "speaker_before"
                if subj is None:
                    subj = earlier.best_before(prev_end)
                    pattern = "speaker_earlier_clause"
                if subj is None and chan and rx.v.channels.get(chan.group(1)) == "document":
                    new.append((classify(chan.group(1)), "document"))
                elif subj is None and (quotes or unit_rows) and prev_rows \
                        and not earlier.titled_before(start):
                    speakers = [r for r in prev_rows if r["source_kind"] in ("named_person", "anonymous")]
                    if unit_rows:
                        speakers = [r for r in unit_rows if r["source_kind"] in ("named_person", "anonymous")]
                    if speakers:
                        new.append((_row_as_source(speakers[-1]), "ellipsis"))
                elif subj is not None:
                    new.extend((p, pattern) for p in subj[4])
                    rec = rx.recipient.search(masked[subj[1]:start]) if subj[1] < start else None
                    if rec:
                        via_src = classify(rec.group(0))
            if ctype in ("say", "write", "assess", "claim", "report", "warn") and "こう" in clause[-6:] \
                    and not cq and pending_quotes:
                extra_quote = " / ".join(pending_quotes)
            else:
                extra_quote = ""
            via_id = ""
            if via_src:
                r = _add(unit_rows, rows, article_id, sid, via_src, "に" if "に対し" not in clause else "に対し",
                         "recipient", "recipient", [], chan, "", False)
                via_id = r["attribution_id"]
            according = [r for r in unit_rows if r["cue_type"] == "according_to"]
            quoter = None
            for src, pattern in new:
                if src is None:
                    continue
                named_here = [x for x in unit_rows if x["source_kind"] == "named_person"]
                antecedent = named_here[-1] if named_here else last_named
                if src.get("anaphor") and antecedent is not None:
                    src = {**src, "canonical": antecedent["canonical"], "role": antecedent["role"],
                           "side": antecedent["side"]}
                qtexts = [q.text for i, q in cq]
                if pattern == "quoting":
                    qtexts = [q.text for q in quotes if prev_end <= q.start and is_attributed_quote(text, q)]
                if extra_quote:
                    qtexts.append(extra_quote)
                r = _add(unit_rows, rows, article_id, sid, src, cue, ctype, pattern, qtexts, chan,
                         reason if src["source_kind"] == "anonymous" else "", ctype == "declined")
                if pattern == "quoter":
                    quoter = r
                elif pattern == "quoting" and quoter is not None:
                    r["via_attribution_id"] = r["via_attribution_id"] or quoter["attribution_id"]
                elif via_id:
                    r["via_attribution_id"] = r["via_attribution_id"] or via_id
                elif according and ctype != "according_to" and r not in according:
                    r["via_attribution_id"] = r["via_attribution_id"] or according[-1]["attribution_id"]
                if extra_quote:
                    pending_quotes = []
                for i, _q in cq:
                    used_quotes.add(i)
            prev_end = end
        # a sentence that is only a quotation continues the previous speaker
        if not unit_rows:
            att = [q for q in quotes if len(q.text) >= 10 and (
                text.lstrip().startswith("「") or re.search(r"」(?:という)?。?$", text.strip()))]
            speakers = [r for r in prev_rows if r["source_kind"] in ("named_person", "anonymous")]
            if att and speakers:
                sp = speakers[-1]
                _add(unit_rows, rows, article_id, offsets[0][1], _row_as_source(sp), "(引用の続き)",
                     "continuation", "continuation", [q.text for q in att], None, sp["anonymity_reason"], False)
                pending_quotes = []
            else:
                pending_quotes = [q.text for q in quotes
                                  if len(q.text) >= 10 and is_attributed_quote(text, q)]
        for r in unit_rows:
            if r["source_kind"] == "named_person":
                last_named = r
            if r["source_kind"] == "anonymous" and r.pop("_inherit", False) and last_side:
                r["side"], r["side_inferred"] = last_side, True
            r.pop("_inherit", None)
            if not r["side"]:
                r["side"] = "other"
            if r["source_kind"] == "anonymous" and r["side"] != "other":
                last_side = r["side"]
        if unit_rows or len(text) >= 25:
            prev_rows = unit_rows
    return rows


def _row_as_source(r: dict) -> dict:
    return {"source": r["source"], "canonical": r["canonical"], "source_kind": r["source_kind"],
            "role": r["role"], "side": r["side"], "state": False}


def _add(unit_rows, rows, article_id, sid, src, cue, ctype, pattern, quotes, chan, reason, declined):
    """Add an attribution, merging with the same source in the same sentence."""
    for r in unit_rows:
        if r["sentence_id"] == sid and r["canonical"] == src["canonical"] \
                and r["source_kind"] == src["source_kind"]:
            for q in quotes:
                if q and q not in r["quote"].split(" / "):
                    r["quote"] = f"{r['quote']} / {q}" if r["quote"] else q
            r["declined_comment"] = r["declined_comment"] or declined
            if declined:
                r["cue"], r["cue_type"] = cue, ctype
            return r
    r = {
        "attribution_id": f"{article_id}:{sid}:{sum(1 for x in rows if x['sentence_id'] == sid)}",
        "article_id": article_id, "sentence_id": sid, "source": src["source"],
        "canonical": src["canonical"], "source_kind": src["source_kind"], "role": src.get("role", ""),
        "side": src.get("side", ""), "side_inferred": False, "cue": cue, "cue_type": ctype,
        "quote": " / ".join(q for q in quotes if q), "anonymity_reason": reason,
        "declined_comment": bool(declined), "channel": chan.group(1) if chan else "",
        "pattern": pattern, "via_attribution_id": "", "_inherit": src.get("inherit", False),
    }
    rows.append(r)
    unit_rows.append(r)
    return r
