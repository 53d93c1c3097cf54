"""`sitrep eval`: score a stage on public evaluation data."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from sitrep.cli.options import model_option
from sitrep.errors import ConfigError

if TYPE_CHECKING:
    from sitrep.eval.geo import Geoparser
    from sitrep.eval.quotes import Extractor
    from sitrep.records import Statement


@click.group(name="eval")
def evaluate() -> None:
    """Score sitrep's stages on evaluation data sets.

    \b
    Example:
      sitrep eval time ../shared/data/time
      sitrep eval geo ../shared/data/geo/lgl.xml
      sitrep eval quotes ../shared/data/quotes/polnear/dev
      sitrep eval events ../shared/data/events
      sitrep eval crossdoc tests/crossdoc/data
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
    from sitrep.eval.time import error_profile, evaluate_folder

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


@evaluate.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the first N documents.")
@click.option("--errors", type=int, default=0, help="Also list the N commonest errors.")
@click.option("--baseline", type=click.Choice(["ner"]), default=None,
              help="Score a baseline instead: ner = the model's GPE/LOC/FAC entities, "
                   "without coordinates (recognition only).")
def geo(file: Path, as_json: bool, limit: int | None, errors: int,
        baseline: str | None) -> None:
    """Place names against LGL, GeoVirus or GeoWebNews XML gold (format detected).

    Reports recognition P/R/F1 (overlap, one-to-one), and on recognised gold
    with coordinates: accuracy within 161 km, median/mean error in km, AUC,
    GeoNames id agreement; for GeoWebNews also recall per toponym type and
    the non-toponym types left out of the gold.

    \b
    Example:
      sitrep eval geo ../shared/data/geo/lgl.xml --limit 100 --errors 20
      sitrep eval geo ../shared/data/geo/geowebnews.xml --baseline ner
    """
    from sitrep.eval.geo import read_corpus, score

    docs = read_corpus(file)
    scores = score(docs, _geoparser(baseline), limit=limit, errors=errors)
    if as_json:
        click.echo(json.dumps(scores, indent=1))
        return
    click.echo("\n".join(_geo_lines(file.name, scores)))


def _geoparser(baseline: str | None) -> Geoparser:
    """sitrep's geoparser, or the named baseline."""
    if baseline == "ner":
        from sitrep.eval.geo import ner_baseline
        from sitrep.settings import Settings

        return ner_baseline(Settings().model)
    try:  # by name: the geoparser may not be written yet
        parse = getattr(importlib.import_module("sitrep.geo.stage"), "geoparse")  # noqa: B009
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot import sitrep's geoparser, sitrep.geo.stage.geoparse "
                          f"({exc}); is it written yet? --baseline ner scores the NER "
                          "baseline without it") from exc
    return cast("Geoparser", parse)


def _geo_lines(name: str, s: dict[str, Any]) -> list[str]:
    """The scores as a few lines of text."""
    rec, res, ids = s["recognition"], s["resolution"], s["geonameid"]
    lines = [f"{name}: {s['documents']} documents, {rec['gold']} gold toponyms, "
             f"{rec['predicted']} predicted, {rec['matched']} matched",
             f"recognition  P {rec['precision']:.3f}  R {rec['recall']:.3f}  F1 {rec['f1']:.3f}"]
    if res["scored"] and res["unresolved"] == res["scored"]:
        lines.append(f"resolution   none: no coordinates on the {res['scored']} "
                     "recognised gold toponyms that have some")
    elif res["scored"]:
        lines.append(f"resolution   acc@161km {res['acc161']:.3f}  median {res['median_km']} km  "
                     f"mean {res['mean_km']} km  AUC {res['auc']:.3f}  ({res['scored']} "
                     f"recognised gold with coordinates, {res['unresolved']} given none)")
    if ids["compared"]:
        lines.append(f"geonameid    same id {ids['match_rate']:.3f} of {ids['compared']}")
    if len(s["recall_by_kind"]) > 1:
        lines.append("recall by type: " + ", ".join(
            f"{k} {v['recall']:.2f} (n={v['gold']})" for k, v in s["recall_by_kind"].items()))
    if s["excluded"]:
        lines.append("not toponyms, left out of the gold (predictions on them): " + ", ".join(
            f"{k} {v['gold']} ({v['predicted']})" for k, v in s["excluded"].items()))
    lines += [f"{e['count']:>5}  {e['error']:10} {e['text']!r}" for e in s.get("errors", [])]
    return lines


@evaluate.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the first N documents.")
@click.option("--errors", type=int, default=0,
              help="Also list the first N missed and N spurious statements.")
def quotes(folder: Path, as_json: bool, limit: int | None, errors: int) -> None:
    """Statements against PolNeAR attribution gold (brat standoff files).

    FOLDER is a PolNeAR split, holding text/ and attributions/. Reports
    P/R/F1 of the content spans (exact after trimming quotation marks,
    punctuation and "that"; and overlapping by half), of direct quotes and
    of cues, speaker accuracy on the statements found, and content F1 per
    publisher.

    \b
    Example:
      sitrep eval quotes ../shared/data/quotes/polnear/dev --limit 20 --errors 10
    """
    from sitrep.eval.quotes import score
    from sitrep.eval.quotes_read import read_polnear

    scores = score(read_polnear(folder), _extractor(), limit=limit, errors=errors)
    if as_json:
        click.echo(json.dumps(scores, indent=1))
        return
    click.echo("\n".join(_quotes_lines(folder.name, scores)))


def _extractor() -> Extractor:
    """sitrep's statement extractor, `sitrep.statements.stage.attribute`."""
    try:  # by name: the extractor may not be written yet
        module = importlib.import_module("sitrep.statements.stage")
        attribute = getattr(module, "attribute")  # noqa: B009
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot import sitrep's statement extractor, "
                          f"sitrep.statements.stage.attribute ({exc}); is it written yet?") from exc

    def extract(text: str, published: str | None) -> list[Statement]:
        return cast("list[Statement]", attribute(text, published=published))

    return extract


def _quotes_lines(name: str, s: dict[str, Any]) -> list[str]:
    """The scores as a small table and a few lines of text."""
    rows = [("content exact", "content_exact"), ("content overlap", "content_overlap"),
            ("direct quotes", "direct"), ("cue", "cue")]
    sp = s["speaker"]
    lines = [f"{name}: {s['documents']} documents, {s['content_overlap']['gold']} gold "
             f"attributions ({s['direct']['gold']} direct), "
             f"{s['content_overlap']['predicted']} statements predicted",
             f"{'':16} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    lines += [f"{label:16} {m['gold']:>5} {m['predicted']:>5} {m['matched']:>5} "
              f"{m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}"
              for label, m in ((label, s[key]) for label, key in rows)]
    lines.append(f"speaker          accuracy {sp['accuracy']:.3f} on {sp['scored']} found "
                 f"statements with a gold source ({sp['no_predicted_speaker']} without a "
                 f"predicted speaker; {sp['no_gold_source']} more have no gold source)")
    if s["by_publisher"]:
        lines.append("content overlap F1 by publisher: " + ", ".join(
            f"{k} {v['f1']:.2f} (n={v['gold']})" for k, v in s["by_publisher"].items()))
    for kind, found in s.get("errors", {}).items():
        lines += [f"{kind:8} {e['doc']}:{e['start']}  {e['context']}" for e in found]
    return lines


_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@evaluate.command()
@click.argument("folder", required=False,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--case", "case_file", type=_FILE,
              help="CASE 2021 task 2 TSV (id, EventSnippet, SubType).")
@click.option("--fakes", "fakes_file", type=_FILE, help="FA-KES CSV.")
@click.option("--plover", "plover_file", type=_FILE, help="PLOVER gold standard records JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Only the first N items of each set.")
@click.option("--errors", type=click.IntRange(min=0), default=0,
              help="Also list the first N wrong items of each set.")
@click.option("--relevance", type=click.FloatRange(0, 1), default=None,
              help="Threshold of the learned relevance filter [default: sitrep's, "
                   "Settings.relevance]; 0 keeps every event the rules find.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def events(folder: Path | None, case_file: Path | None, fakes_file: Path | None,
           plover_file: Path | None, limit: int | None, errors: int, as_json: bool,
           relevance: float | None) -> None:
    """Events against CASE 2021, FA-KES and PLOVER gold.

    FOLDER holds the dev sets under their usual names; --case, --fakes and
    --plover name or replace single files. Reports, for each set given: the
    main event's ACLED sub-event type on CASE 2021 snippets (accuracy, weighted
    and macro F1 over the 25 sub-types; snippets of other kinds should get no
    ACLED event), the main event's location on FA-KES articles, and the PLOVER
    type and actors' countries on PLOVER sentences.

    \b
    Example:
      sitrep eval events ../shared/data/events --limit 100 --errors 10
      sitrep eval events --case ../shared/data/events/case2021-acled-subtypes.dev.tsv
    """
    from sitrep.eval.events import dev_files, evaluate_events
    from sitrep.eval.events_report import report_lines

    files = dev_files(folder) if folder else {}
    given = {"case": case_file, "fakes": fakes_file, "plover": plover_file}
    files.update({k: v for k, v in given.items() if v is not None})
    if not files:
        raise click.UsageError("give a folder holding the dev sets, or --case, --fakes "
                               "or --plover")
    scores = evaluate_events(files, limit=limit, errors=errors, relevance=relevance)
    click.echo(json.dumps(scores, indent=1) if as_json else "\n".join(report_lines(scores)))


@evaluate.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def crossdoc(folder: Path, as_json: bool) -> None:
    """Clusters across articles against gold clusters: B-cubed P/R/F1.

    FOLDER holds articles/*.txt and gold.yaml (gold events and the files that
    report them; tests/crossdoc/data is the set written for sitrep). Items are
    (article, gold event) pairs; each extracted event is mapped to the gold
    event of its article it reports (kind, city, day). Also reports how many
    extracted events map to no gold event, and the gold disagreements (figures
    updated or disputed, perpetrator, target) the clusters keep.

    \b
    Example:
      sitrep eval crossdoc tests/crossdoc/data --json
    """
    from sitrep.eval.crossdoc import evaluate_folder

    s = evaluate_folder(folder)
    if as_json:
        click.echo(json.dumps(s, indent=1))
        return
    click.echo(f"{folder}: {s['articles']} articles, {s['gold_events']} gold events, "
               f"{s['items']} (article, event) items; {s['clusters']} clusters made")
    click.echo(f"B-cubed  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    click.echo(f"events mapped to an item {s['mapped']}, to none {s['spurious']}; "
               f"contradictions found {s['contradictions']}")
    d = s["disagreements"]
    click.echo(f"gold disagreements kept {d['kept']} of {d['gold']} ({d['share_kept']:.3f}); "
               f"updates reported as contradictions {d['updates_as_contradictions']}; "
               f"false contradictions {d['false_contradictions']}")
    for line in d["lost"]:
        click.echo(f"  lost: {line}")
    for line in d["false"]:
        click.echo(f"  false: {line}")


@evaluate.command()
@click.argument("file", required=False, type=_FILE)
@click.option("--split", type=click.Choice(["held-out", "build"]), default="held-out",
              show_default=True,
              help="held-out: the quarter of the corpus kept for measuring (SHA-1 of the id "
                   "mod 4 == 0); build: the rest.")
@click.option("--n", type=click.IntRange(1), default=200, show_default=True,
              help="Articles per group.")
@click.option("--show", type=click.IntRange(0), default=0,
              help="Also print K example events per group (build split only).")
@click.option("--relevance", type=click.FloatRange(0, 1), default=None,
              help="Threshold of the learned relevance filter [default: sitrep's, "
                   "Settings.relevance]; 0 keeps every event the rules find.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def relevance(file: Path | None, split: str, n: int, show: int, as_json: bool,
              relevance: float | None) -> None:
    """Events the full pipeline finds on news that is not about conflict.

    FILE defaults to ../shared/data/corpus/news.jsonl. Two groups of the split,
    the first N by SHA-1 of the id: non-conflict (BBC business, sport,
    entertainment, tech), where every event is likely false, and political
    (PolNeAR, BBC politics). Reports per group: events, events per 100
    articles, articles with an event, ACLED types, fatalities, events dated
    after publication and the largest fatality counts.

    \b
    Example:
      sitrep eval relevance --n 200
      sitrep eval relevance --split build --show 10
    """
    if show and split == "held-out":
        raise click.UsageError("--show prints article text, so it works only with --split "
                               "build: nobody reads the held-out articles.")
    from sitrep.eval.relevance import evaluate_relevance, report_lines

    result = evaluate_relevance(file, split=split, n=n, show=show, relevance=relevance)
    click.echo(json.dumps(result, indent=1) if as_json else "\n".join(report_lines(result)))
