"""Issue 21 item 3: the compiled MeCab user dictionary is never trusted from a shared place.

It lives in the user cache folder only when that folder is private to the user,
else in a private ``mkdtemp`` folder; it is used only when its bytes match the
SHA-256 recorded when it was built; a damaged one is rebuilt; one that still
does not load stops the run in one line.
"""
import hashlib
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("fugashi")
pytest.importorskip("ipadic")

from kiji.tokens import mecab  # noqa: E402

LINES = "北洋ミサイル連合,1285,1285,100,名詞,固有名詞,組織,*,*,*,北洋ミサイル連合,ホクヨウミサイルレンゴウ,ホクヨウミサイルレンゴウ\n"
TEXT = "北洋ミサイル連合が声明を出した。"


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(mecab.tempfile, "tempdir", None)  # TMPDIR read again
    monkeypatch.setattr(mecab, "_TAGGERS", {})
    monkeypatch.setattr(mecab, "_PRIVATE", [])


def _surfaces(tagger):
    return [t[0] for t in mecab.analyze(tagger, TEXT)]


def _old_predictable_path(tmp_path) -> str:
    digest = hashlib.sha256((mecab.version_id() + "\n" + LINES).encode()).hexdigest()[:20]
    return str(tmp_path / "tmp" / f"kiji-mecab-{os.getuid()}" / "mecab" / f"userdict-{digest}.dic")


def test_dictionary_planted_at_the_old_tmp_path_is_ignored(tmp_path):
    planted = _old_predictable_path(tmp_path)
    os.makedirs(os.path.dirname(planted))
    with open(planted, "wb") as f:
        f.write(b"forged dictionary")
    # the user cache folder is not private (group-writable): kiji must not fall back to a guessable path
    (tmp_path / "xdg").mkdir(mode=0o777)
    os.chmod(tmp_path / "xdg", 0o777)
    path = mecab.compile_userdict(LINES)
    # compared as paths, not strings: a private folder named kiji-mecab-0x1y2z… is not inside kiji-mecab-0/
    assert str(path) != planted and not Path(path).is_relative_to(Path(planted).parent.parent)
    folder = path.parent
    st = os.lstat(folder)
    assert stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == os.getuid()
    assert folder.name.startswith("kiji-mecab-") and folder.name != f"kiji-mecab-{os.getuid()}"
    assert _surfaces(mecab.get_tagger(LINES))[0] == "北洋ミサイル連合"


def test_dictionary_planted_in_the_cache_folder_is_not_used(tmp_path):
    path = mecab.compile_userdict(LINES)
    assert path.is_relative_to(tmp_path / "xdg")
    path.write_bytes(b"forged dictionary with the predicted name")
    rebuilt = mecab.compile_userdict(LINES)
    assert rebuilt == path and rebuilt.read_bytes() != b"forged dictionary with the predicted name"
    digest = (path.parent / (path.name + ".sha256")).read_text().strip()
    assert hashlib.sha256(rebuilt.read_bytes()).hexdigest() == digest


def test_truncated_dictionary_in_the_cache_is_rebuilt(tmp_path):
    path = mecab.compile_userdict(LINES)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(size // 2)
    tagger = mecab.get_tagger(LINES)
    assert _surfaces(tagger)[0] == "北洋ミサイル連合"
    assert path.stat().st_size == size


def test_symlinked_dictionary_is_not_followed(tmp_path):
    path = mecab.compile_userdict(LINES)
    forged = tmp_path / "forged.dic"
    forged.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(forged)
    assert not mecab._verified(path)


def test_dictionary_that_never_loads_stops_with_one_line(monkeypatch):
    import fugashi

    class Broken:
        def __init__(self, args):
            if "-u" in args:
                raise RuntimeError("Failed initializing MeCab.\nmore details\n")

    monkeypatch.setattr(fugashi, "GenericTagger", Broken)
    with pytest.raises(mecab.MecabUnavailable) as info:
        mecab.get_tagger(LINES)
    assert "\n" not in str(info.value) and "does not load" in str(info.value)


def test_cli_stops_in_one_line_before_any_work_when_the_dictionary_fails(tmp_path, monkeypatch, capsys):
    from kiji.cli import main

    def broken(user_csv=""):
        raise mecab.MecabUnavailable("the MeCab user dictionary x.dic does not load: Failed initializing MeCab")

    monkeypatch.setattr(mecab, "get_tagger", broken)
    articles = tmp_path / "arts"
    articles.mkdir()
    (articles / "a.txt").write_text("経済の話\n政府は景気対策をまとめた。\n", encoding="utf-8")
    code = main(["export", "--articles", str(articles), "--out", str(tmp_path / "out"), "--tokenizer", "mecab",
                 "--cache", "off", "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == ["kiji: error: the MeCab user dictionary x.dic does not load: "
                                        "Failed initializing MeCab"]
    assert not (tmp_path / "out").exists()


def test_tokens_still_use_the_user_dictionary():
    from kiji.tokens.tokenizer import tokenize_sentences

    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "text_norm": [TEXT]})
    assert len(tokenize_sentences(sentences, tokenizer="mecab")) > 3
