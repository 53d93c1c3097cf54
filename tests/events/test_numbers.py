"""Quantities read from words and found in parsed sentences. All sentences are made up."""

from __future__ import annotations

import pytest

from sitrep.events.numbers import Quantity, find_quantities, read_number
from sitrep.nlp import load_model
from sitrep.settings import Settings


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(Settings().model)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("12", Quantity(12, 12, 12)),
        ("1,200", Quantity(1200, 1200, 1200)),
        ("3.5 million", Quantity(3_500_000, 3_500_000, 3_500_000)),
        ("two", Quantity(2, 2, 2)),
        ("Twenty-five", Quantity(25, 25, 25)),
        ("one hundred and twenty", Quantity(120, 120, 120)),
        ("a hundred", Quantity(100, 100, 100)),
        ("twelve thousand", Quantity(12_000, 12_000, 12_000)),
        ("a dozen", Quantity(12, 12, 12, True)),
        ("half a dozen", Quantity(6, 6, 6, True)),
        ("dozens", Quantity(None, 24, None, True)),
        ("hundreds", Quantity(None, 200, None, True)),
        ("scores", Quantity(None, 40, None, True)),
        ("several", Quantity(None, 3, None, True)),
        ("a few", Quantity(None, 2, 5, True)),
        ("a couple of", Quantity(None, 2, 3, True)),
        ("several hundred", Quantity(None, 300, None, True)),
        ("tens of thousands", Quantity(None, 20_000, None, True)),
        ("hundreds of thousands", Quantity(None, 200_000, None, True)),
        ("at least 70", Quantity(70, 70, None)),
        ("more than 20", Quantity(None, 21, None)),  # a bound: no value outside it
        ("over 1,000", Quantity(None, 1001, None)),
        ("more than a dozen", Quantity(None, 13, None)),
        ("up to 30", Quantity(30, None, 30)),
        ("fewer than 10", Quantity(None, None, 9)),
        ("around 20", Quantity(20, None, None, True)),
        ("about 20", Quantity(20, None, None, True)),
        ("some 20", Quantity(20, None, None, True)),
        ("roughly 20", Quantity(20, None, None, True)),
        ("nearly 20", Quantity(20, None, 20, True)),
        ("20 or more", Quantity(20, 20, None)),
        ("40-odd", Quantity(40, None, None, True)),
        ("between 10 and 15", Quantity(None, 10, 15)),
        ("10-15", Quantity(None, 10, 15)),
        ("10 to 15", Quantity(None, 10, 15)),
        ("two or three", Quantity(None, 2, 3)),
    ],
)
def test_read_number_values(words: str, expected: Quantity) -> None:
    assert read_number(words) == expected


@pytest.mark.parametrize(
    "words", ["1999", "2023", "3.5", "3-1", "two three", "third", "people", "", "12th"])
def test_read_number_not_a_quantity(words: str) -> None:
    assert read_number(words) is None


def test_read_number_year_shaped_count_when_allowed() -> None:
    assert read_number("1500", year_ok=True) == Quantity(1500, 1500, 1500)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 70 people and some 20 soldiers were there.", ["At least 70", "some 20"]),
        ("Tens of thousands of people marched and 3.5 million watched.",
         ["Tens of thousands", "3.5 million"]),
        ("The count went from 20 to 40 overnight.", ["20", "40"]),
        ("In 2022, 1500 troops crossed the river.", ["1500"]),
        ("Twenty-five volunteers and between 10 and 15 medics arrived.",
         ["Twenty-five", "between 10 and 15"]),
    ],
)
def test_find_quantities_texts(nlp, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = find_quantities(doc[:])
    assert [q.text for q in found] == expected
    assert all(doc.text[q.start:q.end] == q.text for q in found)


@pytest.mark.parametrize(
    "text",
    [
        "A 34-year-old man and a woman aged 61 were questioned.",
        "Marta Nowak, 34, spoke to the press.",
        "The plan costs $5 million, or 12% of the budget, and 40 percent more than in 1999.",
        "It happened on 12 May 2023 at 10:30, at 5 p.m. and at 0300 GMT.",
        "They returned on the third night and the 21st day.",
        "Call +44 20 7946 0958 or 020 7946 0958 for details.",
        "A Shahed-136, an F-16, a Pantsir-S1, an S-300 and a Kh-101 were shown.",
        "Resolution 2334 and Article 5 were cited; Covid-19 spread.",
        "No one came, and they helped one another with a two-thirds share of a five-year plan.",
    ],
)
def test_find_quantities_not_counts(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [q.text for q in find_quantities(nlp(text)[:])] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbers.yaml `not_counts`: a pound is money unless "of" follows (a weight)
        ("They sold 5 pounds of flour and paid 20 pounds.", ["5"]),
        ("The fee was 30 pounds sterling for 3 hours.", ["3"]),
        # whole-word times: "am" is a time, "among" is not
        ("Shops opened at 9 am among 4 stalls, 2 hrs later.", ["4"]),
        ("Only one came; which one left?", ["one"]),
        ("They were 3 weeks old; ages 5 and 6 attended.", ["6"]),
    ],
)
def test_find_quantities_context_words(nlp, text: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [q.text for q in find_quantities(nlp(text)[:])] == expected


def test_number_words_come_from_numbers_yaml() -> None:
    from sitrep.events.numbers import AFTER, BEFORE, FEW, MANY, PLURALS, SCALES, TENS, UNITS

    assert UNITS["nineteen"] == 19 and TENS["ninety"] == 90 and SCALES["million"] == 1_000_000
    assert PLURALS["scores"] == 20 and FEW["several"] == (3, None) and "numerous" in MANY
    assert BEFORE["upwards of"] == "above" and AFTER["-odd"] == "approx"
