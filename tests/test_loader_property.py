"""Property (issue 12): whatever bytes and file names a folder holds, every file ends in
``articles`` or ``skipped``, the loader never raises, and each file takes little time."""
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kiji
from kiji.core.names import shown_name

JAPANESE = st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=200)
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "cp932", "euc_jp", "iso2022_jp"]


@st.composite
def contents(draw) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "mixed"]))
    if kind == "bytes":
        return draw(st.binary(max_size=3000))
    text = draw(st.one_of(JAPANESE, st.text(max_size=300)))
    lines = draw(st.lists(st.one_of(JAPANESE, st.sampled_from(["", "2024年1月1日", "9999年12月31日", "明日",
                                                                   "=SUM(1)", "「", "」", "によると", "は述べた。"])),
                          max_size=8))
    text = "\n".join([text, *lines])
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if kind == "mixed":
        noise = draw(st.binary(max_size=20))
        at = draw(st.integers(0, len(data)))
        data = data[:at] + noise + data[at:]
    return data


def _safe_name(name: str) -> str:
    name = name.replace("/", "_").replace("\x00", "_")
    return name if name not in ("", ".", "..") else "x"


NAMES = st.text(min_size=1, max_size=40).map(_safe_name).filter(lambda n: len(n.encode("utf-8", "surrogatepass")) < 200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(NAMES, contents(), min_size=1, max_size=4))
def test_every_file_ends_in_articles_or_skipped(files):
    folder = Path(tempfile.mkdtemp(prefix="kiji-prop-"))
    try:
        written = set()
        for name, data in files.items():
            try:
                (folder / name).write_bytes(data)
            except (OSError, UnicodeEncodeError):
                continue
            written.add(name)
        # what the file system kept (normalization, case), as kiji shows it (control characters escaped)
        names = {shown_name(p.name) for p in folder.iterdir()}
        start = time.monotonic()
        corpus = kiji.load_corpus(folder)
        assert time.monotonic() - start < 5 * max(1, len(names))
        accounted = list(corpus.articles.source_file) + list(corpus.skipped.source_file)
        assert sorted(accounted) == sorted(names)
        assert corpus.articles.article_id.is_unique
        assert (corpus.sentences.text.str.len() > 0).all()
        assert set(corpus.sentences.article_id) <= set(corpus.articles.article_id)
        for text in corpus.sentences.text:
            assert "\x00" not in text
    finally:
        shutil.rmtree(folder)
