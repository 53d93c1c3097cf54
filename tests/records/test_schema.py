"""The records must carry every field of shared/CONTRACT.md, with its type."""

from __future__ import annotations

import json

import pytest

from sitrep.records import (
    AcledCode,
    Actor,
    Article,
    Count,
    Event,
    Location,
    Place,
    PloverCode,
    Range,
    Span,
    Speaker,
    Statement,
    Time,
    from_dict,
    to_dataframes,
    to_dict,
)

CONTRACT_FIELDS = {
    Article: ["id", "published", "title", "byline", "text", "times", "places", "statements",
              "events"],
    Time: ["start", "end", "text", "type", "value"],
    Place: ["start", "end", "text", "name", "geonameid", "lat", "lon", "country", "admin1",
            "feature"],
    Statement: ["id", "start", "end", "text", "direct", "cue", "speaker", "stance", "target",
                "channel", "event_ids"],
    Speaker: ["name", "start", "end", "text", "role", "affiliation", "kind"],
    Event: ["id", "type", "acled", "plover", "date", "date_end", "date_precision", "time",
            "location", "sub_locations", "actors", "weapons", "counts", "fatalities", "injured",
            "evidence", "confidence"],
    Actor: ["role", "name", "country", "kind", "attribution"],
    Count: ["what", "value", "min", "max", "approximate"],
}


def _full_article() -> Article:
    event = Event(
        id="a-e1", type="drone_strike",
        acled=AcledCode("Explosions/Remote violence", "Air/drone strike"),
        plover=PloverCode("ASSAULT", "aerial"), date="2023-05-30", time="06:24",
        location=Location(name="Moscow", lat=55.75, lon=37.62, country="RUS", feature="city"),
        sub_locations=["Profsoyuznaya Street"],
        actors=[Actor(role="perpetrator", name="Ukraine", country="UKR", kind="government",
                      attribution="alleged")],
        weapons=["drone"], counts=[Count(what="shot_down", value=5)],
        fatalities=Range(0, 0), injured=Range(2, 2), evidence=[Span(0, 6, "Moscow")],
        confidence=0.9)
    statement = Statement(id="a-s1", start=0, end=6, text="Moscow", direct=False,
                          speaker=Speaker(name="Sergei Sobyanin", kind="person"),
                          cue=Span(7, 11, "said"), stance="report", event_ids=["a-e1"])
    return Article(id="a", published="2023-05-31", text="Moscow said",
                   times=[Time(0, 6, "Moscow", "DATE", "2023-05-30")],
                   places=[Place(0, 6, "Moscow", "Moscow", 524901, 55.75, 37.62, "RUS",
                                 "Moscow", "city")],
                   statements=[statement], events=[event])


@pytest.mark.parametrize(("record", "fields"), list(CONTRACT_FIELDS.items()),
                         ids=lambda x: getattr(x, "__name__", ""))
def test_schema_has_contract_fields(record: type, fields: list[str]) -> None:
    names = list(record.__dataclass_fields__)
    assert [f for f in fields if f not in names] == []


def test_schema_article_dict_keeps_contract_order_and_nulls() -> None:
    d = Article(id="x", text="t").to_dict()
    assert list(d)[:9] == CONTRACT_FIELDS[Article]
    assert d["published"] is None and d["events"] == [] and d["byline"] is None


def test_schema_round_trip_through_json() -> None:
    article = _full_article()
    again = from_dict(Article, json.loads(json.dumps(to_dict(article))))
    assert again == article
    assert isinstance(again.events[0].location, Location)
    assert isinstance(again.statements[0].cue, Span)


def test_schema_dataframes_one_row_per_record() -> None:
    frames = to_dataframes([_full_article(), Article(id="b", text="t")])
    assert len(frames["articles"]) == 2
    assert frames["events"]["article_id"].tolist() == ["a"]
    assert frames["places"].loc[0, "name"] == "Moscow"
