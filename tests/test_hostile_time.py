"""Issue 12: pathological articles take linear time.

The bounds are generous (each case well under a second when linear, minutes
when quadratic), so these fail only when something is really quadratic.
"""
import re
import time
import unicodedata
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
    "numeral_run": "予算の話\n予算は" + "1万" * 3000 + "円だった。\n",
    "leading_html_comments": "<!-- -->" * 60 + " <p>日銀は利上げを決めた。</p>\n",
    "commas_before_according_to": "会議の話\n" + "米国、" * 3000 + "によると会議は延期された。\n",
    "open_quote_never_closed": "発言の話\n首相は「" + "増税はしない、" * 2000 + "と述べた。\n",
    "unclosed_html_comments": "<!--" * 5000 + "記事の本文です。\n",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_pathological_article_exports_in_linear_time(tmp_path, monkeypatch, case):
    from kiji.core.parallel import InProcess
    from kiji.core.run import Run
    from kiji.report.export import all_tables

    run = Run(cache=None, executor=InProcess())
    start = time.monotonic()
    corpus = kiji.load_corpus(_folder(tmp_path, CASES[case]), run=run)
    tables = all_tables(corpus, run=run)
    elapsed = time.monotonic() - start
    assert elapsed < BOUND, f"{case}: {elapsed:.1f} s"
    assert len(tables["articles"]) == 1


def test_large_article_shows_progress(tmp_path, monkeypatch, capsys):
    from kiji.core import run as runs

    monkeypatch.setattr(runs, "LARGE_ARTICLE_CHARS", 2_000)
    text = "景気の話\n" + "政府は景気対策をまとめ、首相は「着実に実行する」と述べた。\n" * 200
    corpus = kiji.load_corpus(_folder(tmp_path, text))
    from kiji.sourcing.extract import extract_sources

    extract_sources(corpus.sentences, run=runs.Run(cache=None, executor=runs.InProcess(), progress=True))
    err = capsys.readouterr().err
    assert re.search(r"sources: a \(\d+ characters\)", err)


def _char_nodes(tree):
    """Every single-character matcher in ``tree`` (assertions left out)."""
    from re import _constants as c

    for op, arg in tree:
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY, c.CATEGORY):
            yield op, arg
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            yield from _char_nodes(arg[2])
        elif op in (c.SUBPATTERN, c.ATOMIC_GROUP):
            yield from _char_nodes(arg[-1])
        elif op == c.BRANCH:
            for branch in arg[1]:
                yield from _char_nodes(branch)


def _matches(node, ch: str) -> bool:
    """Can the single-character matcher ``node`` match ``ch``? (True when unsure.)"""
    from re import _constants as c

    op, arg = node
    if op == c.LITERAL:
        return ord(ch) == arg
    if op == c.IN:
        hit, negate = False, False
        for kind, value in arg:
            if kind == c.NEGATE:
                negate = True
            elif kind == c.LITERAL:
                hit |= ord(ch) == value
            elif kind == c.RANGE:
                hit |= value[0] <= ord(ch) <= value[1]
            elif kind == c.CATEGORY and value in _CATEGORIES:
                hit |= _CATEGORIES[value](ch)
            else:  # anything else: assume it can
                return True
        return hit != negate
    return True


def _category_tests():
    from re import _constants as c

    word = lambda ch: ch.isalnum() or ch == "_"  # noqa: E731
    return {c.CATEGORY_DIGIT: lambda ch: unicodedata.category(ch) == "Nd",
            c.CATEGORY_NOT_DIGIT: lambda ch: unicodedata.category(ch) != "Nd",
            c.CATEGORY_SPACE: str.isspace, c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
            c.CATEGORY_WORD: word, c.CATEGORY_NOT_WORD: lambda ch: not word(ch)}


_CATEGORIES = _category_tests()


def _guard(tree) -> set[str] | None:
    """Characters one of which must start the sequence ``tree`` (None when not that simple)."""
    from re import _constants as c

    if not tree:
        return None
    op, arg = tree[0]
    if op == c.LITERAL:
        return {chr(arg)}
    if op == c.IN and all(kind == c.LITERAL for kind, _ in arg):
        return {chr(value) for _, value in arg}
    return None


def _repeat_is_nested(arg, inside) -> bool:
    from re import _constants as c

    lo, hi, sub = arg
    unbounded = hi == c.MAXREPEAT
    if unbounded and inside is not None:
        if inside == "any" or any(_matches(n, ch) for n in _char_nodes(sub) for ch in inside):
            return True
    if unbounded:
        return _nested_unbounded(sub, _guard(list(sub)) or "any")
    return _nested_unbounded(sub, inside)


def _nested_unbounded(tree, inside=None) -> bool:
    """True if a repeat with no upper bound contains another one that could consume what starts the
    outer repetition (so a run can be split in many ways). Possessive repeats and atomic groups are
    safe; an outer repetition that starts with a delimiter no inner repeat can match is safe too."""
    from re import _constants as c

    for op, arg in tree:
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            nested = _repeat_is_nested(arg, inside)
        elif op == c.SUBPATTERN:
            nested = _nested_unbounded(arg[-1], inside)
        elif op == c.BRANCH:
            nested = any(_nested_unbounded(b, inside) for b in arg[1])
        elif op in (c.ASSERT, c.ASSERT_NOT):
            nested = _nested_unbounded(arg[1], inside)
        else:
            nested = False
        if nested:
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
    assert not _nested_unbounded(_parser.parse(r"\d+(?:[万億]\d*)*"))  # a delimiter starts each repetition
    assert _nested_unbounded(_parser.parse(r"\d+(?:[万億0]\d*)*"))


def test_numeral_finder_is_linear_on_a_run_of_units():
    from kiji.claims.numerals import find_numerals

    start = time.monotonic()
    found = find_numerals("予算は" + "1万" * 20_000 + "円")
    assert time.monotonic() - start < 5
    assert found and found[-1].text == "1万"


def test_subject_finder_looks_up_neighbours_by_bisection():
    """find_subject once per quantity must not scan every token of the sentence each time."""
    from kiji.claims import subjects
    from kiji.claims.extract import Tok

    class Counting(list):
        iterations = 0

        def __iter__(self):
            Counting.iterations += 1
            return super().__iter__()

    tokens = Counting(Tok(i, i + 1, "あ", "助詞", "格助詞") for i in range(20_000))
    text = "あ" * 20_000
    for pos in range(0, 20_000, 100):
        subjects.find_subject(text, tokens, pos, pos + 1)
    assert Counting.iterations <= 2  # the offsets are read once per token sequence, not once per quantity
