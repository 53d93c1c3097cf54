"""Character spans of parse pieces (spans.py) on parsed sentences: closing asides cut
from a content span, and the two sides of a parenthetical cue.

All sentences here are made up. The spaCy model loads once per process.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from sitrep.nlp.model import load_model
from sitrep.settings import Settings
from sitrep.statements.spans import around, extent


@cache
def parse(text: str) -> Any:
    return load_model(Settings().model)(text)


def word(text: str, form: str) -> Any:
    return next(t for t in parse(text) if t.text == form)


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("The governor denied the reports, which had circulated online since Monday.",
         "reports", "the reports"),
        ("The governor denied the reports, which he called “lies from start to finish.”",
         "reports", "the reports, which he called “lies from start to finish"),
        ("The governor denied the reports about the dam on Monday.", "reports",
         "the reports about the dam on Monday"),
    ],
    ids=["relative-clause", "quoted-aside-stays", "no-comma"],
)
def test_extent_cuts_a_closing_aside(text: str, head: str, expected: str) -> None:
    start, end = extent(word(text, head))
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The shelters, the mayor said, will stay open all week.",
         ["The shelters", "will stay open all week"]),
        ("Officials, he said, should be vigilant.", ["Officials", "should be vigilant"]),
    ],
    ids=["shelters", "officials"],
)
def test_around_takes_each_side_of_a_parenthetical_cue(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in around(word(text, "said"))] == expected
