"""Fuzzing `find_quotes`: whatever the marks, quotes index the text and keep to their paragraph.

Texts are mostly quotation marks of every style, apostrophes, punctuation and
line breaks between short words, with some over MAX_OPEN characters long so that
unclosed quotes are cut. `find_quotes` is pure: no model is loaded. Budgets are the
profiles in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.statements.quotes import (
    MAX_OPEN,
    OPEN_DOUBLE,
    OPEN_SINGLE,
    find_quotes,
    inside,
    paragraphs,
)

FAST, LONG = settings.get_profile("fuzz"), settings.get_profile("fuzz-long")
Limit = Callable[..., AbstractContextManager[None]]

MARKS = sorted(set(OPEN_DOUBLE) | set(OPEN_DOUBLE.values()) | set(OPEN_SINGLE)
               | set(OPEN_SINGLE.values()) | {"''", "\\\"", "\x01"})
PIECES = st.sampled_from(MARKS) | st.sampled_from(
    ["he said", "It's", "Russia's", "residents’", "rock 'n' roll", "the '90s", "Go home",
     " ", " ", "  ", ",", ".", ". ", "!", "?", ":", ";", "\n", "\n\n", " \n", "\t", "—", "(",
     ")", "a", "b", "1", "x" * MAX_OPEN]) | st.text(max_size=4)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def check_quotes(limit: Limit, text: str) -> None:
    with limit():
        quotes = find_quotes(text)
    spans = paragraphs(text)
    end = 0
    for i, quote in enumerate(quotes):
        assert end <= quote.start < quote.end <= len(text), quote  # inside, in order, apart
        assert text[quote.start:quote.end] == quote.text, quote
        assert quote.text == quote.text.strip(), quote
        end = quote.end
        assert 0 <= quote.paragraph < len(spans), quote
        p_start, p_end = spans[quote.paragraph]
        assert p_start <= quote.start and quote.end <= p_end, quote  # never past its paragraph
        if quote.continues is not None:
            before = quotes[quote.continues]
            assert quote.continues < i and before.open_end, quote
            assert before.paragraph == quote.paragraph - 1, quote
        assert inside(quotes, quote.start, quote.end) is quote


@FAST
@given(text=TEXTS)
def test_find_quotes_index_the_text_within_paragraphs(time_limit: Limit, text: str) -> None:
    check_quotes(time_limit, text)


@pytest.mark.slow
@LONG
@given(text=TEXTS)
def test_find_quotes_index_the_text_within_paragraphs_long(time_limit: Limit,
                                                           text: str) -> None:
    check_quotes(time_limit, text)
