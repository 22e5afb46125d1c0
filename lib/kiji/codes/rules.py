"""Coding rules: the analyst's concepts as boolean word queries, in KH Coder's syntax.

A code file is plain text (UTF-8; ``#`` starts a comment).  Each code is a line ``*名前``
followed by its condition (one or more lines, up to the next ``*`` line)::

    # 政治と選挙
    *選挙
    選挙 or 投票 or 候補+者
    *選挙と経済
    <*選挙> and (景気 or 物価)

Conditions (words are matched on their **base form**, so 発表 matches 発表した):

``word``               an occurrence of the word (a word the tokenizer splits, 北朝鮮軍 →
                       北朝鮮 + 軍, is matched as that phrase)
``A+B``                a phrase: A immediately followed by B
``'raw text'``         a substring of the sentence (normalized text), for anything words miss
``near(A-B)``          A and B within 10 words of each other (``near(A-B-C)[5]``: within 5)
``seq(A-B)``           A, then B, within 10 words (``seq(A-B)[3]``)
``<*code>``            the units another code matched (defined anywhere in the file)
``and`` ``or`` ``not`` also ``&``, ``|``, ``!``; ``A and not B``; parentheses; ``not``
                       binds tighter than ``and``, ``and`` tighter than ``or``

Where kiji differs from KH Coder: no conditions on external variables inside a rule (group with
``GROUP_BY`` instead), no dependency or part-of-speech conditions; ``seq`` allows gaps of up to N
words (KH Coder's default is adjacent order); a code may use a code defined after it (cycles are
an error).  A rule that cannot be read stops with one line naming the file, the line and the
problem (:class:`CodeFileError`); nothing is evaluated with ``eval``.

>>> rules = parse_codes("*経済\\n景気 or 物価+高\\n*両方\\n<*経済> and not near(株-円)[3]\\n")
>>> [(c.name, c.line) for c in rules.codes]
[('経済', 1), ('両方', 3)]
>>> rules.codes[1].expr.items[0], rules.codes[1].expr.items[1].item.window
(Ref(name='経済'), 3)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.textnorm import normalize_text

#: Words between the terms of ``near``/``seq`` when no ``[N]`` is given (KH Coder's default).
DEFAULT_WINDOW = 10
MAX_BYTES = 2 * 1024 * 1024


class CodeFileError(ValueError):
    """A code file that cannot be read; ``str(exc)`` is one line: ``FILE line N: problem``."""


# --------------------------------------------------------------------------- the syntax tree
@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Raw:
    text: str


@dataclass(frozen=True)
class Near:
    items: tuple[Phrase, ...]
    window: int
    ordered: bool  # seq


@dataclass(frozen=True)
class Ref:
    name: str
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Not:
    item: object


@dataclass(frozen=True)
class And:
    items: tuple


@dataclass(frozen=True)
class Or:
    items: tuple


@dataclass(frozen=True)
class Code:
    name: str
    expr: object
    line: int      # line of the ``*name`` header
    source: str    # the condition as written


@dataclass(frozen=True)
class CodeRules:
    codes: tuple[Code, ...]
    file: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.codes]

    def select(self, names: list[str] | None) -> CodeRules:
        """Only the codes ``names`` (in that order); references to other codes still work."""
        if not names:
            return self
        known = {c.name: c for c in self.codes}
        missing = [n for n in names if n not in known]
        if missing:
            raise CodeFileError(f"{self.file or 'codes'}: no code named {missing[0]!r} "
                                f"(codes: {', '.join(known)})")
        return CodeRules(tuple(known[n] for n in names) + tuple(c for c in self.codes if c.name not in names),
                         self.file)


# --------------------------------------------------------------------------- lexer
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<ref><\*[^<>]+>)
  | (?P<raw>'[^']*'|"[^"]*")
  | (?P<func>(?:near|seq)\s*\()
  | (?P<window>\[\s*\d+\s*\])
  | (?P<op>[()|&!+\-])
  | (?P<word>[^\s()|&!+\-'"<>\[\]]+)
""", re.X | re.I)


@dataclass
class _Tok:
    kind: str
    text: str
    line: int


def _lex(text: str, first_line: int, where: str) -> list[_Tok]:
    out: list[_Tok] = []
    pos, line = 0, first_line
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise CodeFileError(f"{where} line {line}: unexpected {text[pos]!r} "
                                "(quote it as '...' to match it as text)")
        kind, value = m.lastgroup or "", m.group()
        if kind == "word" and value.lower() in ("and", "or", "not"):
            kind, value = "op", value.lower()
        if kind == "raw" and len(value) < 3:
            raise CodeFileError(f"{where} line {line}: empty quoted text {value}")
        if kind != "space":
            out.append(_Tok(kind, value, line))
        line += value.count("\n")
        pos = m.end()
    return out


# --------------------------------------------------------------------------- parser
class _Parser:
    """Recursive descent over the tokens of one condition:

    or   := and (("or" | "|") and)*
    and  := not (("and" | "&") not)*
    not  := ("not" | "!") not | atom
    atom := "(" or ")" | ref | raw | near | phrase
    """

    def __init__(self, toks: list[_Tok], where: str, header_line: int):
        self.toks, self.i, self.where, self.header = toks, 0, where, header_line

    def error(self, message: str, tok: _Tok | None = None) -> CodeFileError:
        tok = tok or (self.toks[self.i] if self.i < len(self.toks) else None)
        line = tok.line if tok else (self.toks[-1].line if self.toks else self.header)
        return CodeFileError(f"{self.where} line {line}: {message}")

    def peek(self, *texts: str) -> bool:
        return self.i < len(self.toks) and self.toks[self.i].kind == "op" and self.toks[self.i].text in texts

    def take(self) -> _Tok:
        if self.i >= len(self.toks):
            raise self.error("the condition ends too early (an operand is missing)")
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self):
        expr = self.or_()
        if self.i < len(self.toks):
            tok = self.toks[self.i]
            if tok.text == ")":
                raise self.error("')' without a matching '('", tok)
            raise self.error(f"missing 'and' or 'or' before {tok.text!r}", tok)
        return expr

    def or_(self):
        items = [self.and_()]
        while self.peek("or", "|"):
            self.take()
            items.append(self.and_())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self):
        items = [self.not_()]
        while self.peek("and", "&"):
            self.take()
            items.append(self.not_())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_(self):
        if self.peek("not", "!"):
            self.take()
            return Not(self.not_())
        return self.atom()

    def atom(self):
        tok = self.take()
        if tok.kind == "op" and tok.text == "(":
            expr = self.or_()
            if not self.peek(")"):
                raise self.error("'(' is not closed", tok)
            self.take()
            return expr
        if tok.kind == "ref":
            name = tok.text[2:-1].strip()
            if not name:
                raise self.error("<*> names no code", tok)
            return Ref(normalize_text(name), tok.line)
        if tok.kind == "raw":
            return Raw(normalize_text(tok.text[1:-1]))
        if tok.kind == "func":
            return self.near(tok)
        if tok.kind == "word":
            return self.phrase(tok)
        what = {"op": f"operator {tok.text!r}", "window": f"{tok.text} outside near()/seq()"}.get(tok.kind, tok.text)
        raise self.error(f"expected a word, '(', near(), seq(), '<*code>' or quoted text, not {what}", tok)

    def phrase(self, first: _Tok) -> Phrase:
        words = [first.text]
        while self.peek("+"):
            self.take()
            tok = self.take()
            if tok.kind != "word":
                raise self.error(f"'+' must join two words (found {tok.text!r})", tok)
            words.append(tok.text)
        return Phrase(tuple(normalize_text(w) for w in words))

    def near(self, start: _Tok) -> Near:
        ordered = start.text.lower().startswith("seq")
        name = "seq" if ordered else "near"
        items = []
        while True:
            tok = self.take()
            if tok.kind != "word":
                raise self.error(f"{name}() takes words joined by '-' (found {tok.text!r})", tok)
            items.append(self.phrase(tok))
            sep = self.take()
            if sep.kind == "op" and sep.text == "-":
                continue
            if sep.kind == "op" and sep.text == ")":
                break
            raise self.error(f"{name}() takes words joined by '-' and ends with ')' (found {sep.text!r})", sep)
        if len(items) < 2:
            raise self.error(f"{name}() needs at least two words: {name}(A-B)", start)
        window = DEFAULT_WINDOW
        if self.i < len(self.toks) and self.toks[self.i].kind == "window":
            window = int(self.take().text.strip("[] "))
            if window < 1:
                raise self.error(f"{name}()[N]: N must be at least 1", start)
        return Near(tuple(items), window, ordered)


# --------------------------------------------------------------------------- the file
def parse_codes(text: str, file: str = "codes") -> CodeRules:
    """Parse the text of a code file (see the module doc); raises :class:`CodeFileError`."""
    codes: list[Code] = []
    header: tuple[str, int] | None = None
    body: list[tuple[int, str]] = []

    def finish() -> None:
        if header is None:
            return
        name, line = header
        lines = [b for b in body if b[1].strip()]
        if not lines:
            raise CodeFileError(f"{file} line {line}: code *{name} has no condition on the lines after it")
        source = "\n".join(t for _, t in lines)
        toks = [tok for n, text in lines for tok in _lex(text, n, file)]
        codes.append(Code(name, _Parser(toks, file, line).parse(), line, source))

    for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        stripped = raw.strip()
        if stripped.startswith("#") or not stripped:
            continue
        if stripped.startswith("*"):
            finish()
            name = normalize_text(stripped[1:]).strip()
            if not name:
                raise CodeFileError(f"{file} line {n}: '*' must be followed by the code's name")
            if name in {c.name for c in codes}:
                first = next(c.line for c in codes if c.name == name)
                raise CodeFileError(f"{file} line {n}: code *{name} is defined twice (first on line {first})")
            header, body = (name, n), []
            continue
        if header is None:
            raise CodeFileError(f"{file} line {n}: a condition before the first '*code' line")
        body.append((n, raw.split(" #", 1)[0]))
    finish()
    if not codes:
        raise CodeFileError(f"{file}: no code (a code is a '*name' line followed by its condition)")
    rules = CodeRules(tuple(codes), file)
    _check_references(rules)
    return rules


def _refs(expr) -> list[Ref]:
    if isinstance(expr, Ref):
        return [expr]
    if isinstance(expr, Not):
        return _refs(expr.item)
    if isinstance(expr, (And, Or)):
        return [r for item in expr.items for r in _refs(item)]
    return []


def _check_references(rules: CodeRules) -> None:
    by_name = {c.name: c for c in rules.codes}
    for code in rules.codes:
        for ref in _refs(code.expr):
            if ref.name not in by_name:
                raise CodeFileError(f"{rules.file} line {ref.line or code.line}: <*{ref.name}> names no code "
                                    f"of this file (codes: {', '.join(by_name)})")
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = path[path.index(name):] + [name]
            raise CodeFileError(f"{rules.file} line {by_name[name].line}: codes use each other in a circle "
                                f"({' → '.join(cycle)})")
        state[name] = 1
        for ref in _refs(by_name[name].expr):
            visit(ref.name, path + [name])
        state[name] = 2

    for code in rules.codes:
        visit(code.name, [])


def read_codes(path: str | Path) -> CodeRules:
    """Parse a code file (UTF-8, with or without BOM; cp932 accepted); one-line errors."""
    path = Path(path)
    try:
        raw = path.read_bytes()[:MAX_BYTES + 1]
    except FileNotFoundError:
        raise CodeFileError(f"{path}: code file not found") from None
    except OSError as exc:
        raise CodeFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise CodeFileError(f"{path.name}: over {MAX_BYTES // 2**20} MiB; not a code file")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CodeFileError(f"{path.name}: not UTF-8 text (save the code file as UTF-8)")
    if "\x00" in text:
        raise CodeFileError(f"{path.name}: binary data, not a code file")
    return parse_codes(text, path.name)
