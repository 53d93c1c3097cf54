"""`--format parquet`: one Parquet file per record kind, read back with DuckDB."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli
from sitrep.errors import ConfigError
from sitrep.export import open_writer
from sitrep.records import (
    Article,
    Cluster,
    Contradiction,
    ContradictionSide,
    Event,
    Place,
    Speaker,
    Statement,
    Time,
    to_dict,
)

MakeEvent = Callable[..., Event]
MakeArticle = Callable[..., Article]
KINDS = ["articles", "times", "places", "statements", "events"]


def _query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect() as con:
        return con.execute(sql.replace("FILE", f"'{path}'")).fetchall()


def _articles(make_event: MakeEvent, make_article: MakeArticle) -> list[Article]:
    first = make_article("a1", [make_event(), make_event(id="e2", location=None)],
                         url="https://example.org/1")
    first.times = [Time(0, 6, "Monday", "DATE", "2024-03-11")]
    first.places = [Place(30, 35, "Izium", "Izium", lat=49.2128, lon=37.2566, country="UKR",
                          feature="city")]
    first.statements = [Statement("s1", 0, 10, "It was hit", False, Speaker("governor"),
                                  stance="accuse", event_ids=["e1"])]
    return [first, make_article("a2")]


def test_parquet_writes_one_file_per_record_kind(tmp_path: Path, make_event: MakeEvent,
                                                 make_article: MakeArticle) -> None:
    folder = tmp_path / "out" / "records"  # created, parents too
    writer = open_writer("parquet", io.StringIO(), folder=folder)
    for article in _articles(make_event, make_article):
        writer.write(article)
    writer.close()
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{k}.parquet" for k in KINDS)
    counts = {k: _query(folder / f"{k}.parquet", "SELECT count(*) FROM FILE")[0][0]
              for k in KINDS}
    assert counts == {"articles": 2, "times": 1, "places": 1, "statements": 1, "events": 3}
    assert _query(folder / "articles.parquet", "SELECT id, url FROM FILE ORDER BY id") == [
        ("a1", "https://example.org/1"), ("a2", None)]
    events = _query(folder / "events.parquet", "SELECT article_id, id, location.name, "
                    "location.lat, fatalities.min, acled.sub_event_type, evidence[1].text "
                    "FROM FILE ORDER BY article_id, id")
    assert events[0] == ("a1", "e1", "Izium", 49.2128, 2, "Shelling/artillery/missile attack",
                         "Artillery shells hit a market in Izium on Monday.")
    assert events[1][:3] == ("a1", "e2", None)
    assert _query(folder / "statements.parquet",
                  "SELECT speaker.name, event_ids FROM FILE") == [("governor", ["e1"])]


def test_parquet_schema_is_the_records_even_with_no_rows(tmp_path: Path) -> None:
    writer = open_writer("parquet", io.StringIO(), folder=tmp_path)
    writer.close()
    described = dict((row[0], row[1]) for row in _query(
        tmp_path / "events.parquet", "DESCRIBE SELECT * FROM FILE"))
    assert described["article_id"] == "VARCHAR" and described["confidence"] == "DOUBLE"
    assert described["weapons"] == "VARCHAR[]"
    assert described["fatalities"].startswith("STRUCT(")
    assert _query(tmp_path / "events.parquet", "SELECT count(*) FROM FILE") == [(0,)]


def test_parquet_adds_clusters_and_contradictions(tmp_path: Path, make_event: MakeEvent,
                                                  make_article: MakeArticle) -> None:
    writer = open_writer("parquet", io.StringIO(), folder=tmp_path)
    writer.write(make_article())
    cluster = Cluster("c1", ["a1:e1", "a2:e1"], sources=2, merged=make_event(), publishers=2)
    dispute = Contradiction("c1", "fatalities", [ContradictionSide("governor", "2", ["s1"]),
                                                 ContradictionSide("army", "0", [])])
    writer.add_clusters([to_dict(cluster)], [to_dict(dispute)])  # type: ignore[attr-defined]
    writer.close()
    assert _query(tmp_path / "clusters.parquet",
                  "SELECT id, event_ids, merged.location.name FROM FILE") == [
        ("c1", ["a1:e1", "a2:e1"], "Izium")]
    assert _query(tmp_path / "contradictions.parquet",
                  "SELECT cluster_id, field, len(sides), sides[1].by FROM FILE") == [
        ("c1", "fatalities", 2, "governor")]


def test_parquet_needs_a_folder() -> None:
    with pytest.raises(ConfigError, match="folder"):
        open_writer("parquet", io.StringIO())


STORY = ("date 2024-03-12 Market shelled\n\nArtillery shells hit a market in Izium on Monday, "
         "killing two people, the regional governor said.")


def test_cli_parquet_refuses_standard_output_and_writes_a_folder(tmp_path: Path) -> None:
    db = str(tmp_path / "store.duckdb")
    for args in ([], ["-o", "-"]):
        result = CliRunner().invoke(cli, ["extract", "-", "--db", db, "--format", "parquet",
                                          *args], input=STORY)
        assert result.exit_code == 2 and "-o FOLDER" in result.output, result.output
    (tmp_path / "file").write_text("")
    result = CliRunner().invoke(cli, ["extract", "-", "--db", db, "--format", "parquet",
                                      "-o", str(tmp_path / "file")], input=STORY)
    assert result.exit_code == 2 and "is a file" in result.output
    folder = tmp_path / "records"
    result = CliRunner().invoke(cli, ["extract", "-", "--db", db, "--format", "parquet",
                                      "-o", str(folder)], input=STORY)
    assert result.exit_code == 0, result.output
    assert {p.name for p in folder.iterdir()} == {f"{k}.parquet" for k in
                                                  [*KINDS, "clusters", "contradictions"]}
    assert _query(folder / "articles.parquet", "SELECT title FROM FILE") == [("Market shelled",)]
    assert _query(folder / "events.parquet", "SELECT count(*) FROM FILE")[0][0] >= 1
    assert _query(folder / "clusters.parquet", "SELECT count(*) FROM FILE")[0][0] >= 1
