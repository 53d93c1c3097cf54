from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli

COMMANDS = ["extract", "demo", "events", "claims", "statements", "info", "bench", "eval"]
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
