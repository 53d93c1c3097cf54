"""`sitrep extract`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from sitrep.cli.options import (
    db_option,
    format_option,
    model_option,
    output_folder,
    output_option,
    workers_option,
)
from sitrep.export import open_writer
from sitrep.ingest import count_articles
from sitrep.ingest.formats import valid_date
from sitrep.scale.progress import Progress, show_notices
from sitrep.scale.runner import Engine, EngineMaker, extract_paths, local_engine
from sitrep.settings import Settings


def ray_engine(address: str | None, parts: str | None) -> EngineMaker:
    def make(settings: Settings, on_error: Callable[[str], None]) -> Engine:
        from sitrep.scale.ray_engine import RayPipeline

        return RayPipeline(settings, on_error=on_error, address=address,
                           parts=Path(parts) if parts else None)
    return make


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
@click.option("--max-chars", type=click.IntRange(1000), default=Settings().max_chars,
              show_default=True,
              help="Longer texts are split into articles of at most this many characters, "
                   "at paragraph breaks (else sentence ends).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True),
              default=Settings().time_limit, show_default=True, metavar="SECONDS",
              help="Time one article may take; past it, it is reported and skipped.")
@click.option("--store-batch", type=click.IntRange(1), default=Settings().store_batch,
              show_default=True, help="Articles per store transaction (a crash loses at most "
                                      "this many; re-running redoes them).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="Where the stages run: this machine's processes, or "
                                      "Ray (pip install 'sitrep[ray]').")
@click.option("--address", metavar="auto|HOST:PORT",
              help="With --engine ray: the Ray cluster to join (default: start a local Ray "
                   "with --workers CPUs).")
@click.option("--parts", type=click.Path(file_okay=False), metavar="FOLDER",
              help="With --engine ray: keep the Parquet partitions of the records there.")
@click.option("--progress/--no-progress", default=None,
              help="Progress on stderr. Default: a bar on a terminal, else a line every 500 "
                   "articles or 30 s; --progress: the bar anyway; --no-progress: none.")
def extract(paths: tuple[str, ...], published: str | None, fmt: str, output: IO[str], db: str,
            no_db: bool, refresh: bool, workers: int, model: str, max_chars: int,
            time_limit: float, store_batch: int, engine: str, address: str | None,
            parts: str | None, progress: bool | None) -> None:
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
    settings = Settings(model=model, workers=workers, max_chars=max_chars, time_limit=time_limit,
                        store_batch=store_batch)
    if engine == "local" and (address or parts):
        raise click.BadParameter("--address and --parts go with --engine ray",
                                 param_hint="--engine")
    make = local_engine if engine == "local" else ray_engine(address, parts)
    writer = open_writer(fmt, output, folder=output_folder(fmt, output))
    show_notices()
    with Progress(total=count_articles(paths), enabled=progress) as shown:
        report = extract_paths(paths, settings=settings, writer=writer, published=published,
                               db=None if no_db else db, refresh=refresh, progress=shown,
                               on_notice=shown.note, engine=make)
    writer.close()
    click.echo(report.summary(), err=True)
    if not report.clean:
        raise click.exceptions.Exit(2)
