"""The HTTP API of `sitrep serve`, through FastAPI's test client, on the page store
(the bundled examples and a hostile article)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.serve import create_app

from .conftest import HOSTILE, HOSTILE_TEXT, HOSTILE_TITLE


@pytest.fixture(scope="module")
def client(page_db: str) -> TestClient:
    return TestClient(create_app(page_db))


def _all(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    answer = client.get("/api/events", params={**params, "limit": 500})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == len(body["items"])
    return list(body["items"])


def test_events_come_newest_first_a_page_at_a_time(client: TestClient) -> None:
    everything = _all(client)
    assert len(everything) >= 8
    days = [e["date"] for e in everything if e["date"]]
    assert days == sorted(days, reverse=True)
    first = client.get("/api/events", params={"limit": 3}).json()
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] == len(everything)
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in everything[:6]]


def test_each_filter_narrows_the_events_to_what_it_names(client: TestClient) -> None:
    everything = _all(client)
    riots = _all(client, type="Riots")
    assert riots and all("Riots" in (e["acled_event_type"] or "") or "riot" in e["type"]
                         for e in riots)
    kenya = _all(client, place="KEN")
    assert kenya and all(e["country"] == "KEN" for e in kenya)
    assert _all(client, bbox="33,-5,42,5") == [e for e in everything if e["lat"] is not None
                                               and -5 <= e["lat"] <= 5 and 33 <= e["lon"] <= 42]
    june = _all(client, since="2024-06-01", until="2024-06-30")
    assert june and all("2024-06-01" <= e["date"] <= "2024-06-30" for e in june)
    wire = _all(client, source="Wire")
    assert len(wire) == 1 and wire[0]["location"] == "Kharkiv"
    russia = _all(client, actor="Russia")
    assert russia and all("russia" in e["actors"].lower() for e in russia)
    assert len(_all(client, q="Kisumu")) >= 1
    assert _all(client, q="no such words anywhere") == []


@pytest.mark.parametrize(("params", "named"), [
    ({"since": "2023-02-30"}, "since"),
    ({"since": "yesterday"}, "since"),
    ({"since": "2024-06-30", "until": "2024-06-01"}, "until"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "0,10,5,-10"}, "bbox"),
    ({"bbox": "0,0,500,10"}, "bbox"),
    ({"bbox": "nan,0,5,10"}, "bbox"),
    ({"limit": 0}, "limit"),
    ({"limit": 501}, "limit"),
    ({"offset": -1}, "offset"),
])
def test_a_bad_parameter_gets_a_400_naming_it(client: TestClient, params: dict[str, Any],
                                             named: str) -> None:
    answer = client.get("/api/events", params=params)
    assert answer.status_code == 400
    assert named in answer.json()["detail"]


def test_an_unknown_event_article_or_export_format_is_a_clear_4xx(client: TestClient) -> None:
    assert client.get("/api/events/nope").status_code == 404
    assert "nope" in client.get("/api/articles/nope").json()["detail"]
    answer = client.get("/api/export/xlsx")
    assert answer.status_code == 400 and "csv" in answer.json()["detail"]
    bad = client.get("/api/statements", params={"since": "2024-02-30"})
    assert bad.status_code == 400


def test_one_event_has_its_reports_statements_and_ledger(client: TestClient,
                                                          hostile_id: str) -> None:
    (hostile,) = _all(client, source="Wire")
    answer = client.get(f"/api/events/{hostile['id']}").json()
    assert answer["cluster"]["id"] == hostile["id"]
    assert [r["article"]["id"] for r in answer["reports"]] == [hostile_id]
    report = answer["reports"][0]["event"]
    assert report["location"]["name"] == "Kharkiv" and report["evidence"]
    assert isinstance(answer["contradictions"], list) and isinstance(answer["cited"], dict)
    for event in _all(client):
        one = client.get(f"/api/events/{event['id']}").json()
        # every event of the cluster is listed; `reports` counts their articles (an
        # article may tell one happening as two events: a protest and its arrests)
        assert len({r["article"]["id"] for r in one["reports"]}) == one["cluster"]["reports"] >= 1
        assert len(one["reports"]) == len(one["cluster"]["event_ids"])


def test_map_markers_group_by_zoom_and_account_for_every_located_event(
        client: TestClient) -> None:
    located = [e for e in _all(client) if e["lat"] is not None]
    world = client.get("/api/map", params={"zoom": 1}).json()
    close = client.get("/api/map", params={"zoom": 64}).json()
    for answer in (world, close):
        assert sum(m["n"] for m in answer["markers"]) == len(located)
        assert not answer["truncated"]
    assert len(close["markers"]) > len(world["markers"])
    ids = {e["id"] for e in located}
    singles = [m for m in close["markers"] if m["n"] == 1]
    assert singles and all(m["id"] in ids for m in singles)
    assert all(m["id"] is None for m in close["markers"] if m["n"] > 1)
    killed = sum(e["fatalities"] or 0 for e in located)
    assert sum(m["fatalities"] for m in world["markers"]) == killed


def test_timeline_counts_each_event_once(client: TestClient) -> None:
    everything = _all(client)
    answer = client.get("/api/timeline").json()
    assert sum(d["n"] for d in answer["days"]) + answer["undated"] == len(everything)
    june = client.get("/api/timeline", params={"since": "2024-06-01"}).json()
    assert all(d["day"] >= "2024-06-01" for d in june["days"])


def test_exports_hold_the_filtered_events(client: TestClient) -> None:
    kenya = _all(client, place="KEN")
    lines = client.get("/api/export/jsonl", params={"place": "KEN"}).text.splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(e["id"] for e in kenya)
    geo = client.get("/api/export/geojson", params={"place": "KEN"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert {f["id"] for f in features} == {e["id"] for e in kenya if e["lat"] is not None}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/csv").text)))
    records = [json.loads(line) for line in client.get("/api/export/jsonl").text.splitlines()]
    # ACLED codes no aggregate ("17 days of attacks") as one event
    coded = [r["merged"] for r in records if r["merged"]["acled"]
             and not r["merged"].get("aggregate")]
    assert rows and len(rows) == len(coded)
    assert {r["event_type"] for r in rows} == {e["acled"]["event_type"] for e in coded}
    (wire,) = [r for r in rows if "Wire" in r["source"]]
    assert wire["location"] == "Kharkiv"


def test_articles_and_statements_list_and_page(client: TestClient, hostile_id: str) -> None:
    articles = client.get("/api/articles").json()
    assert articles["total"] == 4
    found = client.get("/api/articles", params={"q": "forum post"}).json()["items"]
    assert [a["id"] for a in found] == [hostile_id]
    one = client.get(f"/api/articles/{hostile_id}").json()
    assert one["article"]["text"] == HOSTILE_TEXT
    assert set(one["clusters"]) == {e["id"] for e in one["article"]["events"]}
    denials = client.get("/api/statements", params={"stance": "deny"}).json()
    assert denials["total"] >= 1 and all(s["stance"] == "deny" for s in denials["items"])


def test_hostile_text_comes_back_as_json_strings_unchanged(client: TestClient,
                                                           hostile_id: str) -> None:
    answer = client.get(f"/api/articles/{hostile_id}")
    assert answer.headers["content-type"] == "application/json"
    article = answer.json()["article"]
    assert (article["title"], article["source"], article["url"]) == (
        HOSTILE_TITLE, HOSTILE["source"], HOSTILE["url"])


def test_every_answer_has_a_policy_that_forbids_inline_script(client: TestClient) -> None:
    for path in ("/api/events", "/api/events/nope", "/api/export/csv", "/api/events?limit=0"):
        policy = client.get(path).headers["content-security-policy"]
        script = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
        assert script.split() == ["script-src", "'self'"]
        assert "unsafe" not in policy
    assert client.get("/docs").status_code == 404  # its page would load script from a CDN


def test_ingest_is_refused_on_a_read_only_server(client: TestClient) -> None:
    answer = client.post("/api/articles", json={"text": HOSTILE_TEXT})
    assert answer.status_code == 403 and "--allow-ingest" in answer.json()["detail"]


def test_ingest_needs_the_token_and_adding_again_changes_nothing(page_db: str,
                                                                 tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(page_db, db)
    writer = TestClient(create_app(str(db), ingest_token="s3cret"))
    article = {"text": "Police detained 14 protesters in Nairobi on Tuesday during a march "
                       "against new taxes, the interior ministry said in a statement.",
               "published": "2024-06-26", "title": "Nairobi arrests", "source": "Test Wire"}
    assert writer.post("/api/articles", json=article).status_code == 401
    wrong = writer.post("/api/articles", json=article, headers={"Authorization": "Bearer no"})
    assert wrong.status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    before = writer.get("/api/articles").json()["total"]
    first = writer.post("/api/articles", json=article, headers=auth)
    assert first.status_code == 201 and first.json()["added"] == 1
    assert first.json()["clusters"]
    again = writer.post("/api/articles", json=article, headers=auth)
    assert again.status_code == 200 and again.json()["added"] == 0
    assert again.json()["ids"] == first.json()["ids"]
    assert writer.get("/api/articles").json()["total"] == before + 1
    events = writer.get("/api/events", params={"source": "Test Wire"}).json()
    assert events["total"] >= 1
    assert writer.post("/api/articles", json={"text": ""}, headers=auth).status_code == 400
    refused = writer.post("/api/articles", headers=auth, json={
        "text": "Die Polizei nahm am Dienstag in Nairobi vierzehn Demonstranten fest, "
                "teilte das Innenministerium in einer Erklärung mit. Die Proteste richteten "
                "sich gegen neue Steuern und dauerten bis in die Nacht, berichteten Zeugen "
                "aus der Stadt und aus den Vororten."})
    assert refused.status_code == 422 and "POST /api/articles" in refused.json()["detail"]
    assert writer.get("/api/articles").json()["total"] == before + 1
