"""Notebook parameters: declared once in each notebook, checked and typed before any work.

A report notebook declares its parameters in the cell tagged ``parameters``,
one annotated assignment per line, the help as the line's comment::

    KWIC_TERMS: str = ""  # words examined in context, comma-separated; empty: chosen from the corpus
    MAX_GROUPS: int = 12  # panels in the values chart

Types are ``str``, ``int``, ``float`` and ``bool`` (an assignment without an
annotation takes the type of its default).  :func:`declared` reads them from
the notebooks' source (never by running them); :func:`check` turns the
``NAME=VALUE`` strings of ``kiji report --param`` into typed values, or raises
:class:`ParamError` with one line: an unknown name lists the known ones, a
value of the wrong type says what was expected, and the names kiji sets itself
(:data:`RESERVED`) are refused.  Each notebook then receives only the
parameters it declares (:func:`for_notebook`).

>>> src = 'ARTICLES = "../seeds"\\nMAX_GROUPS: int = 12  # panels in the chart'
>>> [(p.name, p.type, p.default, p.help) for p in parse_cell(src)]
[('ARTICLES', 'str', '../seeds', ''), ('MAX_GROUPS', 'int', 12, 'panels in the chart')]
"""
from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Set by ``kiji report`` itself: the articles folder and the report's data folder.
RESERVED = {"ARTICLES": "--articles", "DATA_DIR": "--out (its data/ folder)"}
TYPES = ("str", "int", "float", "bool")
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


class ParamError(Exception):
    """A ``--param`` that cannot be used; ``str(exc)`` is one line."""


@dataclass
class Param:
    name: str
    type: str
    default: object
    help: str = ""
    notebooks: list[str] = field(default_factory=list)


def parse_cell(source: str, notebook: str = "") -> list[Param]:
    """The parameters a ``parameters`` cell declares (assignments of a literal to one name)."""
    lines = source.splitlines()
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParamError(f"{notebook or 'notebook'}: the parameters cell is not valid Python ({exc.msg})") from None
    out = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            name, annotation = node.target.id, ast.unparse(node.annotation)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, annotation = node.targets[0].id, ""
        else:
            continue
        try:
            default = ast.literal_eval(node.value)  # type: ignore[arg-type]  # value is set for both kinds
        except ValueError:
            raise ParamError(f"{notebook or 'notebook'}: parameter {name}: the default must be a literal") from None
        kind = annotation or type(default).__name__
        if kind not in TYPES:
            raise ParamError(f"{notebook or 'notebook'}: parameter {name}: type {kind} (use one of {', '.join(TYPES)})")
        rest = lines[node.end_lineno - 1][node.end_col_offset:].strip() if node.end_lineno else ""
        help_text = rest[1:].strip() if rest.startswith("#") else ""
        out.append(Param(name, kind, default, help_text, [notebook] if notebook else []))
    return out


def notebook_params(path: Path) -> list[Param]:
    """The parameters one notebook file declares (none when it has no ``parameters`` cell)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            return parse_cell(cell.source, Path(path).stem)
    return []


def declared(paths: Iterable[Path]) -> dict[str, Param]:
    """Every parameter the notebooks declare, by name (with the notebooks that declare it).  A name
    declared with two types is a mistake in the notebooks (:class:`ParamError`)."""
    out: dict[str, Param] = {}
    for path in paths:
        for p in notebook_params(path):
            if p.name in out:
                if out[p.name].type != p.type:
                    raise ParamError(f"parameter {p.name} is {out[p.name].type} in {out[p.name].notebooks[0]} "
                                     f"but {p.type} in {p.notebooks[0]}")
                out[p.name].notebooks += p.notebooks
            else:
                out[p.name] = p
    return out


def convert(value: object, kind: str) -> object:
    """``value`` (text from the command line, or a Python value) as ``kind``; ``ValueError`` with what
    was expected."""
    if not isinstance(value, str):
        if isinstance(value, bool) != (kind == "bool") or not isinstance(value, (int, float)):
            raise ValueError(f"expected {kind}, not {type(value).__name__}")
        if kind == "str" or (kind == "int" and not isinstance(value, int)):
            raise ValueError(f"expected {kind}, not {type(value).__name__}")
        return float(value) if kind == "float" else value
    if kind == "str":
        return value
    text = value.strip()
    if kind == "bool":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise ValueError("expected true or false")
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise ValueError("expected a whole number") from None
    try:
        number = float(text)
    except ValueError:
        raise ValueError("expected a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("expected a finite number")
    return number


def _shown(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _unencodable(text) else text


def _unencodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check(raw: dict[str, object], known: dict[str, Param]) -> dict[str, object]:
    """The ``--param`` values converted to their declared types, or :class:`ParamError` (one line)."""
    out: dict[str, object] = {}
    for name, value in raw.items():
        if name in RESERVED:
            raise ParamError(f"--param {name}: set by kiji report itself (use {RESERVED[name]})")
        if name not in known or name.startswith("_"):
            names = ", ".join(n for n in sorted(known) if n not in RESERVED) or "none"
            raise ParamError(f"--param {_shown(name)}: unknown parameter "
                             f"(known: {names}; see kiji report --list-params)")
        if isinstance(value, str) and _unencodable(value):
            raise ParamError(f"--param {name}={_shown(value)!r}: not valid UTF-8 text")
        try:
            out[name] = convert(value, known[name].type)
        except ValueError as exc:
            raise ParamError(f"--param {name}={value!r}: {exc} ({name} is {known[name].type})") from None
    return out


def for_notebook(values: dict[str, object], path: Path) -> dict[str, object]:
    """The subset of ``values`` that notebook ``path`` declares (papermill warns about the others)."""
    names = {p.name for p in notebook_params(path)}
    return {k: v for k, v in values.items() if k in names}


def listing(known: dict[str, Param]) -> str:
    """``kiji report --list-params``: one line per parameter (name, type, default, notebooks, help)."""
    rows = [(p.name, p.type, repr(p.default), ", ".join(p.notebooks), p.help)
            for p in known.values() if p.name not in RESERVED]
    if not rows:
        return "the notebooks declare no parameters"
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4] for r in sorted(rows))
