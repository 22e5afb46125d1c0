"""environment.yml must give conda users the same install as pyproject.toml."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = set(project["dependencies"]) | set(project["optional-dependencies"]["test"])
    env = (ROOT / "environment.yml").read_text()
    pip_items = set(re.findall(r'^\s+- "([^"]+)"\s*$', env, re.M))
    assert "-e .[test]" in pip_items, "environment.yml must install the project itself"
    assert pip_items - {"-e .[test]"} == wanted


def test_package_is_found_under_lib():
    import kiji

    assert Path(kiji.__file__).resolve().parent == ROOT / "lib" / "kiji"
    gitignore = (ROOT / ".gitignore").read_text().splitlines()
    assert not any(line.strip().rstrip("/") in ("lib", "/lib") for line in gitignore)
