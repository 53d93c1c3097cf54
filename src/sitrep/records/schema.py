"""The typed records of shared/CONTRACT.md: the only things stages pass on.

Field names, types and meanings follow the contract; fields sitrep adds
beyond it are marked "added". Unknown values are None or [], never absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from typing import Literal

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Feature = Literal["country", "admin1", "admin2", "city", "district", "street", "region", "other"]
SpeakerKind = Literal["person", "government", "military", "organisation", "media", "unknown"]
Stance = Literal[
    "accuse", "deny", "claim", "report", "threaten", "intend", "appeal", "support", "reject",
    "other",
]
ActorRole = Literal["perpetrator", "target", "interceptor", "victim", "other"]
Attribution = Literal["asserted", "alleged", "denied", "unclear"]
Precision = Literal["day", "week", "month", "year"]


@dataclass(slots=True)
class Span:
    """A stretch of the article's `text`: Python str offsets, `end` exclusive."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Time:
    start: int
    end: int
    text: str
    type: TimeType
    value: str
    # added: TIMEX3 mod (START, END, MID, APPROX, LESS_THAN, MORE_THAN), a time's
    # stated zone ("local", "gmt"), whether a numeric date's order was a guess,
    # and for spans of days in the past the days they cover.
    mod: str | None = None
    zone: str | None = None
    ambiguous: bool = False
    range_start: str | None = None
    range_end: str | None = None


@dataclass(slots=True)
class Location:
    """A resolved place without its position in the text (an event's location)."""

    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: Feature = "other"
    precision: int | None = None  # added: ACLED geo_precision, 1 the place itself ... 3 a region


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: Feature = "other"
    # added: a place used as an actor ("Kyiv denies"), and for streets and
    # districts the city whose coordinates they carry
    metonymic: bool = False
    parent: str | None = None


@dataclass(slots=True)
class Speaker:
    name: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    role: str | None = None
    affiliation: str | None = None
    kind: SpeakerKind = "unknown"


@dataclass(slots=True)
class Statement:
    id: str
    start: int
    end: int
    text: str
    direct: bool
    speaker: Speaker
    cue: Span | None = None
    stance: Stance = "other"
    target: str | None = None
    channel: str | None = None
    event_ids: list[str] = field(default_factory=list)
    # added: who passed it on ("the ministry said, according to Reuters": Reuters),
    # and whether it is said in the headline (offsets then count in `title`)
    via: str | None = None
    headline: bool = False
    # added: what it is as a PLOVER verbal event ("threatened" THREATEN, "demanded"
    # DEMAND), null for a plain report or claim
    plover: PloverCode | None = None


@dataclass(slots=True)
class AcledCode:
    event_type: str
    sub_event_type: str


@dataclass(slots=True)
class PloverCode:
    event_type: str
    mode: str | None = None


@dataclass(slots=True)
class Actor:
    role: ActorRole
    name: str
    country: str | None = None
    kind: SpeakerKind = "unknown"
    attribution: Attribution = "unclear"


@dataclass(slots=True)
class Count:
    what: str
    value: int | None = None
    min: int | None = None
    max: int | None = None
    approximate: bool = False


@dataclass(slots=True)
class Range:
    min: int | None = None
    max: int | None = None


@dataclass(slots=True)
class Event:
    id: str
    type: str
    acled: AcledCode | None = None
    plover: PloverCode | None = None
    cameo: str | None = None  # added: CAMEO root code, "18" (assault) ... "19" (fight)
    date: str | None = None
    date_end: str | None = None
    date_precision: Precision = "day"
    date_source: str | None = None  # added: "text" | "narrative" | "published"
    time: str | None = None
    location: Location | None = None
    sub_locations: list[str] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    fatalities: Range | None = None
    injured: Range | None = None
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.0
    aggregate: bool = False  # added: many happenings told as one ("17 days of attacks")


@dataclass(slots=True)
class Removed:
    """Added: a part of the input that cleaning kept out of `text`, and why."""

    kind: str
    text: str


@dataclass(slots=True, kw_only=True)
class Article:
    id: str
    published: str | None = None
    title: str | None = None
    byline: str | None = None
    text: str
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # added: where the article came from and what cleaning removed
    source: str | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The contract's JSON object for this article."""
        from sitrep.records.convert import to_dict

        return to_dict(self)


@dataclass(slots=True)
class ContradictionSide:
    by: str
    value: str
    statement_ids: list[str] = field(default_factory=list)


def _sides() -> list[ContradictionSide]:
    return []


@dataclass(slots=True)
class Contradiction:
    cluster_id: str
    field: str  # the contract's name; shadows dataclasses.field inside this class
    sides: list[ContradictionSide] = dataclass_field(default_factory=_sides)


@dataclass(slots=True)
class Update:
    """Added: a figure a later report revised ("the toll rose to four")."""

    field: str
    value: str
    by: str  # the publisher
    published: str | None = None


def _updates() -> list[Update]:
    return []


@dataclass(slots=True)
class Support:
    """Added: how many independent sources give a merged record's value of a field."""

    field: str  # "type", "date", "location", "fatalities", "injured", "perpetrator"
    sources: int


def _support() -> list[Support]:
    return []


@dataclass(slots=True)
class Cluster:
    id: str
    event_ids: list[str] = field(default_factory=list)  # "article id:event id"
    sources: int = 0  # independent sources: copies of one story count once
    merged: Event | None = None
    publishers: int = 0  # added: distinct publishers among the reports
    updates: list[Update] = dataclass_field(default_factory=_updates)  # added
    # added: the articles that report it (copies included), and for each field of
    # `merged` the independent sources that give its value
    reports: int = 0
    support: list[Support] = dataclass_field(default_factory=_support)
