"""`sitrep bench`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sitrep.cli.options import model_option
from sitrep.scale.bench import DEFAULT_CORPUS, report, run_bench
from sitrep.settings import Settings


@click.command()
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path))
@click.option("--n", type=click.IntRange(1), default=500, show_default=True,
              help="Articles to measure on (the first N of FILE).")
@click.option("--json", "as_json", is_flag=True, help="Print the measurements as JSON.")
@model_option
def bench(file: Path | None, n: int, as_json: bool, model: str) -> None:
    """Measure the full pipeline against the bare spaCy model on the same articles.

    FILE defaults to ../shared/data/corpus/news.jsonl. Reports articles/s and
    words/s of both, their ratio, per-stage time shares and peak memory.

    \b
    Example:
      sitrep bench --n 200
      sitrep bench my-articles.jsonl --json
    """
    result = run_bench(file or DEFAULT_CORPUS, n=n, settings=Settings(model=model))
    click.echo(json.dumps(result.to_dict(), indent=1) if as_json else report(result))
