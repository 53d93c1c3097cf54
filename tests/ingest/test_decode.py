from __future__ import annotations

import pytest

from sitrep.errors import InputError
from sitrep.ingest.decode import decode, repair


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
