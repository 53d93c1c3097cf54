"""`--format geojson`: a valid RFC 7946 FeatureCollection of the events with coordinates."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from typing import Any

from sitrep.export import open_writer
from sitrep.records import Actor, Article, Event, Location

MakeEvent = Callable[..., Event]
MakeArticle = Callable[..., Article]
GEOMETRIES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
              "MultiPolygon", "GeometryCollection"}


def _position_problems(position: Any) -> list[str]:
    if not (isinstance(position, list) and len(position) in (2, 3)
            and all(isinstance(v, int | float) and not isinstance(v, bool)
                    and math.isfinite(v) for v in position)):
        return [f"position {position!r} is not 2 or 3 finite numbers"]
    lon, lat = position[:2]
    problems = []
    if not -180 <= lon <= 180:
        problems.append(f"longitude {lon} outside [-180, 180]")
    if not -90 <= lat <= 90:
        problems.append(f"latitude {lat} outside [-90, 90]")
    return problems


def geojson_problems(doc: Any) -> list[str]:
    """What makes `doc` no valid RFC 7946 FeatureCollection of Points ([] when valid)."""
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return ["top level is not an object of type FeatureCollection"]
    if "crs" in doc:
        return ['RFC 7946 removed the "crs" member']
    if not isinstance(doc.get("features"), list):
        return ['FeatureCollection has no "features" list']
    problems = []
    for n, feature in enumerate(doc["features"]):
        where = f"feature {n}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"{where}: not an object of type Feature")
            continue
        if not ("geometry" in feature and "properties" in feature):
            problems.append(f"{where}: lacks the geometry or properties member")
            continue
        if "id" in feature and not isinstance(feature["id"], str | int | float):
            problems.append(f"{where}: id is neither a string nor a number")
        if not (feature["properties"] is None or isinstance(feature["properties"], dict)):
            problems.append(f"{where}: properties is neither an object nor null")
        geometry = feature["geometry"]
        if geometry is None:
            continue
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRIES:
            problems.append(f"{where}: geometry has no known type")
        elif geometry["type"] == "Point":
            problems += [f"{where}: {p}" for p in _position_problems(geometry.get("coordinates"))]
    return problems


def _geojson(*articles: Article) -> dict[str, Any]:
    out = io.StringIO()
    writer = open_writer("geojson", out)
    for article in articles:
        writer.write(article)
    writer.close()
    doc = json.loads(out.getvalue())
    assert isinstance(doc, dict)
    return doc


def test_geojson_validator_rejects_what_is_invalid() -> None:
    point = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.2, 49.2]},
             "properties": {}}
    assert geojson_problems({"type": "FeatureCollection", "features": [point]}) == []
    for bad in ({"type": "FeatureCollection"},
                {"type": "FeatureCollection", "features": [], "crs": {}},
                {"type": "FeatureCollection", "features": [
                    point | {"geometry": {"type": "Point", "coordinates": [49.2, 237.2]}}]},
                {"type": "FeatureCollection", "features": [
                    point | {"geometry": {"type": "Point", "coordinates": ["37", 49]}}]},
                {"type": "FeatureCollection", "features": [point | {"properties": []}]}):
        assert geojson_problems(bad), bad


def test_geojson_is_valid_with_one_point_per_located_event(make_event: MakeEvent,
                                                           make_article: MakeArticle) -> None:
    nowhere = make_event(id="e2", location=Location("the front", country="UKR"))
    off_earth = make_event(id="e3", location=Location("Bad", lat=95.0, lon=200.0))
    southern = make_event(id="e4", location=Location("Santiago", lat=-33.45, lon=-70.66,
                                                     country="CHL"))
    first = make_article("a1", [make_event(actors=[Actor("perpetrator", "Russia", "RUS",
                                                         "military", "alleged")]),
                                nowhere, off_earth], url="https://example.org/1")
    second = make_article("a2", [make_event(), southern])
    doc = _geojson(first, second)
    assert geojson_problems(doc) == []
    ids = [f["id"] for f in doc["features"]]
    assert ids == ["a1:e1", "a2:e1", "a2:e4"]  # no place, no feature; ids unique
    izium = doc["features"][0]
    assert izium["geometry"]["coordinates"] == [37.2566, 49.2128]  # longitude first
    props = izium["properties"]
    assert (props["article_id"], props["event_id"], props["date"]) == ("a1", "e1", "2024-03-11")
    assert (props["acled_event_type"], props["location"], props["country"]) == (
        "Explosions/Remote violence", "Izium", "UKR")
    assert (props["fatalities"], props["injured"], props["url"]) == (2, 5, "https://example.org/1")
    assert props["actors"][0]["name"] == "Russia" and props["evidence"].startswith("Artillery")
    assert doc["features"][2]["geometry"]["coordinates"] == [-70.66, -33.45]
    assert json.loads(json.dumps(doc)) == doc  # round-trips


def test_geojson_of_no_events_is_an_empty_collection(make_article: MakeArticle) -> None:
    doc = _geojson(make_article(events=[]))
    assert doc == {"type": "FeatureCollection", "features": []}
