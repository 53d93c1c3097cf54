"""`sitrep`: the command group. Exit status: 0 all went in, 2 some input was
skipped, 1 sitrep itself could not go on (the message says why)."""

from __future__ import annotations

import sys

import click

from sitrep._version import __version__
from sitrep.cli.bench import bench
from sitrep.cli.demo import demo
from sitrep.cli.evaluate import evaluate
from sitrep.cli.extract import extract
from sitrep.cli.info import info
from sitrep.cli.query import claims, events, statements
from sitrep.cli.serve import serve
from sitrep.cli.train import train
from sitrep.cli.watch import watch
from sitrep.errors import SitrepError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def cli() -> None:
    """sitrep: news reports in, the analyst's event record out.

    \b
    Example:
      sitrep demo
      sitrep extract articles/ --format json -o records.json
    """


for command in (extract, watch, demo, events, claims, statements, serve, info, bench,
                evaluate, train):
    cli.add_command(command)


def main() -> None:
    """Console entry point: SitrepErrors become one clear line and exit status 1.

    With `standalone_mode=False` click returns a command's `Exit` code instead of
    exiting, so it is passed on here (2: some input was skipped).
    """
    try:
        code = cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except SitrepError as exc:
        click.echo(f"sitrep: {exc}", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
