"""Tokenization with janome's Analyzer framework, one Tokenizer per process.

The pipeline is janome's own: ``Analyzer(char_filters=..., tokenizer=...,
token_filters=...)``.

* Char filter: :class:`NormalizeCharFilter` runs :func:`kiji.core.textnorm.normalize_text`
  (cp932 folding, invisible characters removed, NFKC), so text given raw or
  already normalized (``sentences.text_norm``) tokenizes the same way.
* Token filters: :class:`WhitespaceFilter` (always; janome emits spaces and
  newlines as tokens), and for content words janome's ``POSKeepFilter`` /
  ``POSStopFilter`` with :data:`CONTENT_POS_KEEP` / :data:`CONTENT_POS_STOP`
  plus :class:`StopwordFilter` (``data/stopwords.txt``, matched on base form).

User dictionary: ``data/userdict.csv`` in janome's *simpledic* format
(``surface,名詞,reading``, no header), so janome can read it directly with
``Tokenizer(path, udic_type="simpledic", udic_enc="utf8")``.  janome gives
simpledic entries the sentence-boundary context id (0), and the word after
an entry is then scored as if a sentence began there: on the seeds that
turned ``北朝鮮が`` into が/接続詞, ``クルスクでも`` into でも/接続詞,
``と`` into フィラー and, worse for counting, ``氏`` / ``内`` / ``上`` into
``名詞,一般`` (content nouns) instead of suffixes.  So by default
(``context="proper_noun"``) :func:`get_tokenizer` converts each entry to
janome's IPADIC user-dictionary format with the context ids of
``名詞,固有名詞,一般`` (1288) and cost 2000 before building the Tokenizer;
every entry still comes out as one token (``pos == "名詞"``,
``pos1 == "固有名詞"``) and the neighbouring tokens keep the tags the system
dictionary gives them.  ``context=None`` builds the Tokenizer from the file
exactly as janome's simpledic reader does.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from janome.analyzer import Analyzer
from janome.charfilter import CharFilter
from janome.tokenfilter import POSKeepFilter, POSStopFilter, TokenFilter
from janome.tokenizer import Token, Tokenizer

from kiji.core.schemas import SCHEMAS
from kiji.core.textnorm import normalize_text
from kiji.core.vocab import Snapshot, built, parse, snapshot

USERDICT = "userdict.csv"
STOPWORDS = "stopwords.txt"
#: the general Japanese list (stopwords-iso + generic verbs and formal nouns); the analyst's list adds to it
GENERAL_STOPWORDS = "stopwords_general.txt"

#: Content words: these POS prefixes are kept ...
CONTENT_POS_KEEP = ["名詞", "動詞,自立", "形容詞,自立"]
#: ... except these (numbers, dependent nouns, pronouns, suffixes, adverbial nouns: 今回, 昨年, 一部).
CONTENT_POS_STOP = ["名詞,数", "名詞,非自立", "名詞,代名詞", "名詞,接尾", "名詞,副詞可能"]
#: verbs and adjectives whose base form is written only in hiragana (する, なる, いう, できる, ない, いい) are
#: function-like, not content (KH Coder's 動詞B / 形容詞B)
FUNCTION_LIKE_POS = ("動詞", "形容詞")
HIRAGANA_ONLY = re.compile(r"[ぁ-ゖー]+")

#: IPADIC context id of 名詞,固有名詞,一般 and the word cost used for user entries.
PROPER_NOUN_CONTEXT_ID = 1288
USER_ENTRY_COST = 2000

TOKEN_COLUMNS = ["article_id", "sentence_id", "token_id", "start", "surface", "base_form",
                 "pos", "pos1", "pos2", "pos3", "reading"]
CATEGORY_COLUMNS = ["surface", "base_form", "pos", "pos1", "pos2", "pos3", "reading"]

#: A content word must contain a letter, kana or kanji (janome tags ASCII ( ) / as 名詞,サ変接続).
WORD_CHAR = re.compile(r"[^\W\d_]")

_TOKENIZERS: dict[tuple, Tokenizer] = {}


# --------------------------------------------------------------------------- filters
class NormalizeCharFilter(CharFilter):
    """janome CharFilter applying :func:`kiji.core.textnorm.normalize_text` (idempotent)."""

    def apply(self, text: str) -> str:
        return normalize_text(text)


class WhitespaceFilter(TokenFilter):
    """Drop tokens whose surface is only whitespace (janome emits them)."""

    def apply(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if token.surface.strip():
                yield token


class WordCharFilter(TokenFilter):
    """Keep tokens whose surface contains a letter, kana or kanji (drops ASCII
    punctuation that janome tags as 名詞,サ変接続)."""

    def apply(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if WORD_CHAR.search(token.surface):
                yield token


class HiraganaVerbFilter(TokenFilter):
    """Drop verbs and adjectives whose base form is only hiragana (see :data:`FUNCTION_LIKE_POS`)."""

    def apply(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            pos = str(token.part_of_speech).split(",")[0]
            if pos in FUNCTION_LIKE_POS and HIRAGANA_ONLY.fullmatch(str(token.base_form)):
                continue
            yield token


class StopwordFilter(TokenFilter):
    """Drop tokens whose base form (or surface) is in the stopword set."""

    def __init__(self, stopwords: Iterable[str]):
        self.stopwords = frozenset(stopwords)

    def apply(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            if token.base_form in self.stopwords or token.surface in self.stopwords:
                continue
            yield token


# --------------------------------------------------------------------------- data files
def load_stopwords(path: str | os.PathLike | None = None) -> frozenset[str]:
    """Stopwords (one per line; ``#`` starts a comment), validated: ``data/stopwords_general.txt``
    (a general Japanese list) together with the analyst's ``data/stopwords.txt``, or the file ``path``."""
    if path is None:
        snap = snapshot([GENERAL_STOPWORDS, STOPWORDS])
        return frozenset(snap.lines(GENERAL_STOPWORDS)) | frozenset(snap.lines(STOPWORDS))
    return frozenset(parse(SCHEMAS[STOPWORDS], Path(path).read_bytes())["word"])


def read_userdict(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Entries of the simpledic user dictionary: columns ``surface``, ``pos``, ``reading``.

    Validated by :mod:`kiji.core.vocab`: a line that is not three comma-separated
    fields, a surface not in the analysis form (text is normalized before
    tokenizing, so such an entry could never match) or a duplicate stops the
    run with one line naming the file and line.
    """
    if path is None:
        frame = snapshot([USERDICT]).table(USERDICT)
    else:
        frame = parse(SCHEMAS[USERDICT], Path(path).read_bytes())
    return frame[["surface", "pos", "reading"]].reset_index(drop=True)


def ipadic_user_lines(entries: pd.DataFrame) -> str:
    """User-dictionary entries as IPADIC CSV lines (名詞,固有名詞,一般 context ids), for janome and MeCab."""
    cid, cost = PROPER_NOUN_CONTEXT_ID, USER_ENTRY_COST
    return "".join(
        f"{s},{cid},{cid},{cost},{p},固有名詞,一般,*,*,*,{s},{r},{r}\n"
        for s, p, r in entries.itertuples(index=False)
    )


# --------------------------------------------------------------------------- tokenizer
def _build_tokenizer(entries: pd.DataFrame, context: str | None) -> Tokenizer:
    if entries.empty:
        return Tokenizer()  # janome's FST builder cannot take an empty dictionary
    if context is None:
        lines = "".join(f"{s},{p},{r}\n" for s, p, r in entries.itertuples(index=False))
        udic_type = "simpledic"
    elif context == "proper_noun":
        lines, udic_type = ipadic_user_lines(entries), "ipadic"
    else:
        raise ValueError(f"unknown context {context!r} (use 'proper_noun' or None)")
    fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="kiji_udic_")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(lines)
        return Tokenizer(tmp, udic_type=udic_type, udic_enc="utf8")
    finally:
        os.unlink(tmp)


def _default_tokenizer(snap: Snapshot) -> Tokenizer:
    return _build_tokenizer(snap.table(USERDICT), "proper_noun")


def get_tokenizer(userdict: str | os.PathLike | None = None, *,
                  context: str | None = "proper_noun", snap: Snapshot | None = None) -> Tokenizer:
    """The janome Tokenizer for ``userdict`` (default ``data/userdict.csv``), built once per content.

    The Tokenizer is rebuilt when the dictionary's content changes (an edit
    takes effect on the next call in a running kernel) and shared otherwise.
    ``userdict=""`` gives the Tokenizer without user dictionary; an empty
    dictionary file works too.  ``context="proper_noun"`` (default) loads the
    entries with the 名詞,固有名詞,一般 context ids (see the module docstring);
    ``context=None`` uses janome's simpledic reading as is.
    ``snap``: build from this snapshot of the data files (as the cache does).
    """
    if snap is not None:
        return _from_snapshot(snap)
    if userdict is None and context == "proper_noun":
        return built([USERDICT], _default_tokenizer)[1]
    if userdict == "":
        key: tuple = ("", context)
    else:
        raw = Path(userdict if userdict is not None else _data_path(USERDICT)).read_bytes()
        key = (hashlib.sha256(raw).hexdigest(), context)
    tok = _TOKENIZERS.get(key)
    if tok is None:
        entries = read_userdict(userdict) if userdict != "" else pd.DataFrame(columns=["surface", "pos", "reading"])
        tok = _TOKENIZERS[key] = _build_tokenizer(entries, context)
    return tok


def _from_snapshot(snap: Snapshot) -> Tokenizer:
    key = ("snapshot", snap.key)
    tok = _TOKENIZERS.get(key)
    if tok is None:
        tok = _TOKENIZERS[key] = _default_tokenizer(snap)
    return tok


def _data_path(name: str) -> Path:
    from kiji.core.paths import data_file

    return data_file(name)


def make_analyzer(*, content_only: bool = False, stopwords: Iterable[str] | None = None,
                  userdict: str | os.PathLike | None = None) -> Analyzer:
    """janome Analyzer: normalization char filter, whitespace filter, and optionally
    the content-word POS filters and the stopword filter.

    ``stopwords=None`` with ``content_only=True`` uses :func:`load_stopwords` (general + analyst's list).
    """
    filters: list[TokenFilter] = [WhitespaceFilter()]
    if content_only:
        filters += [POSKeepFilter(CONTENT_POS_KEEP), POSStopFilter(CONTENT_POS_STOP),
                    HiraganaVerbFilter(), WordCharFilter()]
        filters.append(StopwordFilter(load_stopwords() if stopwords is None else stopwords))
    elif stopwords is not None:
        filters.append(StopwordFilter(stopwords))
    return Analyzer(char_filters=[NormalizeCharFilter()], tokenizer=get_tokenizer(userdict),
                    token_filters=filters)


# --------------------------------------------------------------------------- token table
def tokenize_sentences(sentences: pd.DataFrame, *, column: str | None = None,
                       userdict: str | os.PathLike | None = None, snap: Snapshot | None = None,
                       tokenizer: str | None = None) -> pd.DataFrame:
    """Full token table (every part of speech, whitespace dropped) for ``sentences``.

    ``sentences`` needs ``article_id``, ``sentence_id`` and a text column
    (``text_norm`` if present, else ``text``; or name it with ``column``).
    ``tokenizer``: ``janome`` (default) or ``mecab``;
    both read the same user dictionary.

    Returns one row per token, in text order:

    - ``article_id`` (str), ``sentence_id`` (int): the sentence it comes from;
    - ``token_id`` (int): 0-based position of the token within its sentence
      (consecutive after whitespace is dropped);
    - ``start`` (int): character offset of the token in the normalized sentence
      text (gaps between offsets are the dropped whitespace);
    - ``surface``, ``base_form``: as the tokenizer gives them (base form ``*``
      for some unknown words is replaced by the surface);
    - ``pos``, ``pos1``, ``pos2``, ``pos3``: the IPADIC part of speech and its
      three subcategories (``*`` when none);
    - ``reading``: katakana reading (``*`` for unknown words).

    The string columns are categorical.
    """
    return _token_arrow(_token_rows(sentences, column, userdict, snap, tokenizer)).to_pandas()


def token_table(sentences: pd.DataFrame, *, column: str | None = None,
                userdict: str | os.PathLike | None = None, snap: Snapshot | None = None,
                tokenizer: str | None = None) -> pa.Table:
    """:func:`tokenize_sentences` as an Arrow table (what the per-article workers send back)."""
    return _token_arrow(_token_rows(sentences, column, userdict, snap, tokenizer))


def _token_rows(sentences: pd.DataFrame, column: str | None, userdict, snap: Snapshot | None,
                tokenizer: str | None) -> list[tuple]:
    column = column or ("text_norm" if "text_norm" in sentences.columns else "text")
    analyze = _analyzer_for(tokenizer_name(tokenizer), userdict, snap)
    rows: list[tuple] = []
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], sentences[column]):
        if not isinstance(text, str) or not text:
            continue
        norm = normalize_text(text)
        pos_in_text = 0
        tid = 0
        aid, sid = str(aid), int(sid)
        for surface, base, pos, pos1, pos2, pos3, reading in analyze(norm):
            if not surface.strip():
                pos_in_text += len(surface)
                continue
            # tokenizers drop whitespace: locate the surface
            found = norm.find(surface, pos_in_text)
            start = found if found >= 0 else pos_in_text
            pos_in_text = start + len(surface)
            rows.append((aid, sid, tid, start, surface, base, pos, pos1, pos2, pos3, reading))
            tid += 1
    return rows


def _token_arrow(rows: list[tuple]) -> pa.Table:
    """The token table as Arrow: string columns dictionary-encoded (categories sorted), built
    without a pandas conversion per column (that cost more than MeCab's tokenization itself)."""
    columns = list(zip(*rows)) if rows else [()] * len(TOKEN_COLUMNS)
    arrays = []
    for name, values in zip(TOKEN_COLUMNS, columns):
        if name in CATEGORY_COLUMNS:
            categories = sorted(set(values))
            index = {v: i for i, v in enumerate(categories)}
            codes = np.fromiter((index[v] for v in values), dtype=np.int32, count=len(values))
            arrays.append(pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()),
                                                         pa.array(categories, pa.large_string())))
        elif name == "article_id":
            arrays.append(pa.array(values, pa.large_string()))
        else:
            arrays.append(pa.array(np.fromiter(values, dtype=np.int64, count=len(values))))
    return pa.table(arrays, names=TOKEN_COLUMNS)


_USER_LINES: dict[str, str] = {}


def _mecab_user_lines(userdict: str | os.PathLike | None, snap: Snapshot | None) -> str:
    """The user dictionary as IPADIC CSV lines for MeCab ('' for none), memoized on content."""
    if snap is not None:
        raw = snap.raw[USERDICT]
    elif userdict == "":
        return ""
    elif userdict is None:
        raw = snapshot([USERDICT]).raw[USERDICT]
    else:
        raw = Path(userdict).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest not in _USER_LINES:
        entries = parse(SCHEMAS[USERDICT], raw)[["surface", "pos", "reading"]]
        _USER_LINES[digest] = ipadic_user_lines(entries) if len(entries) else ""
    return _USER_LINES[digest]


def mecab_ready() -> None:
    """Build the MeCab tagger with the current user dictionary now, in this process: a dictionary that
    does not compile or load raises :class:`~kiji.tokens.mecab.MecabUnavailable` (one line) before any work."""
    from . import mecab

    mecab.get_tagger(_mecab_user_lines(None, None))


def _analyzer_for(name: str, userdict: str | os.PathLike | None, snap: Snapshot | None):
    """A function text -> [(surface, base_form, pos, pos1, pos2, pos3, reading)] for tokenizer ``name``."""
    if name == "mecab":
        from . import mecab

        tagger = mecab.get_tagger(_mecab_user_lines(userdict, snap))
        return lambda text: mecab.analyze(tagger, text)
    tok = _from_snapshot(snap) if snap is not None else get_tokenizer(userdict)

    def analyze(text: str):
        for t in tok.tokenize(text):
            if isinstance(t, str):  # janome >= 0.5.1 types tokenize() as Token | str (str only with wakati=True)
                continue
            p = t.part_of_speech.split(",")
            yield (t.surface, t.base_form if t.base_form != "*" else t.surface, p[0], p[1], p[2], p[3],
                   t.reading)
    return analyze


def tokenize_text(text: str, **kwargs) -> list[str]:
    """Surfaces of ``text`` (whitespace dropped) with the selected tokenizer: handy
    for checks, tests and KWIC queries.  The janome-only options (``content_only``,
    ``stopwords``) use janome's Analyzer."""
    name = tokenizer_name(kwargs.pop("tokenizer", None))
    if name == "mecab" and not set(kwargs) - {"userdict"}:
        analyze = _analyzer_for(name, kwargs.get("userdict"), None)
        return [t[0] for t in analyze(normalize_text(text)) if t[0].strip()]
    return [t.surface for t in make_analyzer(**kwargs).analyze(text)]


# --------------------------------------------------------------------------- choosing the tokenizer
TOKENIZERS = ("janome", "mecab")


def tokenizer_name(name: str | None = None) -> str:
    """``name`` checked (``janome`` or ``mecab``; ``None``: janome).

    >>> tokenizer_name(), tokenizer_name("MeCab")
    ('janome', 'mecab')
    """
    value = (name or "janome").strip().lower()
    if value not in TOKENIZERS:
        raise ValueError(f"unknown tokenizer {value!r} (use {' or '.join(TOKENIZERS)})")
    return value


def tokenizer_id(name: str | None = None) -> str:
    """Tokenizer and version(s), for cache keys and run records."""
    name = tokenizer_name(name)
    if name == "mecab":
        from .mecab import version_id

        return version_id()
    from importlib import metadata

    return f"janome={metadata.version('janome')}"


# --------------------------------------------------------------------------- filtering the table
def _pos_string(tokens: pd.DataFrame) -> pd.Series:
    return (tokens["pos"].astype(str) + "," + tokens["pos1"].astype(str) + ","
            + tokens["pos2"].astype(str) + "," + tokens["pos3"].astype(str))


def _has_word_char(surface: pd.Series) -> pd.Series:
    # Python's re (Unicode \w), not the pyarrow regex engine (ASCII \w)
    values = surface.astype("category")
    flags = [bool(WORD_CHAR.search(str(c))) for c in values.cat.categories]
    lookup = dict(zip(values.cat.categories, flags))
    return values.map(lookup).astype(bool)


def content_mask(tokens: pd.DataFrame, stopwords: Iterable[str] | None = None) -> pd.Series:
    """Boolean mask of content words in a token table: the same rule as the
    Analyzer's filters (:data:`CONTENT_POS_KEEP` minus :data:`CONTENT_POS_STOP`, no verb or adjective
    written only in hiragana, stopwords removed on base form or surface, and the surface must contain a
    letter, kana or kanji: janome tags ASCII ``(`` ``)`` ``/`` as nouns).  ``stopwords=None`` reads
    ``data/stopwords.txt``; pass ``()`` to keep them.

    The rule is decided once per distinct (POS, base form, surface) and spread to the rows: a corpus
    of tens of thousands of tokens holds a few thousand distinct words.
    """
    stop = load_stopwords() if stopwords is None else frozenset(stopwords)
    cols = ["pos", "pos1", "pos2", "pos3", "base_form", "surface"]
    if len(tokens) < 2:
        return _content_rule(tokens, stop)
    word = tokens.groupby(cols, observed=True, sort=False, dropna=False).ngroup().to_numpy()
    _, first = np.unique(word, return_index=True)
    decided = _content_rule(tokens.iloc[first], stop).to_numpy(dtype=bool)
    return pd.Series(decided[word], index=tokens.index)


def _content_rule(tokens: pd.DataFrame, stop: frozenset[str]) -> pd.Series:
    """:func:`content_mask`'s rule, row by row."""
    pos = _pos_string(tokens)
    keep = pos.str.startswith(tuple(CONTENT_POS_KEEP)) & ~pos.str.startswith(tuple(CONTENT_POS_STOP))
    keep &= ~(tokens["pos"].astype(str).isin(FUNCTION_LIKE_POS)
              & tokens["base_form"].astype(str).str.fullmatch(HIRAGANA_ONLY.pattern))
    keep &= _has_word_char(tokens["surface"])
    if stop:
        keep &= ~tokens["base_form"].astype(str).isin(stop) & ~tokens["surface"].astype(str).isin(stop)
    return keep


def content_words(tokens: pd.DataFrame, stopwords: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows of ``tokens`` that are content words (see :func:`content_mask`)."""
    return tokens[content_mask(tokens, stopwords)]
