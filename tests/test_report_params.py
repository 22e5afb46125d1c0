"""Notebook parameters: declared in each notebook, checked and typed before any work."""
from __future__ import annotations

import nbformat
import pytest

from kiji.cli import main
from kiji.report import params
from kiji.report.run import notebook_paths


def test_parse_cell_reads_types_defaults_and_help():
    src = ('ARTICLES: str = "../seeds"  # folder\n'
           'LIMIT: int = 10  # rows shown\n'
           'RATIO = 0.5\n'
           'FLAG: bool = False  # say more # (a hash inside the help)\n'
           'import os  # not a parameter\n')
    got = [(p.name, p.type, p.default, p.help) for p in params.parse_cell(src, "nb")]
    assert got == [("ARTICLES", "str", "../seeds", "folder"), ("LIMIT", "int", 10, "rows shown"),
                   ("RATIO", "float", 0.5, ""), ("FLAG", "bool", False, "say more # (a hash inside the help)")]


@pytest.mark.parametrize("src, message", [
    ("X: list = []", "type list"), ("X = compute()", "must be a literal"), ("X = (", "not valid Python")])
def test_a_bad_declaration_is_one_line(src, message):
    with pytest.raises(params.ParamError, match=message.replace("(", r"\(")):
        params.parse_cell(src, "nb")


KNOWN = {p.name: p for p in params.parse_cell(
    'ARTICLES: str = ""\nDATA_DIR: str = ""\nKWIC_TERMS: str = ""\nMAX_GROUPS: int = 12\n'
    'TOLERANCE: float = 0.03\nSHOW: bool = True')}


def test_values_are_converted_to_their_declared_type():
    got = params.check({"KWIC_TERMS": "停戦,制裁", "MAX_GROUPS": " 5", "TOLERANCE": "1e-2", "SHOW": "no"}, KNOWN)
    assert got == {"KWIC_TERMS": "停戦,制裁", "MAX_GROUPS": 5, "TOLERANCE": 0.01, "SHOW": False}
    assert type(got["MAX_GROUPS"]) is int
    assert params.check({"MAX_GROUPS": 7, "TOLERANCE": 1}, KNOWN) == {"MAX_GROUPS": 7, "TOLERANCE": 1.0}


@pytest.mark.parametrize("raw, message", [
    ({"KWIC_TERM": "x"}, "KWIC_TERM: unknown parameter (known: KWIC_TERMS, MAX_GROUPS, SHOW, TOLERANCE;"),
    ({"MAX_GROUPS": "five"}, "MAX_GROUPS='five': expected a whole number (MAX_GROUPS is int)"),
    ({"MAX_GROUPS": "5.5"}, "expected a whole number"),
    ({"TOLERANCE": "nan"}, "expected a finite number"),
    ({"SHOW": "maybe"}, "expected true or false"),
    ({"MAX_GROUPS": True}, "expected int, not bool"),
    ({"ARTICLES": "/tmp"}, "ARTICLES: set by kiji report itself (use --articles)"),
    ({"DATA_DIR": "/tmp"}, "DATA_DIR: set by kiji report itself"),
    ({"KWIC_TERMS": "\udcff\udcfe"}, r"not valid UTF-8 text"),
])
def test_a_bad_parameter_is_one_line(raw, message):
    with pytest.raises(params.ParamError) as err:
        params.check(raw, KNOWN)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_the_project_notebooks_declare_their_parameters_with_help():
    known = params.declared(notebook_paths())
    assert {"ARTICLES", "DATA_DIR", "KWIC_TERMS", "COLLOCATION_TERM", "TOLERANCE"} <= set(known)
    assert known["TOLERANCE"].type == "float" and known["MAX_GROUPS"].type == "int"
    for p in known.values():
        assert p.help, f"{p.name} has no help comment"
    for path in notebook_paths():
        names = [p.name for p in params.notebook_params(path)]
        assert names[:2] == ["ARTICLES", "DATA_DIR"], path.name


def test_two_types_for_one_name_is_refused(tmp_path):
    for name, src in (("01_a", "N: int = 1"), ("02_b", 'N: str = "1"')):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell(src)
        cell.metadata["tags"] = ["parameters"]
        nb.cells = [cell]
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
    with pytest.raises(params.ParamError, match="N is int in 01_a but str in 02_b"):
        params.declared(notebook_paths(tmp_path))


def test_cli_refuses_a_mistyped_name_before_any_work(tmp_path, seeds_dir, capsys):
    out = tmp_path / "out"
    assert main(["report", "--articles", str(seeds_dir), "--out", str(out), "--param", "KWIC_TERM=x"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "KWIC_TERMS" in err and "KWIC_TERM:" in err
    assert not out.exists()  # nothing was written, not even a staging folder
    assert main(["report", "--articles", str(seeds_dir), "--out", str(out), "--param", "MAX_GROUPS=x"]) == 2
    assert "expected a whole number" in capsys.readouterr().err
    assert main(["report", "--articles", str(seeds_dir), "--out", str(out), "--param", "DATA_DIR=/tmp"]) == 2
    assert "set by kiji report itself" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".out.kiji-*"))


def test_cli_lists_the_parameters(capsys):
    assert main(["report", "--list-params"]) == 0
    out = capsys.readouterr().out
    assert "KWIC_TERMS" in out and "MAX_GROUPS" in out and "int" in out and "ARTICLES" not in out
    assert main(["report", "--out", "x"]) == 2
    assert "needs --articles" in capsys.readouterr().err
