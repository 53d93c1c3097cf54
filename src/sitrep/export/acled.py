"""ACLED's export columns, filled from sitrep's event records.

`event_id_cnty` is the event's country (ISO3, "XXX" when unknown) followed by 15
digits of a SHA-1 of "article id:event id": like ACLED's ids, it starts with the
country; it is unique across articles (an event's own id, "e1", is only unique within
its article) and stable (the same article and event give the same id on every run).
The article's id and the event's own id are also in sitrep's extra columns, which
follow ACLED's own: `article_id`, `event_id`, `url`, and the attribution of actor1 and
actor2 ("alleged", "asserted", ...), kept out of the actor names.
"""

from __future__ import annotations

import hashlib
from functools import cache
from urllib.parse import urlparse

from sitrep.export.acled_codes import (
    inter_code,
    interaction,
    iso_numeric,
    names_an_actor,
    region,
    source_scale,
)
from sitrep.export.cells import clip_words
from sitrep.records import Actor, Article, Event, Location

# ACLED's columns, in ACLED's order, that sitrep can fill (not disorder_type, admin3,
# tags or timestamp)
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
]
EXTRA_COLUMNS = ["article_id", "event_id", "url", "actor1_attribution", "actor2_attribution"]
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
# columns that hold numbers (or nothing); every other column holds text
NUMERIC_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso",
                             "latitude", "longitude", "geo_precision", "fatalities"})
# ACLED's time_precision: 1 = the day is known, 2 = the week, 3 = the month or more.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
NOTES_LIMIT = 1000
CIVILIANS = 7  # ACLED's inter code of civilians


def acled_rows(article: Article) -> list[dict[str, object]]:
    """One ACLED-style row per event of `article`, with COLUMNS as keys. Left out:
    events with no ACLED code, and aggregates ("17 days of attacks"), which ACLED does
    not code as one event."""
    return [_row(article, e) for e in article.events if e.acled is not None and not e.aggregate]


def _row(article: Article, e: Event) -> dict[str, object]:
    assert e.acled is not None
    agencies = _agencies(article, e)
    row: dict[str, object] = {
        "event_id_cnty": event_id_cnty(article.id, e),
        "event_date": e.date or "",
        "year": int(e.date[:4]) if e.date else "",
        "time_precision": _TIME_PRECISION.get(e.date_precision, 3) if e.date else "",
        "event_type": e.acled.event_type,
        "sub_event_type": e.acled.sub_event_type,
        **_actor_columns(e),
        **_place_columns(e.location),
        "source": "; ".join([_publisher(article), *agencies]),
        "source_scale": source_scale(article, e, agencies),
        "notes": notes(e),
        "fatalities": e.fatalities.min if e.fatalities and e.fatalities.min is not None else 0,
        "article_id": article.id,
        "event_id": e.id,
        "url": article.url or "",
    }
    return {column: row[column] for column in COLUMNS}


def event_id_cnty(article_id: str, e: Event) -> str:
    """The event's id across articles: its country, then 15 digits of a hash of
    "article id:event id" (this module's docstring says why)."""
    country = e.location.country if e.location and e.location.country else "XXX"
    digest = hashlib.sha1(f"{article_id}:{e.id}".encode()).hexdigest()
    return f"{country}{int(digest[:12], 16):015d}"


def notes(e: Event) -> str:
    """ACLED's notes: the event's evidence sentences as written (quote marks and all),
    on one line, cut at a word boundary with an ellipsis past NOTES_LIMIT characters."""
    return clip_words(" ".join(s.text for s in e.evidence), NOTES_LIMIT)


def _actor_columns(e: Event) -> dict[str, object]:
    """actor1 and its associates (the side that acted: the attacker, or for an
    interception the interceptor), actor2 and its associates (whom it was done to),
    their ACLED types and whether civilians were the target. Only actors' names: an
    attribution ("alleged") is a column of its own."""
    where = e.location.country if e.location else None
    doers = _actors(e, ("perpetrator", "interceptor"))
    done_to = _actors(e, ("target", "victim"))
    inter1 = inter_code(doers[0], where) if doers else ""
    inter2 = inter_code(done_to[0], where) if done_to else ""
    targets_civilians = inter2 == CIVILIANS or (
        e.acled is not None and e.acled.event_type == "Violence against civilians")
    return {
        "actor1": doers[0].name if doers else "",
        "assoc_actor_1": "; ".join(a.name for a in doers[1:]),
        "inter1": inter1,
        "actor2": done_to[0].name if done_to else "",
        "assoc_actor_2": "; ".join(a.name for a in done_to[1:]),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians else "",
        "actor1_attribution": doers[0].attribution if doers else "",
        "actor2_attribution": done_to[0].attribution if done_to else "",
    }


def _actors(e: Event, roles: tuple[str, ...]) -> list[Actor]:
    """The event's actors in `roles`, each name once, leaving out names that are no
    actor (a happening told as its doer: "Shelling")."""
    found: list[Actor] = []
    for actor in e.actors:
        if actor.role in roles and names_an_actor(actor.name) \
                and all(a.name != actor.name for a in found):
            found.append(actor)
    return found


def _place_columns(loc: Location | None) -> dict[str, object]:
    if loc is None:
        return {"iso": "", "region": "", "country": "", "admin1": "", "admin2": "",
                "location": "", "latitude": "", "longitude": "", "geo_precision": ""}
    # a division named as the place itself fills its own column; a record with an
    # admin2 field of its own (none yet in the contract) gives that
    admin2 = getattr(loc, "admin2", None) or (loc.name if loc.feature == "admin2" else "")
    return {
        "iso": iso_numeric(loc.country),
        "region": region(loc.country),
        "country": country_name(loc.country) if loc.country else "",
        "admin1": loc.admin1 or (loc.name if loc.feature == "admin1" else ""),
        "admin2": admin2,
        "location": loc.name,
        "latitude": loc.lat if loc.lat is not None else "",
        "longitude": loc.lon if loc.lon is not None else "",
        "geo_precision": loc.precision or 1,
    }


def _publisher(article: Article) -> str:
    """The publisher: its name, else its web host, else the article's title or id."""
    host = urlparse(article.url).hostname if article.url else None
    return (article.source or (host.removeprefix("www.") if host else None) or article.title
            or article.id)


def _agencies(article: Article, e: Event) -> list[str]:
    """The named agencies the article's statements about the event came through
    ("according to Reuters"), as ACLED lists sources after the publisher."""
    names: list[str] = []
    publisher = _publisher(article)
    for statement in article.statements:
        via = statement.via
        if via and via[:1].isupper() and e.id in statement.event_ids \
                and via != publisher and via not in names:
            names.append(via)
    return names


@cache
def country_name(iso3: str) -> str:
    """ACLED names countries in words, by their short names: "UKR" -> "Ukraine",
    "RUS" -> "Russia" (the gazetteer's country names)."""
    from sitrep.geo.gazetteer import default_gazetteer

    found = default_gazetteer().country(iso3)
    return found.name if found is not None else iso3
