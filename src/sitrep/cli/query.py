"""`sitrep events` and `sitrep statements`: query the store."""

from __future__ import annotations

from typing import IO, Any

import click

from sitrep.cli.options import db_option, filter_options, output_option
from sitrep.cli.render import write_rows
from sitrep.store import Filters, Store

_FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                       default="table", show_default=True, help="Output format.")


def _flat_event(e: dict[str, Any]) -> dict[str, Any]:
    loc = e.get("location") or {}
    acled = e.get("acled") or {}
    return {**e, "place": loc.get("name"), "country": loc.get("country"),
            "acled": acled.get("sub_event_type"),
            "actors": [f"{a['role']}: {a['name']}" for a in e.get("actors", [])],
            "source": e["article"]["source"] or e["article"]["id"]}


@click.command()
@filter_options
@_FORMAT
@output_option
@db_option
def events(since: str | None, until: str | None, place: str | None, type_: str | None,
           limit: int | None, fmt: str, output: IO[str], db: str) -> None:
    """List stored events, newest first.

    \b
    Example:
      sitrep events --place Moscow --since 2023-05-01
      sitrep events --type "Air/drone strike" --format csv -o strikes.csv
    """
    with Store(db, read_only=True) as store:
        rows = store.events(Filters(since=since, until=until, place=place, type=type_,
                                    limit=limit))
    columns = ["date", "type", "acled", "place", "country", "actors", "source", "id"]
    write_rows([_flat_event(r) for r in rows] if fmt != "json" else rows, columns, fmt, output)


@click.command()
@filter_options
@click.option("--speaker", help="Speaker name (substring).")
@_FORMAT
@output_option
@db_option
def statements(since: str | None, until: str | None, place: str | None, type_: str | None,
               limit: int | None, speaker: str | None, fmt: str, output: IO[str],
               db: str) -> None:
    """List stored statements (who said what), newest first; --type is the stance.

    \b
    Example:
      sitrep statements --speaker Antonov
      sitrep statements --type deny --since 2023-05-30 --format json
    """
    with Store(db, read_only=True) as store:
        rows = store.statements(Filters(since=since, until=until, place=place, type=type_,
                                        speaker=speaker, limit=limit))
    flat = [{**r, "speaker": r["speaker"]["name"], "affiliation": r["speaker"]["affiliation"],
             "published": r["article"]["published"]} for r in rows]
    columns = ["published", "speaker", "affiliation", "stance", "target", "text", "id"]
    write_rows(flat if fmt != "json" else rows, columns, fmt, output)
