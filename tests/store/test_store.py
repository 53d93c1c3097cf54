from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import StoreError
from sitrep.records import AcledCode, Article, Event, Location, Span, Speaker, Statement
from sitrep.store import Filters, Store
from sitrep.store.migrations import LATEST


def _article(i: int, *, day: str = "2023-05-30", place: str = "Moscow") -> Article:
    aid = f"art{i}"
    return Article(
        id=aid, published="2023-05-31", text=f"text {i}", source="wire",
        statements=[Statement(id=f"{aid}-s1", start=0, end=4, text="text", direct=True,
                              speaker=Speaker(name="Anatoly Antonov", affiliation="RUS"),
                              stance="accuse")],
        events=[Event(id=f"{aid}-e1", type="drone_strike", date=day,
                      location=Location(name=place, country="RUS"),
                      evidence=[Span(0, 4, "text")])],
    )


def test_store_add_is_idempotent(db: str) -> None:
    with Store(db) as store:
        assert store.add([_article(1), _article(2), _article(1)]) == 2
        assert store.add([_article(1), _article(2)]) == 0
        counts = store.counts()
    with Store(db) as store:  # reopened: nothing lost, nothing doubled
        assert store.counts() == counts == {"articles": 2, "events": 2, "statements": 2,
                                            "places": 0, "times": 0}


def test_store_get_rebuilds_records(db: str) -> None:
    with Store(db) as store:
        store.add([_article(1)])
        assert store.get(["art1", "nope"]) == {"art1": _article(1)}


def test_store_replace_swaps_records(db: str) -> None:
    with Store(db) as store:
        store.add([_article(1)])
        changed = _article(1, place="Kyiv")
        assert store.add([changed], replace=True) == 1
        assert store.counts()["events"] == 1
        assert store.events()[0]["location"]["name"] == "Kyiv"


def test_store_failed_batch_leaves_nothing_half_written(db: str) -> None:
    bad = _article(3)
    bad.events[0].evidence.append(Span(0, 4, "text"))
    bad.events.append(bad.events[0])  # same event id twice: the primary key refuses it
    with Store(db) as store:
        store.add([_article(1)])
        with pytest.raises(StoreError, match="nothing of this batch"):
            store.add([_article(2), bad])
        assert store.counts()["articles"] == 1
        assert store.known(["art1", "art2", "art3"]) == {"art1"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["art2", "art1"]),
        (Filters(place="kyiv"), ["art2"]),
        (Filters(place="RUS"), ["art2", "art1"]),
        (Filters(since="2023-05-30"), ["art2"]),
        (Filters(until="2023-05-29"), ["art1"]),
        (Filters(type="drone_strike", limit=1), ["art2"]),
        (Filters(type="DRONE"), ["art2", "art1"]),  # a substring, any case
        (Filters(type="drone%"), []),  # % and _ are not wildcards
        (Filters(type="protest"), []),
        (Filters(place="mos"), ["art1"]),
    ],
)
def test_store_event_filters(db: str, filters: Filters, expected: list[str]) -> None:
    with Store(db) as store:
        store.add([_article(1, day="2023-05-20"), _article(2, day="2023-06-01", place="Kyiv")])
        assert [e["article"]["id"] for e in store.events(filters)] == expected


def test_store_statement_filters(db: str) -> None:
    with Store(db) as store:
        store.add([_article(1)])
        assert len(store.statements(Filters(speaker="antonov"))) == 1
        assert store.statements(Filters(speaker="podolyak")) == []
        assert len(store.statements(Filters(type="accuse"))) == 1


def _numbered(aid: str, published: str) -> Article:
    """An article whose statements and events are stored out of their order."""
    return Article(
        id=aid, published=published, text="text",
        statements=[Statement(id=f"s{n}", start=0, end=4, text="text", direct=True,
                              speaker=Speaker(name="Oleh Syniehubov"), stance="accuse")
                    for n in (10, 2, 1)],
        events=[Event(id=f"e{n}", type="shelling", date="2024-03-11",
                      acled=AcledCode("Explosions/Remote violence",
                                      "Shelling/artillery/missile attack"),
                      evidence=[Span(0, 4, "text")]) for n in (10, 2, 1)])


def test_store_ids_in_natural_order_within_an_article(db: str) -> None:
    with Store(db) as store:
        store.add([_numbered("b", "2024-03-12"), _numbered("a", "2024-03-12")])
        said = [(s["article"]["id"], s["id"]) for s in store.statements()]
        done = [(e["article"]["id"], e["id"]) for e in store.events()]
    assert said == [("a", "s1"), ("a", "s2"), ("a", "s10"), ("b", "s1"), ("b", "s2"),
                    ("b", "s10")]
    assert done == [(a, e.replace("s", "e")) for a, e in said]


@pytest.mark.parametrize("wanted", ["shelling", "EXPLOSIONS/remote", "artillery", "Shell"])
def test_store_event_type_matches_sitrep_and_acled_types(db: str, wanted: str) -> None:
    with Store(db) as store:
        store.add([_numbered("a", "2024-03-12")])
        assert len(store.events(Filters(type=wanted))) == 3
        assert store.events(Filters(type="battles")) == []


@pytest.mark.parametrize(
    ("filters", "problem"),
    [
        ({"since": "2023-13-45"}, "since='2023-13-45' is not a YYYY-MM-DD day"),
        ({"until": "2023-02-30"}, "until='2023-02-30' is not"),
        ({"since": "20230501"}, "since='20230501' is not"),
        ({"since": "2023-05-02", "until": "2023-05-01"}, "until=2023-05-01 is before"),
        ({"limit": 0}, "limit=0"),
        ({"limit": -1}, "limit=-1"),
    ],
)
def test_store_filters_refuse_what_cannot_be_asked(filters: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        Filters(**filters)


def test_store_read_only_needs_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_store_migrates_and_records_version(db: str) -> None:
    with Store(db) as store:
        assert store.schema_version() == LATEST
    with Store(db, read_only=True) as store:
        assert store.schema_version() == LATEST


def test_store_refuses_newer_schema(db: str) -> None:
    with Store(db) as store:
        store.con.execute("INSERT INTO schema_version VALUES (?)", [LATEST + 1])
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_store_migrates_a_version_1_store(db: str) -> None:
    import duckdb

    from sitrep.records import Place
    from sitrep.store.migrations import MIGRATIONS

    con = duckdb.connect(db)
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    con.execute(MIGRATIONS[0][1])
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.close()
    with Store(db) as store:
        assert store.schema_version() == LATEST
        article = _article(1)
        article.places = [Place(0, 4, "text", "Moscow", metonymic=True, parent=None)]
        store.add([article])
        row = store.con.execute("SELECT name, metonymic FROM places").fetchall()
        assert row == [("Moscow", True)]


def test_store_migration_4_fills_the_cluster_columns_from_their_records(db: str) -> None:
    import json

    import duckdb

    from sitrep.store.migrations import MIGRATIONS

    con = duckdb.connect(db)
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    for version, sql in MIGRATIONS[:3]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?)", [version])
    merged = {"id": "e1", "type": "shelling", "location": {"name": "Kharkiv", "lat": 49.98,
                                                          "lon": 36.25},
              "acled": {"event_type": "Explosions/Remote violence",
                        "sub_event_type": "Shelling/artillery/missile attack"},
              "fatalities": {"min": 3, "max": 4}, "actors": [{"name": "Russia"},
                                                            {"name": "civilians"}]}
    con.execute("INSERT INTO clusters (id, record) VALUES ('c1', ?), ('c2', ?)",
                [json.dumps({"id": "c1", "merged": merged}), json.dumps({"id": "c2"})])
    con.close()
    with Store(db) as store:
        rows = store.con.execute("SELECT id, lat, lon, acled_event_type, fatalities, injured, "
                                 "actors FROM clusters ORDER BY id").fetchall()
    assert rows == [("c1", 49.98, 36.25, "Explosions/Remote violence", 3, None,
                     "Russia; civilians"),
                    ("c2", None, None, None, None, None, None)]


def test_store_migration_5_writes_the_search_text_the_writer_writes(db: str) -> None:
    import json

    import duckdb

    from sitrep.records import Event, from_dict
    from sitrep.store.clusters import search_text
    from sitrep.store.migrations import MIGRATIONS

    merged = {"id": "e1", "type": "air_strike",
              "location": {"name": "Kramatorsk", "admin1": "Donetsk", "country": "UKR"},
              "actors": [{"role": "perpetrator", "name": "Russian forces"}],
              "weapons": ["Iskander missile"],
              "evidence": [{"start": 0, "end": 20, "text": "A Missile hit a café"}]}
    con = duckdb.connect(db)
    con.execute("CREATE TABLE schema_version (version INTEGER)")
    for version, sql in MIGRATIONS[:4]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?)", [version])
    con.execute("INSERT INTO clusters (id, record) VALUES ('c1', ?), ('c2', ?)",
                [json.dumps({"id": "c1", "merged": merged}), json.dumps({"id": "c2"})])
    con.close()
    with Store(db) as store:
        rows = store.con.execute("SELECT admin1, search FROM clusters ORDER BY id").fetchall()
    expected = search_text(from_dict(Event, merged))
    assert rows == [("Donetsk", expected), (None, None)]
    assert expected == ("air_strike kramatorsk donetsk ukr russian forces iskander missile "
                        "a missile hit a café")
