"""What clustering reads of an event: a compact, hashable summary with its article.

>>> from sitrep.records import Article, Event, Location
>>> article = Article(id="a1", text="Shelling hit Kharkiv.", published="2024-03-12",
...                   source="Valley Post")
>>> event = Event(id="e1", type="shelling", date="2024-03-12",
...               location=Location(name="Kharkiv", lat=49.99, lon=36.23, country="UKR"))
>>> ref = event_ref(article, event)
>>> ref.key, ref.group, ref.day.isoformat(), ref.publisher
('a1:e1', 'violence', '2024-03-12', 'Valley Post')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import urlparse

from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.events.lexicon import event_lexicon
from sitrep.records import Article, Count, Event

# groups of sitrep types whose reports may tell one happening ("clashes" in one report,
# "an attack on the base" in another)
KINDRED = {"clash": "violence", "explosion": "violence", "riot": "demonstration",
           "shootdown": "violence", "arrest": "demonstration", "withdrawal": "capture"}
STOP = frozenset(STOP_WORDS) | {"said", "says", "say"}


@dataclass(frozen=True, slots=True)
class EventRef:
    article_id: str
    event_id: str
    publisher: str
    published: date | None
    type: str
    group: str
    day: date | None
    aggregate: bool
    lat: float | None
    lon: float | None
    place: str | None
    admin1: str | None
    country: str | None
    precision: int
    actors: frozenset[str]
    weapons: frozenset[str]
    words: frozenset[str]
    dated_by_text: bool = True  # its day is one the text gives, not the publication day
    figures: frozenset[tuple[str, int]] = frozenset()  # ("killed", 4), ("detained", 14)
    names: frozenset[str] = frozenset()  # its place's and sub-places' names (`place_names`)

    @property
    def key(self) -> str:
        """The event's id across the store: article id and event id."""
        return f"{self.article_id}:{self.event_id}"

    @property
    def when(self) -> date | None:
        """Its day, else its article's publication day."""
        return self.day or self.published


@cache
def type_groups() -> dict[str, str]:
    """Each event type's group: that of the family it is the default of, else that of
    the families that yield it; where those differ, that of its ACLED event type's
    default types ("excessive force against protesters" is a protest, though the
    strike family also yields it for "police fired on marchers")."""
    lex = event_lexicon()
    groups: dict[str, str] = {}
    for family in lex.families.values():
        groups.setdefault(family.default, KINDRED.get(family.group, family.group))

    def acled(kind: str) -> str | None:
        found = lex.types.get(kind)
        return found.acled[0] if found is not None and found.acled else None

    by_acled: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, group in groups.items():
        if (event_type := acled(kind)) is not None:
            by_acled[event_type][group] += 1
    yielded: dict[str, list[str]] = defaultdict(list)
    for family in lex.families.values():
        for rule in family.rules:
            if rule.type not in groups:
                yielded[rule.type].append(KINDRED.get(family.group, family.group))
    for kind, found in yielded.items():
        told = by_acled.get(acled(kind) or "")
        groups[kind] = found[0] if len(set(found)) == 1 or not told \
            else told.most_common(1)[0][0]
    return groups


def publisher(article: Article) -> str:
    """Who published it: the source given, else the URL's host, else the article id."""
    if article.source:
        return article.source
    host = urlparse(article.url).hostname if article.url else None
    return (host or "").removeprefix("www.") or article.id


def event_ref(article: Article, event: Event) -> EventRef:
    loc = event.location
    words = {w for s in event.evidence for w in re.findall(r"[a-z]{3,}", s.text.lower())}
    return EventRef(
        article_id=article.id, event_id=event.id, publisher=publisher(article),
        published=_day(article.published), type=event.type,
        group=type_groups().get(event.type, event.type), day=_day(event.date),
        aggregate=event.aggregate, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        place=loc.name if loc else None, admin1=loc.admin1 if loc else None,
        country=loc.country if loc else None,
        precision=(loc.precision or 2) if loc and loc.lat is not None else 4,
        actors=frozenset(a.name for a in event.actors if a.role in ("perpetrator", "target",
                                                                     "interceptor")),
        weapons=frozenset(event.weapons), words=frozenset(words - STOP),
        dated_by_text=event.date_source == "text", figures=_figures(event),
        names=place_names(event))


GENERIC_PLACE_WORDS = frozenset({"area", "district", "neighbourhood", "neighborhood", "town",
                                 "village", "city", "quarter", "the"})


def place_names(event: Event) -> frozenset[str]:
    """The names of where it happened below a province, as reports may share them: its
    town and its streets, districts and towns the gazetteer lacks ("Mulenge", "the
    Mulenge area" -> mulenge)."""
    loc = event.location
    names = list(event.sub_locations)
    if loc is not None and loc.feature in ("city", "district", "street", "other"):
        names.append(loc.name)
    keys = {" ".join(w for w in n.lower().split() if w not in GENERIC_PLACE_WORDS)
            for n in names}
    return frozenset(k for k in keys if k)


def figure_of(count: Count) -> int | None:
    """A count's figure: its value, else its upper bound."""
    return count.value if count.value is not None else count.max


def _figures(event: Event) -> frozenset[tuple[str, int]]:
    """The figures an event gives, by kind: killed, injured and its counts."""
    found = {(c.what, value) for c in event.counts if (value := figure_of(c)) is not None}
    for what, told in (("killed", event.fatalities), ("injured", event.injured)):
        if told is not None and told.max is not None:
            found.add((what, told.max))
    return frozenset(found)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
