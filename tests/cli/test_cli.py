from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli

COMMANDS = ["extract", "watch", "demo", "events", "claims", "statements", "serve", "info", "bench",
            "eval"]
STORY = "Shelling hit the port of Kherson on Monday, killing two people, officials said."


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and f"sitrep {command}" in result.output


def test_cli_group_help_lists_commands() -> None:
    out = run("--help").output
    assert all(c in out for c in COMMANDS)


def test_cli_extract_reference_article(mission_path: Path, db: str) -> None:
    result = run("extract", str(mission_path), "--format", "json", "--db", db)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert set(doc) == {"articles", "clusters", "contradictions"}
    (article,) = doc["articles"]
    assert article["published"] == "2023-05-31"
    assert article["title"].startswith("Russia blames US")
    assert article["byline"] == "Kit Heren"
    for trap in ("Picture:", "pic.twitter.com", "By Kit Heren", "@Liveuamap"):
        assert trap not in article["text"]
    for key in ("times", "places", "statements", "events"):
        assert isinstance(article[key], list)


def test_cli_extract_is_idempotent_and_exit_codes(tmp_path: Path, db: str) -> None:
    (tmp_path / "good.txt").write_text(f"date 2024-01-02 Headline\n\n{STORY}")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text('{"text": 5}\n' + json.dumps({"text": STORY + " B."}))
    first = run("extract", str(tmp_path), "--db", db, "-o", str(tmp_path / "out.jsonl"))
    assert first.exit_code == 2
    assert "empty.txt" in first.stderr and "bad.jsonl:1" in first.stderr
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert len(lines) == 2
    again = run("extract", str(tmp_path), "--db", db, "-o", str(tmp_path / "out2.jsonl"))
    assert "0 new, 2 already stored" in again.stderr
    assert sorted(lines) == sorted((tmp_path / "out2.jsonl").read_text().splitlines())
    info = json.loads(run("info", "--json", "--db", db).stdout)
    assert info["store"]["articles"] == 2


def test_cli_extract_all_good_exits_zero_from_stdin(db: str) -> None:
    result = run("extract", "-", "--db", db, "--published", "2024-02-03", input=STORY)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["published"] == "2024-02-03"


def test_cli_extract_rejects_bad_published(db: str) -> None:
    result = run("extract", "-", "--db", db, "--published", "03/02/2024", input=STORY)
    assert result.exit_code != 0 and "--published" in result.output


def test_cli_info_json(db: str) -> None:
    info = json.loads(run("info", "--json", "--db", db).stdout)
    assert info["version"] and info["store"] is None
    model = info["model"]
    assert set(model) == {"name", "version", "package", "path"}
    assert (Path(model["path"]) / "meta.json").exists()


def test_cli_demo_then_query(db: str) -> None:
    result = run("demo", "--db", db)
    assert result.exit_code == 0
    assert "Kharkiv" in result.output and "Marta Kowal" in result.output
    for command in ("events", "statements"):
        for fmt in ("table", "csv", "json"):
            out = run(command, "--db", db, "--format", fmt)
            assert out.exit_code == 0, out.output


def test_cli_query_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from sitrep.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        run("events", "--db", str(tmp_path / "none.duckdb"))


def test_cli_serve_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from sitrep.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        run("serve", "--db", str(tmp_path / "none.duckdb"))


def test_cli_serve_starts_read_only_on_localhost_and_ingest_needs_a_token(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append({"app": app, **kw}))
    monkeypatch.delenv("SITREP_TOKEN", raising=False)
    assert run("extract", "-", "--db", db, input=STORY).exit_code == 0
    result = run("serve", "--db", db)
    assert result.exit_code == 0 and f"serving {db} at http://127.0.0.1:8000/" in result.output
    assert served[-1]["host"] == "127.0.0.1" and served[-1]["port"] == 8000
    assert served[-1]["app"].state.server.token is None  # type: ignore[attr-defined]
    served[-1]["app"].state.server.store.close()  # type: ignore[attr-defined]
    result = run("serve", "--db", db, "--allow-ingest", "--host", "0.0.0.0", "--port", "8123")
    token = served[-1]["app"].state.server.token  # type: ignore[attr-defined]
    assert token and f"token (Authorization: Bearer ...): {token}" in result.output
    assert "other machines can read this store" in result.output
    served[-1]["app"].state.server.store.close()  # type: ignore[attr-defined]
    monkeypatch.setenv("SITREP_TOKEN", "from-env")
    run("serve", "--db", db, "--allow-ingest")
    assert served[-1]["app"].state.server.token == "from-env"  # type: ignore[attr-defined]
    served[-1]["app"].state.server.store.close()  # type: ignore[attr-defined]


def test_cli_acled_csv_header(db: str) -> None:
    result = run("extract", "-", "--db", db, "--format", "acled-csv", input=STORY)
    header = result.stdout.splitlines()[0].split(",")
    for column in ("event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                   "actor2", "country", "admin1", "location", "latitude", "longitude",
                   "geo_precision", "time_precision", "source", "notes", "fatalities"):
        assert column in header


REPORTS = [
    "date 2024-05-14 Market shelled\n\nShelling killed two people at a market in Kherson on "
    "Tuesday, the governor said.",
    "date 2024-05-15 Toll rises\n\nThe death toll from Tuesday's shelling of a market in "
    "Kherson rose to four, officials said.",
]


def test_cli_events_lists_clusters_and_claims_shows_one(tmp_path: Path, db: str) -> None:
    paths = []
    for n, text in enumerate(REPORTS):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    out = run("extract", *paths, "--db", db, "--format", "json")
    doc = json.loads(out.stdout)
    assert [c["sources"] for c in doc["clusters"]] == [2]
    rows = json.loads(run("events", "--db", db, "--format", "json").stdout)
    assert [r["sources"] for r in rows] == [2]
    assert len(json.loads(run("events", "--reports", "--db", db, "--format", "json").stdout)) == 2
    ledger = run("claims", rows[0]["id"][:8], "--db", db)
    assert ledger.exit_code == 0 and "fatalities" in ledger.stdout and "update" in ledger.stdout
    again = run("extract", *paths, "--db", db, "--format", "json")
    assert json.loads(again.stdout)["clusters"] == doc["clusters"]  # idempotent


def test_cli_claims_unknown_event_is_a_clear_error(db: str) -> None:
    run("extract", "-", "--db", db, input=STORY)
    result = CliRunner().invoke(cli, ["claims", "nope", "--db", db])
    assert result.exit_code == 2 and "no stored event" in result.output


def _stored(db: str) -> None:
    """Two reports of two kinds of event, clustered, and statements out of order."""
    from sitrep.records import AcledCode, Article, Event, Location, Span, Speaker, Statement
    from sitrep.store import Store
    from sitrep.store.clusters import link

    kinds = {"air_strike": AcledCode("Explosions/Remote violence", "Air/drone strike"),
             "armed_clash": AcledCode("Battles", "Armed clash")}
    articles = [Article(
        id=f"art{n}", published="2024-05-14", title=f"Report {n}", text="text",
        statements=[Statement(id=f"s{i}", start=0, end=4, text="text", direct=True,
                              speaker=Speaker(name="Oleh Syniehubov"), stance="accuse")
                    for i in (10, 2, 1)],
        events=[Event(id="e1", type=kind, acled=acled, date="2024-05-14",
                      location=Location(name=place, country="UKR", lat=lat, lon=30.0),
                      evidence=[Span(0, 4, "text")])])
        for n, (kind, acled), (place, lat) in zip(
            (1, 2), kinds.items(), [("Kherson", 46.6), ("Kharkiv", 50.0)], strict=True)]
    with Store(db) as store:
        store.add(articles)
        link(store, articles)


@pytest.mark.parametrize("wanted", ["air/drone", "BATTLES", "strike", "clash", "air_strike",
                                    "explosions", "a", "riots", "drone%"])
def test_cli_events_type_matches_alike_per_report_and_per_event(db: str, wanted: str) -> None:
    _stored(db)
    reports = json.loads(run("events", "--reports", "--type", wanted, "--db", db,
                             "--format", "json").stdout)
    events = json.loads(run("events", "--type", wanted, "--db", db, "--format", "json").stdout)
    assert sorted(r["type"] for r in reports) == sorted(e["merged"]["type"] for e in events)
    assert bool(reports) == (wanted not in ("riots", "drone%"))


def test_cli_statements_show_their_article_in_natural_order(db: str) -> None:
    _stored(db)
    lines = run("statements", "--db", db).stdout.splitlines()
    assert lines[0].split()[:3] == ["published", "article", "speaker"]
    assert [(line.split()[1], line.split()[-1]) for line in lines[2:]] == [
        (a, s) for a in ("art1", "art2") for s in ("s1", "s2", "s10")]
    rows = list(csv.DictReader(io.StringIO(run("statements", "--db", db, "--format", "csv",
                                               "--limit", "2").stdout)))
    assert [(r["article"], r["id"]) for r in rows] == [("art1", "s1"), ("art1", "s2")]


BAD_QUERIES = [
    (["events", "--since", "2023-13-45"], "'--since': '2023-13-45' is not a day"),
    (["events", "--reports", "--until", "2023-02-30"], "'--until': '2023-02-30' is not a day"),
    (["statements", "--since", "31/05/2023"], "'--since': '31/05/2023' is not a day"),
    (["events", "--since", "2023-05-02", "--until", "2023-05-01"],
     "'--until': 2023-05-01 is before --since 2023-05-02"),
    (["statements", "--until", "2023-05-01", "--since", "2023-05-02"], "is before --since"),
    (["events", "--limit", "0"], "'--limit': 0 is not in the range x>=1"),
    (["statements", "--limit", "-5"], "'--limit': -5 is not in the range x>=1"),
    (["events", "--limit", "many"], "'many' is not a valid integer"),
]


@pytest.mark.parametrize(("args", "message"), BAD_QUERIES)
def test_cli_query_bad_options_are_clear_errors(db: str, args: list[str], message: str) -> None:
    _stored(db)
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("args", "message"), [BAD_QUERIES[0], BAD_QUERIES[3], BAD_QUERIES[6]])
def test_cli_installed_command_gives_clean_errors(db: str, args: list[str],
                                                  message: str) -> None:
    sitrep = Path(sys.executable).with_name("sitrep")
    if not sitrep.exists():
        pytest.skip(f"no installed entry point at {sitrep}; `pip install -e .` makes one")
    _stored(db)
    done = subprocess.run([str(sitrep), *args, "--db", db], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
    ok = subprocess.run([str(sitrep), "statements", "--since", "2024-05-14", "--db", db],
                        capture_output=True, text=True, timeout=120, check=False)
    assert ok.returncode == 0 and ok.stdout.count("Oleh Syniehubov") == 6, ok.stderr


@pytest.mark.parametrize(("flag", "shown"), [(None, True), ("--no-progress", False)])
def test_cli_extract_progress_when_not_a_terminal(db: str, flag: str | None,
                                                  shown: bool) -> None:
    result = run("extract", "-", "--db", db, *([flag] if flag else []), input=STORY)
    assert result.exit_code == 0
    last = [line for line in result.stderr.splitlines() if " articles in " in line]
    assert bool(last) == shown  # the last line: count, time taken, rate


def test_cli_events_csv_disarms_formulas(tmp_path: Path, db: str) -> None:
    record = {"text": STORY, "published": "2024-01-02", "source": "=cmd|' /C calc'!A0"}
    (tmp_path / "f.jsonl").write_text(json.dumps(record))
    assert run("extract", str(tmp_path / "f.jsonl"), "--db", db, "-o", os.devnull).exit_code == 0
    out = run("events", "--reports", "--format", "csv", "--db", db).stdout
    cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "'=cmd|' /C calc'!A0" in cells


@pytest.mark.parametrize(("files", "code"), [
    ({"empty.txt": ""}, 2),  # nothing went in
    ({"empty.txt": "", "good.txt": STORY}, 2),  # some input skipped
    ({"good.txt": STORY}, 0),
])
def test_cli_installed_command_exit_status(tmp_path: Path, files: dict[str, str],
                                           code: int) -> None:
    """The console entry point passes on extract's status (click's standalone_mode=False
    returns it instead of exiting: CliRunner never sees that)."""
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    done = subprocess.run([sys.executable, "-m", "sitrep", "extract", *sorted(files), "--no-db",
                           "-o", os.devnull], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == code, done.stderr
    assert ("empty.txt" in done.stderr) == ("empty.txt" in files)
