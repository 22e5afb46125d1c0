"""Step 5 of sourcing: second-hand attributions chained to the source that relays them.

Within one text unit (a sentence, or sentences joined while a 「 is open):

* ``Xによると、Yは…と述べた`` — Y reached the article through X: Y's
  ``via_attribution_id`` is X's id (``according_to``);
* ``WPは米高官の言葉を引用し…`` — the quoted official is relayed by the
  quoting outlet (``quoting`` ← ``quoter``);
* ``X氏はCNNに対し…語った`` — the statement reached the article through the
  outlet it was told to (``recipient``).

:func:`link` sets ``via_attribution_id`` on the rows of one unit, in place;
it only looks at rows of that unit, so it is linear in the article.
"""
from __future__ import annotations


def link(unit_rows: list[dict]) -> None:
    """Fill ``via_attribution_id`` (when still empty) for the rows of one unit, in order."""
    according: dict | None = None
    quoter: dict | None = None
    recipient: dict | None = None
    for r in unit_rows:
        pattern = r["pattern"]
        if pattern == "according_to":
            according = r
            continue
        if pattern == "quoter":
            quoter = r
            continue
        if pattern == "recipient":
            recipient = r
            continue
        if r["via_attribution_id"]:
            continue
        if pattern == "quoting" and quoter is not None:
            r["via_attribution_id"] = quoter["attribution_id"]
        elif recipient is not None and r.get("_recipient_of") == recipient["attribution_id"]:
            r["via_attribution_id"] = recipient["attribution_id"]
        elif according is not None and r["cue_type"] != "according_to":
            r["via_attribution_id"] = according["attribution_id"]
