"""The package tree follows the flow: no module imports from a later stage (checked on the source)."""
import ast
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "lib" / "kiji"
#: files → decode and normalize → sentences → tokens → analyses → the analyst's codes → the analyst's questions
#: (comparing groups) → the pipeline (the list of stages and tables) → notebooks, exports and reports
#: → the JupyterLab corpus object
STAGE = {"core": 0, "loading": 1, "tokens": 2, "terms": 3, "sourcing": 3, "escalation": 3, "claims": 4,
         "codes": 4.5, "questions": 5, "pipeline": 5.5, "report": 6, "explore": 7, "cli": 7, "__main__": 8, "__init__": 8}


def _stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    """Every kiji module a file imports, at module level or inside a function."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    here = list(rel.parts) if path.name != "__init__.py" else list(rel.parts[:-1]) + ["__init__"]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("kiji"):
                found.add(mod)
                found.update(f"{mod}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kiji"))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_back_up_the_flow(path):
    rel = path.relative_to(PACKAGE)
    own = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    for mod in _imports(path):
        other = _stage_of(mod)
        if other not in STAGE or other == own or mod == "kiji":
            continue
        assert STAGE[other] < STAGE[own], f"{rel} imports {mod}: stage {other} does not come before {own}"


def test_every_sub_package_has_a_stage():
    for folder in PACKAGE.iterdir():
        if folder.is_dir() and (folder / "__init__.py").exists():
            assert folder.name in STAGE, folder.name


def test_no_module_shadows_the_standard_library():
    names = {p.stem for p in MODULES} | {p.name for p in PACKAGE.iterdir() if p.is_dir()}
    clash = sorted(n for n in names if n in sys.stdlib_module_names)
    assert clash == []
