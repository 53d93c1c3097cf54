"""Clusters in the store: new articles touch only the clusters they join."""

from __future__ import annotations

from sitrep.records import Article, Event, Location, Range
from sitrep.store import Store
from sitrep.store.clusters import clusters, link

KHARKIV = Location(name="Kharkiv", lat=49.99, lon=36.23, country="UKR", precision=1)
DNIPRO = Location(name="Dnipro", lat=48.46, lon=35.05, country="UKR", precision=1)


def report(aid: str, day: str, where: Location, killed: int, published: str = "") -> Article:
    event = Event(id="e1", type="shelling", date=day, location=where, confidence=0.8,
                  fatalities=Range(killed, killed))
    return Article(id=aid, text=f"report {aid}", published=published or day, source=f"{aid} News",
                   events=[event])


def test_store_link_touches_only_the_clusters_an_article_joins() -> None:
    with Store(":memory:") as store:
        first = [report("a", "2024-05-14", KHARKIV, 2), report("b", "2024-05-14", DNIPRO, 1)]
        store.add(first)
        link(store, first)
        before = {c["id"]: c for c in clusters(store)}
        late = report("c", "2024-05-14", KHARKIV, 4, published="2024-05-15")
        store.add([late])
        touched = link(store, [late])
        after = {c["id"]: c for c in clusters(store)}
    assert set(after) == set(before)  # no cluster renamed, none added
    assert [c.sources for c in touched] == [2]
    (kharkiv,) = [i for i in after if after[i]["merged"]["location"]["name"] == "Kharkiv"]
    (dnipro,) = [i for i in after if i != kharkiv]
    assert after[dnipro] == before[dnipro]  # untouched, byte for byte
    assert after[kharkiv]["merged"]["fatalities"] == {"min": 4, "max": 4}
    assert [u["value"] for u in after[kharkiv]["updates"]] == ["2", "4"]
