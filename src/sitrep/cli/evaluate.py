"""`sitrep eval`: score a stage on public evaluation data."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sitrep.cli.options import model_option


@click.group(name="eval")
def evaluate() -> None:
    """Score sitrep's stages on evaluation data sets.

    \b
    Example:
      sitrep eval time ../shared/data/time
    """


@evaluate.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", type=int, default=0, help="Also list the N commonest errors.")
@model_option
def time(folder: Path, as_json: bool, errors: int, model: str) -> None:
    """Temporal expressions against TimeML (.tml) gold, TempEval-3 style.

    Reports, per folder of .tml files and overall: strict and relaxed span
    P/R/F1, type accuracy and value P/R/F1.

    \b
    Example:
      sitrep eval time ../shared/data/time --errors 20
    """
    from sitrep.temporal.evaluate import error_profile, evaluate_folder

    scores = evaluate_folder(folder, model=model)
    if as_json:
        click.echo(json.dumps(scores, indent=1))
    else:
        click.echo(f"{'set':10} {'gold':>5} {'sys':>5} {'strict F1':>9} {'relaxed F1':>10} "
                   f"{'type acc':>8} {'value F1':>8}")
        for name, s in scores.items():
            click.echo(f"{name:10} {s['gold']:>5} {s['system']:>5} "
                       f"{s['strict_f1']:>9.3f} {s['relaxed_f1']:>10.3f} "
                       f"{s['type_accuracy']:>8.3f} {s['value_f1']:>8.3f}")
    if errors:
        click.echo("\n".join(error_profile(folder, model=model, limit=errors)))
