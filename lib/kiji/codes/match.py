"""Apply coding rules (:mod:`kiji.codes.rules`) to a corpus: which units each code matches.

Matching runs over the token table (``article_id``, ``sentence_id``, ``token_id``, ``start``,
``surface``, ``base_form``; :func:`kiji.tokens.tokenizer.tokenize_sentences`) and the sentence
table (``article_id``, ``paragraph_id``, ``sentence_id``, ``text_norm``).  Tokens are sorted once
by base form; each word of a rule is then one binary search, each phrase / ``near`` / ``seq`` a few
vectorised array operations over its occurrences, so the work is linear in the corpus size and in
the number of terms, never one Python step per token.

Units (``unit=``): ``sentence``, ``paragraph`` or ``article``.  ``near``/``seq`` count words
within the unit (across sentence ends for paragraphs and articles); ``not X`` is true of a unit
where X matches nowhere.

:func:`apply_codes` returns a :class:`Coding`:

``units``   one row per unit: ``unit_id`` (``a1:s3``, ``a1:p0`` or ``a1``), ``article_id``,
            ``paragraph_id``, ``sentence_id`` (the unit's first sentence)
``matrix``  boolean array, units × codes
``hits``    the words that made each code match, one row per occurrence in a coded unit:
            ``code``, ``unit_id``, ``article_id``, ``sentence_id``, ``start``, ``end`` (character
            offsets in the sentence's ``text_norm``)

>>> import pandas as pd
>>> sents = pd.DataFrame({"article_id": ["a", "a", "b"], "paragraph_id": [0, 0, 0], "sentence_id": [0, 1, 0],
...                       "text_norm": ["核兵器を持つ。", "雨が降る。", "核の話。"]})
>>> toks = pd.DataFrame({"article_id": ["a"] * 6 + ["b"] * 4, "sentence_id": [0, 0, 0, 0, 1, 1, 0, 0, 0, 0],
...     "token_id": [0, 1, 2, 3, 0, 1, 0, 1, 2, 3], "start": [0, 1, 3, 4, 0, 1, 0, 1, 2, 3],
...     "surface": ["核", "兵器", "を", "持つ", "雨", "が", "核", "の", "話", "。"],
...     "base_form": ["核", "兵器", "を", "持つ", "雨", "が", "核", "の", "話", "。"]})
>>> from kiji.codes.rules import parse_codes
>>> coding = apply_codes(toks, sents, parse_codes("*核兵器\\n核+兵器\\n*核だけ\\n核 and not <*核兵器>"))
>>> coding.wide().astype(int).values.tolist()
[[1, 0], [0, 0], [0, 1]]
>>> coding.hits[["code", "unit_id", "start", "end"]].values.tolist()
[['核兵器', 'a:s0', 0, 3], ['核だけ', 'b:s0', 0, 1]]
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .rules import And, CodeRules, Near, Not, Or, Phrase, Raw, Ref

UNITS = ("sentence", "paragraph", "article")
_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass
class _Hits:
    """Occurrences: sentence row, character start and end in its ``text_norm``."""

    sent: np.ndarray = field(default_factory=lambda: _EMPTY)
    start: np.ndarray = field(default_factory=lambda: _EMPTY)
    end: np.ndarray = field(default_factory=lambda: _EMPTY)

    @staticmethod
    def concat(parts: list[_Hits]) -> _Hits:
        parts = [p for p in parts if len(p.sent)]
        if not parts:
            return _Hits()
        return _Hits(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("sent", "start", "end")))

    def where(self, keep: np.ndarray) -> _Hits:
        return _Hits(self.sent[keep], self.start[keep], self.end[keep])


class TextIndex:
    """Tokens and sentences of a corpus arranged for matching (build once, apply many code files)."""

    def __init__(self, tokens: pd.DataFrame, sentences: pd.DataFrame,
                 splitter: Callable[[str], list[str]] | None = None):
        sents = sentences.reset_index(drop=True)
        self.sentences = sents
        self.text = sents["text_norm"].astype(str).to_numpy(dtype=object)
        key = pd.MultiIndex.from_arrays([sents["article_id"].astype(str), sents["sentence_id"].astype("int64")])
        tok_key = pd.MultiIndex.from_arrays([tokens["article_id"].astype(str), tokens["sentence_id"].astype("int64")])
        row = key.get_indexer(tok_key)
        toks = pd.DataFrame({"sent": row, "token_id": tokens["token_id"].to_numpy(),
                             "start": tokens["start"].to_numpy(),
                             "length": tokens["surface"].astype(str).str.len().to_numpy(),
                             "base": tokens["base_form"].astype(str).to_numpy()})
        toks = toks[toks["sent"] >= 0].sort_values(["sent", "token_id"], kind="stable").reset_index(drop=True)
        self.tok_sent = toks["sent"].to_numpy(np.int64)
        self.tok_start = toks["start"].to_numpy(np.int64)
        self.tok_end = self.tok_start + toks["length"].to_numpy(np.int64)
        article_of_sent = pd.factorize(sents["article_id"].astype(str))[0]
        self.tok_apos = pd.Series(article_of_sent[self.tok_sent]).groupby(article_of_sent[self.tok_sent]).cumcount() \
            .to_numpy(np.int64) if len(toks) else _EMPTY
        codes, self.vocab = pd.factorize(toks["base"], sort=True)
        self.tok_base = codes.astype(np.int64)
        self.by_base = np.argsort(self.tok_base, kind="stable")
        self.base_sorted = self.tok_base[self.by_base]
        self.splitter = splitter
        self._units: dict[str, tuple[np.ndarray, pd.DataFrame]] = {}

    # ------------------------------------------------------------------ units
    def units(self, unit: str) -> tuple[np.ndarray, pd.DataFrame]:
        """(unit index of each sentence row, the units table)."""
        if unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
        if unit not in self._units:
            s = self.sentences
            aid = s["article_id"].astype(str)
            if unit == "sentence":
                ids = aid + ":s" + s["sentence_id"].astype(str)
            elif unit == "paragraph":
                ids = aid + ":p" + s["paragraph_id"].astype(str)
            else:
                ids = aid
            of_sentence, uniques = pd.factorize(ids)
            first = pd.Series(np.arange(len(s))).groupby(of_sentence).min().to_numpy()
            table = pd.DataFrame({"unit_id": np.asarray(uniques, dtype=object),
                                  "article_id": aid.to_numpy()[first],
                                  "paragraph_id": s["paragraph_id"].to_numpy()[first],
                                  "sentence_id": s["sentence_id"].to_numpy()[first]})
            self._units[unit] = (of_sentence.astype(np.int64), table)
        return self._units[unit]

    # ------------------------------------------------------------------ words
    def occurrences(self, word: str) -> np.ndarray:
        """Token positions (sorted order) whose base form is ``word``."""
        code = self.vocab.get_indexer([word])[0]
        if code < 0:
            return _EMPTY
        lo, hi = np.searchsorted(self.base_sorted, [code, code + 1])
        return np.sort(self.by_base[lo:hi])

    def phrase(self, words: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """(first token, last token) of each occurrence of the words in a row, within a sentence."""
        if len(words) == 1 and self.vocab.get_indexer([words[0]])[0] < 0 and self.splitter:
            parts = tuple(self.splitter(words[0]))
            if len(parts) > 1:  # a word the tokenizer splits: match its parts as a phrase
                words = parts
        first = self.occurrences(words[0])
        n = len(self.tok_base)
        for j, word in enumerate(words[1:], 1):
            code = self.vocab.get_indexer([word])[0]
            if code < 0:
                return _EMPTY, _EMPTY
            nxt = first + j
            ok = nxt < n
            first = first[ok]
            nxt = nxt[ok]
            first = first[(self.tok_sent[nxt] == self.tok_sent[first]) & (self.tok_base[nxt] == code)]
        return first, first + len(words) - 1

    def spans(self, first: np.ndarray, last: np.ndarray) -> _Hits:
        return _Hits(self.tok_sent[first], self.tok_start[first], self.tok_end[last])

    def raw(self, text: str) -> _Hits:
        """Every occurrence of ``text`` in the sentences (substring of ``text_norm``)."""
        rows = np.flatnonzero(pd.Series(self.text).str.contains(text, regex=False).to_numpy(bool))
        sent, start = [], []
        for r in rows:
            i = self.text[r].find(text)
            while i >= 0:
                sent.append(r)
                start.append(i)
                i = self.text[r].find(text, i + max(len(text), 1))
        s, b = np.asarray(sent, dtype=np.int64), np.asarray(start, dtype=np.int64)
        return _Hits(s, b, b + len(text))


@dataclass
class Coding:
    """What :func:`apply_codes` found (see the module doc)."""

    unit: str
    codes: list[str]
    units: pd.DataFrame
    matrix: np.ndarray
    hits: pd.DataFrame

    def wide(self) -> pd.DataFrame:
        """Units × codes, True where the code matched (index ``unit_id``)."""
        return pd.DataFrame(self.matrix, index=pd.Index(self.units["unit_id"], name="unit_id"), columns=self.codes)

    def long(self) -> pd.DataFrame:
        """The document × code matrix in long form: one row per coded unit and code: ``unit_id``,
        ``article_id``, ``paragraph_id``, ``sentence_id`` (the first sentence of the unit where the
        code's words occur; the unit's first sentence for a code that matched by ``not`` alone),
        ``code``."""
        rows, cols = np.nonzero(self.matrix)
        out = self.units.iloc[rows].reset_index(drop=True).assign(code=np.asarray(self.codes, dtype=object)[cols])
        if len(self.hits):
            first = self.hits.groupby(["unit_id", "code"], sort=False)["sentence_id"].min()
            found = pd.MultiIndex.from_frame(out[["unit_id", "code"]]).map(first.to_dict().get)
            out["sentence_id"] = pd.Series(found, index=out.index).fillna(out["sentence_id"]).astype("int64")
        order = {c: i for i, c in enumerate(self.codes)}
        out["_code"] = out["code"].map(order)
        return out.sort_values(["_code"], kind="stable").drop(columns="_code").reset_index(drop=True)


def apply_codes(tokens: pd.DataFrame | TextIndex, sentences: pd.DataFrame | None, rules: CodeRules,
                unit: str = "sentence", splitter: Callable[[str], list[str]] | None = None) -> Coding:
    """Code every ``unit`` of the corpus with ``rules`` (see the module doc).

    ``tokens`` may be a :class:`TextIndex` already built (``sentences`` is then ignored).
    ``splitter``: base forms of a word the token table does not hold as one token (kiji passes its
    tokenizer, so 北朝鮮軍 in a rule matches 北朝鮮 + 軍)."""
    index = tokens if isinstance(tokens, TextIndex) else TextIndex(tokens, sentences, splitter)
    unit_of_sentence, units = index.units(unit)
    evaluator = _Evaluator(index, unit_of_sentence, len(units), rules)
    names = rules.names
    columns = [evaluator.code(n) for n in names]
    matrix = np.column_stack([m for m, _ in columns]) if columns else np.zeros((len(units), 0), bool)
    return Coding(unit, names, units, matrix, _hit_table(index, unit_of_sentence, units, names, columns))


class _Evaluator:
    """Each node of a rule → (unit mask, hits); each code evaluated once."""

    def __init__(self, index: TextIndex, unit_of_sentence: np.ndarray, n_units: int, rules: CodeRules):
        self.index, self.unit_of_sentence, self.n_units = index, unit_of_sentence, n_units
        self.by_name = {c.name: c for c in rules.codes}
        self.memo: dict[str, tuple[np.ndarray, _Hits]] = {}

    def code(self, name: str) -> tuple[np.ndarray, _Hits]:
        if name not in self.memo:
            mask, hits = self.evaluate(self.by_name[name].expr)
            self.memo[name] = (mask, hits.where(mask[self.unit_of_sentence[hits.sent]]))
        return self.memo[name]

    def mask_of(self, hits: _Hits) -> np.ndarray:
        mask = np.zeros(self.n_units, dtype=bool)
        mask[self.unit_of_sentence[hits.sent]] = True
        return mask

    def evaluate(self, expr) -> tuple[np.ndarray, _Hits]:
        if isinstance(expr, Ref):
            return self.code(expr.name)
        if isinstance(expr, Not):
            mask, _ = self.evaluate(expr.item)
            return ~mask, _Hits()
        if isinstance(expr, (And, Or)):
            results = [self.evaluate(item) for item in expr.items]
            combine = np.logical_and if isinstance(expr, And) else np.logical_or
            return combine.reduce([m for m, _ in results]), _Hits.concat([h for _, h in results])
        if isinstance(expr, Phrase):
            hits = self.index.spans(*self.index.phrase(expr.words))
        elif isinstance(expr, Raw):
            hits = self.index.raw(expr.text)
        elif isinstance(expr, Near):
            hits = self.near(expr)
        else:
            raise TypeError(f"not a rule node: {expr!r}")
        return self.mask_of(hits), hits

    def _keyed(self, first: np.ndarray) -> np.ndarray:
        """Unit and position of tokens as one sortable number (different units never within a window)."""
        return self.unit_of_sentence[self.index.tok_sent[first]] * (1 << 32) + self.index.tok_apos[first]

    def near(self, expr: Near) -> _Hits:
        index = self.index
        found = [index.phrase(item.words) for item in expr.items]
        anchor_first, anchor_last = found[0]
        unit_a = self.unit_of_sentence[index.tok_sent[anchor_first]]
        keep = np.ones(len(anchor_first), dtype=bool)
        prev_last = anchor_last
        parts = []
        for first, last in found[1:]:
            if not len(first):
                return _Hits()
            key = self._keyed(first)
            order = np.argsort(key, kind="stable")
            key, first, last = key[order], first[order], last[order]
            if expr.ordered:  # the next occurrence after the previous item, within the window
                ref = unit_a * (1 << 32) + index.tok_apos[prev_last]
                j = np.searchsorted(key, ref, side="right")
                chosen = np.minimum(j, len(key) - 1)
                gap = key[chosen] - ref
                ok = (j < len(key)) & (gap >= 1) & (gap <= expr.window)
            else:  # the nearest occurrence to the anchor, within the window
                ref = unit_a * (1 << 32) + index.tok_apos[anchor_first]
                j = np.searchsorted(key, ref)
                lo, hi = np.clip(j - 1, 0, len(key) - 1), np.clip(j, 0, len(key) - 1)
                d_lo, d_hi = np.abs(key[lo] - ref), np.abs(key[hi] - ref)
                chosen = np.where(d_lo <= d_hi, lo, hi)
                ok = np.minimum(d_lo, d_hi) <= expr.window
            keep &= ok
            parts.append((first[chosen], last[chosen]))
            prev_last = last[chosen]
        spans = [index.spans(anchor_first[keep], anchor_last[keep])]
        spans += [index.spans(f[keep], l_[keep]) for f, l_ in parts]
        return _Hits.concat(spans)


def _hit_table(index: TextIndex, unit_of_sentence: np.ndarray, units: pd.DataFrame, names: list[str],
               columns: list[tuple[np.ndarray, _Hits]]) -> pd.DataFrame:
    frames = []
    for name, (_, hits) in zip(names, columns):
        if not len(hits.sent):
            continue
        frame = pd.DataFrame({"code": name, "sent": hits.sent, "start": hits.start, "end": hits.end})
        frames.append(frame.drop_duplicates().sort_values(["sent", "start", "end"]))
    if not frames:
        return pd.DataFrame({"code": pd.Series(dtype=object), "unit_id": pd.Series(dtype=object),
                             "article_id": pd.Series(dtype=object), "sentence_id": pd.Series(dtype="int64"),
                             "start": pd.Series(dtype="int64"), "end": pd.Series(dtype="int64")})
    hits = pd.concat(frames, ignore_index=True)
    s = index.sentences
    return pd.DataFrame({"code": hits["code"].to_numpy(),
                         "unit_id": units["unit_id"].to_numpy()[unit_of_sentence[hits["sent"].to_numpy()]],
                         "article_id": s["article_id"].astype(str).to_numpy()[hits["sent"].to_numpy()],
                         "sentence_id": s["sentence_id"].to_numpy(np.int64)[hits["sent"].to_numpy()],
                         "start": hits["start"].to_numpy(np.int64), "end": hits["end"].to_numpy(np.int64)})
