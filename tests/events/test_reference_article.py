"""The reference article's events, checked against every `must` event of its
.expected.yaml (kind, day, place, perpetrator, counts, casualties) and its traps."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest

from sitrep.records import Article, Event

KINDS = {"drone strike": {"drone_strike", "air_strike"}, "interception": {"interception"}}


@pytest.fixture
def article(mission_article: Article) -> Article:
    return mission_article


@pytest.fixture
def expected(mission_expected: dict[str, Any]) -> dict[str, Any]:
    return mission_expected


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (map(math.radians, p) for p in (a, b))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(h))


def fits(event: Event, want: dict[str, Any]) -> bool:
    """Whether a found event is the expected one: its kind, its day (within the
    tolerance given) and its place (within the distance given)."""
    if event.type not in KINDS[want["kind"]] or event.aggregate or event.date is None:
        return False
    gap = abs((date.fromisoformat(event.date) - want["date"]).days)
    if gap > want.get("date_tolerance_days", 0):
        return False
    loc, place = event.location, want["place"]
    return loc is not None and loc.lat is not None and loc.lon is not None and km(
        (loc.lat, loc.lon), (place["lat"], place["lon"])) <= place["within_km"]


def must_events(expected: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in expected["events"] if e.get("must")]


def test_reference_article_has_every_must_event(article: Article, expected: dict[str, Any]) -> None:
    for want in must_events(expected):
        assert [e for e in article.events if fits(e, want)], want["id"]


def test_reference_article_strike_details(article: Article, expected: dict[str, Any]) -> None:
    want = next(e for e in must_events(expected) if e["id"] == "moscow-drone-strike")
    (strike,) = [e for e in article.events if fits(e, want)]
    assert strike.time == want["time_local"]
    assert {"Leninisky Prospekt", "Profsoyuznaya Street"} <= set(strike.sub_locations)
    doers = [(a.name, a.attribution) for a in strike.actors if a.role == "perpetrator"]
    assert doers == [("Ukraine", want["perpetrator"]["attribution"])]
    assert strike.injured is not None and strike.injured.max == want["injured"]
    assert [c.value for c in strike.counts if c.what == "hospitalised"] == [want["hospitalised"]]
    assert strike.fatalities is None or strike.fatalities.max == want["fatalities"]
    assert strike.acled is not None and strike.acled.sub_event_type == "Air/drone strike"


def test_reference_article_interception_counts(article: Article, expected: dict[str, Any]) -> None:
    by_id = {e["id"]: e for e in must_events(expected)}
    (moscow,) = [e for e in article.events if fits(e, by_id["moscow-interceptions"])]
    counts = {(c.what, c.value) for c in moscow.counts}
    want = by_id["moscow-interceptions"]["counts"]
    assert {("suppressed", want["suppressed_by_electronic_warfare"]),
            ("shot_down", want["shot_down"]), ("total", want["launched_or_involved"])} <= counts
    assert [a.name for a in moscow.actors if a.role == "interceptor"] == ["Russia"]
    assert moscow.acled is not None and moscow.acled.sub_event_type == "Disrupted weapons use"
    (kyiv,) = [e for e in article.events if fits(e, by_id["kyiv-interceptions"])]
    shot = [c for c in kyiv.counts if c.what == "shot_down"]
    assert [(c.value, c.approximate) for c in shot] == [(20, True)]


def test_reference_article_kyiv_strike_is_russias(article: Article,
                                                  expected: dict[str, Any]) -> None:
    want = next(e for e in must_events(expected) if e["id"] == "kyiv-drone-strikes")
    (kyiv,) = [e for e in article.events if fits(e, want)]
    assert [a.name for a in kyiv.actors if a.role == "perpetrator"] == ["Russia"]


def test_reference_article_traps(article: Article, expected: dict[str, Any]) -> None:
    published = str(expected["article"]["published"])
    assert all(e.date != published for e in article.events)
    assert all(a.country != "IRN" for e in article.events for a in e.actors)
    assert all(e.location is None or e.location.country != "IRN" for e in article.events)
    spans = [e for e in article.events if e.date_end is not None]
    assert spans and all(e.aggregate for e in spans)  # "17 days of sustained attacks"
    removed = [r.text for r in article.removed]
    assert not [s for e in article.events for s in e.evidence if any(s.text in r for r in removed)]
