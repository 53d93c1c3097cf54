"""One record per cluster: each field chosen by a stated rule, every report kept.

The rules (`merged` is a view; the reports stay in the store and in `event_ids`):
- type (and its codes): the type most reports give; on a tie, the earliest report's.
- date: the day most reports date it from their own text; on a tie, the earliest
  such report's; reports dated only by their publication day count last.
- time: the earliest report that gives one.
- location: the most precise place any report gives (a street's city, then a city,
  a province, a country); on a tie, the one most reports give.
- sub_locations, weapons, actors: the union, in report order; an actor's
  attribution is the strongest any report gives (asserted, alleged, denied, unclear).
- counts, fatalities, injured: the latest report's figures (a later report revises
  an earlier one); figures that differ stay visible as `updates` and contradictions.
- evidence: the earliest report's sentences (offsets into that article).
- confidence: the best report's, raised 0.05 by each further source, at most 0.99.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sitrep.events.lexicon import event_lexicon
from sitrep.records import AcledCode, Actor, Event, Location, PloverCode

STRENGTH = {"asserted": 3, "alleged": 2, "denied": 1, "unclear": 0}
FEATURES = {"street": 0, "district": 1, "city": 2, "admin2": 3, "other": 4, "admin1": 5,
            "region": 6, "country": 7}


@dataclass(frozen=True, slots=True)
class Report:
    """One article's event in a cluster."""

    article_id: str
    publisher: str
    published: str | None
    event: Event

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.event.id}"


def in_order(reports: Sequence[Report]) -> list[Report]:
    """Earliest published first (undated last), then by article and event id."""
    return sorted(reports, key=lambda r: (r.published or "9999", r.article_id, r.event.id))


def merge(cluster_id: str, reports: Sequence[Report]) -> Event:
    ordered = in_order(reports)
    events = [r.event for r in ordered]
    kind = _most(e.type for e in events)
    codes = event_lexicon().types.get(kind)
    merged = Event(id=cluster_id, type=kind,
                   acled=AcledCode(*codes.acled) if codes and codes.acled else None,
                   plover=PloverCode(*codes.plover) if codes and codes.plover else None,
                   cameo=codes.cameo if codes else None)
    _dates(merged, events)
    merged.location = _location(events)
    merged.sub_locations = list(dict.fromkeys(s for e in events for s in e.sub_locations))
    merged.weapons = list(dict.fromkeys(w for e in events for w in e.weapons))
    merged.actors = _actors(events)
    latest = [e for e in events if e.counts or e.fatalities or e.injured]
    if latest:
        last = latest[-1]
        merged.counts, merged.fatalities, merged.injured = (list(last.counts), last.fatalities,
                                                            last.injured)
    merged.evidence = list(events[0].evidence)
    merged.confidence = round(min(0.99, max(e.confidence for e in events)
                                  + 0.05 * (len({r.article_id for r in ordered}) - 1)), 2)
    merged.aggregate = all(e.aggregate for e in events)
    return merged


def _most(values: Iterable[str]) -> str:
    """The value given most often; on a tie, the first given."""
    items = list(values)
    tally = Counter(items)
    best = max(tally.values())
    return str(next(v for v in items if tally[v] == best))


def _dates(merged: Event, events: list[Event]) -> None:
    own = [e for e in events if e.date and e.date_source == "text"]
    dated = own or [e for e in events if e.date]
    if not dated:
        return
    day = _most(e.date for e in dated if e.date)
    first = next(e for e in dated if e.date == day)
    merged.date, merged.date_end, merged.date_precision = first.date, first.date_end, \
        first.date_precision
    merged.date_source = first.date_source
    merged.time = next((e.time for e in events if e.time and e.date == day), None)


def _location(events: list[Event]) -> Location | None:
    placed = [e.location for e in events if e.location is not None]
    if not placed:
        return None
    names = Counter(loc.name for loc in placed)
    best = min(placed, key=lambda loc: (loc.lat is None, loc.precision or 3,
                                        FEATURES.get(loc.feature, 4), -names[loc.name]))
    return replace(best)


def _actors(events: list[Event]) -> list[Actor]:
    found: dict[tuple[str, str], Actor] = {}
    for actor in (a for e in events for a in e.actors):
        key = (actor.role, actor.name)
        if key not in found or STRENGTH[actor.attribution] > STRENGTH[found[key].attribution]:
            found[key] = replace(actor)
    return list(found.values())


def day_of(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
