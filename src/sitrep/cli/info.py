"""`sitrep info`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from sitrep._version import __version__
from sitrep.cli.options import db_option, model_option
from sitrep.nlp.model import model_info
from sitrep.store import Store


def gather(*, model: str, db: str) -> dict[str, Any]:
    """What `sitrep info` reports: version, model and store."""
    counts = None
    if Path(db).exists():
        with Store(db, read_only=True) as store:
            c = store.counts()
            counts = {k: c[k] for k in ("articles", "events", "statements", "places")}
    return {"version": __version__, "model": model_info(model),
            "store_path": str(Path(db).resolve()), "store": counts}


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@model_option
@db_option
def info(as_json: bool, model: str, db: str) -> None:
    """Show sitrep's version, the spaCy model it uses and what the store holds.

    \b
    Example:
      sitrep info --json
    """
    data = gather(model=model, db=db)
    if as_json:
        click.echo(json.dumps(data, indent=1))
        return
    m = data["model"]
    click.echo(f"sitrep {data['version']}")
    click.echo(f"model  {m['name']} {m['version']} (package {m['package']})\n       {m['path']}")
    store = data["store"]
    counts = ", ".join(f"{v} {k}" for k, v in store.items()) if store else "(no store yet)"
    click.echo(f"store  {data['store_path']}: {counts}")
