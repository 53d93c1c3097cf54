"""Drafts joined into the article's events, then written as `Event` records.

Joining: a draft joins the latest event of its group that is at the same place
(or a place containing it, or no place yet) on a compatible day; a draft with no
place joins the latest event of its group on a compatible day; aggregates ("17
days of attacks") stay apart. Dating: the event's own first date; else the
story's day (the first date any event has, `date_source: "narrative"`); else the
publication day (`"published"`). An aggregate ends on the story's day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.events.arguments import SPECIFIC, When
from sitrep.events.build import Draft
from sitrep.events.lexicon import EventLexicon
from sitrep.records import Place


@dataclass(slots=True)
class Happening:
    """An event of the article while its drafts are gathered."""

    group: str
    drafts: list[Draft] = field(default_factory=list)
    place: Place | None = None
    when: When | None = None

    @property
    def aggregate(self) -> bool:
        return self.when is not None and self.when.aggregate

    @property
    def day(self) -> str | None:
        return self.when.date if self.when is not None else None

    def add(self, draft: Draft) -> None:
        self.drafts.append(draft)
        if draft.place is not None and (self.place is None or _finer(draft.place, self.place)):
            self.place = draft.place
        if self.when is None or (self.when.date and self.when.time is None
                                 and draft.when is not None and draft.when.date == self.when.date
                                 and draft.when.time):
            self.when = draft.when or self.when


def join(drafts: list[Draft], lex: EventLexicon) -> list[Happening]:
    """The article's happenings, in the order they are first told."""
    events: list[Happening] = []
    for draft in drafts:
        group = lex.families[draft.families[0]].group
        target = _target(events, draft, group)
        if target is None:
            target = Happening(group)
            events.append(target)
        target.add(draft)
    return events


def _target(events: list[Happening], draft: Draft, group: str) -> Happening | None:
    aggregate = draft.when is not None and draft.when.aggregate
    day = draft.when.date if draft.when is not None else None
    candidates = [e for e in reversed(events) if e.group == group and e.aggregate == aggregate
                  and (day is None or e.day is None
                                         or _same_day(e.when, draft.when))]
    if aggregate:
        return next((e for e in candidates if _same_place(e.place, draft.place)), None)
    if day is not None:  # a dated draft joins an undated event only at its place
        candidates = [e for e in candidates if _same_day(e.when, draft.when) or (
            draft.place is not None and _same_place(e.place, draft.place))]
    if draft.place is None:  # "the attacks": the most told event of its group, else the latest
        return max(candidates, key=lambda e: len(e.drafts), default=None)
    for event in candidates:
        if event.place is None or _same_place(event.place, draft.place):
            return event
    return None


def _same_day(a: When | None, b: When | None) -> bool:
    """The same day, or a night and the morning after ("overnight", "at 2am")."""
    if a is None or b is None or a.date is None or b.date is None:
        return False
    if a.date == b.date:
        return True
    first, second = sorted((a, b), key=lambda w: w.date or "")
    try:
        gap = date.fromisoformat(second.date or "") - date.fromisoformat(first.date or "")
    except ValueError:
        return False
    return first.night and gap == timedelta(days=1)


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is b
    names = {a.name, a.parent} & {b.name, b.parent} - {None}
    if names:
        return True
    return a.country == b.country and "country" in (a.feature, b.feature)


def _finer(new: Place, old: Place) -> bool:
    """A more precise place, short of a street (which stays a sub-location of its city)."""
    return (SPECIFIC.get(new.feature, 4) < SPECIFIC.get(old.feature, 4)
            and new.feature not in ("street", "district"))


def story_day(events: list[Happening], published: str | None) -> tuple[str | None, str | None]:
    """The day the story is about, and where it comes from."""
    for event in events:
        if event.day and not event.aggregate and event.when is not None \
                and event.when.precision == "day":  # (not "in 1994")
            return event.day, "narrative"
    return published, "published" if published else None


def aggregate_dates(when: When, story: str | None) -> tuple[str | None, str | None]:
    """An aggregate's first and last day ("17 days of attacks" before the story's day)."""
    if when.days is None or story is None:
        return when.date, when.date_end
    try:
        end = date.fromisoformat(story)
    except ValueError:
        return None, None
    return (end - timedelta(days=when.days)).isoformat(), end.isoformat()
