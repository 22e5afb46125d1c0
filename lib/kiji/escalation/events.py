"""Dated events: the date expressions of each sentence, tagged with its escalation category.

``events(sentences, articles, escalation)`` runs :func:`kiji.loading.dates.find_dates`
over every sentence and adds what the sentence is about (its highest-rung
escalation category), so a timeline can be drawn from the ``escalation`` table.
"""
from __future__ import annotations

import re

import pandas as pd

from ..core.failures import record
from ..loading.dates import find_dates

#: A photo caption: "記者会見する報道官=21日、北京(共同)", "…撮影", "写真は…": its dates date the photo, not an event.
CAPTION = re.compile(r"=\s*[^。=]{0,40}(?:\([^()]{1,20}\)|撮影)\s*$|^写真[はで:]|撮影\)?\s*$"
                     r"|\(\d{4}年\s*[^()]*/[^()]*\)\s*$")


def is_caption(text: str) -> bool:
    """True for a photo caption (a line or sentence that labels a picture)."""
    return bool(CAPTION.search(text.strip()))

#: Columns of :func:`events`.
EVENT_COLUMNS = [
    "article_id", "sentence_id", "date_text", "date", "precision", "resolved_from",
    "start", "end", "category", "level", "categories",
]

def _published_map(articles) -> dict[str, str]:
    if articles is None:
        return {}
    if isinstance(articles, dict):
        return {str(k): ("" if v is None else str(v)) for k, v in articles.items()}
    return {str(a): ("" if p is None or p != p else str(p))
            for a, p in zip(articles["article_id"], articles["published"])}


def events(sentences: pd.DataFrame, articles=None, escalation: pd.DataFrame | None = None,
           failures: list | None = None) -> pd.DataFrame:
    """Dated events: one row per date expression in ``sentences.text_norm``.

    ``articles``: ``corpus.articles`` (``article_id``, ``published``) or a dict
    article_id → ISO date; articles missing from it count as undated.
    ``escalation``: rows from :func:`kiji.escalation.detector.analyze` to tag each
    date with what its sentence is about.  ``failures``: a list that receives a
    :class:`~kiji.core.failures.Failure` for each article whose dates cannot be read.

    Photo captions (:func:`is_caption`) give no events: their dates say when a
    picture was taken.

    Columns: ``article_id`` (str), ``sentence_id`` (int), ``date_text``
    (as written in ``text_norm``), ``date`` (ISO at the precision: ``2024-11-17``,
    ``2024-09``, ``1994``; "" when unresolved), ``precision`` (day / month /
    year), ``resolved_from`` (absolute / article date / inferred year /
    unresolved), ``start``/``end`` (offsets in ``text_norm``), ``category``
    and ``level`` (the sentence's highest-rung escalation category, "" / -1
    if none), ``categories`` (all of the sentence's categories, highest rung
    first, "; "-joined).
    """
    pub = _published_map(articles)
    tags: dict[tuple[str, int], tuple[str, int, str]] = {}
    if escalation is not None and len(escalation):
        esc = escalation.sort_values(["level"], ascending=False, kind="stable")
        for (aid, sid), grp in esc.groupby(["article_id", "sentence_id"], sort=False):
            names = list(dict.fromkeys(grp["category"]))
            tags[(str(aid), int(sid))] = (names[0], int(grp["level"].iloc[0]), "; ".join(names))
    rows: list[tuple] = []
    failed: set[str] = set()
    for aid, sid, text in zip(sentences["article_id"], sentences["sentence_id"], sentences["text_norm"]):
        aid, sid = str(aid), int(sid)
        if aid in failed or is_caption(str(text)):
            continue
        try:
            found = find_dates(str(text), pub.get(aid, ""))
        except Exception as exc:  # one article's dates never stop the others
            record(failures, "events", aid, exc)
            failed.add(aid)
            rows = [r for r in rows if r[0] != aid]
            continue
        for d in found:
            cat, lvl, cats = tags.get((aid, sid), ("", -1, ""))
            rows.append((aid, sid, d.date_text, d.date, d.precision, d.resolved_from,
                         d.start, d.end, cat, lvl, cats))
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).astype(
        {"article_id": "str", "sentence_id": "int64", "start": "int64", "end": "int64", "level": "int64"}
    )
