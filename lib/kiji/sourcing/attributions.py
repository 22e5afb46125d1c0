"""Who is cited, and how: the steps of sourcing put together.

``extract_attributions(sentences, vocab)`` returns one row per attribution.
Per article, sentences are grouped into *units* (a sentence, or sentences
joined while a 「 is still open), quotations are masked
(:mod:`kiji.sourcing.quotes`: words inside a quote never count as speaker or
cue), and for each unit:

1. :func:`kiji.sourcing.cues.find_cues` — the cue verbs and forms;
2. :func:`kiji.sourcing.subject.choose_subject` — the subject phrase of each
   cue from the particles around quotative と; ``Xによると`` /
   ``Xの調べでは`` / ``Xが明らかにしたところによると`` take X;
3. :func:`kiji.sourcing.phrases.classify_phrase` — what the phrase names;
4. :class:`kiji.sourcing.anaphora.Antecedents` — 同氏, 同紙, a title alone;
   every は/が/も phrase that names a person, outlet or institution is
   remembered, cited or not, so ``同氏は`` finds the person introduced by
   ``イランのアラグチ外相は…訪問した``;
5. :func:`kiji.sourcing.chains.link` — second-hand chains.

No subject in the clause (subject ellipsis: 続いて「…」とし、「…」と述べた)
continues the current speaker, or the previous unit's speaker or topic; a unit
that is only a quotation continues the previous speaker (``continuation``);
a name or a body right before a quotation with no verb (■鈴木知事「…」,
「…」(立憲民主党), 「…」と、主将の水野。) is its speaker (``caption``).
A subject that names no source, or a quotative cue without any subject,
gives a row with ``source_kind`` = ``unresolved`` (its cue and sentence
kept) — never a nearby noun.

Every step looks only at its own clause or unit, so the work is linear in
the article length.  Nothing depends on the order of rows in data files.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

import pandas as pd

from .anaphora import Antecedents
from .chains import link
from .cues import Cue, anonymity_reason, find_cues, quotative_positions
from .model import SourcingVocab, alternation
from .phrases import Source, classify_phrase, is_person_noun, is_unnamed, pos_tags, split_head, strip_tail
from .quotes import is_attributed_quote, is_name_like, mask_quotes, unbalanced
from .subject import TailGrammar, choose_subject, subject_phrases

COLUMNS = ["attribution_id", "article_id", "sentence_id", "source", "canonical", "source_kind", "role",
           "side", "side_inferred", "cue", "cue_type", "quote", "anonymity_reason", "declined_comment",
           "channel", "pattern", "via_attribution_id"]
SPEAKER_KINDS = ("named_person", "anonymous", "institution", "media_outlet")
MAX_UNIT = 5  # sentences joined at most while a 「 stays open
CLAUSE_WINDOW = 400  # characters before a cue searched for its subject: keeps every cue O(1), the article O(n)


def extract_attributions(sentences: pd.DataFrame, vocab: SourcingVocab) -> pd.DataFrame:
    """One row per attribution in ``sentences`` (``article_id``, ``sentence_id``, ``text_norm``)."""
    ex = Extractor(vocab)
    rows: list[dict] = []
    ordered = sentences.sort_values(["article_id", "sentence_id"], kind="stable")
    for article_id, group in ordered.groupby("article_id", sort=False):
        rows.extend(ex.article(str(article_id), list(group["sentence_id"]), list(group["text_norm"])))
    return rows_frame(rows)


def rows_frame(rows: list[dict]) -> pd.DataFrame:
    """Attribution rows as the ``sources`` table (columns :data:`COLUMNS`, typed)."""
    df = pd.DataFrame(rows, columns=COLUMNS)
    # one column at a time: DataFrame.astype(dict) copies all 17 columns (2/3 of this function's time)
    for col, dtype in (("sentence_id", "int64"), ("declined_comment", bool), ("side_inferred", bool)):
        df[col] = df[col].astype(dtype)
    return df


def units(sids: list[int], texts: list[str]):
    """(text, [(offset, sentence_id), …]) per unit: sentences joined while a 「 is open (≤ MAX_UNIT)."""
    i = 0
    while i < len(sids):
        j, text = i, str(texts[i])
        while unbalanced(text) and j + 1 < len(sids) and j - i < MAX_UNIT - 1:
            j += 1
            text += str(texts[j])
        offsets, pos = [], 0
        for k in range(i, j + 1):
            offsets.append((pos, sids[k]))
            pos += len(str(texts[k]))
        yield text, offsets
        i = j + 1


def _sid_at(offsets, pos: int) -> int:
    sid = offsets[0][1]
    for start, s in offsets:
        if pos >= start:
            sid = s
    return sid


class Extractor:
    """The steps bound to one vocabulary; :meth:`article` runs them over one article."""

    def __init__(self, v: SourcingVocab):
        self.v = v
        self.grammar = TailGrammar(v.anon_mods, v.anon_mod_suffixes, v.honorifics)
        chans = alternation(v.channels)
        self.channel = re.compile(rf"(?<![A-Za-z])({chans})(?=で|に|への|によ|を通じ)")
        nouns = alternation(v.report_nouns)
        # the outlet a statement was given to: Xの取材に(対し) / Xのインタビューに / Xに対し
        self.recipient = re.compile(rf"の(?:{nouns})に(?:対し(?:て)?|応じ|、)?|に対し(?:て)?|に(?=[、「〓])|に")
        self.titled_topic = re.compile(rf"(?:{alternation(v.honorifics)}|{alternation(v.titles)})(?:\([^()]*\))?[はが]")

    # ------------------------------------------------------------ phrases
    def classify(self, phrase: str) -> list[Source]:
        """A phrase → its sources; coordinated phrases (ホワイトハウスと国防総省) → several."""
        whole = classify_phrase(phrase, self.v)
        for m in re.finditer(r"[とや]", phrase):
            left, right = phrase[:m.start()], phrase[m.end():]
            lc = classify_phrase(left, self.v) if left else None
            if lc and not lc.state and lc.source_kind != "unresolved" and right:
                rest = self.classify(right)
                if rest:
                    return [lc] + rest
        return [whole] if whole else []

    # ------------------------------------------------------------ article
    def article(self, article_id: str, sids: list[int], texts: list[str]) -> list[dict]:
        st = _ArticleState(article_id)
        for text, offsets in units(sids, texts):
            self.unit(st, text, offsets)
        return st.rows

    def unit(self, st: _ArticleState, text: str, offsets) -> None:
        masked, quotes = mask_quotes(text)
        u = _Unit(text, masked, quotes, [q.start for q in quotes], subject_phrases(masked, self.grammar), offsets,
                  anonymity_reason(masked, self.v))
        st.unit_topic = None
        st.start_unit()
        for cue in find_cues(masked, self.v):
            self._remember_until(st, u, cue.start)  # antecedents of 同氏 / 同紙 / 大統領 mentioned so far
            self._cue(st, u, cue)
        self._remember_until(st, u, len(masked) + 1)
        if not u.rows:
            self._quote_only(st, text, masked, quotes, offsets, u.rows)
        link(u.rows)
        topics = [p for p in u.phrases.phrases if p.particle == "は"]
        st.finish_unit(u.rows, len(text), self._topic_source(topics[0].text) if topics else None)

    def _remember_until(self, st: _ArticleState, u: _Unit, pos: int) -> None:
        phrases = u.phrases.phrases
        while u.next_mention < len(phrases) and phrases[u.next_mention].end <= pos:
            self._remember(st, phrases[u.next_mention].text)
            u.next_mention += 1

    def _cue(self, st: _ArticleState, u: _Unit, cue: Cue) -> None:
        lo = max(u.prev_end, cue.start - CLAUSE_WINDOW)
        if cue.form == "quotative":  # 「EOS R8」と名付けた / 「X100VI」と並ぶ: a name, not speech
            before = u.quotes_in(lo, cue.start)
            if before and is_name_like(before[-1].text):
                return
        qpos = quotative_positions(u.masked, lo, cue.start)
        if cue.form in ("noun", "quotative"):
            qpos = qpos or [cue.start - 1]
        if cue.needs_quotative and not qpos:
            return  # not a cue here (話し合い, 答え): its clause goes on
        embedded = bool(_EMBEDDED.match(u.masked, cue.end)) and cue.cue_type not in ("according_to", "quoting")
        if not embedded:
            u.prev_end = cue.end
        clause = u.masked[lo:cue.start]
        chan_m = self.channel.search(clause)
        chan = chan_m.group(1) if chan_m else ""
        qtexts = [q.text for q in u.quotes_in(lo, cue.start) if is_attributed_quote(u.text, q, cue.form != "quotative")]
        if cue.cue_type in ("according_to", "quoting"):
            found = self._according(u.masked, lo, cue, u.phrases)
        else:
            found = self._speaker(st, u.masked, lo, cue, qpos, u.phrases, u.quotes, chan, embedded)
        if not found and (qpos or cue.cue_type == "according_to"):
            found = [(Source("", "", "unresolved"), "unresolved", lo)]
        extra = []
        if cue.cue_type not in ("declined", "according_to") and "こう" in clause[-6:] and not qtexts \
                and st.pending_quotes:
            extra = [" / ".join(st.pending_quotes)]  # こう語った: the quotation of the previous sentence
            st.pending_quotes = []
        self._record(st, u, cue, found, lo, qtexts + extra, chan)

    def _record(self, st: _ArticleState, u: _Unit, cue: Cue, found, lo: int, qtexts: list[str], chan: str) -> None:
        sid = _sid_at(u.offsets, cue.start)
        recipient_id = ""
        if found and found[0][1] in ("speaker_before", "speaker_after_quote", "ellipsis"):
            rec = self._recipient(u.masked, lo, cue.start)
            if rec is not None:
                recipient_id = st.add(u.rows, sid, rec, cue, "recipient", [], chan, "")["attribution_id"]
        for item in found:
            src, pattern = st.antecedents.resolve(item[0]), item[1]
            qs = qtexts if pattern not in ("quoter", "recipient") else []
            if pattern == "quoting":
                qs = [q.text for q in u.quotes_in(lo, lo + CLAUSE_WINDOW) if is_attributed_quote(u.text, q)]
            r = st.add(u.rows, sid, src, cue, pattern, qs, chan, u.reason if src.source_kind == "anonymous" else "")
            if recipient_id:
                r["_recipient_of"] = recipient_id

    def _remember(self, st, phrase: str) -> None:
        src = classify_phrase(phrase, self.v)
        if src is not None and not src.anaphor and src.source_kind in ("named_person", "media_outlet", "institution") \
                and not src.state:
            st.antecedents.remember(src)

    def _topic_source(self, phrase: str) -> Source | None:
        src = classify_phrase(phrase, self.v)
        return src if src is not None and src.source_kind in SPEAKER_KINDS and not src.state else None

    # ------------------------------------------------------------ according to
    def _according(self, masked, lo, cue, phrases):
        before = masked[lo:cue.start]
        # Xが明らかにしたところによると: the speaker is the subject of the relative clause
        if cue.cue_type == "according_to" and before.endswith("ところ"):
            subj, _p = choose_subject(masked, phrases, max(0, cue.start - CLAUSE_WINDOW), cue.start, [])
            if subj is not None:
                return [(p, "according_to") for p in self._sources_or_role(subj.text)]
        hint = self.v.report_nouns.get(cue.cue, "") if cue.form == "report" else ""
        phrase = self.grammar.tail(before)
        parts = self.classify(phrase) if phrase else []
        if phrase and not parts and cue.cue_type == "according_to":
            parts = self._default_body(phrase, hint)
        # 'NYT(…)、WP(…)などによると': earlier comma-separated sources of the same kind
        j = masked.rfind("、", lo, cue.start - len(phrase)) if phrase else -1
        while parts and j >= lo and j == cue.start - len(phrase) - 1:
            more = self.classify(self.grammar.tail(masked[lo:j]))
            if not more or any(p.source_kind != parts[0].source_kind for p in more):
                break
            parts = more + parts
            j = masked.rfind("、", lo, j - 1)
        found = []
        if cue.cue_type == "quoting":
            subj, _pattern = choose_subject(masked, phrases, lo, cue.start - len(phrase), [])
            if subj:
                found += [(p, "quoter") for p in self.classify(subj.text)]
            found += [(p, "quoting") for p in parts]
        else:
            found += [(p, "according_to") for p in parts]
        return found

    def _default_body(self, phrase: str, hint: str = "") -> list[Source]:
        """What ``Xによると`` credits when X is not recognised: X is a source by construction."""
        core = strip_tail(phrase)
        if not core or core.endswith(("こと", "ところ", "もの")):
            return []
        if hint == "media_outlet":
            return [Source(phrase, core, "media_outlet")]
        tags = pos_tags(split_head(core)[1])
        if tags and all("数" in t for _s, t in tags):
            return []
        return [Source(phrase, core, "institution")]

    def _recipient(self, masked: str, lo: int, hi: int) -> Source | None:
        """The outlet a statement was given to (Xの取材に対し / Xに対し / Xのインタビューで), or None."""
        for m in self.recipient.finditer(masked, lo, hi):
            phrase = self.grammar.tail(masked[lo:m.start()])
            src = classify_phrase(phrase, self.v) if phrase else None
            if src is not None and src.source_kind == "media_outlet" and not is_unnamed(phrase, self.v):
                return src
            if phrase and m.group(0).startswith("の") and src is None:
                noun = re.match(r"の(\w+?)に", m.group(0))
                if noun and self.v.report_nouns.get(noun.group(1)) == "media_outlet":
                    return Source(phrase, strip_tail(phrase), "media_outlet")
        return None

    # ------------------------------------------------------------ speakers
    def _speaker(self, st, masked, lo, cue: Cue, qpos, phrases, quotes, chan, embedded):
        end = cue.end + (masked[cue.end:cue.end + 1] in ("た", "る"))  # 話し|た
        after = phrases.in_span(end, end + 1)
        if after and qpos and re.search(r"[るた]$", masked[cue.start:end]):
            # 「…」と語る山田は / と話した主将の佐藤が: the cue modifies its speaker, who follows it
            parts = self._sources_or_role(after[0].text)
            if parts:
                return [(p, "speaker_after_quote", after[0].end) for p in parts]
        subj, pattern = choose_subject(masked, phrases, lo, cue.start, qpos, embedded)
        if subj is not None:
            parts = self._sources_or_role(subj.text)
            if parts:
                return [(p, pattern, subj.end) for p in parts]
            return [(Source(subj.text, subj.text, "unresolved"), "unresolved", subj.end)]
        if chan and self.v.channels.get(chan) == "document":
            doc = classify_phrase(chan, self.v)
            if doc:
                return [(doc, "document", lo)]
        # subject ellipsis: the speaker of this unit so far, or the previous unit's speaker or topic
        if self.titled_topic.search(masked, lo, cue.start):
            return []
        if st.unit_speaker is not None:
            return [(_as_source(st.unit_speaker), "ellipsis", lo)]
        if not (quotes or qpos):
            return []
        prev = [r for r in st.prev_rows if r["source_kind"] in SPEAKER_KINDS and r["pattern"] != "recipient"]
        if prev:
            return [(_as_source(prev[-1]), "ellipsis", lo)]
        if st.prev_topic is not None:
            return [(st.antecedents.resolve(st.prev_topic), "ellipsis", lo)]
        return []

    def _sources_or_role(self, phrase: str) -> list[Source]:
        """Sources named by a subject phrase; an unnamed person described by a common noun
        (弁護人, 被害者の母親) is anonymous."""
        parts = self.classify(phrase)
        if parts:
            return parts
        core = strip_tail(phrase)
        head = split_head(core)[1]
        tags = pos_tags(head)
        if tags and len(head) >= 2 and all(t.startswith("名詞") for _s, t in tags) \
                and not any("人名" in t or "地域" in t for _s, t in tags) and is_person_noun(head, self.v):
            return [Source(phrase, core, "anonymous", inherit=True)]  # 弁護人, 被害者の母親
        return []

    # ------------------------------------------------------------ units without cues
    def _quote_only(self, st, text, masked, quotes, offsets, unit_rows) -> None:
        sid = offsets[0][1]
        if self._label(st, text, masked, quotes, sid, unit_rows):
            return
        if quotes:
            cap = self._caption(text, masked, quotes)
            if cap is not None:
                st.add(unit_rows, sid, cap, None, "caption", [q.text for q in quotes], "", "")
                st.pending_quotes = []
                return
        rest = re.sub(r"[\s。、!?!?]", "", masked.replace("〓", ""))
        only_quotes = bool(quotes) and set(rest) <= set("「」")
        att = [q for q in quotes if not is_name_like(q.text) and (only_quotes or len(q.text) >= 10 and (
            text.lstrip().startswith("「") or re.search(r"」(?:という)?。?$", text.strip())))]
        speakers = [r for r in st.prev_rows if r["source_kind"] in SPEAKER_KINDS and r["pattern"] != "recipient"]
        if att and (speakers or (only_quotes and st.prev_topic is not None)):
            sp = _as_source(speakers[-1]) if speakers else st.antecedents.resolve(st.prev_topic)
            st.add(unit_rows, sid, sp, None, "continuation", [q.text for q in att], "",
                   speakers[-1]["anonymity_reason"] if speakers else "")
            st.pending_quotes = []
        else:
            st.pending_quotes = [q.text for q in quotes if len(q.text) >= 10 and is_attributed_quote(text, q)]

    def _label(self, st, text: str, masked: str, quotes, sid: int, unit_rows) -> bool:
        """A speaker label: a transcript line ``中村: …`` (what follows the colon is the speech), or a
        label line ``●田中一郎選手(北町FC):`` / ``(北山電機・川村健社長)`` whose quotation follows on the
        next lines (a row without a quote here; the quote-only lines after it continue it)."""
        m = _LABEL.match(masked) or _LABEL_LINE.match(masked)
        if not m:
            return False
        src = self._label_source(m.group("who"))
        if src is None:
            return False
        rest = m.groupdict().get("rest") or ""
        said = text[m.start("rest"):].strip() if rest.strip("〓「」 。") else ""
        if said and (src.anaphor or not re.search(r"[ぁ-ゖ]", said)):
            return False  # 著者: 板垣英憲, 竹内花子: 東京都出身 — a profile or credit field, not speech
        st.add(unit_rows, sid, src, None, "caption", [said] if said else [q.text for q in quotes], "", "")
        st.pending_quotes = []
        return True

    def _label_source(self, who: str) -> Source | None:
        """The person a label names: the whole label, else its last part after ・ or / (北山電機・川村健社長)."""
        who = who.strip()
        for phrase in (who, re.split(r"[・/]", who)[-1]):
            parts = self.classify(phrase) if len(phrase) >= 2 else []
            if parts and parts[0].source_kind in ("named_person", "anonymous"):
                return parts[0]
        return None

    def _caption(self, text: str, masked: str, quotes) -> Source | None:
        """■鈴木知事「…」 / (JR東日本 喜勢社長)「…」 / 「…」(立憲民主党) / 「…」と、主将の水野。"""
        if all(is_name_like(q.text) for q in quotes):
            return None  # パナソニック「LUMIX DMC-FX80」: a product in brackets, not a caption of speech
        first, last = quotes[0], quotes[-1]
        lead = re.sub(r"^[\s■□◆◇●○▼▽▲△★☆※・]+", "", masked[:first.start]).strip()
        lead = re.sub(r"^\((.*)\)$", r"\1", lead).replace(" ", "").replace("\u3000", "")
        tail = masked[last.end:].strip().rstrip("。")
        cands = []
        if lead and len(lead) <= 30 and not re.search(r"[、。]", lead):
            cands.append(lead)
        m = re.fullmatch(r"\((.{2,30})\)", tail) or re.fullmatch(r"と、?([^、。]{2,30})", tail)
        if m:
            cands.append(m.group(1))
        for phrase in cands:
            parts = self.classify(phrase)
            if parts and parts[0].source_kind in SPEAKER_KINDS:
                return parts[0]
        return None


#: a speaker label: `中村: …`, `●田中一郎選手(北町FC):` (a name, at most 30 characters, then a colon)
_LABEL = re.compile(r"^[\s●■◆○◇▼▽◎・]*(?P<who>[^:：「」。、〓]{2,30}?)\s*[:：]\s*(?P<rest>.*)$")
#: a label line in parentheses: `(北山電機・川村健社長)`
_LABEL_LINE = re.compile(r"^[\s●■◆○◇▼▽◎・]*\((?P<who>[^()。、]{2,40})\)\s*$")
_EMBEDDED = re.compile(r"(?:た|る|ている|ていた)?と(?!して|も|の|き)")  # 述べたと伝えた: a cue inside a report


class _Unit:
    """One text unit while its cues are read."""

    def __init__(self, text, masked, quotes, q_starts, phrases, offsets, reason):
        self.text, self.masked, self.quotes, self.q_starts = text, masked, quotes, q_starts
        self.phrases, self.offsets, self.reason = phrases, offsets, reason
        self.rows: list[dict] = []
        self.prev_end = 0
        self.next_mention = 0

    def quotes_in(self, lo: int, hi: int):
        return self.quotes[bisect.bisect_left(self.q_starts, lo):bisect.bisect_left(self.q_starts, hi)]


def _as_source(r: dict) -> Source:
    return Source(r["source"], r["canonical"], r["source_kind"], role=r["role"], side=r["side"])


class _ArticleState:
    def __init__(self, article_id: str):
        self.article_id = article_id
        self.rows: list[dict] = []
        self.prev_rows: list[dict] = []
        self.prev_topic: Source | None = None
        self.unit_topic: Source | None = None
        self.pending_quotes: list[str] = []
        self.antecedents = Antecedents()
        self.last_side = ""
        self.per_sentence: dict[int, int] = {}
        self.unit_index: dict[tuple, dict] = {}
        self.unit_speaker: dict | None = None

    def start_unit(self) -> None:
        self.unit_index = {}
        self.unit_speaker = None

    def add(self, unit_rows, sid, src: Source, cue, pattern, quotes, chan, reason) -> dict:
        """Add an attribution, merging with the same source in the same sentence."""
        cue_text = cue.cue if cue is not None else ("(引用)" if pattern == "caption" else "(引用の続き)")
        cue_type = cue.cue_type if cue is not None else ("say" if pattern == "caption" else "continuation")
        declined = cue is not None and cue.cue_type == "declined"
        same = self.unit_index.get((sid, src.canonical, src.source_kind)) if src.source_kind != "unresolved" else None
        if same is not None:
            for q in quotes:
                if q and q not in same["_quotes"]:
                    same["_quotes"][q] = None
                    same["quote"] = f"{same['quote']} / {q}" if same["quote"] else q
            same["declined_comment"] = same["declined_comment"] or declined
            if declined:
                same["cue"], same["cue_type"] = cue_text, cue_type
            return same
        n = self.per_sentence.get(sid, 0)
        self.per_sentence[sid] = n + 1
        r = {
            "attribution_id": f"{self.article_id}:{sid}:{n}", "article_id": self.article_id, "sentence_id": sid,
            "source": src.source, "canonical": src.canonical, "source_kind": src.source_kind, "role": src.role,
            "side": src.side, "side_inferred": False, "cue": cue_text, "cue_type": cue_type,
            "quote": " / ".join(q for q in quotes if q), "anonymity_reason": reason, "declined_comment": declined,
            "channel": chan, "pattern": pattern, "via_attribution_id": "", "_inherit": src.inherit,
            "_quotes": dict.fromkeys(q for q in quotes if q),
        }
        self.rows.append(r)
        unit_rows.append(r)
        self.unit_index[(sid, src.canonical, src.source_kind)] = r
        if src.source_kind in SPEAKER_KINDS and pattern != "recipient":
            self.unit_speaker = r
        self.antecedents.remember(src)
        return r

    def finish_unit(self, unit_rows: list[dict], length: int, topic: Source | None) -> None:
        for r in unit_rows:
            if r["source_kind"] == "anonymous" and r.get("_inherit") and self.last_side and not r["side"]:
                r["side"], r["side_inferred"] = self.last_side, True
            r.pop("_inherit", None)
            r.pop("_recipient_of", None)
            r.pop("_quotes", None)
            if not r["side"]:
                r["side"] = "other" if r["source_kind"] != "unresolved" else ""
            if r["source_kind"] == "anonymous" and r["side"] != "other":
                self.last_side = r["side"]
        if unit_rows or length >= 25:
            self.prev_rows = unit_rows
        if unit_rows or topic is not None or length >= 25:
            self.prev_topic = topic


def replace_source(src: Source, **kw) -> Source:
    return replace(src, **kw)
