"""Dating events: the temporal stage's answers for the events stage.

`span_of` reads a TIMEX3 value as the days it covers; `reading` turns a time
expression into the `When` of a happening; `offset_clause` reads "two days after
the clashes"; `days_counted` reads "17 days of
attacks"; `opens_period` tells a period that runs on ("since April 15") from a
point; `dates_saying` tells the time of a saying ("said on Thursday") from that
of the deed; `distance` is how far a time is from a word in the parse, never
across a speech verb that governs one and not the other.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.nlp.syntax import doc_text
from sitrep.records import Time

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DURATION = re.compile(r"^P(\d+)([DWMY])$")
DAYS = {"D": 1, "W": 7, "M": 30, "Y": 365}


@dataclass(slots=True)
class When:
    """When a happening was: a day (and clock time), or a period."""

    date: str | None = None
    time: str | None = None
    precision: str = "day"
    date_end: str | None = None
    aggregate: bool = False  # a period's happenings, not one happening
    days: int | None = None  # an aggregate's length, counted back from the story's day
    night: bool = False  # "overnight": may run into the next day


def span_of(value: str, time: Time | None = None) -> tuple[str, str | None, str, str | None] | None:
    """(date, date_end, precision, HH:MM) for a TIMEX3 value, or None if it names no period.

    >>> span_of("2023-05-30T06:24")
    ('2023-05-30', None, 'day', '06:24')
    >>> span_of("2023-W22")
    ('2023-05-29', '2023-06-04', 'week', None)
    >>> span_of("2023-W53") is None
    True
    """
    if time is not None and time.range_start and time.range_end:
        return time.range_start, time.range_end, "day", None
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d)|T[A-Z]{2})?", value)
    if m and time is not None and value.endswith("TNI") and "overnight" in time.text.lower():
        # What happened overnight is dated by the morning the night ends in, as
        # "overnight into Sunday" is Sunday.
        morning = dt.date.fromisoformat(m.group(1)) + dt.timedelta(days=1)
        return morning.isoformat(), None, "day", None
    if m:
        return m.group(1), None, "day", m.group(2)
    m = re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:  # no week 53 that year
            return None
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week", None
    m = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}", "month", None
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31", "year", None
    return None


def reading(time: Time) -> When | None:
    """The day (and clock time) or period a time expression names, if it names one:
    a week or month is a period's happenings; a past year ("in 1994") one happening
    of that year; a weekend its Saturday and Sunday. A week is not given its days
    (yet): a week's happenings take the story's dating.

    >>> reading(Time(text="March 2024", type="DATE", value="2024-03", start=0, end=10))
    When(date='2024-03-01', time=None, precision='month', date_end='2024-03-31', \
aggregate=True, days=None, night=False)
    """
    found = span_of(time.value)
    if found is None:
        return None
    date, end, precision, clock = found
    if precision == "day":
        return When(date, clock, night=time.value.endswith("TNI"))
    if precision == "week" and time.value.endswith("-WE"):  # its Saturday and Sunday
        saturday = dt.date.fromisoformat(date) + dt.timedelta(days=5)
        return When(saturday.isoformat(), date_end=(saturday + dt.timedelta(days=1)).isoformat())
    if precision == "week":  # not dated by weeks yet
        return When(None, precision="week", aggregate=True)
    return When(date, precision=precision, date_end=end, aggregate=precision != "year")


def days_counted(duration: Time, head: Token) -> int | None:
    """Days of a duration that counts the word ("17 days of attacks"), else None."""
    match = DURATION.match(duration.value)
    if match is None or head.i == 0:
        return None
    of = head.head if head.dep_ == "pobj" else None
    if of is None or of.lower_ != "of" or not duration.start <= of.head.idx < duration.end:
        return None
    return int(match.group(1)) * DAYS[match.group(2)]


def offset_clause(sent: Span, time: Time) -> tuple[frozenset[int], int] | None:
    """For "two days after X" or "a day before X": the token indices of X, and the days
    from the day around it to X's (-2, +1); None for any other time. Only days and
    weeks: "two months after" names no day.

    The words after the link are X: its object ("two days after clashes that killed
    seven") or, when it opens a clause, the clause ("a day after a missile hit").
    """
    match = DURATION.match(time.value)
    words = time.text.lower().split()
    if match is None or match.group(2) not in "DW" or not words \
            or words[-1] not in ("after", "before"):
        return None
    span = sent.doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or span[-1].lower_ != words[-1]:
        return None
    link = span[-1]
    root = link.head if link.dep_ == "mark" else link
    scope = frozenset(t.i for t in root.subtree if t.i > link.i)
    if not scope:
        return None
    days = int(match.group(1)) * DAYS[match.group(2)]
    return scope, -days if words[-1] == "after" else days


def opens_period(sent: Span, time: Time) -> bool:
    """Whether a day opens a period that runs on ("since the war began on April 15",
    "from May 2 to May 9"), not a point ("the toll from Tuesday's shelling")."""
    text = doc_text(sent.doc)
    if text[time.end:time.end + 2] in ("'s", "\u2019s"):
        return False  # "the toll from Tuesday's attack rose to 11": the attack's day
    before = text[max(sent.start_char, time.start - 60):time.start].lower().split()
    after = text[time.end:min(sent.end_char, time.end + 40)].lower().split()
    return "since" in before or (bool(before) and before[-1] == "from"
                                 and bool({"to", "until", "through", "till"} & set(after)))


def dates_saying(sent: Span, time: Time, saying: Container[str]) -> bool:
    """Whether a time dates a saying, not the deed ("the ministry said on Thursday that
    its forces struck on Tuesday": Thursday is when it was said); `saying`: the lemmas
    of speech verbs."""
    head = hung_on(sent, time)
    if head is not None and head.dep_ in ("nsubj", "nsubjpass"):
        head = head.head  # the sayer's time: "the army on Tuesday said its jets struck"
    return head is not None and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in saying


def hung_on(sent: Span, time: Time) -> Token | None:
    """The word a time tells the time of: its head, past its preposition ("said on
    Thursday" -> said, "held since Thursday" -> held)."""
    span = sent.doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root.head
    return head.head if head.dep_ == "prep" or span.root.dep_ == "pobj" else head


def distance(sent: Span, time: Time, heads: Iterable[Token], saying: Container[str],
             tolls: Container[str] = ()) -> tuple[int, int] | None:
    """How far a time is from the nearest of some words: steps in the parse, then
    characters; None when a speech verb stands between them ("denied on Wednesday
    that they shelled")."""
    span = sent.doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None:
        return None
    best: tuple[int, int] | None = None
    for head in heads:
        steps = _steps(span.root, head, saying, tolls)
        if steps is None:
            continue
        gap = (steps, abs(head.idx - time.start))
        best = gap if best is None or gap < best else best
    return best


def _steps(a: Token, b: Token, saying: Container[str], tolls: Container[str]) -> int | None:
    """Steps between two words in the parse; None when the way passes a speech verb
    above one of them and not the other, or goes down into a clause that describes a
    noun (`_describes`)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return None
    path_b = up_b[:up_b.index(common)]
    if common.lemma_.lower() in saying and common.pos_ in ("VERB", "AUX") and path_b:
        return None  # the time hangs on the saying, the word on what was said
    if _describes(path_b, a, common, tolls):
        return None  # the time is the main clause's; the described deed has its own
    return up_a.index(common) + len(path_b)


def _describes(path: list[Token], time: Token, common: Token, tolls: Container[str]) -> bool:
    """Whether the way down from the time's word to a deed enters a relative clause or
    a past participle that describes a noun: "buried on Thursday the soldiers killed
    when a bomb went off" (not "with the war killing 3,000 this year"). But the day a
    toll (a noun of `tolls`) was given is near enough to date the deed ("the number of
    people killed rose to eight on Wednesday"), and a time between the clause and the
    verb is the clause's, whatever the parse ("six of the villagers abducted in a raid
    on Tuesday have escaped")."""
    if any(t.lemma_.lower() in tolls for t in path):
        return False
    return any((t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ != "VBG"))
               and t.head.pos_ in ("NOUN", "PROPN", "PRON") and not t.i < time.i < common.i
               for t in path)
