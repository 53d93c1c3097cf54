"""Which place an event happened in: the geo stage's answers for the events stage.

`places_in` gives a sentence's literal places (never a metonymic one: "Kyiv
denies"); `attached` those a word governs, as its setting or as what it hit
("hit buildings in Moscow", "shelled Kharkiv"); `setting` whether a place is
named as where things are; `most_specific` the finest of them; `location`
the contract's `Location` with ACLED's precision, a street or district being
a sub-location of its city.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sitrep.geo.recognize import rule_words
from sitrep.records import Location, Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# how precise a place is, as ACLED's geo_precision: 1 the place, 2 part of a region, 3 larger
PRECISION = {"street": 1, "district": 1, "city": 1, "admin2": 2, "other": 2, "admin1": 2,
             "region": 3, "country": 3}
# finest first
SPECIFIC = {"street": 0, "district": 1, "city": 2, "admin2": 3, "other": 4, "admin1": 5,
            "region": 6, "country": 7}
SUB = ("street", "district")


def places_in(sent: Span, places: Sequence[Place]) -> list[Place]:
    """The literal places of a sentence (not "Moscow said")."""
    lo, hi = sent.start_char, sent.end_char
    return [p for p in places if lo <= p.start < hi and not p.metonymic]


def governed(head: Token) -> list[Token]:
    """The words a word governs that can name where it happened or what it hit: its
    locative phrases, its object, a passive subject; for a noun, also the phrase of
    the verb it is the object of ("launched an attack on X")."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "npadvmod") or (
                child.dep_ == "prep" and child.lower_ in rule_words("locative")):
            found.extend(child.subtree)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in rule_words("carry_out"):
        for child in head.head.children:
            if child.dep_ == "prep" and child.lower_ in rule_words("locative"):
                found.extend(child.subtree)
    return found


def setting(place: Place, sent: Span) -> bool:
    """Whether a place is named as where things are ("in Kyiv", "Moscow's centre"), not
    as who does or suffers something ("Kyiv prepares", "to intimidate Russia")."""
    root = _root(place, sent)
    if root.dep_ == "poss":  # "Moscow's city centre", not "Russia's defence ministry"
        return root.head.lemma_.lower() in rule_words("parts")
    return root.dep_ == "pobj" and root.head.lower_ in rule_words("locative")


def within(small: Place, big: Place) -> bool:
    """Whether the gazetteer puts a place inside another: a town in its province or
    its country ("Mora" in "the Far North region", in "Cameroon")."""
    if SPECIFIC.get(small.feature, 4) >= SPECIFIC.get(big.feature, 4):
        return False
    if big.feature == "country":
        return small.country is not None and small.country == big.country
    return big.feature == "admin1" and small.admin1 == big.name


def finer_than(small: Place, big: Place) -> bool:
    """Whether a place is finer than a wider one it may lie in: in it by the gazetteer,
    or a town of the same country (or of none known) as a region ("Chamchamal" and
    "the Kurdistan region")."""
    if within(small, big):
        return True
    return SPECIFIC.get(small.feature, 4) < SPECIFIC.get(big.feature, 4) and big.feature in (
        "region", "admin1", "country") and big.country in (None, small.country)


def treated_at(place: Place, sent: Span) -> bool:
    """Whether a place is named for where the hurt are treated: "the regional hospital
    in Maroua", "Maroua's hospital", "to Maroua hospital"."""
    root = _root(place, sent)
    care = rule_words("care_places")
    if root.lemma_.lower() in care:
        return True
    noun = root.head.head if root.dep_ == "pobj" else root.head if root.dep_ == "poss" else None
    return noun is not None and noun.lemma_.lower() in care


def attached(head: Token, candidates: Sequence[Place]) -> list[Place]:
    """The places among `candidates` that a word governs, as its setting or as what
    it hit ("Moscow was hit", "shelled Kharkiv")."""
    tokens = governed(head)
    if not tokens or not candidates:
        return []
    spans = [(t.idx, t.idx + len(t)) for t in tokens]
    return [p for p in candidates if any(a <= p.start < b for a, b in spans)
            and (setting(p, head.sent) or _root(p, head.sent).head == head
                 or _named_settlement(p, head.sent))]


def _named_settlement(place: Place, sent: Span) -> bool:
    """'in the town of X': a settlement noun in a locative phrase that X names."""
    root = _root(place, sent)
    noun = root.head.head
    return root.dep_ == "pobj" and root.head.lower_ == "of" and noun.dep_ == "pobj" \
        and noun.lemma_.lower() in rule_words("settlement_nouns") \
        and noun.head.lower_ in rule_words("locative")


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


def finer(new: Place, old: Place) -> bool:
    """Whether a place is more precise than another, short of a street (which stays a
    sub-location of its city)."""
    return SPECIFIC.get(new.feature, 4) < SPECIFIC.get(old.feature, 4) and new.feature not in SUB


def location(place: Place, places: Sequence[Place]) -> tuple[Location, list[str]]:
    """The event's location for a place, and its sub-locations: a street or district
    is located at its city ("Leninsky Prospekt" -> Moscow, with the street kept)."""
    subs: list[str] = []
    if place.feature in SUB and place.parent:
        subs.append(place.name)
        city = next((p for p in places if p.name == place.parent and not p.metonymic
                     and p.feature not in SUB), None)
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
