from __future__ import annotations

import pytest

from sitrep.errors import InputError
from sitrep.ingest.decode import decode, decode_noting, repair, utf16_codec

STORY = "Shelling hit the port of Kherson on Monday, killing two people, officials said."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Kyiv – Київ".encode(), "Kyiv – Київ"),
        ("\ufeffMoscow".encode(), "Moscow"),
        ("café naïve".encode("latin-1"), "café naïve"),
        ("Москва атакована беспилотниками".encode("cp1251"), "Москва атакована беспилотниками"),
        ("Kyiv – Київ\n".encode() + "café\n".encode("cp1252"), "Kyiv – Київ\ncafé\n"),
        (b"Moscow\r\nKyiv\r\n", "Moscow\nKyiv\n"),
        ("utf16 text".encode("utf-16"), "utf16 text"),
        ("utf16 text".encode("utf-16-le"), "utf16 text"),
        ("utf16 text".encode("utf-16-be"), "utf16 text"),
        ("Удары по Москве, 2 мая.".encode("utf-16-le"), "Удары по Москве, 2 мая."),
        ("Kyiv – Київ\n".encode("utf-16-le")[:-1], "Kyiv – Київ"),  # cut mid-character
    ],
)
def test_decode_encodings(data: bytes, expected: str) -> None:
    assert decode(data, source="f.txt") == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"%PDF-1.4\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (bytes(range(0, 32)) * 40, "binary"),
        (b"\x00\x01" * 50, "binary"),  # NULs at every other byte, but not UTF-16 text
        (bytes(range(256)) * 8, "binary"),
        (b"".join(i.to_bytes(4, "little") for i in range(500)), "binary"),
        ((STORY + "\x00\x00").encode() * 10, "binary"),  # 2 NULs per 82 bytes: too many
        (b"\x00" * 100, "only NUL bytes"),
        ("  \n".encode("utf-16"), "empty"),
    ],
)
def test_decode_refuses_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as info:
        decode(data, source="bad.bin")
    assert "bad.bin" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the proposed â€˜bhoomi pujanâ€™", "the proposed ‘bhoomi pujan’"),
        ("said,â€\ufffd he", "said,” he"),
        ("communiqu&#233; issued", "communiqué issued"),
        ("S.V. DÃ¡te", "S.V. Dáte"),
        ("Russia's \"quoted\" ‘curly’", "Russia's \"quoted\" ‘curly’"),
        ("no\x00 control\x07 chars", "no control chars"),
    ],
)
def test_repair_mojibake_entities_controls(text: str, expected: str) -> None:
    assert repair(text) == expected


@pytest.mark.parametrize(
    ("data", "removed"),
    [
        (STORY.replace(" on ", " \x00on ").encode(), 1),
        ((STORY + " ").encode() * 5 + b"\x00" * 8, 8),  # 8 in a short text are allowed
        ((STORY + "\n").encode() * 100 + b"\x00" * 80, 80),  # 1 per 100 bytes
        (STORY.encode() + b"\x00" * 20_000, 20_000),  # padding after a write cut short
    ],
)
def test_decode_stray_nuls_removed_with_warning(data: bytes, removed: int) -> None:
    decoded = decode_noting(data, source="f.txt")
    assert "\x00" not in decoded.text and decoded.text.startswith(STORY)
    assert decoded.warnings == (f"{removed:,} NUL byte{'s' * (removed > 1)} removed "
                                "(stray NULs in a text)",)


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (STORY.encode("utf-16-le"), "utf-16-le"),
        (STORY.encode("utf-16-be"), "utf-16-be"),
        (STORY.encode("utf-16"), "utf-16"),
        (STORY.encode(), None),
        ("Київ".encode("utf-16-le"), None),  # no NULs in it: not told from binary
        (b"\x00\x01" * 50, None),
        (b"\x00" * 8, None),
        (b"Shells hit\x00 the port.", None),  # one NUL, on an even byte: 8-bit text
        (b"Shel\x00ls hit \x00the por\x00t of Kher\x00son.", None),  # 4, all on even bytes
    ],
)
def test_decode_utf16_codec(head: bytes, codec: str | None) -> None:
    assert utf16_codec(head) == codec
