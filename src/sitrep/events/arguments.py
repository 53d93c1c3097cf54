"""An event mention's arguments from the parse: where, when, and who did it to whom.

Places and times come from the earlier stages (`article.places`, `article.times`);
this module decides which of them belong to a mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sitrep.geo.gazetteer import default_gazetteer, demonym
from sitrep.records import Location, Place, Time
from sitrep.temporal.anchor import span_of as span_of_time

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LOCATIVE = {"in", "on", "at", "near", "over", "across", "outside", "around", "against", "into",
            "inside", "throughout", "from", "of", "along", "off"}
# a noun trigger that is the object of these verbs was done by the verb's subject
CARRY_OUT = {"launch", "carry", "conduct", "unleash", "stage", "mount", "perpetrate", "claim",
             "commit", "execute", "order", "fire", "begin", "start", "intensify", "step"}
SEPARATORS = {"after", "before", "following", "since", "amid", "ahead", "until"}
# what these govern, but their subject, is another happening ("X follows days of attacks")
SEPARATING_HEADS = {"follow", "precede", "part", "come"}
# what a place's possessive can name that is part of the place ("Kyiv's outskirts")
PARTS = {"centre", "center", "outskirts", "suburb", "district", "street", "neighbourhood",
         "neighborhood", "port", "airport", "area", "region", "border", "coast", "city",
         "capital", "north", "south", "east", "west", "heart", "edge", "market", "square",
         "quarter", "downtown", "countryside", "province", "oblast", "streets", "skies", "sky"}
# how precise a place is, as ACLED's geo_precision: 1 the place, 2 part of a region, 3 larger
PRECISION = {"street": 1, "district": 1, "city": 1, "admin2": 2, "other": 2, "admin1": 2,
             "region": 3, "country": 3}
SPECIFIC = {"street": 0, "district": 1, "city": 2, "admin2": 3, "other": 4, "admin1": 5,
            "region": 6, "country": 7}
DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?")
MONTH = re.compile(r"^\d{4}-\d{2}$")
DURATION = re.compile(r"^P(\d+)([DWMY])$")


def attached_tokens(head: Token) -> list[Token]:
    """The words a trigger governs that can name where it happened or what it hit:
    its locative phrases, its object, a passive subject; for a noun, also the
    phrase of the verb it is the object of ("launched an attack on X")."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "npadvmod") or (
                child.dep_ == "prep" and child.lower_ in LOCATIVE):
            found.extend(child.subtree)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in CARRY_OUT:
        for child in head.head.children:
            if child.dep_ == "prep" and child.lower_ in LOCATIVE:
                found.extend(child.subtree)
    return found


def places_in(sent: Span, places: Sequence[Place]) -> list[Place]:
    """The literal places of a sentence (not "Moscow said")."""
    lo, hi = sent.start_char, sent.end_char
    return [p for p in places if lo <= p.start < hi and not p.metonymic]


def setting(place: Place, sent: Span) -> bool:
    """Whether a place is named as where things are ("in Kyiv", "Moscow's centre"), not
    as who does or suffers something ("Kyiv prepares", "to intimidate Russia")."""
    root = _root(place, sent)
    if root.dep_ == "poss":  # "Moscow's city centre", not "Russia's defence ministry"
        return root.head.lemma_.lower() in PARTS
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE


def attached_places(head: Token, candidates: Sequence[Place]) -> list[Place]:
    """The sentence's places that the trigger governs, as its setting or as what it
    hit ("Moscow was hit", "shelled Kharkiv")."""
    tokens = attached_tokens(head)
    if not tokens or not candidates:
        return []
    spans = [(t.idx, t.idx + len(t)) for t in tokens]
    return [p for p in candidates if any(a <= p.start < b for a, b in spans)
            and (setting(p, head.sent) or _root(p, head.sent).head == head)]


def _root(place: Place, sent: Span) -> Token:
    span = sent.doc.char_span(place.start, place.end, alignment_mode="expand")
    root = span.root if span is not None else sent.root
    while root.dep_ in ("appos", "compound", "conj") and root.head is not root:
        root = root.head
    return root


def most_specific(places: Iterable[Place]) -> Place | None:
    """The most precise place the gazetteer could place (an unknown village's name stays
    a sub-location), else the most precise name."""
    ranked = sorted(places, key=lambda p: (p.lat is None, SPECIFIC.get(p.feature, 4), p.start))
    return ranked[0] if ranked else None


def location(place: Place, places: Sequence[Place]) -> tuple[Location, list[str]]:
    """The event's location for a place, and its sub-locations: a street or district
    is located at its city ("Leninsky Prospekt" -> Moscow, with the street kept)."""
    subs: list[str] = []
    if place.feature in ("street", "district") and place.parent:
        subs.append(place.name)
        city = next((p for p in places if p.name == place.parent and not p.metonymic
                     and p.feature not in ("street", "district")), None)
        if city is not None:
            return _location(city, 1), subs
        return Location(name=place.parent, geonameid=place.geonameid, lat=place.lat,
                        lon=place.lon, country=place.country, admin1=place.admin1,
                        feature="city", precision=1), subs
    return _location(place, PRECISION.get(place.feature, 2)), subs


def _location(place: Place, precision: int) -> Location:
    return Location(name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon,
                    country=place.country, admin1=place.admin1, feature=place.feature,
                    precision=precision if place.lat is not None else 3)


@dataclass(slots=True)
class When:
    date: str | None = None
    time: str | None = None
    precision: str = "day"
    date_end: str | None = None
    aggregate: bool = False
    days: int | None = None  # an aggregate's length, counted back from the story's day
    night: bool = False  # "overnight": may run into the next day


def when(time: Time) -> When | None:
    """The day (and clock time) a time expression names, if it names one."""
    value = time.value
    match = DAY.match(value)
    if match:
        return When(match.group(1), match.group(2), night=value.endswith("TNI"))
    if MONTH.match(value):
        month = span_of_time(value)  # the temporal stage's reading: the month's own last day
        if month is not None:
            return When(month[0], precision="month", date_end=month[1], aggregate=True)
    if re.match(r"^\d{4}-W\d{2}$", value):
        return When(None, precision="week", aggregate=True)
    if re.match(r"^\d{4}$", value):  # "in 1994", "three years ago": a past year's happening
        return When(value + "-01-01", precision="year", date_end=value + "-12-31")
    return None


def times_in(sent: Span, times: Sequence[Time]) -> list[Time]:
    lo, hi = sent.start_char, sent.end_char
    return [t for t in times if lo <= t.start < hi]


def span_of(duration: Time, head: Token) -> int | None:
    """Days of a duration that counts the trigger ("17 days of attacks"), else None."""
    match = DURATION.match(duration.value)
    if match is None or head.i == 0:
        return None
    of = head.head if head.dep_ == "pobj" else None
    if of is None or of.lower_ != "of" or not duration.start <= of.head.idx < duration.end:
        return None
    size = int(match.group(1))
    return size * {"D": 1, "W": 7, "M": 30, "Y": 365}[match.group(2)]


def clause_key(head: Token) -> int | None:
    """The token that sets the mention's clause apart in time ("after Russia unleashed
    attacks", "follow 17 days of attacks"), so two happenings of one sentence stay two."""
    token = head
    if any(c.dep_ == "mark" and c.lower_ in SEPARATORS for c in head.children):
        return head.i
    for _ in range(12):
        if token.head is token:
            return None
        child, token = token, token.head
        if token.lower_ in SEPARATORS or (token.lemma_.lower() in SEPARATING_HEADS
                                          and child.dep_ not in ("nsubj", "nsubjpass")):
            return token.i
        if any(c.dep_ in ("mark", "prep") and c.lower_ in SEPARATORS and c.i < token.i
               for c in token.children):
            return token.i
    return None


def definite(head: Token) -> bool:
    """Whether a noun trigger refers back ("the attacks", "these explosions")."""
    return head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "this", "that", "its")
        for c in head.children) and not any(c.dep_ == "prep" and c.lower_ in ("on", "in", "at")
                                            for c in head.children)


@cache
def country_label(iso3: str) -> str:
    """A country's short name, as speakers are named ("RUS" -> "Russia")."""
    entry = default_gazetteer().country(iso3)
    return entry.name if entry is not None else iso3


def demonym_country(token: Token) -> str | None:
    """The country an adjective names ("Russian strikes"), not a maker ("Iranian-made")."""
    text = token.text
    if text.lower().endswith(("-made", "-built", "-supplied", "-designed")):
        return None
    return demonym(text)
