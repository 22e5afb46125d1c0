"""Step 4 of sourcing: anaphors resolved to the source they point back to.

:class:`Antecedents` remembers, in article order, the sources already cited.
:meth:`Antecedents.resolve` turns

* a pronoun (同氏, 彼, 彼女) into the last named person;
* 同 + a title, or a title alone (同大統領, 大統領, 英外相) into the last named
  person whose title ends the same way (and, when the title carries a
  country or body in front, whose role or side agrees with it);
* 同 + an outlet or institution suffix (同紙, 同省) into the last outlet /
  institution whose name ends with that suffix (or the last of that kind).

What cannot be resolved comes back with ``source_kind`` = ``unresolved``.
Lookups go backwards over at most :data:`WINDOW` remembered sources, so the
cost per anaphor is bounded, whatever the article length.
"""
from __future__ import annotations

from dataclasses import replace

from .phrases import Source

WINDOW = 50


class Antecedents:
    def __init__(self) -> None:
        self.seen: list[Source] = []

    def remember(self, src: Source) -> None:
        if src.source_kind in ("named_person", "media_outlet", "institution") and not src.anaphor:
            self.seen.append(src)
            if len(self.seen) > 2 * WINDOW:
                del self.seen[:WINDOW]

    def resolve(self, src: Source) -> Source:
        if not src.anaphor:
            return src
        hit = None
        recent = self.seen[::-1][:WINDOW]
        if src.anaphor == "person":
            hit = next((s for s in recent if s.source_kind == "named_person"), None)
        elif src.anaphor.startswith("title:"):
            hit = _by_title(src.title or src.anaphor[len("title:"):], recent)
            body = src.fallback
            if hit is not None and body is not None and body.source_kind != "anonymous" \
                    and body.canonical not in hit.role and body.canonical not in hit.source:
                hit = None  # 中国外務省の報道官 is not the 報道官 of another body
        elif src.anaphor.startswith("shape:"):
            suffix = src.anaphor[len("shape:"):]
            same = [s for s in recent if s.source_kind == src.source_kind]
            hit = next((s for s in same if s.source.endswith(suffix) or s.canonical.endswith(suffix)), None)
            hit = hit or (same[0] if same else None)
        if hit is None:
            if src.fallback is not None:
                return src.fallback  # the body the title belongs to, or an unnamed official
            return replace(src, source_kind="unresolved", anaphor="")
        return replace(hit, source=src.source, anaphor="")


def _by_title(title: str, recent: list[Source]) -> Source | None:
    for s in recent:
        if s.source_kind != "named_person" or not s.role:
            continue
        for k in range(len(title)):
            tail = title[k:]
            if len(tail) >= 1 and s.role.endswith(tail) and (len(tail) >= 2 or tail == title):
                prefix = title[:k]
                if not prefix or prefix in s.role or _agrees(prefix, s):
                    return s
                break
    return None


def _agrees(prefix: str, s: Source) -> bool:
    return bool(s.side) and s.side in prefix
