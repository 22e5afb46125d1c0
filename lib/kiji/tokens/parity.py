"""How far two tokenizers agree on the same sentences (janome vs MeCab).

:func:`compare` tokenizes ``sentences`` with both and returns a
:class:`Parity`: the share of identical tokens (same position, surface, base
form and part of speech with its three subcategories) and every difference,
classified by :func:`kind_of` into the kinds of :data:`KINDS`, each with the
reason it happens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .tokenizer import tokenize_sentences

KEY = ["article_id", "sentence_id", "start", "surface"]
TAGS = ["base_form", "pos", "pos1", "pos2", "pos3"]

#: kind -> why the tokenizers differ there
KINDS = {
    "symbol_pos": "ASCII punctuation runs ( ) / ? % ... (full-width brackets become ASCII under NFKC) are unknown "
                  "words to both; janome's unknown-word table tags the SYMBOL class 名詞,サ変接続, MeCab's ipadic "
                  "unk.def tags it 記号,一般. Content-word counts are unaffected: kiji drops tokens without a "
                  "letter, kana or kanji.",
    "latin_pos": "Latin-alphabet words are unknown words to both; janome tags the ALPHA class "
                 "名詞,固有名詞,組織, MeCab 名詞,一般. Both are nouns, so both count as content words.",
    "other_tags": "Same token, other base form or part of speech for a dictionary word: the two implementations "
                  "break a tie between equal-cost analyses differently.",
    "segmentation": "Different token boundaries, mostly in runs of unknown characters (katakana with ・, mixed "
                    "scripts) where each tokenizer groups unknown characters by its own rules.",
}

_WORD_CHAR = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9.\-']*$")


@dataclass
class Parity:
    n_janome: int
    n_mecab: int
    n_identical: int
    differences: pd.DataFrame  # one row per differing janome token: KEY, janome/mecab tags, kind

    @property
    def share(self) -> float:
        """Identical tokens (span, surface, base form, POS) over the larger token count."""
        return self.n_identical / max(self.n_janome, self.n_mecab, 1)

    @property
    def span_share(self) -> float:
        """Tokens with the same boundaries (whatever their tags) over the larger token count."""
        n_same_span = self.n_janome - int((self.differences["kind"] == "segmentation").sum())
        return n_same_span / max(self.n_janome, self.n_mecab, 1)

    def summary(self) -> str:
        lines = [f"identical tokens: {self.n_identical:,} of {max(self.n_janome, self.n_mecab):,} "
                 f"({self.share:.2%}); same boundaries {self.span_share:.2%}; "
                 f"janome {self.n_janome:,} tokens, MeCab {self.n_mecab:,}"]
        for kind, n in self.differences["kind"].value_counts().items():
            lines.append(f"  {kind}: {n} ({KINDS[kind]})")
        return "\n".join(lines)


def kind_of(surface: str, janome_pos: str, mecab_pos: str | None) -> str:
    """The kind of one difference (see :data:`KINDS`); ``mecab_pos`` None when MeCab has no token there."""
    if mecab_pos is None:
        return "segmentation"
    if not _WORD_CHAR.search(surface) and janome_pos.startswith("名詞,サ変接続") and mecab_pos.startswith("記号"):
        return "symbol_pos"
    if _LATIN.match(surface) and janome_pos.startswith("名詞") and mecab_pos.startswith("名詞"):
        return "latin_pos"
    return "other_tags"


def compare(sentences: pd.DataFrame) -> Parity:
    """Tokenize ``sentences`` with janome and MeCab and compare token by token."""
    j = tokenize_sentences(sentences, tokenizer="janome")
    m = tokenize_sentences(sentences, tokenizer="mecab")
    cols = KEY + TAGS
    jt, mt = j[cols].astype(str), m[cols].astype(str)
    merged = jt.merge(mt, on=KEY, how="left", suffixes=("_janome", "_mecab"), indicator=True)
    same_span = merged["_merge"] == "both"
    same_tags = same_span.copy()
    for tag in TAGS:
        same_tags &= merged[f"{tag}_janome"] == merged[f"{tag}_mecab"]
    diff = merged[~same_tags].copy()

    def pos(frame, side):
        return (frame[f"pos_{side}"] + "," + frame[f"pos1_{side}"] + "," + frame[f"pos2_{side}"]).where(
            frame["_merge"] == "both", None)
    diff["janome_pos"] = diff["pos_janome"] + "," + diff["pos1_janome"] + "," + diff["pos2_janome"]
    diff["mecab_pos"] = pos(diff, "mecab")
    diff["kind"] = [kind_of(s, jp, mp) for s, jp, mp in zip(diff["surface"], diff["janome_pos"], diff["mecab_pos"])]
    out = diff[KEY + ["janome_pos", "mecab_pos", "base_form_janome", "base_form_mecab", "kind"]]
    return Parity(n_janome=len(j), n_mecab=len(m), n_identical=int(same_tags.sum()),
                  differences=out.reset_index(drop=True))
