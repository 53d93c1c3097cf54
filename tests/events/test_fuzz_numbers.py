"""Fuzzing the number parser: whatever the words, quantities are well formed and index the text.

`read_number` gets phrases built from its own vocabulary (modifiers, number
words, scales, vague amounts, ranges) with odd figures and noise; `find_quantities`
gets sentences of them, tokenised by a blank English pipeline (the tagger's only
use is a year-shaped figure before a plural noun, so no model is loaded).
Budgets are the profiles in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sitrep.events.numbers import (
    AFTER,
    BEFORE,
    FEW,
    MANY,
    PLURALS,
    SCALES,
    TENS,
    UNITS,
    Quantity,
    find_quantities,
    read_number,
)

FAST, LONG = settings.get_profile("fuzz"), settings.get_profile("fuzz-long")
Limit = Callable[..., AbstractContextManager[None]]

WORDS = sorted({*UNITS, *TENS, *SCALES, *PLURALS, *FEW, *MANY, "a", "and", "of", "half a dozen"})
FIGURES = st.one_of(
    st.integers(0, 10**12).map(str), st.integers(0, 10**9).map("{:,}".format),
    st.decimals(0, 10**6, places=3).map(str), st.sampled_from(["1,00", "1,0000", "0.5", "007"]))
CORE = st.lists(st.tuples(st.sampled_from(WORDS) | FIGURES, st.sampled_from([" ", "-", " and "])),
                min_size=1, max_size=5).map(
    lambda parts: "".join(w + sep for w, sep in parts[:-1]) + parts[-1][0])
SEPARATORS = st.sampled_from([" ", "-", "–", "—", " to ", " or ", " and ", "", "  "])
PHRASES = st.builds(
    "{}{}{}{}".format,
    st.sampled_from(["", *(f"{b} " for b in BEFORE), "between "]),
    CORE,
    st.just("") | st.builds("{}{}".format, SEPARATORS, CORE),
    st.sampled_from(["", *(f" {a}" if a[0].isalpha() else a for a in AFTER)]))
NOISE = st.sampled_from(["people", "were", "killed", "aged", "May", "$", "%", "per cent", "No.",
                         "Shahed-136", "F-16", "+44 20 7946 0958", "Ahmed Ali,", ",", ".",
                         "from", "to", "troops", "in", "2023", "st", "th", "years old", "\n",
                         "one another", "the"])
# One figure's words over and over: a regex that backtracks shows here.
CHAINS = st.builds("{}{}".format, st.builds(str.__mul__, st.sampled_from(
    ["one-", "one ", "twenty-one-", "1-", "5 million ", "tens of ", "a hundred and ", "- "]),
    st.integers(100, 6000)), st.sampled_from(["", "x", "-a", " people", "%"]))
SENTENCES = st.lists(PHRASES | NOISE | st.text(max_size=5), max_size=30).map(" ".join) | CHAINS


def check_quantity(quantity: Quantity) -> None:
    for bound in (quantity.value, quantity.min, quantity.max):
        assert bound is None or (isinstance(bound, int) and bound >= 0), quantity
    if quantity.min is not None and quantity.max is not None:
        assert quantity.min <= quantity.max, quantity
    assert quantity.value is not None or quantity.min is not None or quantity.max is not None


def check_read_number(limit: Limit, words: str) -> None:
    with limit():
        quantity = read_number(words)
        year_ok = read_number(words, year_ok=True)
    for found in (quantity, year_ok):
        if found is not None:
            check_quantity(found)


@FAST
@given(words=PHRASES | st.text(max_size=30))
@example(words="fewer than 0")  # found by fuzzing: a ceiling of -1
def test_read_number_bounds_are_well_formed(time_limit: Limit, words: str) -> None:
    check_read_number(time_limit, words)


@pytest.mark.slow
@LONG
@given(words=PHRASES | st.text(max_size=30))
def test_read_number_bounds_are_well_formed_long(time_limit: Limit, words: str) -> None:
    check_read_number(time_limit, words)


@pytest.fixture(scope="module")
def blank() -> Any:
    import spacy

    return spacy.blank("en")


def check_find_quantities(limit: Limit, blank: Any, text: str, cut: tuple[float, float]) -> None:
    doc = blank(text)
    first, last = sorted(int(f * len(doc)) for f in cut)
    span = doc[first:last]
    with limit():
        found = find_quantities(span)
    for mention in found:
        assert span.start_char <= mention.start < mention.end <= span.end_char, mention
        assert text[mention.start:mention.end] == mention.text, mention
        check_quantity(mention.quantity)


CUTS = st.tuples(st.floats(0, 1), st.floats(0, 1)) | st.just((0.0, 1.0))


@FAST
@given(text=SENTENCES, cut=CUTS)
# Found by fuzzing: quadratic time in long chains (8 s for the first, 6 s for the second).
@example(text="one-" * 6000 + "xa", cut=(0.0, 1.0))
@example(text="a hundred and " * 6000, cut=(0.0, 1.0))
def test_find_quantities_index_the_span(time_limit: Limit, blank: Any, text: str,
                                        cut: tuple[float, float]) -> None:
    check_find_quantities(time_limit, blank, text, cut)


@pytest.mark.slow
@LONG
@given(text=SENTENCES, cut=CUTS)
def test_find_quantities_index_the_span_long(time_limit: Limit, blank: Any, text: str,
                                             cut: tuple[float, float]) -> None:
    check_find_quantities(time_limit, blank, text, cut)
