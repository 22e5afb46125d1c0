"""Step 3 of sourcing: what a subject phrase names (person, outlet, institution, …).

:func:`classify_phrase` decides from the *whole* phrase, the way a reader does:

1. a pronoun (同氏, 彼) or 同 + a shape (同大統領, 同紙, 同省) is an anaphor
   (:mod:`kiji.sourcing.anaphora` resolves it);
2. the phrase is split at its last の into modifier and head (Japanese noun
   phrases are head-final: in ロシア大統領府のペスコフ報道官 the head is
   ペスコフ報道官, the modifier says where he works);
3. the head is a **person** when a name is followed by an honorific (氏, さん)
   or by a title — a title from the list, a title *shape* (ends in 官, 相,
   長 …, optionally with a country or body in front: 英外相, 米国務長官), or
   any short noun run after a name shape (apposition: name + position).
   Names: katakana runs (ネタニヤフ, カーク・ハガリ), kanji with a reading in
   parentheses, kanji that janome tags 人名 (石破茂), or a short kanji run
   before a listed title.  janome's 地域 tag vetoes a "name" (ヨルダン外相 is
   a title, not a person called ヨルダン), and so does a run ending in an
   institution or outlet suffix;
4. a head ending in an anonymous head (高官, 関係者, 消息筋 …), or any noun
   after ある (ある閣僚), is **anonymous**;
5. an outlet is marked by its suffix (〜紙, 〜通信, 〜テレビ, 〜電子版 …), by a
   prefix (米紙〜, 衛星テレビ局〜, ウクライナメディア〜), by an edition head
   (…の日本語版), or is a known outlet alias;
6. an institution by its suffix (〜省, 〜庁, 〜軍, 〜政府, 〜委員会 …) when the
   suffix is a morpheme of its own (幹部 does not end in the suffix 部), a
   known entity, a place, or a bare foreign or organisation name
   (a bare surname is a person only when janome tags the whole head 人名: 大谷は「…」と語った);
7. a title without a name (報道官, 中国外務省の報道官, 英外相) is an anaphor
   on a title; when no person with that title was named, it stands for its
   body (``fallback``: 中国外務省) or for an unnamed official (anonymous);
8. a document / social-media channel (…の声明, X);
9. anything else is not a source (None): the caller says ``unresolved``.

The affix lists are data (``source_phrase_classes.csv``,
``source_title_shapes.csv``); the order of their rows never matters (longest
affix first).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..core.vocab import IdentityMemo
from .model import ENTITY_SOURCE_KIND, NOT_SOURCES, STATE_KINDS, SourcingVocab, alternation

KANJI = "一-龥々〆ヵヶ"
KATA = "ァ-ヴー"
KATA_NAME = rf"(?<![{KATA}・])[{KATA}]{{2,}}(?:[・=][{KATA}]+)*"
READING = rf"\([{KATA}・ ]+\)"
TRAILING_PAREN = re.compile(r"\([^()]*\)$")
COUNT_TAIL = re.compile(r"(?:ら|たち|など|自身|\d+人|[一二三四五六七八九十]+人)$")


@dataclass(frozen=True)
class Source:
    """A classified phrase."""

    source: str            # as written (without a leading connective)
    canonical: str         # grouping key: surname, outlet name, institution, phrase without ある/別の
    source_kind: str       # named_person, anonymous, institution, media_outlet, social_media, document, unresolved
    role: str = ""         # title and affiliation
    side: str = ""
    state: bool = False    # a bare country name (weak speaker)
    anaphor: str = ""      # '' or what it refers to: 'person', 'title:<title>', 'shape:<suffix>'
    inherit: bool = False  # anonymous without a side of its own: may take the previous one's
    title: str = ""        # a person's title as written (for 同大統領 / 大統領 later)
    fallback: Source | None = None  # what an unresolved title stands for (its body, or an unnamed official)


class _Compiled:
    def __init__(self, v: SourcingVocab):
        self.v = v
        self.entity_rx = re.compile(alternation(v.entities), re.I)
        titles = alternation(v.titles)
        suffix = alternation(v.title_suffixes)
        prefixes = alternation(v.title_prefixes)
        one = rf"(?:(?:{prefixes})*(?:(?:{titles})|[{KANJI}{KATA}A-Za-z]{{0,16}}?(?:{suffix})))"
        self.title_rx = re.compile(rf"^{one}(?:兼{one})*$")
        self.listed_title_tail = re.compile(rf"(?:(?:{prefixes})*(?:{titles}))$")
        self.honorific_rx = re.compile(rf"(?:{alternation(v.honorifics)})$")
        self.kata_name = re.compile(KATA_NAME)
        self.kanji_reading = re.compile(rf"[{KANJI}]{{1,4}}{READING}")
        self.outlet_suffix = re.compile(rf"(?:{alternation(v.outlet_suffixes)})$")
        self.edition = re.compile(rf"(?:{alternation(v.edition_suffixes)})$")
        pre = alternation(v.outlet_prefixes)
        self.outlet_prefix = re.compile(
            rf"^(?P<place>[{KANJI}{KATA}A-Za-z]{{1,12}}?)(?P<affix>{pre})・?"
            rf"(?P<name>[{KATA}A-Za-z0-9][{KATA}A-Za-z0-9・=&.\- ]+|[{KANJI}]{{2,8}})$")
        self.outlet_prefix_end = re.compile(rf"(?:{pre})$")
        self.inst_suffix = re.compile(rf"(?:{alternation(v.institution_suffixes)})$")
        self.doc_suffix = re.compile(rf"(?:{alternation(v.document_suffixes)})$")
        self.anon_head = re.compile(rf"(?:{alternation(v.anon_heads)})$")
        # modifiers dropped from an anonymous source's canonical name (ある, 別の, 3人の); …に近い stays
        self.anon_mods = re.compile(rf"^(?:(?:{alternation(v.anon_mods)})|\d+人目の|\d+人の)+")
        self.connective = re.compile(rf"^(?:{alternation(v.connectives)})、?")


compiled = IdentityMemo(_Compiled)


@lru_cache(maxsize=1)
def _tagger():
    from janome.tokenizer import Tokenizer

    return Tokenizer()


@lru_cache(maxsize=8192)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """(surface, 'major,minor,sub') per janome token of a short phrase (IPADIC tags only)."""
    return tuple((t.surface, ",".join(t.part_of_speech.split(",")[:3])) for t in _tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str):
    return tuple(_tagger().tokenize(text))


def _is_common_word(text: str) -> bool:
    """``text`` is one dictionary word that is a common noun or an adverb (スポーツ, 国務, コメント,
    キッパリ, ポツリ): not a name."""
    toks = _tokens(text)
    return len(toks) == 1 and toks[0].node_type == "SYS_DICT" and toks[0].part_of_speech.startswith(
        ("名詞,一般", "名詞,サ変接続", "副詞"))


def _boundaries(text: str) -> set[int]:
    out, pos = set(), 0
    for t in _tokens(text):
        pos += len(t.surface)
        out.add(pos)
    return out


def _is_place(text: str, org: bool = False) -> bool:
    """janome tags the first token a place (or, with ``org``, an organisation).

    Unknown katakana words come back as 固有名詞,組織 when tokenized alone, so
    only kanji runs are vetoed as organisations.
    """
    tags = pos_tags(text)
    return bool(tags) and ("地域" in tags[0][1] or (org and "組織" in tags[0][1]))


def _leading_person_name(text: str) -> str:
    """The leading run of tokens janome tags 固有名詞,人名 ('' when none)."""
    out = ""
    for surface, tag in pos_tags(text):
        if "人名" not in tag:
            break
        out += surface
    return out


# ------------------------------------------------------------------ public
def classify_phrase(phrase: str, v: SourcingVocab) -> Source | None:
    """Classify a subject phrase; None when it does not name a source."""
    return _classify_cached(phrase, id(v), v)


_CACHE: dict[tuple[str, int], Source | None] = {}


def _classify_cached(phrase: str, vid: int, v: SourcingVocab) -> Source | None:
    key = (phrase, vid)
    if key in _CACHE and compiled(v).v is v:
        return _CACHE[key]
    if len(_CACHE) > 50000:
        _CACHE.clear()
    out = _CACHE[key] = _classify(phrase, v)
    return out


#: a parenthesis between a name and its outlet ending: ノース・デイリー(The North Daily)紙 → ノース・デイリー紙
_PAREN_BEFORE_SUFFIX = re.compile(r"\([^()]{1,40}\)(?=紙|誌|通信|新聞|放送|テレビ)")


def _classify(phrase: str, v: SourcingVocab) -> Source | None:
    c = compiled(v)
    src = _PAREN_BEFORE_SUFFIX.sub("", c.connective.sub("", phrase.strip()))
    core = strip_tail(src)
    if c.anon_head.search(TRAILING_PAREN.sub("", src)) and not c.anon_head.search(core):
        core = TRAILING_PAREN.sub("", src)  # 人たち is a head, not a plural
    if not core:
        return None
    hit = _anaphor(core, c) or _classify_core(core, c)
    if hit is None:
        return None
    if hit.source_kind == "media_outlet" and hit.source == split_head(core)[1]:
        # the outlet as named (with its abbreviation), without など or a date before it
        return replace(hit, source=COUNT_TAIL.sub("", split_head(src)[1]))
    if hit.source_kind == "media_outlet":
        return replace(hit, source=hit.source or core)
    return replace(hit, source=src if hit.source in ("", core) else hit.source)


def strip_tail(text: str) -> str:
    """Without a trailing parenthesis (age, abbreviation, party) and plural/count words."""
    core = text
    for _ in range(3):
        new = COUNT_TAIL.sub("", TRAILING_PAREN.sub("", core))
        if new == core:
            break
        core = new
    return core


def _anaphor(core: str, c: _Compiled) -> Source | None:
    v = c.v
    if core in v.pronouns:
        return Source(core, core, v.pronouns[core], anaphor="person")
    for p in v.same_prefixes:
        if core.startswith(p) and len(core) > len(p) and "の" not in core and len(core) <= len(p) + 8:
            rest = core[len(p):]
            if len(rest) <= 4 and c.outlet_suffix.search(rest):
                return Source(core, core, "media_outlet", anaphor=f"shape:{rest}")
            if len(rest) <= 4 and c.inst_suffix.search(rest):
                return Source(core, core, "institution", anaphor=f"shape:{rest}")
            if c.title_rx.match(rest) or rest in c.v.titles:
                return Source(core, core, "named_person", role=rest, title=rest, anaphor=f"title:{rest}")
            return Source(core, core, "unresolved", anaphor=f"shape:{rest}")
    return None


def split_head(core: str) -> tuple[str, str]:
    """(modifier, head) at the last の outside parentheses: ロシアのプーチン大統領 → (ロシア, プーチン大統領)."""
    depth = 0
    for i in range(len(core) - 1, -1, -1):
        ch = core[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
        elif ch == "の" and depth == 0 and i + 1 < len(core):
            return core[:i], core[i + 1:]
    return "", core


def side_of(text: str, c: _Compiled) -> str:
    """Side of the leftmost-longest entity alias in ``text`` ('' when none)."""
    if not c.v.entities:
        return ""
    m = c.entity_rx.search(text)
    if not m:
        return ""
    e = c.v.entities.get(m.group(0))
    if e is None:
        folded = m.group(0).casefold()
        e = next((x for a, x in c.v.entities.items() if a.casefold() == folded), None)
    return e.side if e else ""


def _classify_core(core: str, c: _Compiled) -> Source | None:
    modifier, head = split_head(core)
    if c.anon_head.search(head):
        return _anonymous(core, head, c)  # 米当局者, 政府関係者: an unnamed source even when listed as an actor
    for text in (core, head):
        ent = c.v.entities.get(text)
        if ent is not None and ent.kind not in NOT_SOURCES:
            return _from_entity(text if ent.kind == "outlet" else core, ent, modifier if text == head else "")
    m = c.outlet_prefix.match(head)
    if m and not c.outlet_prefix.match(m.group("name")):
        return _outlet(core, modifier, head, c)
    for step in (_person_of, _anonymous_of, _outlet, _channel, _document, _title_only):
        found = step(core, modifier, head, c)
        if found is not None:
            return found
    return _institution(core, head, c)


def _person_of(core: str, modifier: str, head: str, c: _Compiled) -> Source | None:
    return _person(head, modifier, c)


def _anonymous_of(core: str, modifier: str, head: str, c: _Compiled) -> Source | None:
    return _anonymous(core, head, c)


def _channel(core: str, modifier: str, head: str, c: _Compiled) -> Source | None:
    """A channel named as the source: …のX (social media), …の声明 (a listed document)."""
    for term, kind in c.v.channels.items():
        if kind == "social_media" and (core == term or core.endswith("の" + term)):
            return Source(core, core, "social_media", role=core[: -len(term)].removesuffix("の"),
                          side=side_of(core, c))
        if kind == "document" and (core == term or core.endswith(term)):
            return Source(core, term, "document", role=core[: -len(term)].removesuffix("の"), side=side_of(core, c))
    return None


def _document(core: str, modifier: str, head: str, c: _Compiled) -> Source | None:
    """A document by its suffix (報告書, 判決文); with a body before it, the body is the source."""
    doc = c.doc_suffix.search(head)
    if not (doc and _suffix_is_morpheme(head, doc.group(0)) and len(head) > len(doc.group(0))):
        return None
    issuer = classify_phrase(modifier, c.v) if modifier else None
    if issuer is not None and issuer.source_kind in ("institution", "media_outlet") and not issuer.state:
        return issuer  # イスラエル軍の声明 / 研究所の報告書: the body that issued it
    return Source(core, head, "document", role=modifier, side=side_of(core, c))


def _from_entity(core: str, ent, modifier: str) -> Source:
    kind = ENTITY_SOURCE_KIND.get(ent.kind, "institution")
    return Source(core, ent.name, kind, role=modifier, side=ent.side, state=ent.kind in STATE_KINDS)


def _title_run_ok(rest: str, c: _Compiled) -> bool:
    """``rest`` can be the position that follows a name: an honorific, or a title (listed or shaped)."""
    if not rest or len(rest) > 24:
        return False
    if c.honorific_rx.fullmatch(rest):
        return True
    if c.anon_head.search(rest) or c.inst_suffix.search(rest) or c.outlet_suffix.search(rest):
        return False
    return bool(c.title_rx.match(rest)) or rest in c.v.titles


def _person(head: str, modifier: str, c: _Compiled) -> Source | None:
    """A name followed by an honorific or a title; tried from the strongest evidence to the weakest."""
    for step in (_known_person, _name_dot_title, _shaped_name, _kanji_honorific, _kanji_name_title,
                 _janome_name):
        found = step(head, modifier, c)
        if found is not None:
            return found
    return None


def _known_person(head: str, modifier: str, c: _Compiled) -> Source | None:
    """A person of entities.csv followed by nothing, an honorific or a title."""
    for m in reversed(list(c.entity_rx.finditer(head))):
        ent = c.v.entities.get(m.group(0))
        if ent is None or ent.kind != "person":
            continue
        rest = _after_reading(head[m.end():])
        if rest == "" or _title_run_ok(rest, c):
            return _person_source(modifier, head[:m.start()], ent.name, rest, ent.side, c)
    return None


def _shaped_name(head: str, modifier: str, c: _Compiled) -> Source | None:
    """A katakana name or kanji with a reading, then an honorific or a title (ラミー英外相)."""
    for rx in (c.kata_name, c.kanji_reading):
        for m in reversed(list(rx.finditer(head))):
            rest = _after_reading(head[m.end():])
            bare = re.sub(r"\(.*\)", "", m.group(0))
            if not _title_run_ok(rest, c) or (bare in c.v.entities and c.v.entities[bare].kind != "person"):
                continue
            if rx is c.kata_name and _not_a_katakana_name(bare, c):
                continue
            canon = bare.split("・")[-1].split("=")[-1] if rx is c.kata_name else bare
            return _person_source(modifier, head[:m.start()], canon, rest, "", c)
    return None


def _not_a_katakana_name(bare: str, c: _Compiled) -> bool:
    return bool(_is_place(bare) or c.outlet_suffix.search(bare) or c.inst_suffix.search(bare)
                or c.anon_head.search(bare) or c.title_rx.match(bare))


def _kanji_honorific(head: str, modifier: str, c: _Compiled) -> Source | None:
    """1-4 kanji + 氏/さん (岸田氏)."""
    hon = c.honorific_rx.search(head)
    if not hon:
        return None
    m = re.search(rf"(?<![{KANJI}])([{KANJI}]{{1,4}})$", head[:hon.start()])
    if m and not m.group(1).startswith(c.v.same_prefixes or ("\0",)) and m.group(1) not in ("両", "各") \
            and not _is_place(m.group(1), org=True):
        return _person_source(modifier, head[:m.start()], m.group(1), hon.group(0), "", c)
    return None


def _name_dot_title(head: str, modifier: str, c: _Compiled) -> Source | None:
    """A kanji name, ・, then a body and a title (神出政巳・海南市長, 山田花子・東西大教授)."""
    m = re.fullmatch(rf"([{KANJI}]{{2,5}})・([{KANJI}{KATA}A-Za-z]{{2,20}})", head)
    if not m:
        return None
    name, rest = m.group(1), m.group(2)
    titled = c.listed_title_tail.search(rest) if c.v.titles else None
    if not (titled or c.title_rx.search(rest)) or c.inst_suffix.search(rest) and not titled:
        return None
    if _is_place(name, org=True) or name in c.v.entities or not _plausible_kanji_name(name, c):
        return None
    return _person_source(modifier, "", name, rest, "", c)


def _kanji_name_title(head: str, modifier: str, c: _Compiled) -> Source | None:
    """A kanji name + a listed title (石破茂首相), or + a title shape at a morpheme boundary (頼清徳総統)."""
    run = re.search(rf"[{KANJI}]+$", head)
    if not run:
        return None
    k, before = run.group(0), head[:run.start()]
    t = c.listed_title_tail.search(k) if c.v.titles else None
    if t and t.start() > 0:
        name = k[:t.start()]
        tags = pos_tags(name)
        ok_len = 2 <= len(name) <= 4 or (len(name) == 1 and bool(tags) and "人名" in tags[0][1])
        if ok_len and not _is_place(name, org=True) and name not in c.v.entities \
                and not c.inst_suffix.search(name) and not c.outlet_suffix.search(name):
            return _person_source(modifier, before, name, k[t.start():], "", c)
    cuts = _boundaries(k)
    for i in range(2, min(4, len(k) - 1) + 1):
        name, rest = k[:i], k[i:]
        if i in cuts and _title_run_ok(rest, c) and _plausible_kanji_name(name, c):
            return _person_source(modifier, before, name, rest, "", c)
    return None


def _janome_name(head: str, modifier: str, c: _Compiled) -> Source | None:
    """A name janome tags 人名, then a title (小池百合子知事), or alone (主将の水野涼太, 大谷は)."""
    name = _leading_person_name(head)
    if not name or len(name) < 2:
        return None
    rest = head[len(name):]
    if rest == "" and not _is_place(name, org=True) and name not in c.v.entities:
        # a name alone (大谷は「…」と語った, 星野源が…, 主将の水野涼太): sport and entertainment news cite
        # people by their surname; janome's 人名 tags over the whole head are the evidence
        return _person_source(modifier, "", name, "", "", c)
    if rest and _title_run_ok(rest, c):
        return _person_source(modifier, "", name, rest, "", c)
    return None


def _plausible_kanji_name(name: str, c: _Compiled) -> bool:
    if name in c.v.entities or c.inst_suffix.search(name) or c.outlet_suffix.search(name) \
            or c.title_rx.match(name) or name in c.v.titles:
        return False
    toks = _tokens(name)
    if len(toks) == 1 and ("地域" in toks[0].part_of_speech or toks[0].node_type == "SYS_DICT"
                           and "人名" not in toks[0].part_of_speech):
        return False
    return not all(t.node_type == "SYS_DICT" and t.part_of_speech.startswith(("名詞,一般", "名詞,サ変"))
                   for t in toks)


def _after_reading(rest: str) -> str:
    rest = re.sub(rf"^{READING}", "", rest)
    return TRAILING_PAREN.sub("", rest) if rest.endswith(")") else rest


def _person_source(modifier, affiliation, canon, rest, side, c: _Compiled) -> Source:
    title = "" if c.honorific_rx.fullmatch(rest or "\0") else rest
    role = "".join(x for x in (modifier, affiliation.removesuffix("の"), title) if x)
    side = side or side_of(role, c) or c.v.titles.get(title, "") or ""
    return Source("", canon, "named_person", role=role, side=side, title=title)


def _anonymous(core: str, head: str, c: _Compiled) -> Source | None:
    v = c.v
    m = c.anon_head.search(head)
    mods = c.anon_mods.match(core)
    if m is None and not (mods and core[mods.end():] and mods.group(0).startswith(v.anon_mods or ("\0",))):
        return None  # neither an anonymous head nor ある/複数の … + a noun (ある閣僚)
    stripped = c.anon_mods.sub("", core) or core
    kind = v.anon_heads[m.group(0)] if m else "anonymous"
    role = c.anon_mods.sub("", core[: len(core) - len(m.group(0))]).removesuffix("の") if m else ""
    side = side_of(core, c)
    return Source(core, stripped, kind, role=role, side=side, inherit=not side)


def _outlet(core: str, modifier: str, head: str, c: _Compiled) -> Source | None:
    m = c.outlet_prefix.match(head)
    if m and not c.outlet_prefix.match(m.group("name")):
        name = _outlet_name(m.group("name"), c)
        return Source(head, name, "media_outlet", role=m.group("place") + m.group("affix"),
                      side=_outlet_side(name, c) or side_of(m.group("place"), c))
    if modifier and (c.outlet_suffix.search(modifier) or c.outlet_prefix_end.search(modifier)) \
            and re.fullmatch(rf"[{KATA}A-Za-z0-9・=&. ]{{2,}}", head):
        name = _outlet_name(head, c)
        return Source(core, name, "media_outlet", role=modifier, side=_outlet_side(name, c))
    if modifier and c.edition.search(head):
        inner = classify_phrase(modifier, c.v)
        name = inner.canonical if inner and inner.source_kind == "media_outlet" else _outlet_name(modifier, c)
        return Source(core, name, "media_outlet", side=_outlet_side(name, c))
    suf = c.outlet_suffix.search(head)
    if suf and len(head) > len(suf.group(0)) + 1:
        name = _outlet_name(head, c)
        return Source(core if not modifier else head, name, "media_outlet", role=modifier,
                      side=_outlet_side(name, c) or side_of(head, c))
    return None


def _outlet_name(text: str, c: _Compiled) -> str:
    """Canonical outlet: a known alias inside ``text`` or ``text`` without 紙/誌/版 and a place prefix."""
    for m in c.entity_rx.finditer(text) if c.v.entities else ():
        ent = c.v.entities.get(m.group(0))
        if ent and ent.kind == "outlet":
            return ent.name
    name = text
    for suffix in sorted(c.v.edition_suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            name = re.sub(rf"[{KANJI}]*{re.escape(suffix)}$", "", name) or name
    for suffix in (s for s in c.v.outlet_suffixes if len(s) == 1):  # a one-character kind marker (紙, 誌)
        if name.endswith(suffix) and len(name) > 2 and re.search(rf"[{KATA}A-Za-z0-9]$", name[:-1]):
            name = name[:-1]  # ガーディアン紙 → ガーディアン; 地元紙 stays
    place = re.match(rf"^[{KANJI}](?=[{KATA}A-Za-z])", name)  # 英ガーディアン → ガーディアン
    return name[place.end():] if place else name


def _outlet_side(name: str, c: _Compiled) -> str:
    for ent in c.v.entities.values():
        if ent.kind == "outlet" and ent.name == name:
            return ent.side
    return ""


def _suffix_is_morpheme(head: str, suffix: str) -> bool:
    """The institution suffix is a morpheme of its own, not the end of a common word (幹部, 一部)."""
    tags = pos_tags(head)
    if not tags:
        return False
    surface, tag = tags[-1]
    if surface == suffix or "接尾" in tag or "組織" in tag:
        return True
    return len(surface) > len(suffix) and surface.endswith(suffix) and "一般" not in tag and "サ変" not in tag


def _institution(core: str, head: str, c: _Compiled) -> Source | None:
    v = c.v
    for m in reversed(list(c.entity_rx.finditer(head))) if v.entities else ():
        ent = v.entities.get(m.group(0))
        if ent and m.end() == len(head) and ent.kind not in ("person", "outlet") and ent.kind not in NOT_SOURCES:
            if ent.kind in STATE_KINDS and m.start() > 0:
                continue
            return Source(core, ent.name if m.start() == 0 else head, "institution", side=ent.side,
                          state=ent.kind in STATE_KINDS)
    suf = c.inst_suffix.search(head)
    if suf and (suf.start() >= 1 or len(suf.group(0)) >= 2) and _suffix_is_morpheme(head, suf.group(0)):
        return Source(core, head, "institution", side=side_of(head, c))
    tags = pos_tags(head)
    if re.fullmatch(rf"[{KATA}A-Za-z0-9・=&.\- ]{{2,}}", head) and not _is_place(head) and not _is_common_word(head):
        return Source(core, head, "institution", side=side_of(head, c))  # a bare foreign or organisation name
    company = _country_company(core, head, c)
    if company:
        return Source(core, company, "institution", side=side_of(core, c))
    if len(head) >= 2 and tags and not any("人名" in t for _s, t in tags) and (
            all("地域" in t or "組織" in t or "接尾" in t for _s, t in tags) or "組織" in tags[-1][1]):
        return Source(core, head, "institution", side=side_of(head, c))  # 東京都, 第一三共
    return None


def _country_company(core: str, head: str, c: _Compiled) -> str:
    """A katakana or Latin name after a country (米アップル, アメリカのアップル, 韓国のサムスン): a
    company or body of that country even when the name is also a common word; '' otherwise."""
    m = re.fullmatch(rf"([{KANJI}]{{1,4}})([{KATA}A-Za-z0-9・=&.\- ]{{2,}})", head)
    if m and _is_country(m.group(1), c) and not _is_place(m.group(2)):
        return m.group(2)
    modifier = split_head(core)[0]
    if modifier and _is_country(modifier, c) and re.fullmatch(rf"[{KATA}A-Za-z0-9・=&.\- ]{{2,}}", head) \
            and not _is_place(head):
        return head
    return ""


def _is_country(text: str, c: _Compiled) -> bool:
    """A state (or the one-letter marker standing for it: 米, 英) or a janome place name."""
    if not text:
        return False
    ent = c.v.entities.get(text)
    if ent is not None:
        return ent.kind in STATE_KINDS or ent.kind == "marker"
    tags = pos_tags(text)
    return len(tags) == 1 and "地域" in tags[0][1]


def _title_only(core: str, modifier: str, head: str, c: _Compiled) -> Source | None:
    """A title with no name (大統領, 英外相, 中国外務省の報道官): an anaphor on the title."""
    if not c.title_rx.match(head) and head not in c.v.titles:
        return None
    # the body the title belongs to: the modifier, or what precedes the title inside the head
    body, title = modifier, head
    t = c.listed_title_tail.search(head) if c.v.titles else None
    if t and t.start() > 0:
        inner = head[:t.start()]
        inner_src = _institution(inner, inner, c) or _outlet(inner, "", inner, c)
        if inner_src and not inner_src.state:
            body, title = (modifier + "の" if modifier else "") + inner, head[t.start():]
    fallback = None
    if body:
        b = classify_phrase(body, c.v)
        if b and b.source_kind in ("institution", "media_outlet") and not b.state:
            fallback = b
        elif b and b.source_kind == "anonymous":
            fallback = replace(b, source=core, canonical=c.anon_mods.sub("", core))
        elif b is None and not c.anon_mods.match(body):
            fallback = Source(body, strip_tail(body), "institution", side=side_of(body, c))  # 東部戦区の報道官
    if fallback is None and not modifier and t and _is_country(head[:t.start()], c):
        # 米大統領, 英外相: one office holder per country, named by the title itself
        fallback = Source(core, core, "named_person", role=core, side=side_of(core, c), title=head[t.start():])
    if fallback is None:
        fallback = Source(core, c.anon_mods.sub("", core), "anonymous", role=core, side=side_of(core, c))
    return Source(core, core, "named_person", role=core, side=side_of(core, c) or c.v.titles.get(head, ""),
                  anaphor=f"title:{title}", title=title, fallback=fallback)


def is_person_noun(head: str, v: SourcingVocab) -> bool:
    """A common noun for a person: ends in a title shape (弁護人 ← 人? no; 記者, 職員, 母親 …) or an anonymous head."""
    c = compiled(v)
    return bool(c.anon_head.search(head) or c.title_rx.match(head[-3:]) or c.title_rx.match(head[-2:])
                or c.title_rx.match(head[-1:]) or c.honorific_rx.search(head))


def is_unnamed(phrase: str, v: SourcingVocab) -> bool:
    """The phrase is an anonymous head (米メディア), not a name."""
    return bool(compiled(v).anon_head.search(strip_tail(phrase)))
