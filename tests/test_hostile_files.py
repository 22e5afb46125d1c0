"""Issue 12: the loader reads regular files only, bounded, never its own output."""
import os
import socket
import threading
import time

import pytest

import kiji

BODY = "台風の接近で、気象庁は九州南部に大雨警報を出した。\n自治体は住民に早めの避難を呼びかけた。\n"


def _article(folder, name="a.txt", title="台風が接近"):
    (folder / name).write_text(f"{title}\n{BODY}", encoding="utf-8")


def _reason(corpus, name):
    rows = corpus.skipped[corpus.skipped.source_file == name]
    assert len(rows) == 1, f"{name} not accounted for: {corpus.skipped}"
    return rows.reason.iloc[0]


def test_symlink_to_system_file_is_skipped_not_read(tmp_path):
    _article(tmp_path)
    os.symlink("/etc/passwd", tmp_path / "passwd.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "link_to_article.txt")
    corpus = kiji.load_corpus(tmp_path)
    assert corpus.articles.source_file.tolist() == ["a.txt"]
    assert "symbolic link" in _reason(corpus, "passwd.txt")
    assert "symbolic link" in _reason(corpus, "link_to_article.txt")
    assert not corpus.sentences.text.str.contains("root:").any()


def test_symlink_to_dev_zero_is_skipped_quickly(tmp_path):
    _article(tmp_path)
    os.symlink("/dev/zero", tmp_path / "zero.txt")
    start = time.monotonic()
    corpus = kiji.load_corpus(tmp_path)
    assert time.monotonic() - start < 30
    assert "symbolic link" in _reason(corpus, "zero.txt")


def test_fifo_is_skipped_without_opening(tmp_path):
    _article(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    result = {}
    worker = threading.Thread(target=lambda: result.update(corpus=kiji.load_corpus(tmp_path)), daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the loader so the test process can end
        fd = os.open(tmp_path / "pipe.txt", os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("the loader blocked on a FIFO")
    assert "named pipe" in _reason(result["corpus"], "pipe.txt")


def test_socket_is_skipped(tmp_path):
    _article(tmp_path)
    path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        corpus = kiji.load_corpus(tmp_path)
    finally:
        sock.close()
    assert "socket" in _reason(corpus, "s.sock")


def test_device_file_is_skipped(tmp_path):
    _article(tmp_path)
    try:
        os.mknod(tmp_path / "null.txt", 0o600 | 0o020000, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    corpus = kiji.load_corpus(tmp_path)
    assert "device" in _reason(corpus, "null.txt")


def test_size_limit_is_low_by_default_and_can_be_raised(tmp_path):
    from kiji.loading.files import MAX_BYTES

    assert MAX_BYTES <= 4 * 2**20
    big = "経済の話\n" + "政府は景気対策を発表した。\n" * (MAX_BYTES // 30)
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    _article(tmp_path)
    corpus = kiji.load_corpus(tmp_path)
    assert "too large" in _reason(corpus, "big.txt") and "--max-bytes" in _reason(corpus, "big.txt")
    corpus = kiji.load_corpus(tmp_path, max_bytes=4 * MAX_BYTES)
    assert "big.txt" in corpus.articles.source_file.tolist()


def test_read_bounded_refuses_links_and_growth(tmp_path):
    from kiji.loading.files import NotReadable, read_bounded

    (tmp_path / "f").write_bytes(b"x" * 100)
    assert read_bounded(tmp_path / "f", max_bytes=100) == b"x" * 100
    with pytest.raises(NotReadable, match="too large"):
        read_bounded(tmp_path / "f", max_bytes=99)
    os.symlink(tmp_path / "f", tmp_path / "l")
    with pytest.raises(NotReadable, match="symbolic link"):
        read_bounded(tmp_path / "l")


def test_kiji_output_is_never_read_back(tmp_path):
    _article(tmp_path)
    report = tmp_path / "reports"
    report.mkdir()
    (report / "kiji-run.json").write_text("{}", encoding="utf-8")
    (tmp_path / "kiji-run.json").write_text('{"articles": {}}', encoding="utf-8")
    page = "<!DOCTYPE html><html><head><title>kiji reports</title></head><body><p>台風の記事が5本。</p></body></html>"
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "01_corpus.html").write_text(page, encoding="utf-8")
    corpus = kiji.load_corpus(tmp_path)
    assert corpus.articles.source_file.tolist() == ["a.txt"]
    assert "kiji output folder" in _reason(corpus, "reports")
    for name in ("kiji-run.json", "index.html", "01_corpus.html"):
        assert "kiji output" in _reason(corpus, name)
