"""ACLED's export columns, filled from sitrep's event records."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlparse

from sitrep.records import Actor, Article, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "time_precision", "source", "notes", "fatalities",
]
# ACLED's time_precision: 1 = the day is known, 2 = the week, 3 = the month or more.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def acled_rows(article: Article) -> list[dict[str, object]]:
    """One ACLED-style row per event of `article`. Left out: events with no ACLED code,
    and aggregates ("17 days of attacks"), which ACLED does not code as one event."""
    return [_row(article, e) for e in article.events if e.acled is not None and not e.aggregate]


def _row(article: Article, e: Event) -> dict[str, object]:
    assert e.acled is not None
    loc = e.location
    # the side that acted: the attacker, or for an interception the interceptor
    perpetrators = [a for a in e.actors if a.role in ("perpetrator", "interceptor")]
    others = [a for a in e.actors if a.role in ("target", "victim")]
    return {
        "event_id_cnty": e.id,
        "event_date": e.date or "",
        "event_type": e.acled.event_type,
        "sub_event_type": e.acled.sub_event_type,
        "actor1": _actor(perpetrators[0]) if perpetrators else "",
        "assoc_actor_1": "; ".join(_actor(a) for a in perpetrators[1:]),
        "actor2": _actor(others[0]) if others else "",
        "country": country_name(loc.country) if loc and loc.country else "",
        "admin1": (loc.admin1 or "") if loc else "",
        "location": loc.name if loc else "",
        "latitude": loc.lat if loc and loc.lat is not None else "",
        "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": getattr(loc, "precision", None) or (1 if loc else ""),
        "time_precision": _TIME_PRECISION.get(e.date_precision, 3) if e.date else "",
        "source": _sources(article, e),
        "notes": " ".join(s.text for s in e.evidence)[:1000],
        "fatalities": e.fatalities.min if e.fatalities and e.fatalities.min is not None else 0,
    }


def _sources(article: Article, e: Event) -> str:
    """ACLED's source column: the publisher (its name, else its web host, else the
    article's title or id), then the named agencies its statements about the event
    came through ("according to Reuters"), as ACLED lists them: "The Daily; Reuters"."""
    host = urlparse(article.url).hostname if article.url else None
    names = [article.source or (host.removeprefix("www.") if host else None) or article.title
             or article.id]
    for statement in article.statements:
        if statement.via and statement.via[:1].isupper() and e.id in statement.event_ids \
                and statement.via not in names:
            names.append(statement.via)
    return "; ".join(names)


def _actor(actor: Actor) -> str:
    return actor.name if actor.attribution != "alleged" else f"{actor.name} (alleged)"


@cache
def country_name(iso3: str) -> str:
    """ACLED names countries in words, by their short names: "UKR" -> "Ukraine",
    "RUS" -> "Russia" (the gazetteer's country names)."""
    from sitrep.geo.gazetteer import default_gazetteer

    found = default_gazetteer().country(iso3)
    return found.name if found is not None else iso3
