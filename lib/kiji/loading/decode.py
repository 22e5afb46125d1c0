"""Bytes → text, with a fixed cascade and a detector only as the last resort.

Order: empty → BOM (UTF-8, UTF-32, UTF-16) → binary sniff (gzip, zip, PDF,
images, NUL bytes; BOM-less UTF-16 recognised by its NUL pattern) →
ISO-2022-JP escape sequences → strict UTF-8 → strict cp932 vs EUC-JP, chosen by
the share of Japanese characters → charset-normalizer.  Shift_JIS is always
decoded as ``cp932`` (``shift_jis`` raises on ①, ㈱, 髙).

``decode_bytes`` returns a :class:`Decoded` or raises :class:`NotText` with a
reason a person understands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


class NotText(Exception):
    """The file is not a text article; ``str(exc)`` is the reason shown to the analyst."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]

_MAGIC = [
    (b"\x1f\x8b", "gzip-compressed file: decompress it and add the text file instead"),
    (b"PK\x03\x04", "zip archive (or a .docx/.xlsx document): extract the article text first"),
    (b"%PDF", "PDF document: convert it to text first"),
    (b"\x89PNG", "PNG image, not an article"),
    (b"\xff\xd8\xff", "JPEG image, not an article"),
    (b"GIF8", "GIF image, not an article"),
    (b"7z\xbc\xaf", "7-Zip archive: extract the article text first"),
    (b"BZh", "bzip2-compressed file: decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed file: decompress it first"),
]

_ISO2022_ESC = re.compile(rb"\x1b(\$@|\$B|\$\(D|\$\(Q|\$\(O|\(J|\(I|\(B)")
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f々〆〇]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_MOJIBAKE_PAIR = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u2018-\u203a\u0152-\u0178\u02c6-\u02dc]")


def japanese_share(text: str) -> float:
    """Share of kana/kanji among the non-space characters of ``text``."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if _JAPANESE.match(c)) / len(chars)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """BOM-less UTF-16: NULs on one side of most ASCII code units."""
    if len(data) < 4 or len(data) % 2:
        return None
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    for enc, ours, other in (("utf-16-le", zeros_odd, zeros_even), ("utf-16-be", zeros_even, zeros_odd)):
        if ours >= 2 and ours > 10 * other:
            text = _strict(data, enc)
            if text is not None and not _CONTROL.search(text.replace("\x00", "")):
                return text
    return None


def _repair_mojibake(text: str) -> str | None:
    """Undo UTF-8 bytes that were decoded as Latin-1/cp1252 and re-encoded as UTF-8."""
    if japanese_share(text) > 0.05 or len(_MOJIBAKE_PAIR.findall(text)) < 3:
        return None
    raw = bytearray()
    for ch in text:
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            raw.append(ord(ch))  # bytes cp1252 leaves undefined pass through as Latin-1
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return repaired if japanese_share(repaired) > 0.2 else None


def _check_text(text: str, encoding: str, warnings: list[str]) -> Decoded:
    if not text.strip():
        raise NotText("empty file (only white space)")
    body = text.lstrip("\ufeff")
    repaired = _repair_mojibake(body)
    if repaired is not None:
        warnings.append("text was double-encoded UTF-8 (mojibake); repaired")
        body = repaired
        encoding = f"{encoding} (double-encoded, repaired)"
    controls = len(_CONTROL.findall(body))
    if controls > max(2, 0.01 * len(body)):
        raise NotText(f"binary data: {controls} control or replacement characters after decoding as {encoding}")
    return Decoded(body, encoding, warnings)


def decode_bytes(data: bytes) -> Decoded:
    """Decode an article file's bytes; raise :class:`NotText` if it is not a text article."""
    if not data:
        raise NotText("empty file (0 bytes)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is None:
                raise NotText(f"starts with a {enc.upper()} byte-order mark but does not decode as {enc}")
            return _check_text(text, enc.replace("-sig", " with BOM") if "sig" in enc else f"{enc} (BOM)", [])
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise NotText(reason)
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return _check_text(text, "utf-16 (no BOM)", ["UTF-16 without byte-order mark"])
        raise NotText("binary file (contains NUL bytes)")
    if _ISO2022_ESC.search(data):
        for enc in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_2"):
            text = _strict(data, enc)
            if text is not None:
                return _check_text(text, "iso-2022-jp" if enc == "iso2022_jp" else enc, [])
    text = _strict(data, "utf-8")
    if text is not None:
        return _check_text(text, "utf-8", [])
    candidates = {enc: t for enc in ("cp932", "euc_jp") if (t := _strict(data, enc)) is not None}
    if candidates:
        enc = max(candidates, key=lambda e: (japanese_share(candidates[e]), e == "cp932"))
        return _check_text(candidates[enc], enc, [])
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotText("not text in any known encoding (binary data?)")
    text = str(best)
    decoded = _check_text(text, best.encoding, [f"encoding guessed by detector: {best.encoding}"])
    if japanese_share(decoded.text) < 0.05:
        decoded.warnings.append("little or no Japanese text")
    return decoded
