"""Issue 19 item 2: the code file's syntax (KH Coder's) and its one-line errors."""
import pytest

from kiji.cli import main
from kiji.codes.rules import And, CodeFileError, Near, Not, Or, Phrase, Raw, Ref, parse_codes, read_codes


def test_a_file_of_codes_with_every_construct():
    rules = parse_codes("""# 例
*選挙
選挙 | 投票 or 候補+者
*物価高
(物価 or 値上げ) & not 下落
*共起
near(賃金-物価)[5] and seq(日銀-利上げ) or 'ガソリン代'
*組み合わせ
<*選挙> and <*物価高>
""", "c.txt")
    assert rules.names == ["選挙", "物価高", "共起", "組み合わせ"]
    e = {c.name: c.expr for c in rules.codes}
    assert e["選挙"] == Or((Phrase(("選挙",)), Phrase(("投票",)), Phrase(("候補", "者"))))
    assert e["物価高"] == And((Or((Phrase(("物価",)), Phrase(("値上げ",)))), Not(Phrase(("下落",)))))
    assert e["共起"] == Or((And((Near((Phrase(("賃金",)), Phrase(("物価",))), 5, False),
                                 Near((Phrase(("日銀",)), Phrase(("利上げ",))), 10, True))), Raw("ガソリン代")))
    assert e["組み合わせ"] == And((Ref("選挙"), Ref("物価高")))
    assert [c.line for c in rules.codes] == [2, 4, 6, 8]


def test_not_binds_tighter_than_and_and_and_than_or():
    (code,) = parse_codes("*x\nA or B and not C").codes
    assert code.expr == Or((Phrase(("A",)), And((Phrase(("B",)), Not(Phrase(("C",)))))))


def test_words_are_normalized_like_the_text():
    (code,) = parse_codes("*x\nＡＩ or 'ｺﾛﾅ'").codes
    assert code.expr == Or((Phrase(("AI",)), Raw("コロナ")))


@pytest.mark.parametrize("text, line, problem", [
    ("*a\n選挙 and", 2, "ends too early"),
    ("*a\n(選挙 or 投票\n*b\n物価", 2, "'(' is not closed"),
    ("*a\n選挙 投票", 2, "missing 'and' or 'or' before '投票'"),
    ("*a\n選挙\n*b\n物価 or\n  near(賃金)", 5, "near() needs at least two words"),
    ("*a\n選挙\n*b\n<*c>", 4, "<*c> names no code"),
    ("*a\n<*b>\n*b\n<*a>", 1, "circle"),
    ("選挙\n*a\n投票", 1, "before the first '*code' line"),
    ("*a\n\n*b\n選挙", 1, "*a has no condition"),
    ("*a\n選挙 )", 2, "')' without a matching '('"),
    ("*a\n選挙\n*a\n投票", 3, "defined twice (first on line 1)"),
    ("*a\nnear(選挙-投票)[0]", 2, "N must be at least 1"),
    ("*a\n選挙 and ''", 2, "empty quoted text"),
    ("*a\n選挙+ or 投票", 2, "'+' must join two words"),
    ("*\n選挙", 1, "'*' must be followed by the code's name"),
    ("*a\nseq(選挙 投票)", 2, "seq() takes words joined by '-'"),
])
def test_a_bad_rule_is_one_line_naming_file_line_and_problem(text, line, problem):
    with pytest.raises(CodeFileError) as err:
        parse_codes(text, "codes.txt")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"codes.txt line {line}: ") and problem in message, message


def test_read_codes_encodings_and_missing_file(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes("*景気\r\n景気 or 物価\r\n".encode("cp932"))
    assert read_codes(path).names == ["景気"]
    path.write_bytes("\ufeff*景気\n景気\n".encode("utf-8"))
    assert read_codes(path).names == ["景気"]
    with pytest.raises(CodeFileError, match="not found"):
        read_codes(tmp_path / "none.txt")


def test_a_wrong_code_file_stops_export_with_one_line(tmp_path, capsys):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "a.txt").write_text("見出し\n2024年5月1日\n雨が降った。\n", encoding="utf-8")
    codes = tmp_path / "codes.txt"
    codes.write_text("*天気\n雨 or\n*気温\n(暑い\n", encoding="utf-8")
    code = main(["export", "--articles", str(folder), "--out", str(tmp_path / "out"), "--codes", str(codes)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err == ["kiji: error: codes.txt line 2: the condition ends too early (an operand is missing)"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_report_checks_the_code_file_before_any_work(tmp_path, capsys):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "a.txt").write_text("見出し\n2024年5月1日\n雨が降った。\n", encoding="utf-8")
    codes = tmp_path / "my codes.txt"
    codes.write_text("*天気\nnear(雨-風\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", "--articles", str(folder), "--out", str(out), "--codes", str(codes)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["kiji: error: my codes.txt line 2: the condition ends too early (an operand is missing)"]
    assert not out.exists()


def test_an_edited_code_file_changes_the_run_key(tmp_path, monkeypatch, seed_corpus):
    from kiji.report.reuse import run_key

    codes = tmp_path / "codes.txt"
    codes.write_text("*天気\n雨\n", encoding="utf-8")
    monkeypatch.setenv("KIJI_CODES", str(codes))
    before = run_key(seed_corpus)
    assert run_key(seed_corpus) == before
    codes.write_text("*天気\n雨 or 風\n", encoding="utf-8")
    assert run_key(seed_corpus) != before
