"""`sitrep watch`: process articles as they arrive."""

from __future__ import annotations

import sys

import click

from sitrep.cli.options import db_option, model_option, workers_option
from sitrep.scale.progress import show_notices
from sitrep.scale.runner import Report
from sitrep.scale.watch import FolderWatch, watch_stream
from sitrep.settings import Settings


def _say(message: str) -> None:
    click.echo(message, err=True)


@click.command()
@click.argument("source")
@db_option
@click.option("--poll", type=click.FloatRange(min=0.05), default=2.0, show_default=True,
              metavar="SECONDS", help="How often to look in the folder.")
@click.option("--settle", type=click.FloatRange(min=0), default=1.0, show_default=True,
              metavar="SECONDS", help="A file changed more recently than this is left for "
                                      "the next look (it may still be being written).")
@click.option("--once", is_flag=True, help="Process what is there now, then stop.")
@click.option("--store-batch", type=click.IntRange(1), default=Settings().store_batch,
              show_default=True, help="Articles per store transaction; on standard input, "
                                      "lines per batch.")
@click.option("--flush", type=click.FloatRange(min=0.01), default=5.0, show_default=True,
              metavar="SECONDS", help="On standard input, store what came within this time "
                                      "without waiting for a full batch.")
@workers_option
@model_option
def watch(source: str, db: str, poll: float, settle: float, once: bool, store_batch: int,
          flush: float, workers: int, model: str) -> None:
    """Process articles as they arrive: files put in the folder SOURCE, or JSON
    Lines on standard input (SOURCE is -), into the store --db, clustered as they
    come. Each file read is recorded in the store: killed at any moment and
    started again, it reads what it had not finished, and adds nothing twice.

    \b
    Example:
      sitrep watch incoming/ --db news.duckdb
      tail -f feed.jsonl | sitrep watch - --flush 2
    """
    settings = Settings(model=model, workers=workers, store_batch=store_batch)
    show_notices()
    total: Report
    if source == "-":
        total = watch_stream(sys.stdin.buffer, db=db, settings=settings, flush=flush,
                             on_notice=_say,
                             on_batch=lambda r: _say(f"batch: {r.summary()}"))
    else:
        try:
            watcher = FolderWatch(source, db=db, settings=settings, settle=settle,
                                  on_notice=_say)
        except NotADirectoryError as exc:
            raise click.BadParameter(f"{exc}; give a folder, or - for standard input",
                                     param_hint="SOURCE") from exc
        if not once:
            _say(f"sitrep: watching {source} every {poll:g} s into {db} (Ctrl-C stops)")
        total = watcher.run(poll=poll, once=once,
                            on_poll=lambda n, r: _say(f"{n} files: {r.summary()}"))
    _say(total.summary())
    if not total.clean:
        raise click.exceptions.Exit(2)
