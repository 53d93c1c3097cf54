"""`sitrep extract`."""

from __future__ import annotations

from typing import IO

import click

from sitrep.cli.options import db_option, format_option, model_option, output_option, workers_option
from sitrep.export import open_writer
from sitrep.ingest import count_articles
from sitrep.ingest.formats import valid_date
from sitrep.scale.progress import Progress
from sitrep.scale.runner import extract_paths
from sitrep.settings import Settings


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD",
              help="Publication day for inputs that do not carry one.")
@format_option()
@output_option
@db_option
@click.option("--no-db", is_flag=True, help="Keep nothing: do not write the store.")
@click.option("--refresh", is_flag=True,
              help="Extract again articles already in the store, replacing their records.")
@workers_option
@model_option
@click.option("--max-chars", type=int, default=1_000_000, show_default=True,
              help="Longer texts are split at paragraph breaks.")
def extract(paths: tuple[str, ...], published: str | None, fmt: str, output: IO[str], db: str,
            no_db: bool, refresh: bool, workers: int, model: str, max_chars: int) -> None:
    """Read articles and write their records (CONTRACT.md), storing them in --db.

    PATHS are files (.txt, .jsonl, .json, .html), folders (read recursively)
    or - for standard input. Problems with an input are reported on stderr,
    one line naming the file (and line), and the rest goes on. Exit status:
    0 when every input went in, 2 when some were skipped.

    \b
    Example:
      sitrep extract article.txt --format json
      sitrep extract news.jsonl --workers 2 --format acled-csv -o events.csv
    """
    if published is not None and valid_date(published) is None:
        raise click.BadParameter(f"{published!r} is not a YYYY-MM-DD day", param_hint="--published")
    settings = Settings(model=model, workers=workers, max_chars=max_chars)
    writer = open_writer(fmt, output)
    with Progress(total=count_articles(paths)) as progress:
        report = extract_paths(paths, settings=settings, writer=writer, published=published,
                               db=None if no_db else db, refresh=refresh, progress=progress)
    writer.close()
    click.echo(report.summary(), err=True)
    if not report.clean:
        raise click.exceptions.Exit(2)
