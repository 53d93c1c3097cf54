"""Bytes to clean Unicode text: binary refused, encodings guessed, mojibake mended.

Text or binary, from the first 8 KB (and the NUL count of the whole):

1. A known magic number (PDF, PNG, ZIP, ...) is binary.
2. A byte-order mark, or NULs at every other byte and (almost) none between,
   is UTF-16 (ASCII letters in UTF-16 are a letter and a NUL): decoded as such
   when what it decodes to is at most 2% control characters and at least half
   characters below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic). Pairs of
   8-bit text read as UTF-16 fall above that, in CJK; BOM-less UTF-16 of CJK
   text has no NULs to tell it by.
3. More than 1 NUL per 100 bytes (8 are allowed in any text), or more than 5%
   other control bytes, is binary. NULs that pad the end of a file (a write cut
   short) do not count.
4. Otherwise the NULs are stray bytes in a text: they are removed, with a
   warning that says how many.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

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
_HEAD = 8192  # bytes sniffed for binary and UTF-16
_CONTROL_BYTES = bytes(range(1, 9)) + bytes(range(14, 32))  # not NUL, tab, newlines
# Signs of UTF-8 read as Windows-1252 ("â€™", "Ã©", "Â ") or of HTML entities.
_NEEDS_REPAIR = re.compile(
    r"[ÃÂâ][\x80-\xbf\u0152-\u2122]|â€|Â\s|&(?:#\d{2,5}|#x[0-9a-fA-F]{2,4}|[a-z]{2,8});"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and what decoding had to change in it (one line each)."""

    text: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, *, source: str) -> str:
    """Decode a file's bytes; raise InputError for empty or binary input.

    >>> decode("Kyiv – Київ".encode("utf-8"), source="x.txt")
    'Kyiv – Київ'
    >>> decode("caf\\xe9".encode("latin-1"), source="x.txt")
    'café'
    """
    return decode_noting(data, source=source).text


def decode_noting(data: bytes, *, source: str) -> Decoded:
    """`decode`, with a warning for what it removed (stray NUL bytes; see the module).

    >>> decode_noting(b"Shells hit\\x00 the port.", source="x.txt")
    Decoded(text='Shells hit the port.', warnings=('1 NUL byte removed (stray NULs in a text)',))
    >>> decode_noting("Shells hit the port.".encode("utf-16-le"), source="x.txt").text
    'Shells hit the port.'
    """
    if not data.strip():
        raise InputError("empty file: nothing to read", source=source)
    _refuse_magic(data, source)
    codec = utf16_codec(data[:_HEAD])
    if codec is not None:
        # An odd last byte is half a character of a file cut short.
        text = repair(data[: len(data) // 2 * 2].decode(codec, errors="replace"))
        if not text.strip():
            raise InputError("empty file: nothing to read", source=source)
        return Decoded(text)
    _refuse_binary(data, source)
    nuls = data.count(0)
    if nuls == len(data):
        raise InputError("empty file (only NUL bytes): nothing to read", source=source)
    text = repair(_to_text(data.replace(b"\x00", b""), source))
    return Decoded(text, (nul_warning(nuls),) if nuls else ())


def nul_warning(count: int) -> str:
    """The warning for `count` NUL bytes removed from a text."""
    return f"{count:,} NUL byte{'' if count == 1 else 's'} removed (stray NULs in a text)"


def utf16_codec(head: bytes) -> str | None:
    """The UTF-16 codec of a file starting with `head` (module step 2), or None.

    >>> utf16_codec("Kyiv".encode("utf-16-le")), utf16_codec("Kyiv".encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> print(utf16_codec(b"Kyiv"))
    None
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls * 10 >= len(head) // 2 > 0 and others * 10 <= nuls:
            return codec if _alphabetic(head.decode(codec, errors="replace")) else None
    return None


def _alphabetic(text: str) -> bool:
    controls = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r"))
    return controls <= len(text) * 0.02 and sum(c < "\u0800" for c in text) * 2 >= len(text)


def decode_lines(lines: Iterable[bytes], *, source: str) -> Iterator[str]:
    """Decode a line-oriented file lazily (huge JSON Lines files), each line on its own.

    >>> list(decode_lines([b'{"a": 1}\\n', "caf\xe9".encode("cp1252")], source="x.jsonl"))
    ['{"a": 1}', 'café']
    """
    first = True
    for line in lines:
        if first:
            _refuse_magic(line, source)
            _refuse_binary(line[:_HEAD], source)
            line = line.removeprefix(b"\xef\xbb\xbf")
            first = False
        yield _decode_line(line).rstrip("\r\n")


def decode_file_lines(fh: BinaryIO, *, source: str) -> Iterator[str]:
    """`decode_lines` for an open, seekable file, which may also be UTF-16.

    >>> list(decode_file_lines(io.BytesIO('{"a": 1}\\n{"b": 2}'.encode("utf-16")), source="x"))
    ['{"a": 1}', '{"b": 2}']
    """
    codec = utf16_codec(fh.read(_HEAD))
    fh.seek(0)
    if codec is None:
        yield from decode_lines(fh, source=source)
        return
    # UTF-16 cannot be split at newline bytes; its decoder streams the lines.
    for line in io.TextIOWrapper(fh, encoding=codec, errors="replace"):
        yield line.rstrip("\n")


def _refuse_magic(data: bytes, source: str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text: skipped", source=source)


def _refuse_binary(data: bytes, source: str) -> None:
    """Raise for more NUL or control bytes than a text has (module step 3)."""
    body = data.rstrip(b"\x00")  # padding after a write cut short is no sign of binary
    head = body[:_HEAD]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if body.count(0) > max(8, len(body) // 100) or controls > len(head) * 0.05:
        raise InputError("binary file (NUL or control bytes), not text: skipped", source=source)


def _to_text(data: bytes, source: str) -> str:
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
