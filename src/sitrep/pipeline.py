"""The pipeline: the stages in order, run over a stream of articles.

>>> from sitrep.records import Article
>>> pipe = Pipeline()
>>> [a.id for a in pipe.pipe([Article(id="x", text="Shells hit Kherson on Monday.")])]
['x']
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence

from sitrep.records import Article
from sitrep.scale.limits import TimeLimit, time_limit
from sitrep.settings import Settings
from sitrep.stage import BatchStage, SlotError, SlotGuard, SlotUse, Stage, Work, check_stages

log = logging.getLogger(__name__)

ErrorHandler = Callable[[str], None]


def build_stages(settings: Settings) -> list[Stage]:
    """The stages, in the order they must run."""
    from sitrep.events.stage import EventStage
    from sitrep.geo.stage import GeoStage
    from sitrep.nlp.parse import ParseStage
    from sitrep.statements.stage import StatementStage
    from sitrep.temporal.stage import TemporalStage

    return [
        # Tokens, sentences and entities first: every later stage reads them.
        ParseStage(model=settings.model, batch_size=settings.batch_size),
        # Dates next: places, statements and events are dated from `times`.
        TemporalStage(date_order=settings.date_order),
        # Places: events are located from `places`, statements' sides read them.
        GeoStage(),
        # Who said what: speakers' sides come from the places ("Kyiv denies").
        StatementStage(),
        # Events last: they are dated, located and attributed from all of the above.
        EventStage(relevance=settings.relevance),
    ]


class Pipeline:
    """Runs the stages over articles; `workers` > 1 parses in separate processes.

    With `check_slots`, each stage sees its work items through a `SlotGuard`: reading
    or writing a slot it does not declare raises `SlotError` (a PipelineError) out of
    `process` instead of dropping the article, and `slot_use` records what each stage
    read and wrote. A checked pipeline runs in this process whatever `workers` says.
    Unchecked, the stages get the work items themselves, at no cost.
    """

    def __init__(self, settings: Settings | None = None, *, stages: Sequence[Stage] | None = None,
                 on_error: ErrorHandler | None = None, check_slots: bool = False) -> None:
        self.settings = settings or Settings()
        self.stages = list(stages) if stages is not None else build_stages(self.settings)
        check_stages(self.stages)
        self.on_error: ErrorHandler = on_error or log.warning
        self.timings: dict[str, float] = {s.name: 0.0 for s in self.stages}
        self.check_slots = check_slots
        self.slot_use: dict[str, SlotUse] = {s.name: SlotUse() for s in self.stages}

    def process(self, articles: Sequence[Article]) -> list[Article]:
        """Run every stage over one batch; an article a stage fails on, or that runs past
        `settings.time_limit` seconds in all, is reported and dropped."""
        works = [Work(a) for a in articles]
        failed: set[int] = set()
        left = [self.settings.time_limit] * len(works)  # each article's time still to spend
        for stage in self.stages:
            started = time.perf_counter()
            self._run(stage, self._given(stage, works), failed, left)
            self.timings[stage.name] += time.perf_counter() - started
        return [w.article for i, w in enumerate(works) if i not in failed]

    def _given(self, stage: Stage, works: list[Work]) -> list[Work]:
        """The work items as `stage` sees them: guarded views in a checked pipeline."""
        if not self.check_slots:
            return works
        guard = SlotGuard(stage, self.slot_use[stage.name])
        return [guard.view(w) for w in works]

    def _run(self, stage: Stage, works: list[Work], failed: set[int], left: list[float]) -> None:
        todo = [i for i in range(len(works)) if i not in failed]
        if isinstance(stage, BatchStage) and todo:
            started = time.perf_counter()
            try:
                with time_limit(min(left[i] for i in todo) * len(todo)):
                    stage.pipe([works[i] for i in todo])
                share = (time.perf_counter() - started) / len(todo)
                for i in todo:
                    left[i] -= share
                return
            except SlotError:
                raise
            except (Exception, TimeLimit):
                log.debug("batch failed in %s; retrying one by one", stage.name)
        for i in todo:
            started = time.perf_counter()
            try:
                with time_limit(left[i]):
                    stage(works[i])
            except SlotError:
                raise
            except TimeLimit:
                failed.add(i)
                self.on_error(f"article {works[i].article.id}: over the time limit of "
                              f"{self.settings.time_limit:g} s (stage {stage.name!r}); "
                              f"article skipped")
            except Exception as exc:
                failed.add(i)
                self.on_error(f"article {works[i].article.id}: stage {stage.name!r} failed "
                              f"({type(exc).__name__}: {exc}); article skipped")
            left[i] -= time.perf_counter() - started

    def pipe(self, articles: Iterable[Article], *, workers: int | None = None) -> Iterator[Article]:
        """Stream processed articles, in input order."""
        workers = workers or self.settings.workers
        batches = _batched(articles, self.settings.batch_size, self.settings.batch_chars)
        if workers <= 1 or self.check_slots:
            for batch in batches:
                yield from self.process(batch)
            return
        from sitrep.scale.workers import WorkerPool

        yield from WorkerPool(self.settings, workers, self.on_error, self.timings).run(batches)


def _batched(items: Iterable[Article], size: int, chars: int) -> Iterator[list[Article]]:
    """Batches of at most `size` articles and, past their first, `chars` characters (the
    parser's memory grows with the characters of a batch)."""
    batch: list[Article] = []
    total = 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item.text) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item.text)
    if batch:
        yield batch
