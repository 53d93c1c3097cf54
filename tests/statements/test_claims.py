"""Which frame claims which quote (claims.py), through `attribute` on bare texts: titles
and names in quotation marks, a cue between a speaker and a quote, transcript turns over
several paragraphs, and a content span that runs into a quote.

All sentences here are made up; the first line of each text stands for a headline, where
a quote in title case is no title.
"""

from __future__ import annotations

import pytest

from sitrep.statements.stage import attribute

HEADLINE = "Floods close the valley road\n\n"


def said(text: str) -> list[tuple[str, str, bool]]:
    """(speaker name, text, direct) of each statement, checking offsets on the way."""
    found = attribute(text)
    for s in found:
        assert text[s.start:s.end] == s.text
    return [(s.speaker.name, s.text, s.direct) for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"The water is rising faster than expected," Peter Lind said on “The Morning '
         'Report Live.” "We need more pumps."',
         [("Peter Lind", "The water is rising faster than expected,", True),
          ("Peter Lind", "We need more pumps.", True)]),
        ("In an interview on “The Morning Report Live,” Peter Lind said the dam would hold.",
         [("Peter Lind", "the dam would hold", False)]),
        ("She wrote about the wreck of the ferry in “The Long Night.”",
         [("She", "the wreck of the ferry in “The Long Night.", False)]),
    ],
    ids=["title-between-quotes", "title-beside-cue", "title-in-content"],
)
def test_claims_takes_a_title_for_no_speech(text: str,
                                            expected: list[tuple[str, str, bool]]) -> None:
    assert said(HEADLINE + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The senator called the report “false” and left the room.",
         [("senator", "the report “false”", False)]),
        ("The governor called him “a coward” after the vote.",
         [("governor", "him “a coward”", False)]),
        ("The mayor called the decision “a betrayal of every family in the valley.”",
         [("mayor", "the decision “a betrayal of every family in the valley.”", False)]),
    ],
    ids=["short", "pronoun", "long"],
)
def test_claims_reads_a_naming_with_what_it_names(
        text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert said(HEADLINE + text) == expected


def test_claims_leaves_a_quote_to_the_cue_whose_content_runs_into_it() -> None:
    text = ('"The shelters are full," the mayor said, listing questions such as, "Where will '
            'the families sleep tonight? Who pays for the buses?"')
    found = said(HEADLINE + text)
    assert found[0] == ("mayor", "The shelters are full,", True)
    assert [s for s in found if "Who pays" in s[1]] == [
        ("mayor", 'questions such as, "Where will the families sleep tonight? Who pays for '
                  "the buses?", False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"LIND: The dam is holding, and the pumps are working.\n\n'
         '"But the east bank is still under water.\n\n"HOST: Thank you, Governor.',
         [("LIND", "The dam is holding, and the pumps are working.", True),
          ("LIND", "But the east bank is still under water.", True),
          ("HOST", "Thank you, Governor.", True)]),
        ('"LIND: The dam is holding.\n\nThe river fell overnight.',
         [("LIND", "The dam is holding.", True)]),
    ],
    ids=["turn-over-two-paragraphs", "turn-then-plain-text"],
)
def test_claims_carries_a_transcript_turn_over_paragraphs(
        text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert said(HEADLINE + text) == expected
