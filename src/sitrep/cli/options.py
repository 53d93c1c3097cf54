"""Options shared by several commands, defined once."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import click

from sitrep.export import FOLDER_FORMATS, FORMATS
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
    folders = [c for c in choices if c in FOLDER_FORMATS]
    help_text = "Output format." + (f" {', '.join(folders)}: one file per record kind, in the "
                                    "folder -o names." if folders else "")

    def deco(f: F) -> F:
        return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                            show_default=True, help=help_text)(f)
    return deco


def output_folder(fmt: str, output: IO[str]) -> Path | None:
    """The folder -o names, for a format written as several files (FOLDER_FORMATS);
    None for the others. Such a format cannot go to standard output: without -o, or
    with "-", this is a usage error saying so."""
    if fmt not in FOLDER_FORMATS:
        return None
    # -o FILE is opened lazily, on the first write, so naming a folder creates no file;
    # standard output is a stream named "<stdout>"
    name = getattr(output, "name", None)
    if not isinstance(name, str) or name in ("-", "<stdout>"):
        raise click.UsageError(f"--format {fmt} writes one file per record kind, so it needs "
                               "a folder: add -o FOLDER (it is created if need be).")
    folder = Path(name)
    if folder.exists() and not folder.is_dir():
        raise click.UsageError(f"--format {fmt} writes into a folder, but {name} is a file: "
                               "give -o the name of a folder.")
    return folder


def model_option(f: F) -> F:
    return click.option("--model", default=Settings().model, show_default=True,
                        help=f"spaCy pipeline: {', '.join(KNOWN_MODELS)} or a model folder.")(f)


def workers_option(f: F) -> F:
    return click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Processes that parse in parallel (each loads the model).")(f)


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A real calendar day written YYYY-MM-DD, else a usage error."""
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a day of the calendar written YYYY-MM-DD "
                             "(e.g. 2023-05-31)", ctx, param)


def filter_options(f: F) -> F:
    """--since, --until, --place, --type and --limit, checked (--until not before --since)."""

    @functools.wraps(f)
    def checked(*args: Any, **kwargs: Any) -> Any:
        since, until = kwargs.get("since"), kwargs.get("until")
        if since and until and until < since:
            raise click.BadParameter(f"{until} is before --since {since}",
                                     param_hint="'--until'")
        return f(*args, **kwargs)

    for opt in reversed([
        click.option("--since", metavar="YYYY-MM-DD", callback=_day,
                     help="Only on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", callback=_day,
                     help="Only on or before this day."),
        click.option("--place", help="A substring of the place name or admin1, any case, "
                                     "or a country (ISO3: RUS)."),
        click.option("--type", "type_",
                     help="Events: a substring of the sitrep type, ACLED event type or ACLED "
                          "sub-event type, any case ('strike', 'Battles', 'air/drone'). "
                          "Statements: of the stance ('deny')."),
        click.option("--limit", type=click.IntRange(min=1), default=None,
                     help="At most this many rows (1 or more)."),
    ]):
        checked = opt(checked)
    return cast(F, checked)
