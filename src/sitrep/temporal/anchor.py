"""Dating events: which temporal expression governs an event's trigger.

Order of preference: an expression in the trigger's own clause, then one in
its sentence, then the narrative's current day (the latest day named before
it), and only then the publication day, which the result then names as its
source.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.nlp.syntax import clause_verb, span_hops
from sitrep.records import Time

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class EventDate:
    date: str | None
    date_end: str | None = None
    precision: str = "day"
    time: str | None = None
    source: str | None = None  # "text" | "narrative" | "published" | None
    expression: Time | None = None


def span_of(value: str, time: Time | None = None) -> tuple[str, str | None, str, str | None] | None:
    """(date, date_end, precision, HH:MM) for a TIMEX3 value, or None if it names no period.

    >>> span_of("2023-05-30T06:24")
    ('2023-05-30', None, 'day', '06:24')
    >>> span_of("2023-W22")
    ('2023-05-29', '2023-06-04', 'week', None)
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
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week", None
    m = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", value)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}", "month", None
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31", "year", None
    return None


def date_event(doc: Doc, times: Sequence[Time], trigger_start: int, trigger_end: int,
               published: str | None) -> EventDate:
    """The date of the event whose trigger spans trigger_start..trigger_end."""
    trigger = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if trigger is not None and len(trigger):
        sentence = trigger.sent
        inside = [t for t in times if sentence.start_char <= t.start < sentence.end_char
                  and span_of(t.value, t)]
        governing = _in_clause(doc, trigger, inside)
        if governing is not None:
            return _from(governing, "text")
        if inside:
            nearest = min(inside, key=lambda t: abs(t.start - trigger_start))
            return _from(nearest, "text")
    earlier = [t for t in times if t.end <= trigger_start and t.type in ("DATE", "TIME")
               and (span_of(t.value, t) or ("", "", "", ""))[2] == "day"]
    if earlier:
        return _from(earlier[-1], "narrative")
    if published:
        return EventDate(published, None, "day", None, "published")
    return EventDate(None)


def _from(time: Time, source: str) -> EventDate:
    found = span_of(time.value, time)
    assert found is not None
    date, end, precision, clock = found
    return EventDate(date, end, precision, clock, source, time)


def _in_clause(doc: Doc, trigger: Span, inside: list[Time]) -> Time | None:
    """An expression attached to the trigger itself or to the verb it hangs from."""
    anchors = {trigger.root.i, clause_verb(trigger.root).i}
    best: tuple[int, Time] | None = None
    for t in inside:
        hops = span_hops(doc, t.start, t.end, anchors)
        if hops is not None and (best is None or hops < best[0]):
            best = (hops, t)
    return best[1] if best else None
