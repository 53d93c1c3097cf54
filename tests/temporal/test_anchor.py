from __future__ import annotations

import datetime as dt

import pytest

from sitrep.nlp import load_model
from sitrep.settings import Settings
from sitrep.temporal import tag
from sitrep.temporal.anchor import date_event, span_of

WED = dt.date(2023, 5, 31)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(Settings().model)


def _date(nlp, text: str, trigger: str, published: str | None = "2023-05-31"):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    times = tag(text, dct=dt.date.fromisoformat(published) if published else None, doc=doc)
    start = text.index(trigger)
    return date_event(doc, times, start, start + len(trigger), published)


@pytest.mark.parametrize(
    ("text", "trigger", "date", "source"),
    [
        ("Moscow was hit by drones on Tuesday morning.", "hit", "2023-05-30", "text"),
        ("Kyiv denies Tuesday's drone strikes on Moscow.", "strikes", "2023-05-30", "text"),
        ("Drones hit Moscow on Tuesday. Buildings were damaged at dawn.", "damaged",
         "2023-05-30", "narrative"),
        ("Buildings were damaged in the capital.", "damaged", "2023-05-31", "published"),
        ("The city was shelled overnight.", "shelled", "2023-05-31", "text"),
        ("It was shelled overnight into Sunday.", "shelled", "2023-05-28", "text"),
    ],
)
def test_anchor_event_dates(nlp, text: str, trigger: str, date: str, source: str) -> None:  # type: ignore[no-untyped-def]
    got = _date(nlp, text, trigger)
    assert (got.date, got.source) == (date, source)


def test_anchor_clause_beats_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "After talks on Monday, rebels attacked the base on Tuesday."
    assert _date(nlp, text, "attacked").date == "2023-05-30"


def test_anchor_spans_give_date_end(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _date(nlp, "Drones hit Moscow on Tuesday. It follows 17 days of attacks on Kyiv.",
                "attacks")
    assert (got.date, got.date_end) == ("2023-05-14", "2023-05-30")


def test_anchor_no_date_at_all(nlp) -> None:  # type: ignore[no-untyped-def]
    got = _date(nlp, "Buildings were damaged.", "damaged", published=None)
    assert got.date is None and got.source is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-30T06:24", ("2023-05-30", None, "day", "06:24")),
        ("2023-05", ("2023-05-01", "2023-05-31", "month", None)),
        ("2023", ("2023-01-01", "2023-12-31", "year", None)),
        ("PRESENT_REF", None),
        ("P17D", None),
    ],
)
def test_anchor_span_of_values(value: str, expected: object) -> None:
    assert span_of(value) == expected
