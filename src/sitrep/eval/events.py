"""`sitrep eval events`: event scores on CASE 2021, FA-KES and PLOVER gold records.

- CASE 2021 snippets -> the main event's ACLED sub-event type: see
  `sitrep.eval.events_case` for accuracy, weighted and macro F1.
- FA-KES articles -> the main event's location. Right when the location's
  name or admin1 is the gold place after `place_key` (spelling variants of
  events_names.yaml), or, failing that, when the gold place resolves in the
  gazetteer and the location lies within `NEAR_KM` of it. An article with
  several gold locations is right when any matches. Accuracy is over all
  articles; an article with no event, or a main event without location, is wrong.
- PLOVER gold records -> on the sentences with a PLOVER record: the main
  record's PLOVER type (accuracy; `type_any`: any record's type), and per side
  its countries (accuracy of the exact country set, on sentences whose gold
  side names a country, and micro P/R/F1 over the countries). A record is the
  main event, sources being its perpetrators and targets its targets and
  victims (as the ACLED export's actor1/actor2); without an event, the first
  statement coded as a PLOVER verbal event (threats, demands, rejections ...),
  its source the speaker's affiliation and its target the country its target
  names. Coverage: sentences with a record.

The main event of a text is `main_event`'s choice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.actors.resolve import country_of_name
from sitrep.eval.events_case import Classify, prf, score_case, shorten
from sitrep.eval.events_read import (
    FakesArticle,
    PloverSentence,
    place_key,
    place_variants,
    read_case,
    read_fakes,
    read_plover,
)
from sitrep.records import AcledCode, Article, Event, Statement

if TYPE_CHECKING:
    from sitrep.pipeline import Pipeline

Extract = Callable[[str, str | None], list[Event]]
"""`extract(text, published)`: the events of one text."""
Speak = Callable[[str, str | None], list[Statement]]
"""`speak(text, published)`: the statements of one text."""
Locate = Callable[[str], tuple[float, float] | None]
"""`locate(gold place name)`: its (lat, lon), None when unknown."""

NEAR_KM = 25.0
"""A FA-KES location counts as the gold place within this distance of it (a city and
its suburbs; Homs and Hama are 45 km apart)."""
DEV_FILES = {"case": "case2021-acled-subtypes.dev.tsv", "fakes": "fa-kes.dev.csv",
             "plover": "plover-gsr.json"}
RIGHT_RULES = ("name", "admin1", "near")
"""The ways a FA-KES location is right (see `_location_rule`)."""
SOURCE_ROLES = frozenset({"perpetrator"})
TARGET_ROLES = frozenset({"target", "victim"})


def main_event(events: Sequence[Event]) -> Event | None:
    """The event a text is mainly about: the highest confidence, ties broken by
    the earliest evidence start (events without evidence last), then by order.

    >>> from sitrep.records import Span
    >>> a = Event(id="a", type="x", confidence=0.5, evidence=[Span(40, 50, "")])
    >>> b = Event(id="b", type="x", confidence=0.5, evidence=[Span(3, 9, "")])
    >>> main_event([a, b]).id, main_event([]) is None
    ('b', True)
    """
    def rank(item: tuple[int, Event]) -> tuple[float, float, int]:
        i, e = item
        start = min((s.start for s in e.evidence), default=float("inf"))
        return (-e.confidence, start, i)

    return min(enumerate(events), key=rank)[1] if events else None


def classify_main(extract: Extract) -> Classify:
    """A CASE classifier: the ACLED code of the main event `extract` finds."""
    def classify(text: str) -> AcledCode | None:
        event = main_event(extract(text, None))
        return event.acled if event else None

    return classify


# ---------------------------------------------------------------- FA-KES

def score_fakes(articles: Sequence[FakesArticle], extract: Extract, *,
                locate: Locate | None = None, errors: int = 0) -> dict[str, Any]:
    """Main-event location accuracy over `articles` (see the module docstring);
    `errors` > 0 lists that many wrong articles."""
    rules: Counter[str] = Counter()
    by_place: dict[str, Counter[str]] = {}
    wrong: list[dict[str, Any]] = []
    for article in articles:
        event = main_event(extract(article.text, article.published))
        rule = _location_rule(event, article.locations, locate)
        rules[rule] += 1
        tally = by_place.setdefault(place_key(article.locations[0]), Counter())
        tally["articles"] += 1
        tally["right"] += rule in RIGHT_RULES
        if rule not in RIGHT_RULES and len(wrong) < errors:
            wrong.append(_fakes_error(article, event))
    right = sum(rules[r] for r in RIGHT_RULES)
    found = len(articles) - rules["no event"]
    return {
        "articles": len(articles), "right": right,
        "accuracy": round(right / len(articles), 4) if articles else 0.0,
        "accuracy_with_event": round(right / found, 4) if found else 0.0,
        "no_event": rules["no event"], "no_location": rules["no location"],
        "by_rule": {r: rules[r] for r in RIGHT_RULES},
        "by_place": {k: {"articles": v["articles"], "right": v["right"]}
                     for k, v in sorted(by_place.items(), key=lambda kv: -kv[1]["articles"])},
        "errors": wrong,
    }


def _location_rule(event: Event | None, gold: Sequence[str], locate: Locate | None) -> str:
    """How the main event's location matches the gold: a RIGHT_RULES entry, or why not."""
    if event is None:
        return "no event"
    loc = event.location
    if loc is None:
        return "no location"
    keys = {place_key(g) for g in gold}
    if place_key(loc.name) in keys:
        return "name"
    if loc.admin1 and place_key(loc.admin1) in keys:
        return "admin1"
    if locate is not None and loc.lat is not None and loc.lon is not None:
        from sitrep.eval.geo import haversine_km

        points = [p for p in map(locate, gold) if p is not None]
        if any(haversine_km(lat, lon, loc.lat, loc.lon) <= NEAR_KM for lat, lon in points):
            return "near"
    return "wrong"


def _fakes_error(article: FakesArticle, event: Event | None) -> dict[str, Any]:
    loc = event.location if event else None
    return {"id": article.id, "gold": "/".join(article.locations),
            "predicted": (f"{loc.name} ({loc.admin1 or '-'})" if loc
                          else "no location" if event else "no event"),
            "title": shorten(article.title or article.text, 80)}


def gazetteer_locator(country: str = "SYR") -> Locate:
    """Places by name from sitrep's gazetteer, preferring `country`'s cities; the
    gold name's spelling variants are tried after it."""
    from sitrep.geo.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()

    def locate(name: str) -> tuple[float, float] | None:
        for variant in (name, *place_variants(name)):
            hits = [e for e in gazetteer.lookup(variant) if e.country == country]
            hits.sort(key=lambda e: e.feature != "city")
            if hits:
                return hits[0].lat, hits[0].lon
        return None

    return locate


# ---------------------------------------------------------------- PLOVER

@dataclass(frozen=True, slots=True)
class PloverRecord:
    """What a sentence is coded as in PLOVER: an event's or a statement's type and sides."""

    event_type: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def plover_records(events: Sequence[Event], statements: Sequence[Statement]) -> list[PloverRecord]:
    """A text's PLOVER records, the main one first: its events (`main_event` first),
    then its statements coded as verbal events, in order (headlines left out)."""
    main = main_event(events)
    ordered = [main, *(e for e in events if e is not main)] if main is not None else []
    records = [PloverRecord(_plover_type(e), _side(e, SOURCE_ROLES), _side(e, TARGET_ROLES))
               for e in ordered]
    for s in statements:
        if s.plover is not None and not s.headline:
            aimed = country_of_name(s.target) if s.target else None
            records.append(PloverRecord(s.plover.event_type.upper(),
                                        (s.speaker.affiliation.upper(),)
                                        if s.speaker.affiliation else (),
                                        (aimed,) if aimed else ()))
    return records


def score_plover(sentences: Sequence[PloverSentence], extract: Extract, *,
                 speak: Speak | None = None, errors: int = 0) -> dict[str, Any]:
    """PLOVER type and actor-country scores on the sentences with a PLOVER record,
    and coverage (see the module docstring); without `speak` events alone count.
    `errors` > 0 lists that many sentences with a wrong type."""
    found: list[tuple[PloverSentence, list[PloverRecord]]] = []
    for s in sentences:
        records = plover_records(extract(s.text, None), speak(s.text, None) if speak else [])
        if records:
            found.append((s, records))
    right = [s.event_type == records[0].event_type for s, records in found]
    wrong = [{"id": s.id, "gold": s.event_type, "predicted": records[0].event_type or "-",
              "text": shorten(s.text)} for (s, records), ok in zip(found, right, strict=True)
             if not ok]
    return {
        "sentences": len(sentences), "with_event": len(found),
        "coverage": round(len(found) / len(sentences), 4) if sentences else 0.0,
        "type_accuracy": _share(sum(right), len(found)),
        "type_any": _share(sum(s.event_type in {r.event_type for r in records}
                               for s, records in found), len(found)),
        "source": _countries_score([(s.sources, records[0].sources) for s, records in found]),
        "target": _countries_score([(s.targets, records[0].targets) for s, records in found]),
        "errors": wrong[:errors],
    }


def _plover_type(event: Event) -> str | None:
    return event.plover.event_type.upper() if event.plover else None


def _side(event: Event, roles: frozenset[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.country.upper() for a in event.actors
                               if a.role in roles and a.country))


def _countries_score(pairs: Iterable[tuple[tuple[str, ...], tuple[str, ...]]]) -> dict[str, Any]:
    """Exact-set accuracy where the gold names a country, micro P/R/F1 over countries."""
    scored = [(set(g), set(p)) for g, p in pairs if g]
    tp = sum(len(g & p) for g, p in scored)
    fp = sum(len(p - g) for g, p in scored)
    fn = sum(len(g - p) for g, p in scored)
    return {"scored": len(scored), "accuracy": _share(sum(g == p for g, p in scored), len(scored)),
            **prf(tp, fp, fn)}


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# ---------------------------------------------------------------- the run

class PipelineEvents:
    """An `Extract` over sitrep's pipeline that runs all texts given to `run` in
    one `Pipeline.pipe`, so parsing batches; a text not run is run on its own."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.events: dict[tuple[str, str | None], list[Event]] = {}
        self.statements: dict[tuple[str, str | None], list[Statement]] = {}
        self.titles: dict[tuple[str, str | None], str] = {}  # headlines, where a set has them
        self.failed = 0

    def run(self, items: Iterable[tuple[str, str | None]]) -> None:
        todo = list(dict.fromkeys(i for i in items if i not in self.events))
        articles = (Article(id=str(n), text=t, published=p, title=self.titles.get((t, p)))
                    for n, (t, p) in enumerate(todo))
        done = {int(a.id): a for a in self.pipeline.pipe(articles)}
        self.failed += len(todo) - len(done)
        for n, item in enumerate(todo):
            article = done.get(n)
            self.events[item] = list(article.events) if article else []
            self.statements[item] = list(article.statements) if article else []

    def __call__(self, text: str, published: str | None) -> list[Event]:
        if (text, published) not in self.events:
            self.run([(text, published)])
        return self.events[(text, published)]

    def speech(self, text: str, published: str | None) -> list[Statement]:
        """The statements of a text (a `Speak`), run as `__call__` runs it."""
        self(text, published)
        return self.statements[(text, published)]


def dev_files(folder: Path) -> dict[str, Path]:
    """The dev set files `DEV_FILES` names that exist in `folder`."""
    return {k: folder / name for k, name in DEV_FILES.items() if (folder / name).is_file()}


def evaluate_events(files: dict[str, Path], *, limit: int | None = None, errors: int = 0,
                    extract: Extract | None = None, locate: Locate | None = None,
                    relevance: float | None = None) -> dict[str, Any]:
    """Scores on each set in `files` ("case", "fakes", "plover" -> path), the first
    `limit` items of each. Without `extract`, sitrep's pipeline (`PipelineEvents`);
    without `locate`, the gazetteer (`gazetteer_locator`); `relevance`: the pipeline's
    relevance threshold (None: the default, 0: no filter).
    Example: `evaluate_events(dev_files(Path("../shared/data/events")), limit=50)`.
    """
    case = read_case(files["case"])[:limit] if "case" in files else []
    fakes = read_fakes(files["fakes"])[:limit] if "fakes" in files else []
    plover = read_plover(files["plover"])[:limit] if "plover" in files else []
    runner = None
    if extract is None:
        from sitrep.pipeline import Pipeline
        from sitrep.settings import Settings

        settings = Settings() if relevance is None else Settings(relevance=relevance)
        extract = runner = PipelineEvents(Pipeline(settings))
        runner.titles = {(a.text, a.published): a.title for a in fakes if a.title}
        runner.run([(s.text, None) for s in case] + [(a.text, a.published) for a in fakes]
                   + [(s.text, None) for s in plover])
    out: dict[str, Any] = {}
    if "case" in files:
        out["case"] = {"file": files["case"].name,
                       **score_case(case, classify_main(extract), errors=errors)}
    if "fakes" in files:
        out["fakes"] = {"file": files["fakes"].name, **score_fakes(
            fakes, extract, locate=locate or gazetteer_locator(), errors=errors)}
    if "plover" in files:
        out["plover"] = {"file": files["plover"].name,
                         **score_plover(plover, extract, errors=errors,
                                        speak=runner.speech if runner else None)}
    if runner is not None:
        out["pipeline_failures"] = runner.failed
    return out
