"""Events as GeoJSON (RFC 7946): one FeatureCollection, one Point Feature per event
that has coordinates, [longitude, latitude] in WGS84 (RFC 7946 has no "crs" member).

An event without coordinates, or with coordinates outside WGS84's range, has no
place on a map and is left out; the writer stays a pure view of the records and
says nothing about them. A feature's id is "article id:event id" (the store's key
for an event: `sitrep claims` takes it), unique across articles.
"""

from __future__ import annotations

import json
import math
from typing import IO, Any

from sitrep.records import Article, Event, to_dict


def features(article: Article) -> list[dict[str, Any]]:
    """The GeoJSON Features of the article's events that have coordinates."""
    return [_feature(article, e) for e in article.events if _point(e) is not None]


def _point(e: Event) -> list[float] | None:
    loc = e.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    lon, lat = float(loc.lon), float(loc.lat)
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
        return None
    return [lon, lat]


def _feature(article: Article, e: Event) -> dict[str, Any]:
    key = f"{article.id}:{e.id}"
    loc = e.location
    return {
        "type": "Feature",
        "id": key,
        "geometry": {"type": "Point", "coordinates": _point(e)},
        "properties": {
            "id": key,
            "article_id": article.id,
            "event_id": e.id,
            "date": e.date,
            "date_end": e.date_end,
            "type": e.type,
            "acled_event_type": e.acled.event_type if e.acled else None,
            "acled_sub_event_type": e.acled.sub_event_type if e.acled else None,
            "location": loc.name if loc else None,
            "country": loc.country if loc else None,
            "admin1": loc.admin1 if loc else None,
            # the lowest figure reported, as ACLED counts; null when none is
            "fatalities": e.fatalities.min if e.fatalities else None,
            "injured": e.injured.min if e.injured else None,
            "actors": [to_dict(a) for a in e.actors],
            "title": article.title,
            "published": article.published,
            "url": article.url,
            "evidence": " ".join(s.text for s in e.evidence),
        },
    }


class GeoJsonWriter:
    """`{"type": "FeatureCollection", "features": [...]}`, streamed a feature at a time."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0
        out.write('{"type": "FeatureCollection", "features": [')

    def write(self, article: Article) -> None:
        for feature in features(article):
            sep = ",\n" if self.count else "\n"
            self.out.write(sep + json.dumps(feature, ensure_ascii=False))
            self.count += 1

    def close(self) -> None:
        self.out.write("\n]}\n")
        self.out.flush()
