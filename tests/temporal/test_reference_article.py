"""The reference article's times, as its .expected.yaml and issue 3 require."""

from __future__ import annotations

from pathlib import Path

from sitrep.api import extract


def test_reference_article_times(mission_path: Path) -> None:
    lines = mission_path.read_text().split("\n", 1)
    article = extract(lines[1], published="2023-05-31", title=lines[0])
    got = {t.text: t for t in article.times}
    assert got["Tuesday morning"].value == "2023-05-30TMO"
    assert got["6:24am"].value == "2023-05-30T06:24" and got["6:24am"].zone == "local"
    assert got["overnight into Sunday"].value == "2023-05-28"
    span = got["17 days"]
    assert (span.type, span.value, span.range_start, span.range_end) == (
        "DURATION", "P17D", "2023-05-14", "2023-05-30")
    assert all(not t.value.startswith("2023-05-31") for t in article.times)
