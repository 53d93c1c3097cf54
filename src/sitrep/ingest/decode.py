"""Bytes to clean Unicode text: binary refused, encodings guessed, mojibake mended."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator

from sitrep.errors import InputError

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}
# Signs of UTF-8 read as Windows-1252 ("â€™", "Ã©", "Â ") or of HTML entities.
_NEEDS_REPAIR = re.compile(
    r"[ÃÂâ][\x80-\xbf\u0152-\u2122]|â€|Â\s|&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|[a-z]{2,8});"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


def decode(data: bytes, *, source: str) -> str:
    """Decode a file's bytes; raise InputError for empty or binary input.

    >>> decode("Kyiv – Київ".encode("utf-8"), source="x.txt")
    'Kyiv – Київ'
    >>> decode("caf\\xe9".encode("latin-1"), source="x.txt")
    'café'
    """
    if not data.strip():
        raise InputError("empty file: nothing to read", source=source)
    _refuse_binary(data, source)
    return repair(_to_text(data, source))


def decode_lines(lines: Iterable[bytes], *, source: str) -> Iterator[str]:
    """Decode a line-oriented file lazily (huge JSON Lines files), each line on its own.

    >>> list(decode_lines([b'{"a": 1}\\n', "caf\xe9".encode("cp1252")], source="x.jsonl"))
    ['{"a": 1}', 'café']
    """
    first = True
    for line in lines:
        if first:
            _refuse_binary(line[:8192], source)
            line = line.removeprefix(b"\xef\xbb\xbf")
            first = False
        yield _decode_line(line).rstrip("\r\n")


def _refuse_binary(data: bytes, source: str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text: skipped", source=source)
    head = data[:8192]
    if any(head.startswith(bom) for bom in _BOMS):
        return
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" in head or controls > len(head) * 0.05:
        raise InputError("binary file (control bytes), not text: skipped", source=source)


def _to_text(data: bytes, source: str) -> str:
    for bom, codec in _BOMS.items():
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    if sum(_is_utf8_multibyte(line) for line in lines) >= 1:
        # Mixed: most lines UTF-8, some in a legacy code page; decode each on its own.
        return "\n".join(_decode_line(line) for line in lines)
    return _guess(data, source)


def _is_utf8_multibyte(line: bytes) -> bool:
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _guess(data: bytes, source: str) -> str:
    # Western text with a few accented letters is Windows-1252 (a superset of
    # Latin-1); detectors guess badly on such short samples.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_ascii_words(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("undecodable bytes (no text encoding fits): skipped", source=source)
    return str(best)


def _mostly_ascii_words(text: str) -> bool:
    """True when accented letters sit inside mostly-ASCII words (Western text)."""
    words = text.split()
    foreign = sum(1 for w in words if sum(not c.isascii() for c in w) * 2 > len(w))
    return foreign <= 0.2 * len(words)


def repair(text: str) -> str:
    """Mend mojibake and entities, drop control characters, normalise to NFC.

    >>> repair("the proposed â€˜bhoomi pujanâ€™ and caf&#233;")
    'the proposed ‘bhoomi pujan’ and café'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # 0x9D is undefined in Windows-1252, so a mis-decoded "”" (E2 80 9D) shows
    # as "â€" plus a replacement character; ftfy cannot undo that loss.
    text = text.replace("â€\ufffd", "”").replace("Â\ufffd", " ")
    if _NEEDS_REPAIR.search(text):
        import ftfy

        text = ftfy.fix_text(
            text,
            unescape_html=True,
            uncurl_quotes=False,
            fix_character_width=False,
            fix_latin_ligatures=False,
            normalization="NFC",
        )
        text = html.unescape(text) if "&#" in text else text
    text = _CONTROL.sub("", text).replace("\xa0", " ")
    return unicodedata.normalize("NFC", text)
