"""Locating events: which place mention an event happened in, with ACLED's precision.

Order of preference, never a metonymic place ("Kyiv denies"): a place attached
to the trigger or its verb ("hit buildings in Moscow"), then one in the same
sentence, then the last one named before it. Streets and districts become
`sub_locations` of their parent city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.nlp.syntax import clause_verb, span_hops
from sitrep.records import Location, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

# ACLED geo_precision: 1 the town itself, 2 part of a region or "near" a town,
# 3 a larger region (first-level division or country).
_PRECISION = {"street": 1, "district": 1, "city": 1, "admin2": 2, "region": 2, "other": 2,
              "admin1": 3, "country": 3}
_SUB = ("street", "district")


@dataclass(slots=True)
class EventPlace:
    location: Location | None
    sub_locations: list[str] = field(default_factory=list)
    source: str | None = None  # "clause" | "sentence" | "narrative"


def locate_event(doc: Doc, places: Sequence[Place], trigger_start: int,
                 trigger_end: int) -> EventPlace:
    """Where the event whose trigger spans trigger_start..trigger_end happened."""
    usable = [p for p in places if not p.metonymic and (p.lat is not None or p.feature in _SUB)]
    trigger = doc.char_span(trigger_start, trigger_end, alignment_mode="expand")
    if trigger is not None and len(trigger):
        sentence = trigger.sent
        inside = [p for p in usable if sentence.start_char <= p.start < sentence.end_char]
        anchors = {trigger.root.i, clause_verb(trigger.root).i}
        attached = [p for p in inside if span_hops(doc, p.start, p.end, anchors) is not None]
        if attached:
            return _event_place(attached, inside, "clause")
        if inside:
            nearest = sorted(inside, key=lambda p: abs(p.start - trigger_start))
            return _event_place(nearest, inside, "sentence")
    earlier = [p for p in usable if p.end <= trigger_start]
    if earlier:
        return _event_place([earlier[-1]], [], "narrative")
    return EventPlace(None)


def _event_place(ranked: list[Place], sentence: list[Place], source: str) -> EventPlace:
    best = ranked[0]
    subs = [p.text for p in sentence if p.feature in _SUB]
    if best.feature in _SUB:
        subs = [best.text, *[s for s in subs if s != best.text]]
    location = Location(
        name=best.parent if best.feature in _SUB and best.parent else best.name,
        geonameid=None if best.feature in _SUB else best.geonameid,
        lat=best.lat, lon=best.lon, country=best.country, admin1=best.admin1,
        feature="city" if best.feature in _SUB and best.parent else best.feature,
        precision=_PRECISION.get(best.feature, 2),
    )
    return EventPlace(location, subs, source)
