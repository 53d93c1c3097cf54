"""Fuzzing `tag`: whatever the text and the day, spans index the text and values are TIMEX3.

Texts are strings of the tagger's own words (the lexicon's months, numbers,
units...) with digits, punctuation, quote marks and noise between them, so that
most inputs hold several candidate expressions. Most runs need no parse; one
property runs the model on a few texts. Budgets are the profiles in tests/conftest.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitrep.records import Time
from sitrep.temporal import tag
from sitrep.temporal.grammar import lexicon

FAST, LONG = settings.get_profile("fuzz"), settings.get_profile("fuzz-long")
Limit = Callable[..., AbstractContextManager[None]]

_LEX = lexicon()
WORDS = sorted({str(w) for key in ("months", "weekdays", "numbers", "ordinals", "units",
                                   "plurals", "seasons", "day_parts", "references", "holidays",
                                   "movable_holidays", "zones", "vague_numbers")
                for w in _LEX[key]})
WORDS += ["the", "of", "on", "in", "at", "ago", "earlier", "later", "before", "after",
          "from now", "last", "next", "this", "that", "same", "past", "previous", "following",
          "coming", "early", "late", "mid", "and a half", "half", "1/2", "year-ago", "quarter",
          "period", "fiscal", "overnight", "into", "noon", "midnight", "a.m.", "pm", "local time",
          "every", "per", "each", "other", "running", "in a row", "old", "long", "said", "will",
          "was", "may", "'s", "'90s", "1990s", "nineteen ninety-seven", "two thousand",
          "the year", "year-end", "20th", "150th", "12345th", "century", "decade"]
NUMBERS = st.one_of(
    st.integers(0, 99_999_999).map(str), st.integers(1500, 2100).map(str),
    st.builds("{}/{}/{}".format, st.integers(0, 40), st.integers(0, 40), st.integers(0, 2100)),
    st.builds("{}-{:02d}-{:02d}".format, st.integers(1600, 2099), st.integers(0, 13),
              st.integers(0, 32)),
    st.builds("{}:{:02d}".format, st.integers(0, 30), st.integers(0, 61)),
    st.decimals(0, 1000, places=2).map(str))
UNITS = sorted({str(w) for key in ("units", "plurals", "months", "weekdays", "seasons",
                                   "day_parts") for w in _LEX[key]})
# Phrases shaped like the rules' ("nearly 17 days ago", "the last half of 2024") so that
# the normalisers see odd figures, not only odd neighbours.
PHRASES = st.builds(
    "{}{} {}{}".format,
    st.sampled_from(["", "the ", "last ", "next ", "this ", "early ", "nearly ", "more than ",
                     "the past ", "the next ", "every ", "the first ", "mid-", "some "]),
    NUMBERS | st.sampled_from([str(w) for w in _LEX["numbers"]] + _LEX["vague_numbers"]),
    st.sampled_from(UNITS),
    st.sampled_from(["", " ago", " earlier", " later", " before", " from now", " of 2023",
                     " 2023", ", 1999", " morning", " local time", " and a half", " running",
                     " in a row", " old", " long", " GMT", " on Tuesday"]))
GLUE = st.sampled_from([" ", " ", " ", ", ", "-", ". ", "\n", "\n\n", '"', "“", "”", "(", "'"])
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS) | NUMBERS | PHRASES | st.text(max_size=6),
                           GLUE),
                 max_size=40).map(lambda parts: "".join(w + g for w, g in parts))
DAYS = st.none() | st.dates()

_DATE = (r"PRESENT_REF|PAST_REF|FUTURE_REF|\d{2,3}|XXX?"
         r"|(?:\d{4}|XXXX)(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?"
         r"|-(?:W\d\d|WXX)(?:-WE|-[1-7])?|-Q[1-4X]|-H[12]|-(?:SP|SU|FA|WI))?")
_PART = r"T(?:[0-2]\d:[0-5]\d|MO|AF|EV|NI|MI|DT)"
_DURATION = (r"(?!P$)P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|WE|DE|CE))*"
             r"(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?")
VALUE = {"DATE": re.compile(_DATE), "TIME": re.compile(rf"(?:{_DATE}|XXXX-WXX-[1-7]){_PART}"),
         "DURATION": re.compile(_DURATION),
         "SET": re.compile(rf"{_DURATION}|{_PART}|XXXX-WXX-[1-7]")}
MODS = {None, "START", "END", "MID", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE",
        "EQUAL_OR_LESS"}


def check_times(text: str, times: list[Time]) -> None:
    end = 0
    for time in times:
        assert end <= time.start < time.end <= len(text), time  # inside, in order, no overlap
        assert text[time.start:time.end] == time.text, time
        end = time.end
        assert time.type in VALUE, time
        assert time.mod in MODS, time
        assert isinstance(time.ambiguous, bool)
        check_value(time)


def check_value(time: Time) -> None:
    assert VALUE[time.type].fullmatch(time.value), time
    for day in re.findall(r"\d{4}-\d\d-\d\d", time.value):
        dt.date.fromisoformat(day)  # a real day, not 2023-02-30
    assert (time.range_start is None) == (time.range_end is None), time
    if time.range_start is not None and time.range_end is not None:
        assert dt.date.fromisoformat(time.range_start) <= dt.date.fromisoformat(time.range_end)


def check_tag(limit: Limit, text: str, dct: dt.date | None, order: str,
              doc: Any = None) -> None:
    with limit():
        times = tag(text, dct=dct, doc=doc, date_order=order)
    check_times(text, times)


@FAST
@given(text=TEXTS, dct=DAYS, order=st.sampled_from(["MDY", "DMY"]))
# Found by fuzzing: counts that leave the calendar raised (OverflowError, ValueError), years
# before 1000 came out in three digits ("999-Q4"), placeholder days overflowed.
@example(text="1497 quarter ago ", dct=dt.date(375, 1, 1), order="MDY")
@example(text="1497 quarter ago ", dct=dt.date(1374, 1, 1), order="MDY")
@example(text="It was 99999999 days ago.", dct=dt.date(2023, 5, 31), order="MDY")
@example(text="5000 years ago", dct=dt.date(2023, 5, 31), order="MDY")
@example(text="tomorrow and the next day", dct=dt.date(9999, 12, 31), order="MDY")
def test_tag_spans_index_the_text_and_values_are_timex(
        time_limit: Limit, text: str, dct: dt.date | None, order: str) -> None:
    check_tag(time_limit, text, dct, order)


@pytest.mark.slow
@LONG
@given(text=TEXTS, dct=DAYS, order=st.sampled_from(["MDY", "DMY"]))
def test_tag_spans_index_the_text_and_values_are_timex_long(
        time_limit: Limit, text: str, dct: dt.date | None, order: str) -> None:
    check_tag(time_limit, text, dct, order)


@pytest.fixture(scope="module")
def nlp() -> Any:
    from sitrep.nlp import load_model
    from sitrep.settings import Settings

    return load_model(Settings().model)


@settings(FAST, max_examples=25)
@given(text=TEXTS, dct=DAYS)
def test_tag_with_a_parse_spans_index_the_text(time_limit: Limit, nlp: Any, text: str,
                                               dct: dt.date | None) -> None:
    check_tag(time_limit, text, dct, "MDY", doc=nlp(text))


@pytest.mark.slow
@settings(LONG, max_examples=300)
@given(text=TEXTS, dct=DAYS)
def test_tag_with_a_parse_spans_index_the_text_long(time_limit: Limit, nlp: Any, text: str,
                                                    dct: dt.date | None) -> None:
    check_tag(time_limit, text, dct, "MDY", doc=nlp(text))
