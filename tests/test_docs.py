"""Docs that cannot drift: README's module table and data/README.md's column lists are checked against the code."""
from __future__ import annotations

import re

import pytest

from kiji.core.schemas import SCHEMAS
from tests.conftest import ROOT

PACKAGE = ROOT / "lib" / "kiji"
TICKED = re.compile(r"`([^`]+)`")


def _module_table() -> dict[str, str]:
    """README's "sub-package | stage | modules" table: ``kiji.x`` → its modules cell."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| sub-package |"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[TICKED.fullmatch(cells[0]).group(1)] = cells[-1]
    return rows


def _top_level_items(cell: str) -> list[str]:
    """The comma-separated items of a cell, commas inside parentheses left alone."""
    items, depth, current = [], 0, ""
    for ch in cell:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    return [*items, current]


def _named_modules(cell: str) -> set[str]:
    """Module names a cell claims: the ticked names outside parentheses."""
    names = set()
    for item in _top_level_items(cell):
        outside = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", item)
        names.update(TICKED.findall(outside))
    return names


def test_readme_module_table_names_every_module_and_no_other():
    table = _module_table()
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert sorted(k.split(".", 1)[1] for k in table if (PACKAGE / k.split(".", 1)[1]).is_dir()) == packages
    for name, cell in table.items():
        sub = name.split(".", 1)[1]
        if not (PACKAGE / sub).is_dir():
            assert (PACKAGE / f"{sub}.py").is_file(), f"README names {name}, which does not exist"
            continue
        modules = {p.stem for p in (PACKAGE / sub).glob("*.py") if p.stem != "__init__"}
        named = _named_modules(cell)
        assert sorted(modules - named) == [], f"{name}: modules missing from README's table"
        assert sorted(named - modules) == [], f"{name}: README names modules that do not exist"


def _doc_of(name: str, text: str) -> str:
    """The paragraph of data/README.md documenting ``name`` (a bullet or a heading, to the next one)."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"^(- |#+ ).*`{re.escape(name)}`", line) and (line.startswith("#") or line.startswith(f"- `{name}`")):
            end = next((j for j in range(i + 1, len(lines)) if re.match(r"^(- `|#)", lines[j])), len(lines))
            return "\n".join(lines[i:end])
    return ""


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_data_readme_documents_every_column(name):
    schema = SCHEMAS[name]
    doc = _doc_of(name, (ROOT / "data" / "README.md").read_text(encoding="utf-8"))
    assert doc, f"data/README.md has no paragraph for {name}"
    if schema.format != "csv":
        return
    documented = set(TICKED.findall(doc))
    missing = [c.name for c in schema.columns if c.name not in documented]
    assert missing == [], f"data/README.md does not document {name}'s column(s) {missing}"
