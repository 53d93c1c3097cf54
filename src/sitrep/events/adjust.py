"""Pass 5, document-level adjustments: what only the whole article tells of its events.

An event told with no place happened where the story last was; state forces
named with no country are those of the country the event is in, and so is a
protest's or riot's crowd (added when no one is named); interceptors
are the forces of the place; the events at the place the headline names are
the story's main ones; each statement is linked to the events it is about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from sitrep.events.code import INTERCEPTING, interceptors
from sitrep.events.join import Happening
from sitrep.events.words import words
from sitrep.geo.gazetteer import country_label, default_gazetteer
from sitrep.geo.locate import location, most_specific
from sitrep.records import Actor, Article, Event, Location, Place, Statement


def adjust(events: list[Event], happenings: Sequence[Happening], article: Article,
           headline: Sequence[Place], datelines: Sequence[tuple[int, int]] = ()) -> None:
    """Places, forces, confidence and statement links that the article as a whole
    gives its events; `headline`: the places the title names; `datelines`: the
    character spans of the text's datelines (`nlp.syntax.headers`)."""
    filed = [p for p in article.places if any(a <= p.start < b for a, b in datelines)]
    home = _story_place(list(headline), article.places, article.text, article.title or "",
                        filed=filed)
    _narrative_places(events, article.places, home, article.text)
    for event in events:  # placed only now: their interceptors are that place's forces
        if event.type in INTERCEPTING:
            interceptors(event)
        home_forces(event)
        crowd(event)
    _headline_first(events, home)
    link_statements(events, happenings, article.statements)


def headline_places(title: str | None, places: list[Place]) -> list[Place]:
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


# told for a whole country ("air defences shot down 9 of 14 drones across the country")
NATIONWIDE = {"interception", "weapons_seizure", "arrest", "agreement", "diplomacy"}


def _narrative_places(events: list[Event], places: list[Place], home: Place | None,
                      text: str = "") -> None:
    """An event told with no place ("the most massive attack on the city") happened
    where the story last was: the location of the event before it, less precisely
    (when that is only a country, the story's own town or province if it has one),
    unless its paragraph has moved on to a place of its own ("NIGER: Gunmen abducted
    14 passengers" in a roundup after a bombing in Mali). One placed only in a
    country, or at a name the gazetteer lacks, is placed in the story's own town or
    province in that country, if the story has one."""
    last = None
    for event in events:
        loc = event.location
        unplaced = loc is None or loc.lat is None
        moved = _paragraph_place(event, places, text, last) if unplaced and last else None
        if loc is None and home is not None and _countrywide(event):
            event.location = _country(home.country) or loc
        elif moved is not None:  # (a name the gazetteer lacks stays a sub-location)
            found = location(moved, places)[0]
            event.location = replace(found, precision=max(2, found.precision or 2))
            if loc is not None and loc.name not in event.sub_locations:
                event.sub_locations.append(loc.name)
        elif loc is None and last is not None and not (last.feature == "country" and home):
            event.location = replace(last, precision=max(2, last.precision or 2))
        elif home is not None and (loc is None or loc.lat is None or (
                loc.feature == "country" and event.type not in NATIONWIDE)) \
                and (loc is None or loc.country in (None, home.country)):
            # (a roundup's paragraph in another country than the story's town: there)
            abroad = _abroad(event, places, text, home) if loc is not None else None
            found = location(abroad or home, places)[0]
            event.location = replace(found, precision=max(2, found.precision or 2))
            if loc is not None and loc.lat is None and loc.name not in event.sub_locations:
                event.sub_locations.append(loc.name)  # the town the gazetteer lacks
        if event.location is not None:
            last = event.location


def _paragraph_place(event: Event, places: Sequence[Place], text: str,
                     last: Location) -> Place | None:
    """The place the paragraph of an unplaced event names up to its sentence, when it
    is not where the story last was (another town, province or country)."""
    named = _paragraph_settings(event, places, text)
    if not named or any(_within(last, p) for p in named):
        return None
    return most_specific(named)


def _abroad(event: Event, places: Sequence[Place], text: str, home: Place) -> Place | None:
    """The most precise place the paragraph of an event at a name the gazetteer lacks
    names up to its sentence, when all it names lie in another country than the
    story's town ("MALI - ... a drone struck a fair at Tinsaba" in a roundup whose
    town is in Cameroon). A story told in one paragraph has no such items."""
    named = _paragraph_settings(event, places, text, items_only=True)
    if not named or any(p.country == home.country for p in named):
        return None
    return most_specific(named)


def _paragraph_settings(event: Event, places: Sequence[Place], text: str, *,
                        items_only: bool = False) -> list[Place]:
    """The settings (`SETTINGS`) the gazetteer placed that the event's paragraph names
    up to the end of its first sentence; none when `items_only` and the story has no
    paragraph break before it."""
    if not event.evidence or not text:
        return []
    first = event.evidence[0]
    start = text.rfind("\n\n", 0, first.start) + 1
    if items_only and start == 0:
        return []
    return [p for p in places if start <= p.start < first.end and not p.metonymic
            and p.lat is not None and p.feature in SETTINGS]


def _within(loc: Location, place: Place) -> bool:
    """Whether a location lies in a named place, or is it (by name, province, country)."""
    return place.name in (loc.name, loc.admin1) or loc.name in (place.admin1, place.parent) \
        or (place.feature == "country" and place.country == loc.country)


# what a paragraph names as a setting of its own (not "taken to the city hospital")
SETTINGS = ("city", "admin2", "admin1", "region", "country")


def _countrywide(event: Event) -> bool:
    """Whether the event is told for the whole country ("shot down 9 drones across the
    country")."""
    return any(w in s.text.lower() for s in event.evidence[:1] for w in words("countrywide"))


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


# where a thing was said, or where a government or a diplomat sits, not where the story
# is: "said at a news briefing in Bamako", "told reporters in the capital, Bamako", "the
# government in Kinshasa, which accuses Rwanda", "a diplomat in Bamako said" (though
# "authorities in Kherson" are the story town's own)
_SAID_IN = re.compile(r"(?:\b(?:said|says|told|briefing|conference|statement|spoke|speaking)"
                      r"\b[^.;\"]{0,40}\b(?:in|from)\s+(?:the\s+\w+,\s+)?"
                      r"|\b(?:government|regime|junta|leadership|diplomats?|embass"
                      r"y|embassies|envoys?)\s+in\s+)$", re.I)


def _province(place: Place, places: Sequence[Place]) -> bool:
    """Whether a place is, or may be, a province: one, or a city named as its province
    is in a story that names that province ("Katsina raid" over "in Katsina State")."""
    return place.feature == "admin1" or (place.name == place.admin1 and any(
        p.feature == "admin1" and p.name == place.name and p.country == place.country
        for p in places))


def _story_place(headline: list[Place], places: list[Place], text: str = "",
                 title: str = "", *, filed: Sequence[Place] = ()) -> Place | None:
    """The town or province the headline names (the dateline's town in the province
    it names), else the one the story names most (first named on a tie), else a town
    the gazetteer lacks that the headline and the story name ("Mulenge truce holds"),
    else the dateline's. A headline's place must lie in the country the story names
    most: title case makes towns of common words ("in Hometown of ..."). `filed`: the
    places the datelines name."""
    countries = Counter(p.country for p in places if p.country and not p.metonymic)
    home = countries.most_common(1)[0][0] if countries else None
    titled = [p for p in _local(headline) if home is None or p.country == home]
    filed = _local(filed)  # (where the reporter filed from, often the capital)
    if titled:
        return next((p for p in filed if p.feature == "city" and _province(titled[0], places)
                     and p.admin1 == titled[0].admin1), titled[0])
    local = [p for p in _local(places) if not _SAID_IN.search(text[max(0, p.start - 60):p.start])
             and p not in filed] or _titled_unknown(places, title) or filed
    if not local:
        return None
    tally = Counter(p.name for p in local)
    best = max(tally.values())
    return next(p for p in local if tally[p.name] == best)


def _titled_unknown(places: Sequence[Place], title: str) -> list[Place]:
    """The towns the gazetteer lacks that the story names and its headline names too."""
    return [p for p in places if p.lat is None and not p.metonymic
            and p.feature in ("city", "other") and re.search(rf"\b{re.escape(p.text)}\b", title)]


def home_forces(event: Event) -> None:
    """State forces named with no country are the forces of the country the event is in
    ("government forces" shelling Idlib are Syria's, "police" in Dakar Senegal's), as
    ACLED codes them; not rebels, coalitions, peacekeepers or foreign troops."""
    country = event.location.country if event.location is not None else None
    if not country:
        return
    for actor in event.actors:
        name = f"{actor.name.lower()} "
        if actor.country or actor.kind not in ("military", "government") or any(
                word in name for word in words("not_home")) or not any(
                word in name for word in words("state_forces")):
            continue
        actor.country = country


CROWDS = {"Peaceful protest": "Protesters", "Protest with intervention": "Protesters",
          "Violent demonstration": "Rioters", "Mob violence": "Rioters"}
"""ACLED sub-event types whose first actor is the crowd, and its name."""


def crowd(event: Event) -> None:
    """A protest's or riot's doers are its crowd, of the country where it is, as ACLED
    codes them ("Protesters (Kenya)"): a crowd named with no country ("students",
    "opposition supporters") is of that country, and a crowd not named at all is
    added. A crowd of a named nationality keeps it ("ethnic Turks" in Sweden)."""
    name = CROWDS.get(event.acled.sub_event_type) if event.acled is not None else None
    country = event.location.country if event.location is not None else None
    if name is None or not country:
        return
    doers = [a for a in event.actors if a.role == "perpetrator"]
    for actor in doers:
        if not actor.country and actor.kind not in ("military", "government"):
            actor.country = country
    if not doers:
        event.actors.insert(0, Actor(role="perpetrator", name=f"{name} ({country_label(country)})",
                                     country=country, kind="unknown", attribution="asserted"))


def link_statements(events: list[Event], happenings: Sequence[Happening],
                    statements: Sequence[Statement]) -> None:
    """Each statement is about the events told in its content or in its cue's sentence."""
    for event, happening in zip(events, happenings, strict=True):
        sentences = [(d.sent.start_char, d.sent.end_char) for d in happening.drafts]
        marks = [d.sent.doc[m.start].idx for d in happening.drafts for m in d.mentions]
        for statement in statements:
            if statement.headline:
                continue
            cue = statement.cue.start if statement.cue is not None else statement.start
            about = any(statement.start <= at < statement.end for at in marks) or any(
                a <= cue < b for a, b in sentences)
            if about and event.id not in statement.event_ids:
                statement.event_ids.append(event.id)
