"""The reference article's statements, checked against every `must` statement of its
.expected.yaml (speaker, side, stance, target, channel, relay) and its traps."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sitrep.records import Article, Statement


@pytest.fixture
def article(mission_article: Article) -> Article:
    return mission_article


@pytest.fixture
def expected(mission_expected: dict[str, Any]) -> dict[str, Any]:
    return mission_expected


def words(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", (text or "").lower()))


def same_text(want: str, got: str) -> bool:
    """The expected words lie inside the statement and its cue (quotation marks aside)."""
    return words(want) <= words(got)


def find(article: Article, want: dict[str, Any]) -> list[Statement]:
    return [s for s in article.statements if not s.headline and same_text(
        want["text"], f"{s.cue.text if s.cue else ''} {s.text}")]


def test_reference_article_must_statements(article: Article, expected: dict[str, Any]) -> None:
    musts = [s for s in expected["statements"] if s.get("must")]
    assert len(musts) >= 8
    for want in musts:
        found = find(article, want)
        assert found, f"no statement holds {want['text']!r}"
        speaker = words(want["speaker"].split("(")[0])
        right = [s for s in found if speaker & words(s.speaker.name)]
        assert right, f"{want['text']!r}: speakers {[s.speaker.name for s in found]}"
        got = right[0]
        assert got.stance == want["stance"], (want["text"], got.stance)
        if "affiliation" in want:
            assert got.speaker.affiliation == want["affiliation"], want["text"]
        if "target" in want:
            assert words(want["target"]) <= words(got.target), (want["text"], got.target)
        if "channel" in want:
            assert got.channel == want["channel"], want["text"]
        if "via" in want:
            assert got.via == want["via"], want["text"]
        if "role" in want:
            assert words(want["role"]) <= words(got.speaker.role), (want["text"],
                                                                   got.speaker.role)


def test_reference_article_traps_speak_nothing(article: Article) -> None:
    assert article.byline == "Kit Heren"
    assert not any("Heren" in s.speaker.name for s in article.statements)
    assert not any("Picture:" in s.text or "pic.twitter" in s.text for s in article.statements)
    for s in article.statements:
        source = article.title if s.headline else article.text
        assert source is not None and source[s.start:s.end] == s.text


def test_reference_article_headline_claims(article: Article) -> None:
    headline = [(s.speaker.affiliation, s.stance) for s in article.statements if s.headline]
    assert ("RUS", "accuse") in headline
    assert ("USA", "deny") in headline and ("UKR", "deny") in headline
