"""Bytes → text, with a fixed cascade and a detector only as the last resort.

Order: empty → BOM (UTF-8, UTF-32, UTF-16) → binary sniff (gzip, zip, PDF,
images) → NUL bytes (see below) → ISO-2022-JP escape sequences → strict UTF-8
→ UTF-8 with a few invalid bytes → strict cp932 vs EUC-JP, chosen by the share
of Japanese characters → cp932/EUC-JP with a few invalid bytes →
charset-normalizer.  Shift_JIS is always decoded as ``cp932`` (``shift_jis``
raises on ①, ㈱, 髙).

An article is not lost over a few bad bytes: when at most one byte in a
thousand (at least 3) is invalid and the rest is clearly UTF-8 (twenty valid
multi-byte characters per bad byte) or clearly Japanese in cp932/EUC-JP, the
bad bytes become U+FFFD and the article carries the warning
``N invalid bytes (not utf-8) replaced by �``.

NUL bytes: UTF-8 text with a few stray NULs (at most 1 in 20 bytes) loads with
the NULs removed and the warning ``N NUL bytes removed``; otherwise BOM-less
UTF-16 is tried, decided by a *strict* decode in either byte order whose
result is ordinary text (90 % kana, kanji, ASCII, punctuation) — never by
counting NULs, since kanji such as 一 (U+4E00) contain a zero byte; otherwise
the file is binary.

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


_TEXTLIKE = re.compile("[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u30ff\u3400-\u4dbf"
                       "\u4e00-\u9fff\uff00-\uffef\u2460-\u24ff\u25a0-\u26ff]")


def textlike_share(text: str) -> float:
    """Share of characters that ordinary Japanese or English text is made of."""
    return len(_TEXTLIKE.findall(text)) / len(text) if text else 0.0


def _utf16_without_bom(data: bytes) -> str | None:
    """BOM-less UTF-16: the byte order whose *strict* decode gives ordinary text (a kanji such
    as 一 U+4E00 has a zero byte, so counting NULs is no test)."""
    if len(data) < 2 or len(data) % 2:
        return None
    best = None
    for enc in ("utf-16-le", "utf-16-be"):
        text = _strict(data, enc)
        if text is not None and (share := textlike_share(text)) >= 0.9 and (best is None or share > best[0]):
            best = (share, text)
    return best[1] if best else None


def _replaced(data: bytes, encoding: str) -> tuple[str, int] | None:
    """``data`` decoded with the few invalid bytes replaced by U+FFFD, when the rest is clearly
    that encoding: (text, number of replacements) or None."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - (data.count(b"\xef\xbf\xbd") if encoding == "utf-8" else 0)
    if bad <= 0 or bad > max(3, len(data) // 1000):
        return None
    if encoding == "utf-8":
        good = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
        if good < 20 * bad:  # too few valid multi-byte characters to call it damaged UTF-8
            return None
    elif japanese_share(text) < 0.3:
        return None
    return text, bad


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


def _check_text(text: str, encoding: str, warnings: list[str], replaced: int = 0) -> Decoded:
    if not text.strip():
        raise NotText("empty file (only white space)")
    body = text.lstrip("\ufeff")
    repaired = _repair_mojibake(body)
    if repaired is not None:
        warnings.append("text was double-encoded UTF-8 (mojibake); repaired")
        body = repaired
        encoding = f"{encoding} (double-encoded, repaired)"
    controls = len(_CONTROL.findall(body)) - replaced
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
        return _with_nuls(data)
    if _ISO2022_ESC.search(data):
        for enc in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_2"):
            text = _strict(data, enc)
            if text is not None:
                return _check_text(text, "iso-2022-jp" if enc == "iso2022_jp" else enc, [])
    return _decode_8bit(data)


def _decode_8bit(data: bytes) -> Decoded:
    """UTF-8, cp932 or EUC-JP (strict, then with a few bad bytes), else the detector."""
    text = _strict(data, "utf-8")
    if text is not None:
        return _check_text(text, "utf-8", [])
    if (damaged := _replaced(data, "utf-8")) is not None:
        return _check_text(damaged[0], "utf-8", [_replacement_warning(damaged[1], "utf-8")], damaged[1])
    candidates = {enc: t for enc in ("cp932", "euc_jp") if (t := _strict(data, enc)) is not None}
    if candidates:
        enc = max(candidates, key=lambda e: (japanese_share(candidates[e]), e == "cp932"))
        return _check_text(candidates[enc], enc, [])
    for enc in ("cp932", "euc_jp"):
        if (damaged := _replaced(data, enc)) is not None:
            return _check_text(damaged[0], enc, [_replacement_warning(damaged[1], enc)], damaged[1])
    return _detect(data)


def _replacement_warning(n: int, encoding: str) -> str:
    return f"{n} invalid byte{'s' if n > 1 else ''} (not {encoding}) replaced by \ufffd"


def _with_nuls(data: bytes) -> Decoded:
    """Bytes holding NULs: UTF-8 text with a few stray NULs (removed, with a warning), BOM-less
    UTF-16 (decided by a strict decode), other text with a few NULs, or binary data."""
    nuls = data.count(0)
    few = nuls <= max(8, len(data) // 20)
    stripped = data.replace(b"\x00", b"")
    warning = f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed"
    if few and stripped.strip() and _strict(stripped, "utf-8") is not None:
        return _check_text(stripped.decode("utf-8"), "utf-8", [warning])
    text = _utf16_without_bom(data)
    if text is not None:
        return _check_text(text, "utf-16 (no BOM)", ["UTF-16 without byte-order mark"])
    if few and stripped.strip():
        decoded = decode_bytes(stripped)
        decoded.warnings.insert(0, warning)
        return decoded
    raise NotText("binary file (contains NUL bytes)")


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
