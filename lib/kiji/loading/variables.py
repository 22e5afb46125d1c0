"""External variables of an article: ``folder`` and ``category`` (the analyst's own columns come
from ``metadata.csv``, :mod:`kiji.loading.overrides`).

``folder``
    the sub-folder of the file, relative to the articles folder (``sports`` or ``2024/sports``;
    ``""`` for a file directly in it).  Only a ``--recursive`` load has sub-folders.
``category``
    read from the file's name, its URL or its folder by the patterns of ``data/categories.csv``
    (the first pattern that matches wins; its first group is the category), e.g. the livedoor
    news corpus names its files ``it-life-hack-6300066.txt`` → ``it-life-hack``.  A
    ``category`` row of ``metadata.csv`` wins over any pattern.  ``category_source`` says where
    the value came from: ``file_name``, ``url``, ``folder``, ``override`` or ``""``.

``data/categories.csv`` (columns ``pattern``, ``applies_to``, ``note``) is validated when read:
a pattern that is not a regular expression, or that has more than one group, stops the run with
one line naming the file and line.  A data folder without the file has no category patterns.

>>> import pandas as pd
>>> rules = category_rules(pd.DataFrame({"pattern": [r"^([a-z][a-z-]*[a-z])-\\d+\\.txt$"],
...                                      "applies_to": ["file_name"], "_line": [2]}))
>>> category_of(rules, file_name="it-life-hack-6300066.txt", url="", folder="")
('it-life-hack', 'file_name')
>>> category_of(rules, file_name="memo.txt", url="", folder="")
('', '')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..core.paths import data_dir
from ..core.vocab import VocabError, built

CATEGORIES = "categories.csv"
APPLIES_TO = ("file_name", "url", "folder")


@dataclass(frozen=True)
class CategoryRule:
    pattern: re.Pattern
    applies_to: str
    line: int


def category_rules(table: pd.DataFrame) -> list[CategoryRule]:
    """Compiled rules of a validated ``categories.csv`` table (with its ``_line`` column); a bad
    pattern raises :class:`~kiji.core.vocab.VocabError` naming the line."""
    rules = []
    for pattern, applies_to, line in zip(table["pattern"], table["applies_to"], table["_line"]):
        where = f"{data_dir().name}/{CATEGORIES} line {line}: column 'pattern'"
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise VocabError(f"{where}: {pattern!r} is not a regular expression ({exc})") from None
        if compiled.groups > 1:
            raise VocabError(f"{where}: {pattern!r} has {compiled.groups} groups; "
                             "use one group for the category, (?:...) for the others")
        rules.append(CategoryRule(compiled, applies_to, int(line)))
    return rules


def _build(snap) -> list[CategoryRule]:
    return category_rules(snap.table(CATEGORIES, line_numbers=True))


def load_category_rules() -> list[CategoryRule]:
    """The rules of the current data folder's ``categories.csv`` (none when it has no such file)."""
    if not (data_dir() / CATEGORIES).exists():
        return []
    return built([CATEGORIES], _build)[1]


def category_of(rules: list[CategoryRule], file_name: str, url: str, folder: str) -> tuple[str, str]:
    """``(category, where it was read)`` by the first rule that matches; ``("", "")`` when none does."""
    values = {"file_name": file_name, "url": url, "folder": folder}
    for rule in rules:
        text = values[rule.applies_to]
        if not text:
            continue
        found = rule.pattern.search(text)
        if found:
            value = (found.group(1) if rule.pattern.groups else found.group(0)) or ""
            if value.strip():
                return value.strip(), rule.applies_to
    return "", ""
