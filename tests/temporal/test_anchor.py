"""The temporal stage's answers for the events stage (sitrep.temporal.anchor)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.nlp import load_model
from sitrep.records import Time
from sitrep.settings import Settings
from sitrep.temporal import tag
from sitrep.temporal.anchor import (
    When,
    dates_saying,
    days_counted,
    distance,
    opens_period,
    reading,
    span_of,
)

SAYING = {"say", "deny", "tell"}


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(Settings().model)


def _parsed(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    times = tag(text, dct=dt.date(2023, 5, 31), doc=doc)
    return doc, times


def _time(times: list[Time], text: str) -> Time:
    return next(t for t in times if text in t.text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-30T06:24", ("2023-05-30", None, "day", "06:24")),
        ("2023-05", ("2023-05-01", "2023-05-31", "month", None)),
        ("2024-02", ("2024-02-01", "2024-02-29", "month", None)),
        ("2023", ("2023-01-01", "2023-12-31", "year", None)),
        ("2023-W22", ("2023-05-29", "2023-06-04", "week", None)),
        ("2023-W53", None),
        ("PRESENT_REF", None),
        ("P17D", None),
    ],
)
def test_anchor_span_of_values(value: str, expected: object) -> None:
    assert span_of(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-30T06:24", When("2023-05-30", "06:24")),
        ("2023-05-29TNI", When("2023-05-29", night=True)),
        ("2024-03", When("2024-03-01", precision="month", date_end="2024-03-31", aggregate=True)),
        ("1994", When("1994-01-01", precision="year", date_end="1994-12-31")),
        ("2023-W22", When(None, precision="week", aggregate=True)),
        ("2023-W22-WE", When("2023-06-03", date_end="2023-06-04")),  # Saturday, Sunday
        ("P3D", None),
    ],
)
def test_anchor_reading_of_a_time(value: str, expected: When | None) -> None:
    assert reading(Time(start=0, end=1, text="x", type="DATE", value=value)) == expected


def test_anchor_days_counted_only_when_the_duration_counts_the_word(nlp) -> None:  # type: ignore[no-untyped-def]
    doc, times = _parsed(nlp, "It follows 17 days of attacks on Kyiv.")
    duration = next(t for t in times if t.value == "P17D")
    attacks = next(t for t in doc if t.text == "attacks")
    kyiv = next(t for t in doc if t.text == "Kyiv")
    assert days_counted(duration, attacks) == 17
    assert days_counted(duration, kyiv) is None


@pytest.mark.parametrize(
    ("text", "time", "runs_on"),
    [
        ("Twelve people have been killed since April 15.", "April 15", True),
        ("Strikes went on from May 2 to May 9.", "May 2", True),
        ("The toll from Tuesday's shelling rose.", "Tuesday", False),
    ],
)
def test_anchor_opens_period(nlp, text: str, time: str, runs_on: bool) -> None:  # type: ignore[no-untyped-def]
    doc, times = _parsed(nlp, text)
    (sent,) = doc.sents
    assert opens_period(sent, _time(times, time)) is runs_on


def test_anchor_time_of_the_saying_is_not_the_deeds(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said on Thursday that its forces struck the depot on Tuesday."
    doc, times = _parsed(nlp, text)
    (sent,) = doc.sents
    assert dates_saying(sent, _time(times, "Thursday"), SAYING)
    assert not dates_saying(sent, _time(times, "Tuesday"), SAYING)
    struck = next(t for t in doc if t.text == "struck")
    near = distance(sent, _time(times, "Tuesday"), [struck], SAYING)
    assert near is not None and near[0] <= 2


def test_anchor_distance_stops_at_a_speech_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kyiv denied on Wednesday that its forces shelled the town."
    doc, times = _parsed(nlp, text)
    (sent,) = doc.sents
    shelled = next(t for t in doc if t.text == "shelled")
    wednesday = _time(times, "Wednesday")
    assert distance(sent, wednesday, [shelled], SAYING) is None
    assert distance(sent, wednesday, [shelled], set()) is not None


@pytest.mark.parametrize(("text", "said"), [
    # the sayer's time, though the parse hangs it on the sayer
    ("A spokesman for the governor on Thursday said a drone hit a house.", True),
    ("The attack on Thursday killed five people, officials said.", False),  # the deed's
])
def test_anchor_a_time_on_the_sayer_dates_the_saying(  # type: ignore[no-untyped-def]
        nlp, text: str, said: bool) -> None:
    doc, times = _parsed(nlp, text)
    (sent,) = doc.sents
    assert dates_saying(sent, _time(times, "Thursday"), SAYING) is said
