"""The events stage: what happened, coded, dated, located, with its actors and counts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.events.arguments import location
from sitrep.events.assemble import Happening, aggregate_dates, join, story_day
from sitrep.events.build import Draft, count_owner, drafts_of
from sitrep.events.counts import CountMention, find_counts
from sitrep.events.detect import Mention, find_mentions
from sitrep.events.lexicon import EventLexicon, event_lexicon
from sitrep.events.record import (
    INTERCEPTING,
    Typer,
    event_record,
    home_forces,
    interceptors,
    link_statements,
)
from sitrep.events.typer import learned_typer
from sitrep.events.weapons import find_weapons
from sitrep.geo.gazetteer import default_gazetteer
from sitrep.records import Article, Event, Location, Place
from sitrep.stage import Work
from sitrep.statements.lexicon import lexicon
from sitrep.statements.speakers import Resolver

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


class EventStage:
    """Finds the events an analyst would code (events.detect, .build, .assemble, .record)."""

    name = "events"
    requires: tuple[str, ...] = ("doc", "times", "places", "statements", "title_places")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, *, typer: Typer | None = None,
                 learned: bool = True) -> None:
        self.lex = event_lexicon()
        self.typer = typer if typer is not None or not learned else learned_typer()

    def __call__(self, work: Work) -> None:
        assert work.doc is not None
        article = work.article
        headline = _title_places(article.title, work.title_places)
        article.events = extract_events(work.doc, article, self.lex, headline=headline,
                                        typer=self.typer)




def _title_places(title: str | None, places: list[Place]) -> list[Place]:
    """The places the headline names (not the site's name after it): where the story's
    main event most likely is."""
    if not title or not title.strip():
        return []
    end = len(headline_only(title))
    return [p for p in places if p.start < end]


def headline_only(title: str) -> str:
    """A title without the site's name and section that pages append to it.

    >>> headline_only("Car bomb kills 10 in Homs - Region - World - Daily Post")
    'Car bomb kills 10 in Homs'
    >>> headline_only("Floods hit Sindh for a second week | The Times")
    'Floods hit Sindh for a second week'
    """
    head, *tail = re.split(r" [|\-–—] ", title)
    if tail and len(head) >= 20 and all(len(part) <= 30 for part in tail):
        return head.strip()
    return title.strip()


def extract_events(doc: Doc, article: Article, lex: EventLexicon, *,
                   headline: Sequence[Place] = (), typer: Typer | None = None) -> list[Event]:
    """The article's events in the order they are first told; statements get their links.
    `headline`: the title's places, which say where the main event is."""
    weapons: dict[int, list[tuple[str, str, int]]] = {}  # read only where events are told

    def weapons_of(sent: Span) -> list[tuple[str, str, int]]:
        if sent.start not in weapons:
            weapons[sent.start] = _weapons(sent)
        return weapons[sent.start]

    mentions = find_mentions(doc, lex, backed=lambda s: any(
        t.lower_ in lex.support for t in s) or bool(weapons_of(s)))
    drafts: list[Draft] = []
    by_sent: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sent.setdefault(mention.sent.start, []).append(mention)
    orphans: list[tuple[int, list[CountMention]]] = []  # figures told with no event beside
    told = False  # whether the sentence before told of an event
    for sent in doc.sents:
        if sent.start in by_sent:
            drafts.extend(drafts_of(sent, by_sent[sent.start], lex, weapons=weapons_of(sent),
                                    places=article.places, times=article.times,
                                    counts=find_counts(sent)))
            told = True
            continue
        counts = find_counts(sent) if told else []
        if counts:
            orphans.append((len(drafts), counts))
        told = False
    happenings = join(drafts, lex)
    _adopt(orphans, drafts, lex)
    resolver = Resolver(doc, article.places, lexicon())
    story, source = story_day(happenings, article.published)
    events = [_event(n, h, story, source, article, resolver, lex, typer)
              for n, h in enumerate(happenings, 1)]
    home = _story_place(list(headline), article.places)
    _narrative_places(events, article.places, home)
    for event in events:  # placed only now: their interceptors are that place's forces
        if event.type in INTERCEPTING:
            interceptors(event)
        home_forces(event)
    _headline_first(events, home)
    link_statements(events, happenings, article.statements)
    return events


def _adopt(orphans: list[tuple[int, list[CountMention]]], drafts: list[Draft],
           lex: EventLexicon) -> None:
    """Figures in a sentence with no event of its own ("One individual was
    hospitalised") belong to the event told just before, if it is close."""
    for before, counts in orphans:
        if before == 0:
            continue
        last = drafts[before - 1]
        for count in counts:
            if count_owner([last], count, lex) is not None and \
                    count.start - last.sent.end_char < 600:
                last.counts.append(count)


# told for a whole country ("air defences shot down 9 of 14 drones across the country")
NATIONWIDE = {"interception", "weapons_seizure", "arrest", "agreement", "diplomacy"}


def _narrative_places(events: list[Event], places: list[Place], home: Place | None) -> None:
    """An event told with no place ("the most massive attack on the city") happened
    where the story last was: the location of the event before it, less precisely.
    One placed only in a country, or at a name the gazetteer lacks, is placed in the
    story's own town or province in that country, if the story has one."""
    last = None
    for event in events:
        loc = event.location
        if loc is None and home is not None and _countrywide(event):
            event.location = _country(home.country) or loc
        elif loc is None and last is not None:
            event.location = replace(last, precision=max(2, last.precision or 2))
        elif home is not None and (loc is None or loc.lat is None or (
                loc.feature == "country" and event.type not in NATIONWIDE)) \
                and (loc is None or loc.country in (None, home.country)):
            event.location = replace(location(home, places)[0], precision=2)
        if event.location is not None:
            last = event.location


COUNTRYWIDE = ("across the country", "throughout the country", "nationwide",
               "across the nation", "around the country", "all over the country")


def _countrywide(event: Event) -> bool:
    """Whether the event is told for the whole country ("shot down 9 drones across the
    country")."""
    return any(w in s.text.lower() for s in event.evidence[:1] for w in COUNTRYWIDE)


def _country(iso3: str | None) -> Location | None:
    entry = default_gazetteer().country(iso3) if iso3 else None
    if entry is None:
        return None
    return Location(name=entry.name, geonameid=entry.geonameid, lat=entry.lat, lon=entry.lon,
                    country=iso3, feature="country", precision=3)


def _headline_first(events: list[Event], home: Place | None) -> None:
    """The events at the place the headline names are the story's main ones; those
    in another country are side remarks of the story ("as Russia said in Moscow")."""
    if home is None:
        return
    for event in events:
        loc = event.location
        if loc is not None and home.name in (loc.name, loc.admin1) and not event.aggregate:
            event.confidence = round(min(0.95, event.confidence + 0.1), 2)
        elif loc is not None and loc.country and home.country and loc.country != home.country:
            event.confidence = round(max(0.05, event.confidence - 0.1), 2)


def _local(places: Sequence[Place]) -> list[Place]:
    return [p for p in places if not p.metonymic and p.lat is not None
            and p.feature in ("city", "admin1", "admin2", "district")]


def _story_place(headline: list[Place], places: list[Place]) -> Place | None:
    """The town or province the headline names, else the one the story names most
    (first named on a tie). A headline's place must lie in the country the story
    names most: title case makes towns of common words ("in Hometown of ...")."""
    countries = Counter(p.country for p in places if p.country and not p.metonymic)
    home = countries.most_common(1)[0][0] if countries else None
    titled = [p for p in _local(headline) if home is None or p.country == home]
    if titled:
        return titled[0]
    local = _local(places)
    if not local:
        return None
    tally = Counter(p.name for p in local)
    best = max(tally.values())
    return next(p for p in local if tally[p.name] == best)


def _weapons(sent: Span) -> list[tuple[str, str, int]]:
    return [(w.name, w.category, w.start) for w in find_weapons(sent)]


def _event(n: int, happening: Happening, story: str | None, source: str | None,
           article: Article, resolver: Resolver, lex: EventLexicon,
           typer: Typer | None) -> Event:
    event = event_record(f"e{n}", happening, article, resolver, lex, typer)
    when = happening.when
    if when is not None and when.aggregate:
        event.date, event.date_end = aggregate_dates(when, story)
        event.date_precision = when.precision  # type: ignore[assignment]
        event.aggregate = True
        event.date_source = "text"
    elif when is not None and when.date:
        event.date, event.time, event.date_source = when.date, when.time, "text"
        if when.precision != "day":  # "in 1994": the year's first and last day
            event.date_precision = when.precision  # type: ignore[assignment]
            event.date_end = when.date_end
    else:
        event.date, event.date_source = story, source
    return event
