"""`sitrep train`: fit sitrep's learned parts to the dev data."""

from __future__ import annotations

import json
from pathlib import Path

import click

from sitrep.errors import ConfigError

DEFAULT_DATA = Path("../shared/data/events")
DEFAULT_CORPUS = Path("../shared/data/corpus/news.jsonl")


@click.group()
def train() -> None:
    """Fit sitrep's learned parts to labelled data.

    \b
    Example:
      sitrep train relevance
    """


@train.command()
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DATA,
              show_default=True, help="Folder of the event dev sets (CASE-2021, FA-KES, PLOVER).")
@click.option("--corpus", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_CORPUS, show_default=True,
              help="The corpus whose non-conflict build-quarter articles give the "
                   "events that are not real.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the weights [default: the file sitrep reads, "
                   "sitrep/events/relevance.npz].")
@click.option("--folds", type=click.IntRange(2), default=5, show_default=True,
              help="Folds of the cross-validation reported before the final fit.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def relevance(data: Path, corpus: Path, out: Path | None, folds: int, as_json: bool) -> None:
    """Train the relevance filter: real events of reports of happenings against the
    events found on non-conflict news. Reports k-fold scores (an article's events stay
    in one fold) and, for each source of real events, the share kept by a model
    trained without it; then fits on everything and writes the weights.
    """
    from sitrep.events.learn import cross_validate, dev_sources, examples, leave_one_source_out
    from sitrep.events.learn import train as fit
    from sitrep.events.relevance import MODEL_FILE
    from sitrep.nlp.model import load_model
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings

    sources = dev_sources(data, corpus)
    if not any(s.rule == "main" for s in sources) or not any(
            s.rule == "all_false" for s in sources):
        raise ConfigError(f"training needs the event dev sets in {data} and the corpus "
                          f"{corpus}; found {', '.join(s.name for s in sources) or 'neither'}")
    pipeline = Pipeline(Settings(relevance=0.0))
    vocab = load_model(pipeline.settings.model).vocab
    found = examples(sources, pipeline, vocab)
    scores = cross_validate(found, vocab, k=folds)
    scores.pop("probabilities")
    scores["sources"] = {s.name: len(s.articles) for s in sources}
    scores["left_out"] = leave_one_source_out(found, vocab)
    model = fit(found, vocab)
    target = out or MODEL_FILE
    model.save(target)
    scores["written"] = str(target)
    if as_json:
        click.echo(json.dumps(scores, indent=1))
        return
    click.echo(f"{scores['real']} real and {scores['not_real']} not-real events from "
               + ", ".join(f"{k} {v}" for k, v in scores["sources"].items()))
    click.echo(f"{folds}-fold cross-validation: threshold, real kept, not-real kept")
    for t, s in scores["thresholds"].items():
        click.echo(f"  {t}  {s['real_kept']:.3f}  {s['not_real_kept']:.3f}")
    click.echo("real events kept by a model trained without their source: source, "
               + ", ".join(f"at {t}" for t in next(iter(scores["left_out"].values()), {})))
    for name, kept in scores["left_out"].items():
        click.echo(f"  {name:18} " + "  ".join(f"{v:.3f}" for v in kept.values()))
    click.echo(f"wrote {target}")
