"""Issue 12: pathological articles take linear time.

The bounds are generous (each case well under a second when linear, minutes
when quadratic), so these fail only when something is really quadratic.
"""
import re
import time
from pathlib import Path

import pytest

import kiji

BOUND = 20.0  # seconds per case on a shared 2-core machine; linear code needs ~1 s


def _folder(tmp_path, text: str) -> Path:
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return folder


CASES = {
    "cue_repeated": "猫の話\n" + "猫は述べ" * 2000 + "。\n",
    "spaces_after_date": "経済の話\n2024年1月5日" + " " * 40_000 + "日銀は利上げを決めたと述べた。\n",
    "spaces_after_header_date": "2024年1月5日" + " " * 40_000 + "日銀は利上げを決めた。\n景気の話が続く。\n",
    "spaces_after_iso_date": "2024-01-05" + " " * 40_000 + "x\n日銀は利上げを決めた。\n",
    "leading_html_comments": "<!-- -->" * 60 + " <p>日銀は利上げを決めた。</p>\n",
    "commas_before_according_to": "会議の話\n" + "米国、" * 3000 + "によると会議は延期された。\n",
    "open_quote_never_closed": "発言の話\n首相は「" + "増税はしない、" * 2000 + "と述べた。\n",
    "unclosed_html_comments": "<!--" * 5000 + "記事の本文です。\n",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_pathological_article_exports_in_linear_time(tmp_path, monkeypatch, case):
    from kiji.report.export import all_tables

    monkeypatch.setenv("KIJI_CACHE", "off")
    start = time.monotonic()
    corpus = kiji.load_corpus(_folder(tmp_path, CASES[case]))
    tables = all_tables(corpus)
    elapsed = time.monotonic() - start
    assert elapsed < BOUND, f"{case}: {elapsed:.1f} s"
    assert len(tables["articles"]) == 1


def test_large_article_shows_progress(tmp_path, monkeypatch, capsys):
    from kiji.core import cache

    monkeypatch.setenv("KIJI_CACHE", "off")
    monkeypatch.setattr(cache, "LARGE_ARTICLE_CHARS", 2_000)
    text = "景気の話\n" + "政府は景気対策をまとめ、首相は「着実に実行する」と述べた。\n" * 200
    corpus = kiji.load_corpus(_folder(tmp_path, text))
    monkeypatch.setitem(cache.PROGRESS, "enabled", True)
    from kiji.sourcing.extract import extract_sources

    extract_sources(corpus.sentences)
    err = capsys.readouterr().err
    assert re.search(r"sources: a \(\d+ characters\)", err)


def _nested_unbounded(tree, inside=False) -> bool:
    """True if a repeat with no upper bound contains another one (possessive repeats are safe)."""
    from re import _constants as c

    for op, arg in tree:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, hi, sub = arg
            unbounded = hi == c.MAXREPEAT
            if unbounded and inside:
                return True
            if _nested_unbounded(sub, inside or unbounded):
                return True
        elif op in (c.SUBPATTERN,):
            if _nested_unbounded(arg[-1], inside):
                return True
        elif op == c.BRANCH:
            if any(_nested_unbounded(b, inside) for b in arg[1]):
                return True
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if _nested_unbounded(arg[1], inside):
                return True
    return False


def _library_patterns():
    import importlib
    import pkgutil

    seen = {}
    for info in pkgutil.walk_packages(kiji.__path__, "kiji."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                seen[f"{info.name}.{name}"] = value
    return seen


def test_no_regex_with_nested_unbounded_quantifiers():
    from re import _parser

    offenders = [name for name, pattern in _library_patterns().items()
                 if isinstance(pattern.pattern, str) and _nested_unbounded(_parser.parse(pattern.pattern, pattern.flags))]
    assert offenders == []


def test_the_nested_quantifier_check_can_fail():
    from re import _parser

    assert _nested_unbounded(_parser.parse(r"(a+b)*c"))
    assert _nested_unbounded(_parser.parse(r"x(?:<!--.*?-->\s*)*"))
    assert not _nested_unbounded(_parser.parse(r"(?:ab)*c+"))
    assert not _nested_unbounded(_parser.parse(r"(?:a++b?)*c"))
