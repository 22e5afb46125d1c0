import gzip
import io
import random
import zipfile

import pytest

from kiji.loading.decode import NotText, decode_bytes

TEXT = "2024年11月18日\n核ドクトリンの改定について、プーチン大統領は「①髙橋㈱」と述べた。\n"


PLAIN = TEXT.replace("「①髙橋㈱」", "「高橋」")  # JIS X 0208 only: every Japanese encoding can hold it


@pytest.mark.parametrize("text,encoding,label", [
    (TEXT, "utf-8", "utf-8"),
    (TEXT, "utf-8-sig", "utf-8 with BOM"),
    (TEXT, "utf-16", "utf-16 (BOM)"),
    (TEXT, "utf-32", "utf-32 (BOM)"),
    (TEXT, "cp932", "cp932"),
    (PLAIN, "euc_jp", "euc_jp"),
    (PLAIN, "iso2022_jp", "iso-2022-jp"),
])
def test_each_encoding_round_trips(text, encoding, label):
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == label


def test_cp932_specials_need_cp932_not_shift_jis():
    data = TEXT.encode("cp932")
    with pytest.raises(UnicodeDecodeError):
        data.decode("shift_jis")
    assert decode_bytes(data).text == TEXT


def test_iso2022_is_recognised_although_it_is_valid_ascii():
    data = "ロシアの核ドクトリン。".encode("iso2022_jp")
    data.decode("ascii")  # 7-bit: would "pass" as ASCII/UTF-8
    decoded = decode_bytes(data)
    assert decoded.text == "ロシアの核ドクトリン。"
    assert decoded.encoding == "iso-2022-jp"


def test_euc_jp_not_mistaken_for_cp932():
    text = "北朝鮮軍がクルスク地域に派遣された。米政府高官によると、許可は限定的だ。" * 3
    decoded = decode_bytes(text.encode("euc_jp"))
    assert decoded.encoding == "euc_jp"
    assert decoded.text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    decoded = decode_bytes(TEXT.encode(codec))
    assert decoded.text == TEXT
    assert "without byte-order mark" in decoded.warnings[0]


def test_double_encoded_utf8_is_repaired():
    mojibake = TEXT.encode("utf-8").decode("latin-1").encode("utf-8")
    decoded = decode_bytes(mojibake)
    assert decoded.text == TEXT
    assert "mojibake" in decoded.warnings[0]


def _zip_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", TEXT)
    return buf.getvalue()


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b" \n\r\n\t ", "empty file"),
    (gzip.compress(TEXT.encode()), "gzip"),
    (_zip_bytes(), "zip archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    (b"abc\x00\x01\x02\xff\xfe\x00\x10" * 20, "binary"),
])
def test_not_text_has_a_readable_reason(data, reason):
    with pytest.raises(NotText, match=reason):
        decode_bytes(data)


def test_random_bytes_are_never_loaded():
    rng = random.Random(7)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(50, 3000)))
        with pytest.raises(NotText):
            decode_bytes(data)
