"""The claims ledger: every quantity of a corpus, normalized, attributed and reconciled.

``claims_table(corpus_or_sentences, sources=None)`` returns one row per
quantity claim (tidy, long), columns:

==============  ==================================================================
article_id      article the claim comes from
sentence_id     sentence within the article (``sentences`` table)
text            the sentence, as displayed
raw_value       the numeral as written (``1万1000``, ``数千``, ``3〜5``)
raw_unit        the unit or counter as written (``人``, ``マイル``, ``キロ``)
value           point value in ``unit`` (middle of a range / vague numeral)
unit            the unit shown (``claim_units.csv`` ``display``, else the canonical unit: cm, m, km,
                USD, 人, 時間, 日, % …): 約8センチ is 8 cm, 3時間 is 3 時間
low, high       bounds in ``unit`` from the numeral's range and the
                qualifiers (``inf`` = open upper end)
subject         the noun phrase quantified, as written ("" = unresolved)
source          who the sentence attributes it to (sourcing table), "" when none
group_id        ``G001`` …: claims about the same thing (see :mod:`.reconcile`)
status          ``consistent`` / ``differs`` / ``conflicting`` / ``single``
place           the place the quantity is stated for (``東海で200ミリ``, ``珠洲市の6人``,
                ``東海地方が130ミリ``: a place phrase right before it, see ``claim_places.csv``), "" when none;
                claims of different places never share a group
expression      the whole expression (``約1万1000人``)
qualifier       qualifiers found, joined by ``+`` (``約``, ``以上``)
kind            unit kind (people, length, currency, duration …)
subject_group   the subject after the aliases of ``claim_subjects.csv``; ``(増減)`` is
                appended when the quantity is a change (followed by a change word of
                ``claim_changes.csv``: 減, 増, 上昇, 高, 安 …),
                so a change never joins the level it changes
subject_rule    which rule found the subject (apposition, modifies, part_of, agent_of, topic,
                relative, list_topic, sentence_topic, coordinated, parenthetical)
start, end      character span of the expression in ``text_norm``
scope           ``corpus``: the claim groups with claims of other articles; ``article``: its subject is one
                bare dictionary noun that is no alias of ``claim_subjects.csv`` (年収, 価格, 人口): whose
                income or price it is goes unsaid, so it groups only inside its own article
base_unit       the canonical unit claims are compared and grouped in (km, 日, JPY …)
scale           ``value × scale`` is the value in ``base_unit`` (0.00001 for cm → km)
==============  ==================================================================

``numbers_table`` lists every numeral with its role (quantity, date, time,
ordinal, name, no_unit) so nothing is dropped silently.
"""
from __future__ import annotations

import re

import pandas as pd

from .extract import Tok, find_mentions
from .normalize import normalize_mention, with_rate
from .reconcile import DEFAULT_TOLERANCE, reconcile
from .subjects import Grammar, find_place, find_subject, subject_group
from .vocab import DATA_FILES, ClaimVocab, from_snapshot

CLAIM_COLUMNS = ["article_id", "sentence_id", "text", "raw_value", "raw_unit", "value", "unit", "low", "high",
                 "subject", "source", "group_id", "status", "place", "expression", "qualifier", "kind",
                 "subject_group", "subject_rule", "start", "end", "base_unit", "scale", "scope"]
NUMBER_COLUMNS = ["article_id", "sentence_id", "expression", "role", "start", "end"]
HAS_NUMERAL = re.compile(r"[0-9〇一二三四五六七八九十百千万億兆数]")


def _sentences(corpus_or_sentences) -> pd.DataFrame:
    sents = getattr(corpus_or_sentences, "sentences", corpus_or_sentences)
    sents = sents.copy()
    if "text_norm" not in sents.columns:
        from kiji.core.textnorm import normalize_text
        sents["text_norm"] = sents["text"].map(normalize_text)
    if "text" not in sents.columns:
        sents["text"] = sents["text_norm"]
    return sents


#: the columns of the tokens stage that claims reads
TOKEN_FIELDS = ["article_id", "sentence_id", "start", "surface", "pos", "pos1", "base_form", "pos2"]


def token_lists(tokens: pd.DataFrame) -> dict[tuple[str, int], list[Tok]]:
    """The token rows of the ``tokens`` stage as :class:`~kiji.claims.extract.Tok` lists, per sentence."""
    out: dict[tuple[str, int], list[Tok]] = {}
    if tokens is None or tokens.empty:
        return out
    columns = [tokens[c].tolist() for c in TOKEN_FIELDS]
    for aid, sid, start, surface, pos, pos1, base_form, pos2 in zip(*columns):
        out.setdefault((str(aid), int(sid)), []).append(
            Tok(start, start + len(surface), surface, pos, pos1, base_form, pos2))
    return out


def _numeral_sentences(sents: pd.DataFrame) -> pd.DataFrame:
    """The sentences that hold a numeral: the only ones :func:`_mentions` reads."""
    return sents[sents["text_norm"].fillna("").str.contains(HAS_NUMERAL)]


def _mentions(sents: pd.DataFrame, tokens: dict[tuple[str, int], list[Tok]], vocab: ClaimVocab):
    for r in _numeral_sentences(sents).itertuples(index=False):
        toks = tokens.get((str(r.article_id), int(r.sentence_id)), [])
        for m in find_mentions(r.text_norm, vocab, toks):
            yield r, toks, m, vocab


def numbers_table(corpus_or_sentences, *, run=None) -> pd.DataFrame:
    """Every numeral of the sentences with its ``role`` (see :mod:`.extract`); the tokens are the
    ``tokens`` stage's rows of ``run`` (default: :func:`kiji.core.run.default_run`)."""
    from kiji.core.run import default_run
    from kiji.tokens import STAGE as TOKENS

    run = run or default_run()
    sents = _sentences(corpus_or_sentences)
    return numbers(sents, run.table(TOKENS, sents) if not sents.empty else None, run.data_dir)


def numbers(sentences: pd.DataFrame, token_rows: pd.DataFrame | None, data_dir=None) -> pd.DataFrame:
    """:func:`numbers_table` from the ``tokens`` stage's rows already computed (``data_dir``: the data
    folder whose claim vocabulary is read; None: the default one)."""
    from kiji.core.vocab import snapshot

    sents = _sentences(sentences)
    tokens = token_lists(token_rows) if token_rows is not None and not sents.empty else {}
    vocab = from_snapshot(snapshot(DATA_FILES, data_dir))
    rows = [(str(r.article_id), int(r.sentence_id), m.expression, m.role, m.start, m.end)
            for r, _, m, _ in _mentions(sents, tokens, vocab)]
    return pd.DataFrame(rows, columns=NUMBER_COLUMNS)


def _source_lookup(sources: pd.DataFrame | None) -> dict[tuple[str, int], str]:
    if sources is None or sources.empty:
        return {}
    out: dict[tuple[str, int], list[str]] = {}
    for aid, sid, src in zip(sources["article_id"], sources["sentence_id"], sources["source"]):
        names = out.setdefault((str(aid), int(sid)), [])
        if src and src not in names:
            names.append(src)
    return {k: "; ".join(v) for k, v in out.items()}


#: between two coordinated quantities: 宮城県で2人、福島県で1人の合わせて3人が死亡
COORDINATED = re.compile(r"^(?:、[^、。「」]{0,12}|の?(?:合わせて|あわせて|計)[^、。]{0,4})$")
#: between the last item of a list and its total: 輪島市の3人のあわせて13人
TOTAL = re.compile(r"^の?、?(?:合わせて|あわせて|計|合計)$")


def _share_coordinated_subjects(rows: list[dict], sents: pd.DataFrame) -> None:
    """An unresolved quantity coordinated with the next one of the same unit in its sentence
    (``XでN人、YでM人がけがをした``) takes that one's subject (``subject_rule`` = coordinated);
    an unresolved quantity in parentheses right after another (``90万人(0.75%)``, ``120人(前年比5%増)``) takes the
    other's subject (``parenthetical``)."""
    norm = dict(zip(zip(sents["article_id"].astype(str), sents["sentence_id"].astype(int)), sents["text_norm"]))
    for i in range(len(rows) - 2, -1, -1):
        r, nxt = rows[i], rows[i + 1]
        same_sentence = (r["article_id"], r["sentence_id"]) == (nxt["article_id"], nxt["sentence_id"])
        if r["subject"] or not nxt["subject"] or not same_sentence or r["unit"] != nxt["unit"]:
            continue
        between = norm[(r["article_id"], r["sentence_id"])][r["end"]:nxt["start"]]
        if COORDINATED.match(between):
            r["subject"], r["subject_rule"] = nxt["subject"], "coordinated"
            r["subject_group"] = nxt["subject_group"]
    # 90万人(0.75%)減: a quantity in parentheses right after another one is about the same thing;
    # 珠洲市の6人、輪島市の3人のあわせて9人: a total takes the subject of the items it adds up
    for prev, r in zip(rows, rows[1:]):
        text = norm[(r["article_id"], r["sentence_id"])]
        between = text[prev["end"]:r["start"]]
        same_sentence = (prev["article_id"], prev["sentence_id"]) == (r["article_id"], r["sentence_id"])
        if not (prev["subject"] and same_sentence):
            continue
        if re.fullmatch(r"\([^()]{0,6}", between) and (not r["subject"] or r["subject"] in between):
            r["subject"], r["subject_rule"] = prev["subject"], "parenthetical"
            r["subject_group"] = prev["subject_group"]
        elif not r["subject"] and r["unit"] == prev["unit"] and TOTAL.match(between):
            r["subject"], r["subject_rule"] = prev["subject"], "coordinated"
            r["subject_group"] = prev["subject_group"]


CHANGE_LABEL = "(増減)"

#: columns of the ``claims`` stage's rows (before reconciliation)
ROW_COLUMNS = [c for c in CLAIM_COLUMNS if c not in ("group_id", "status")]
#: data files the per-article rows depend on (the user dictionary reaches them through the tokens)
CLAIM_DATA_FILES = DATA_FILES


def _row(r, toks: list[Tok], m, vocab: ClaimVocab, grammar: Grammar) -> dict:
    norm = normalize_mention(m, vocab)
    verb_qualifier = bool(m.qualifiers and m.expression.endswith(m.qualifiers[-1]))
    subject, rule = (find_subject(r.text_norm, toks, m.start, m.end, norm.kind, predicate=verb_qualifier,
                                  grammar=grammar) if toks else ("", ""))
    if m.rate is None and subject:  # 最大風速は45メートル: a speed, per second (claim_rates.csv)
        norm = with_rate(norm, vocab.rate_of_subject(subject))
    return {
        "article_id": str(r.article_id), "sentence_id": int(r.sentence_id), "text": r.text,
        "raw_value": m.numeral.text, "raw_unit": m.raw_unit, "value": norm.value, "unit": norm.unit,
        "low": norm.low, "high": norm.high, "subject": subject,
        "place": find_place(r.text_norm, toks, m.start, grammar) if toks else "",
        "expression": m.expression, "qualifier": "+".join(m.qualifiers), "kind": norm.kind,
        "subject_group": subject_group(subject, vocab.subjects), "subject_rule": rule,
        "start": m.start, "end": m.end, "base_unit": norm.base_unit or norm.unit, "scale": norm.scale,
        "scope": "article" if _bare_noun(subject, r.text_norm, m.start, toks, vocab) else "corpus",
        "_change": vocab.change_after(r.text_norm[m.end:]),
    }


def _bare_noun(subject: str, text: str, before: int, toks: list[Tok], vocab: ClaimVocab) -> bool:
    """``subject`` is one dictionary common noun with no alias in ``claim_subjects.csv`` (年収, 価格)."""
    if not subject or any(subject.endswith(alias) for alias in vocab.subjects):
        return False
    at = text.rfind(subject, 0, before)
    inside = [t for t in toks if at <= t.start and t.end <= at + len(subject)] if at >= 0 else []
    return len(inside) == 1 and inside[0].pos == "名詞" and inside[0].pos1 in ("一般", "サ変接続")


def article_rows(sents: pd.DataFrame, tokens: pd.DataFrame, sources: pd.DataFrame | None,
                 vocab: ClaimVocab) -> pd.DataFrame:
    """Claims of one article's sentences (columns :data:`ROW_COLUMNS`), before reconciliation:
    ``tokens`` and ``sources`` are the article's rows of the ``tokens`` and ``sources`` stages."""
    grammar = Grammar(vocab.change_after, vocab.bases, vocab.place_heads)
    cand = _numeral_sentences(sents)
    if tokens is not None and not tokens.empty:  # Tok objects only for the sentences that hold a numeral
        tokens = tokens[tokens["sentence_id"].isin(cand["sentence_id"])]
    rows = [_row(r, toks, m, vocab, grammar) for r, toks, m, _ in _mentions(cand, token_lists(tokens), vocab)
            if m.role == "quantity"]
    _share_coordinated_subjects(rows, sents)
    attributed = _source_lookup(sources)
    for row in rows:  # a change is never grouped with the level it changes
        if row.pop("_change") and row["subject_group"]:
            row["subject_group"] += CHANGE_LABEL
        row["source"] = attributed.get((row["article_id"], row["sentence_id"]), "")
    return _typed(pd.DataFrame(rows, columns=ROW_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for c in ("value", "low", "high", "scale"):
        frame[c] = frame[c].astype(float)
    for c in ("sentence_id", "start", "end"):
        frame[c] = frame[c].astype("int64")
    return frame


def claims_table(corpus_or_sentences, sources: pd.DataFrame | None = None, *,
                 tolerance: float = DEFAULT_TOLERANCE, run=None) -> pd.DataFrame:
    """The claims ledger (columns :data:`CLAIM_COLUMNS`) of a corpus or a sentences table.

    The per-article rows are the ``claims`` stage (:mod:`kiji.claims.stage`) of ``run``
    (default: :func:`kiji.core.run.default_run`): cached per article, computed from the
    article's tokens and sources.  ``sources``: another sourcing table (``article_id``,
    ``sentence_id``, ``source``) to attribute the claims with instead of the ``sources`` stage.
    """
    from kiji.core.run import default_run

    from .stage import STAGE, UNATTRIBUTED

    sents = _sentences(corpus_or_sentences)
    stage = STAGE if sources is None else UNATTRIBUTED
    rows = (run or default_run()).table(stage, sents) if not sents.empty else None
    if sources is not None and rows is not None:
        attributed = _source_lookup(sources)
        rows = rows.assign(source=[attributed.get((a, int(s)), "") for a, s in
                                   zip(rows["article_id"], rows["sentence_id"])])
    return ledger(rows, tolerance)


def ledger(rows: pd.DataFrame | None, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """The ``claims`` stage's rows reconciled: groups and statuses (columns :data:`CLAIM_COLUMNS`)."""
    if rows is None or rows.empty:
        rows = pd.DataFrame({c: pd.Series(dtype=float if c in ("value", "low", "high", "scale") else
                                           "int64" if c in ("sentence_id", "start", "end") else str)
                             for c in ROW_COLUMNS})
    claims = reconcile(rows.reset_index(drop=True), tolerance)[CLAIM_COLUMNS]
    return _typed(claims).reset_index(drop=True)


def tables(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Tables for ``kiji export`` from the ``claims`` stage's rows: ``claims`` (the ledger)."""
    return {"claims": ledger(rows)}
