"""Pass 4, coding: each happening written as the contract's `Event`: its type's ACLED,
PLOVER and CAMEO codes, date, place, actors, weapons, figures, evidence and
confidence.

Dating: the happening's own first date; else the story's day (the first date
any happening has, `date_source: "narrative"`); else the publication day
(`"published"`). An aggregate ("17 days of attacks") ends on the story's day.
A month or year still running on the publication day ends on it; an event
dated after the publication day is left undated.
Attribution of a doer: "asserted" when the article's own voice says it,
"alleged" when it is read inside a statement (a party's claim), "denied" when
the only statement about it is a denial by the doer's side, "unclear" otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sitrep.actors.resolve import Resolver
from sitrep.events.actors import perpetrators, sides, targets
from sitrep.events.counts import count_lexicon, merge_counts
from sitrep.events.detect import depth
from sitrep.events.join import Happening
from sitrep.events.lexicon import EventLexicon
from sitrep.geo.gazetteer import country_label
from sitrep.geo.locate import location
from sitrep.records import (
    AcledCode,
    Actor,
    Article,
    Count,
    Event,
    PloverCode,
    Range,
    Span,
    Statement,
)
from sitrep.temporal.anchor import When

if TYPE_CHECKING:
    from spacy.tokens import Doc

INTERCEPTING = ("interception", "weapons_seizure")
ASIDE = 0.15  # what a happening told only as background loses in confidence


def code(happenings: Sequence[Happening], doc: Doc, article: Article,
         lex: EventLexicon) -> list[Event]:
    """The happenings as events `e1`, `e2`... in the order they are first told."""
    resolver = Resolver(doc, article.places)
    story, source = story_day(happenings, article.published)
    events = []
    for n, happening in enumerate(happenings, 1):
        event = event_record(f"e{n}", happening, article, resolver, lex)
        _date(event, happening.when, story, source)
        _cut_to_report(event, article.published)
        events.append(event)
    return events


def _cut_to_report(event: Event, published: str | None) -> None:
    """What is reported has not happened after its report: a period still running on
    the publication day ("in 2016", "this month") ends on it, and a date after it (a
    plan told as done, a date read in the wrong year) is no date: the event is left
    undated rather than dated wrong."""
    if not published or not event.date:
        return
    day = published[:10]
    if event.date[:10] > day:
        event.date = event.date_end = event.time = None
        event.date_source = None
        return
    if event.date_end and event.date[:10] <= day < event.date_end[:10]:
        event.date_end = day


def event_record(event_id: str, happening: Happening, article: Article, resolver: Resolver,
                 lex: EventLexicon) -> Event:
    """One happening coded, placed, attributed and counted (not yet dated)."""
    kind = _type(happening)
    codes = lex.types[kind]
    event = Event(id=event_id, type=kind,
                  acled=AcledCode(*codes.acled) if codes.acled else None,
                  plover=PloverCode(*codes.plover) if codes.plover else None,
                  cameo=codes.cameo)
    if happening.place is not None:
        event.location, subs = location(happening.place, article.places)
        event.sub_locations = _subs(happening, subs)
    event.actors = _actors(happening, article.statements, resolver)
    if kind in INTERCEPTING:
        interceptors(event)
    event.weapons = list(dict.fromkeys(name for d in happening.drafts for name, _ in d.weapons))
    event.counts, event.fatalities, event.injured = _counts(happening, kind)
    event.evidence = _evidence(happening)
    event.confidence = _confidence(happening, event)
    return event


def _counts(happening: Happening, kind: str) -> tuple[list[Count], Range | None, Range | None]:
    """The event's figures, each once; weapons destroyed in an interception were shot
    down; two outcomes of one interception ("three suppressed", "another five shot
    down") add up to a total. Killed and injured become its fatalities and injured:
    the largest figure told (a range when sources differ), never an average."""
    merged = merge_counts(c for d in happening.drafts for c in d.counts)
    counts: list[Count] = []
    for c in merged:
        what = "shot_down" if kind in INTERCEPTING and c.what == "destroyed" else c.what
        count = Count(what=what, value=c.value, min=c.min, max=c.max, approximate=c.approximate)
        if count not in counts:  # one figure told twice ("kills six" in title and text)
            counts.append(count)
    outcomes = [c for c in counts if c.what in ("suppressed", "shot_down") and c.value]
    if kind in INTERCEPTING and len({c.what for c in outcomes}) == 2 and not any(
            c.what in ("launched", "intercepted", "total") for c in counts):
        counts.append(Count(what="total", value=sum(c.value or 0 for c in outcomes)))
    return counts, _casualties(happening, counts, "killed"), _casualties(
        happening, counts, "injured")


def _casualties(happening: Happening, counts: list[Count], what: str) -> Range | None:
    """The killed or injured of the event; none when more than one event is read to
    have, unless it is told as a period (counts.yaml `most_in_one_event`)."""
    found = _range(counts, what)
    if found is None or happening.aggregate:
        return found
    most = count_lexicon().most_in_one_event
    if max(x for x in (found.min, found.max) if x is not None) > most:
        return None
    return found


def _range(counts: list[Count], what: str) -> Range | None:
    told = [c for c in counts if c.what == what]
    lows = [x for c in told if (x := c.value if c.value is not None else c.min) is not None]
    highs = [x for c in told
             if (x := c.value if c.value is not None else (c.max or c.min)) is not None]
    if not lows and not highs:
        return None
    return Range(min=min(lows) if lows else None, max=max(highs) if highs else None)


def interceptors(event: Event) -> None:
    """Who stopped the weapons: the doers found, else the forces of the place it
    happened ("shot down by the Pantsir-S" over Moscow: Russia's military)."""
    for actor in event.actors:
        if actor.role == "perpetrator":
            actor.role = "interceptor"
    if not any(a.role == "interceptor" for a in event.actors) and event.location is not None \
            and event.location.country:
        country = event.location.country
        event.actors.append(Actor(role="interceptor", name=country_label(country),
                                  country=country, kind="military", attribution="asserted"))


def _type(happening: Happening) -> str:
    """The first specific draft's type; drafts taken in from another group ("explosions
    were heard" in a clash) type it only if nothing else does."""
    drafts = [d for d in happening.drafts if d not in happening.taken] or happening.drafts
    specific = [d for d in drafts if d.specific]
    return (specific or drafts)[0].type


def _subs(happening: Happening, subs: list[str]) -> list[str]:
    for place in (p for d in happening.drafts for p in d.subs + d.unplaced):
        if place.name not in subs:
            subs.append(place.name)
    return subs


def _evidence(happening: Happening) -> list[Span]:
    """The sentences told of it, each cut to the paragraph of its trigger and trimmed of
    the quotation marks and spaces a parse leaves at its ends."""
    seen: dict[int, Span] = {}
    for draft in happening.drafts:
        sent = draft.sent
        text, lo = sent.text, sent.start_char
        at = draft.start - lo
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        while start < end and text[start] in " \t\"'”’":
            start += 1
        while end > start and text[end - 1] in " \t":
            end -= 1
        seen.setdefault(lo + start, Span(lo + start, lo + end, text[start:end]))
    return sorted(seen.values(), key=lambda s: s.start)


def _confidence(happening: Happening, event: Event) -> float:
    """How sure sitrep is that this is a happening an analyst would code: a rule named
    its type, it has a place and a day, it is told more than once, it is what a
    sentence is about (its trigger heads the clause) rather than a side remark."""
    mentions = [m for d in happening.drafts for m in d.mentions]
    score = 0.45 + 0.15 * any(d.specific for d in happening.drafts)
    score += 0.1 * any(depth(m.head) <= 1 for m in mentions)
    score -= ASIDE * all(m.aside for m in mentions)
    score += 0.1 * (event.location is not None) + 0.1 * (happening.day is not None)
    score += min(0.15, 0.05 * (len(happening.drafts) - 1)) - 0.1 * happening.aggregate
    return round(min(score, 0.95), 2)


def _actors(happening: Happening, statements: Sequence[Statement], resolver: Resolver) -> \
        list[Actor]:
    found: dict[tuple[str, str], Actor] = {}
    fought = happening.group == "clash"  # a clash's other side is "with" or "between"
    for draft in happening.drafts:
        for mention in draft.mentions:
            claimed = _claimed_in(statements, mention.sent.doc[mention.start].idx)
            for actor in perpetrators(mention.head, resolver) + targets(
                    mention.head, resolver, fought=fought) + (
                    sides(mention.head, resolver) if fought else []):
                actor.attribution = "alleged" if claimed else "asserted"
                key = (actor.role, actor.name)
                if key not in found or found[key].attribution == "alleged":
                    found[key] = actor
    actors = list(found.values())
    _denials(actors, happening, statements)
    return actors


def _claimed_in(statements: Sequence[Statement], at: int) -> Statement | None:
    return next((s for s in statements if not s.headline and s.start <= at < s.end), None)


def _denials(actors: list[Actor], happening: Happening, statements: Sequence[Statement]) -> None:
    """A doer whose own side denies the event, and no one else claims it, is "denied"."""
    spans = [(d.sent.start_char, d.sent.end_char) for d in happening.drafts]
    for actor in actors:
        if actor.role != "perpetrator" or actor.attribution != "asserted" or not actor.country:
            continue
        if any(s.stance == "deny" and s.speaker.affiliation == actor.country and not s.headline
               and any(a <= s.start < b for a, b in spans) for s in statements):
            actor.attribution = "denied"


def _date(event: Event, when: When | None, story: str | None, source: str | None) -> None:
    """An event's own date, else the story's day (or the publication day)."""
    if when is not None and when.aggregate:
        event.date, event.date_end = aggregate_dates(when, story)
        event.date_precision = when.precision  # type: ignore[assignment]
        event.aggregate = True
        event.date_source = "text"
    elif when is not None and when.date:
        event.date, event.time, event.date_source = when.date, when.time, "text"
        if when.precision != "day":  # "in 1994": the year's first and last day
            event.date_precision = when.precision  # type: ignore[assignment]
        if when.precision != "day" or when.date_end:  # ("at the weekend": Saturday, Sunday)
            event.date_end = when.date_end
    else:
        event.date, event.date_source = story, source


def story_day(events: Sequence[Happening], published: str | None) -> tuple[str | None, str | None]:
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
