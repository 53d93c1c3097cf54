"""`sitrep events` and `sitrep statements`: query the store."""

from __future__ import annotations

from typing import IO, Any

import click

from sitrep.cli.options import db_option, filter_options, output_option
from sitrep.cli.render import write_rows
from sitrep.store import Filters, Store
from sitrep.store.clusters import cluster_rows, ledger, statement_texts

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
@click.option("--reports", is_flag=True,
              help="One row per article's report of an event, not per real-world event.")
@_FORMAT
@output_option
@db_option
def events(since: str | None, until: str | None, place: str | None, type_: str | None,
           limit: int | None, reports: bool, fmt: str, output: IO[str], db: str) -> None:
    """List stored events, newest first: one row per real-world event (a cluster of
    reports, with how many sources and contradictions), or with --reports one row
    per article's report.

    \b
    Example:
      sitrep events --place Moscow --since 2023-05-01
      sitrep events --reports --type "Air/drone strike" --format csv -o strikes.csv
    """
    wanted = Filters(since=since, until=until, place=place, type=type_, limit=limit)
    with Store(db, read_only=True) as store:
        if not reports:
            rows = cluster_rows(store, wanted)
            columns = ["date", "type", "acled", "place", "country", "sources", "publishers",
                       "contradictions", "id"]
            write_rows([_flat_cluster(r) for r in rows] if fmt != "json" else rows, columns,
                       fmt, output)
            return
        rows = store.events(wanted)
    columns = ["date", "type", "acled", "place", "country", "actors", "source", "id"]
    write_rows([_flat_event(r) for r in rows] if fmt != "json" else rows, columns, fmt, output)


def _flat_cluster(c: dict[str, Any]) -> dict[str, Any]:
    merged = c.get("merged") or {}
    loc = merged.get("location") or {}
    return {**c, "date": merged.get("date"), "type": merged.get("type"),
            "acled": (merged.get("acled") or {}).get("sub_event_type"),
            "place": loc.get("name"), "country": loc.get("country")}


@click.command()
@click.argument("event")
@_FORMAT
@output_option
@db_option
def claims(event: str, fmt: str, output: IO[str], db: str) -> None:
    """Show one event's claims ledger: its reports, and where parties disagree.

    EVENT is a cluster id (or its first characters, as `sitrep events` shows it)
    or one report's "article id:event id". Each row is one side of a
    contradiction (who says it, what, with which statements), or a figure that
    later reports revised.

    \b
    Example:
      sitrep claims c26935f6
      sitrep claims c26935f6 --format json
    """
    with Store(db, read_only=True) as store:
        record, disputes = ledger(store, event)
        if record is None:
            raise click.BadParameter(f"no stored event {event!r}; `sitrep events` lists them",
                                     param_hint="EVENT")
        words = statement_texts(store, [i for d in disputes for side in d["sides"]
                                        for i in side["statement_ids"]])
    if fmt == "json":
        write_rows([{"cluster": record, "contradictions": disputes}], [], fmt, output)
        return
    rows = [{"field": d["field"], "by": side["by"], "says": side["value"],
             "in their words": " | ".join(words[i] for i in side["statement_ids"][:2]
                                          if i in words),
             "statements": " ".join(side["statement_ids"])}
            for d in disputes for side in d["sides"]]
    rows += [{"field": u["field"], "by": u["by"], "says": f"{u['value']} (update, "
              f"{u['published'] or 'undated'})", "in their words": "", "statements": ""}
             for u in record.get("updates", [])]
    merged = record.get("merged") or {}
    loc = (merged.get("location") or {}).get("name")
    click.echo(f"{record['id']}: {merged.get('type')} on {merged.get('date')} at {loc}, "
               f"{record['sources']} sources ({record['publishers']} publishers)", err=True)
    write_rows(rows, ["field", "by", "says", "in their words", "statements"], fmt, output)


@click.command()
@filter_options
@click.option("--speaker", help="A substring of the speaker's name, any case.")
@_FORMAT
@output_option
@db_option
def statements(since: str | None, until: str | None, place: str | None, type_: str | None,
               limit: int | None, speaker: str | None, fmt: str, output: IO[str],
               db: str) -> None:
    """List stored statements (who said what), newest first, each article's in order
    (s2 before s10); --type is the stance.

    \b
    Example:
      sitrep statements --speaker Antonov
      sitrep statements --type deny --since 2023-05-30 --format json
    """
    with Store(db, read_only=True) as store:
        rows = store.statements(Filters(since=since, until=until, place=place, type=type_,
                                        speaker=speaker, limit=limit))
    flat = [{**r, "speaker": r["speaker"]["name"], "affiliation": r["speaker"]["affiliation"],
             "published": r["article"]["published"], "article": r["article"]["id"]}
            for r in rows]
    columns = ["published", "article", "speaker", "affiliation", "stance", "target", "text", "id"]
    write_rows(flat if fmt != "json" else rows, columns, fmt, output)
