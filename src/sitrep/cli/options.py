"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from sitrep.export import FORMATS
from sitrep.nlp.model import KNOWN_MODELS
from sitrep.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "sitrep.duckdb"


def db_option(f: F) -> F:
    return click.option("--db", default=DEFAULT_DB, show_default=True, metavar="FILE",
                        help="The DuckDB store file.")(f)


def output_option(f: F) -> F:
    return click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
                        help="Write here instead of standard output.")(f)


def format_option(choices: tuple[str, ...] = FORMATS, default: str = "jsonl") -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=True, help="Output format.")(f)
    return deco


def model_option(f: F) -> F:
    return click.option("--model", default=Settings().model, show_default=True,
                        help=f"spaCy pipeline: {', '.join(KNOWN_MODELS)} or a model folder.")(f)


def workers_option(f: F) -> F:
    return click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Processes that parse in parallel (each loads the model).")(f)


def filter_options(f: F) -> F:
    for opt in reversed([
        click.option("--since", metavar="YYYY-MM-DD", help="Only on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Only on or before this day."),
        click.option("--place", help="Place name, country (ISO3) or admin1 (substring)."),
        click.option("--type", "type_", help="Event type / ACLED type, or statement stance."),
        click.option("--limit", type=int, default=None, help="At most this many rows."),
    ]):
        f = opt(f)
    return f
