from __future__ import annotations

import datetime as dt

import pytest

from sitrep.nlp import load_model
from sitrep.settings import Settings
from sitrep.temporal import tag

WED = dt.date(2023, 5, 31)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(Settings().model)


def _values(text: str, dct: dt.date | None, nlp) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(t.text, t.type, t.value) for t in tag(text, dct=dct, doc=nlp(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow was hit on Tuesday morning.", [("Tuesday morning", "TIME", "2023-05-30TMO")]),
        ("Kyiv was attacked on Tuesday.", [("Tuesday", "DATE", "2023-05-30")]),
        # a noun's modifier, not a stretch: the raid of the weekend just gone
        ("The group claimed responsibility for the weekend raid on the town.",
         [("the weekend", "DATE", "2023-W21-WE")]),
        ("The family stayed in the town for the weekend.", [("the weekend", "DURATION", "P2D")]),
        ("Talks will resume on Friday.", [("Friday", "DATE", "2023-06-02")]),
        ("The city was shelled overnight into Sunday.",
         [("overnight into Sunday", "DATE", "2023-05-28")]),
        ("It was quiet yesterday and today.",
         [("yesterday", "DATE", "2023-05-30"), ("today", "DATE", "2023-05-31")]),
        ("He said this morning that it ended.", [("this morning", "TIME", "2023-05-31TMO")]),
        ("Officials met on May 12, 2023.", [("May 12, 2023", "DATE", "2023-05-12")]),
        ("Officials met on 12 May 2023.", [("12 May 2023", "DATE", "2023-05-12")]),
        ("Officials met on March 3.", [("March 3", "DATE", "2023-03-03")]),
        ("The vote is due on June 20.", [("June 20", "DATE", "2023-06-20")]),
        ("It happened in 1994.", [("1994", "DATE", "1994")]),
        ("It happened in the 1990s.", [("the 1990s", "DATE", "199")]),
        ("Sales will rise in the third quarter.", [("the third quarter", "DATE", "2023-Q3")]),
        ("Sales rose in the third quarter.", [("the third quarter", "DATE", "2022-Q3")]),
        ("Sales rose in the first quarter.", [("the first quarter", "DATE", "2023-Q1")]),
        ("Prices rose last year and last month.",
         [("last year", "DATE", "2022"), ("last month", "DATE", "2023-04")]),
        ("Attacks rose last week.", [("last week", "DATE", "2023-W21")]),
        ("The siege began three years ago.", [("three years ago", "DATE", "2020")]),
        ("The siege lasted 17 days.", [("17 days", "DURATION", "P17D")]),
        ("Fighting went on for several weeks.", [("several weeks", "DURATION", "PXW")]),
        ("They are now in talks.", [("now", "DATE", "PRESENT_REF")]),
        ("Patrols run daily.", [("daily", "SET", "P1D")]),
        ("The talks took 2 1/2 years.", [("2 1/2 years", "DURATION", "P2Y6M")]),
        ("The raid lasted an hour and a half.", [("an hour and a half", "DURATION", "PT1H30M")]),
        ("The raid lasted half an hour.", [("half an hour", "DURATION", "PT30M")]),
        ("Troops left nearly four years ago.", [("nearly four years ago", "DATE", "2019")]),
        ("Profit fell in this year's third quarter.",
         [("this year's third quarter", "DATE", "2023-Q3")]),
        ("The convoy left at 9 a.m. Tuesday.", [("9 a.m. Tuesday", "TIME", "2023-05-30T09:00")]),
        ("Prices rise $2 million a year.", []),
        ("Shelling resumed at 6:24am local time.", [("6:24am", "TIME", "2023-05-31T06:24")]),
        ("Sirens sounded at 14:00 GMT.", [("14:00 GMT", "TIME", "2023-05-31T14:00")]),
        ("It was the last attack in the spring.", [("the spring", "DATE", "2023-SP")]),
        ("Protests began in early March.", [("early March", "DATE", "2023-03")]),
        ("Thanksgiving Day was calm.", [("Thanksgiving Day", "DATE", "2022-11-24")]),
        ("He is a 6-year-old boy who may come in May.", [("May", "DATE", "2023-05")]),
        ("Shares rose 2.5 percent to $1,990 and 1.18 points.", []),
        ("The army said it would march on the capital.", []),
        ("It lost money in the 1988 second quarter.",
         [("the 1988 second quarter", "DATE", "1988-Q2")]),
        ("It earned more in the year-ago third quarter.",
         [("the year-ago third quarter", "DATE", "2021-Q3")]),
        ("Protests are planned this summer.", [("this summer", "DATE", "2023-SU")]),
        ("Officials met over the weekend.", [("the weekend", "DATE", "2023-W21-WE")]),
        ("It was promised by the year two thousand.",
         [("the year two thousand", "DATE", "2000")]),
        ("It began in January nineteen ninety-seven.",
         [("January nineteen ninety-seven", "DATE", "1997-01")]),
        ("Two thousand troops left.", []),
        ("A 20th century fort fell.", [("20th century", "DATE", "19")]),
        ("Sales should grow in the last half of 2024.",
         [("the last half of 2024", "DATE", "2024-H2")]),
        ("The talks should close by year-end.", [("year-end", "DATE", "2023")]),
        ("The offer runs until 5 p.m. EST June 9.",
         [("5 p.m. EST June 9", "TIME", "2023-06-09T17:00")]),
        ("He served in 1995 and the following year he retired.",
         [("1995", "DATE", "1995"), ("the following year", "DATE", "1996")]),
        ("The truce will hold for two more weeks.", [("two more weeks", "DURATION", "P2W")]),
        ("The call lasted a minute and a half.",
         [("a minute and a half", "DURATION", "PT1M30S")]),
    ],
)
def test_tagger_expressions(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert _values(text, WED, nlp) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv was attacked on Tuesday.", "XXXX-WXX-2"),
        ("It rained yesterday.", "XXXX-XX-XX"),
        ("They met on March 3.", "XXXX-03-03"),
        ("It fell last year.", "XXXX"),
        ("It happened in 1994.", "1994"),
    ],
)
def test_tagger_without_publication_day_stays_unresolved(nlp, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    (time,) = tag(text, dct=None, doc=nlp(text))
    assert time.value == expected


@pytest.mark.parametrize(
    ("text", "value", "ambiguous"),
    [
        ("Filed on 5/6/2023.", "2023-05-06", True),
        ("Filed on 25/6/2023.", "2023-06-25", False),
        ("Filed on 6/25/23.", "2023-06-25", False),
        ("Filed on 2023-06-25.", "2023-06-25", False),
    ],
)
def test_tagger_numeric_dates(nlp, text: str, value: str, ambiguous: bool) -> None:  # type: ignore[no-untyped-def]
    (time,) = tag(text, dct=WED, doc=nlp(text))
    assert (time.value, time.ambiguous) == (value, ambiguous)


@pytest.mark.parametrize(
    "text",
    ["It was signed on February 30, 2023.", "Filed on 31/31/2023.", "In 12,000 BC and 3099.",
     "At 99:99 nothing.", "", "“unbalanced quote on Tuesday", "MONDAY TUESDAY 2023"],
)
def test_tagger_bad_input_never_crashes(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    for time in tag(text, dct=WED, doc=nlp(text)):
        assert time.value and text[time.start : time.end] == time.text


def test_tagger_impossible_day_keeps_the_month(nlp) -> None:  # type: ignore[no-untyped-def]
    (time,) = tag("It was signed on February 30, 2023.", dct=WED,
                  doc=nlp("It was signed on February 30, 2023."))
    assert time.value == "2023-02"


def test_tagger_time_takes_the_story_day(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Moscow was hit on Tuesday. The drones struck at 6:24am."
    assert _values(text, WED, nlp)[-1] == ("6:24am", "TIME", "2023-05-30T06:24")


def test_tagger_time_takes_the_story_day_not_the_day_it_was_said(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Gunmen killed four people late on Monday, police said on Tuesday. "
            "The attackers opened fire at about 11.30 p.m.")
    assert _values(text, WED, nlp)[-1] == ("11.30 p.m.", "TIME", "2023-05-29T23:30")


def test_tagger_deixis_in_a_quote_is_the_speaker_day(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Drones hit Moscow on Tuesday. The ministry said: "This morning, drones attacked."'
    assert _values(text, WED, nlp)[-1] == ("This morning", "TIME", "2023-05-30TMO")


def test_tagger_days_inside_a_quote_count_from_the_speaker_day(nlp) -> None:  # type: ignore[no-untyped-def]
    # Friday (2023-05-26) inside the quote does not become the day Saturday counts from
    text = ('Rebels took the town on Tuesday. "We heard gunfire on Friday and Saturday '
            'morning, then it stopped," a trader said.')
    assert _values(text, WED, nlp)[-1] == ("Saturday morning", "TIME", "2023-05-27TMO")


def test_tagger_past_spans_of_days_end_on_the_story_day(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Drones hit Moscow on Tuesday. It follows 17 days of attacks on Kyiv."
    span = tag(text, dct=WED, doc=nlp(text))[-1]
    assert (span.value, span.range_start, span.range_end) == ("P17D", "2023-05-14", "2023-05-30")


def test_tagger_runs_without_a_parse() -> None:
    (time,) = tag("Kyiv was attacked on Tuesday.", dct=WED)
    assert time.value == "2023-05-30"


@pytest.mark.parametrize(
    ("source", "value", "ambiguous"),
    [("bbc", "2023-06-05", False), ("nyt", "2023-05-06", False), (None, "2023-05-06", True)],
)
def test_temporal_stage_uses_publisher_date_order(nlp, source: str | None, value: str,  # type: ignore[no-untyped-def]
                                                  ambiguous: bool) -> None:
    from sitrep.records import Article
    from sitrep.stage import Work
    from sitrep.temporal.stage import TemporalStage

    article = Article(id="x", text="Filed on 5/6/2023.", published="2023-06-10", source=source)
    work = Work(article, nlp(article.text))
    TemporalStage()(work)
    (time,) = work.article.times
    assert (time.value, time.ambiguous) == (value, ambiguous)


def test_tagger_story_quarter_is_the_first_named(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Profit rose in the first quarter. After a flat fourth quarter, sales grew. "
            "Sales were $2 billion a year earlier.")
    assert _values(text, WED, nlp)[-1] == ("a year earlier", "DATE", "2022-Q1")
