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
from itertools import islice
from typing import Any

from sitrep.errors import SitrepError
from sitrep.records import Article
from sitrep.settings import Settings
from sitrep.stage import BatchStage, Stage, Work, check_stages

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
        StatementStage(model=settings.model),
        # Events last: they are dated, located and attributed from all of the above.
        EventStage(model=settings.model),
    ]


class Pipeline:
    """Runs the stages over articles; `workers` > 1 parses in separate processes."""

    def __init__(self, settings: Settings | None = None, *, stages: Sequence[Stage] | None = None,
                 on_error: ErrorHandler | None = None) -> None:
        self.settings = settings or Settings()
        self.stages = list(stages) if stages is not None else build_stages(self.settings)
        check_stages(self.stages)
        self.on_error: ErrorHandler = on_error or log.warning
        self.timings: dict[str, float] = {s.name: 0.0 for s in self.stages}

    def process(self, articles: Sequence[Article]) -> list[Article]:
        """Run every stage over one batch; an article a stage fails on is reported and dropped."""
        works = [Work(a) for a in articles]
        failed: set[int] = set()
        for stage in self.stages:
            started = time.perf_counter()
            self._run(stage, works, failed)
            self.timings[stage.name] += time.perf_counter() - started
        return [w.article for i, w in enumerate(works) if i not in failed]

    def _run(self, stage: Stage, works: list[Work], failed: set[int]) -> None:
        if isinstance(stage, BatchStage):
            try:
                stage.pipe([w for i, w in enumerate(works) if i not in failed])
                return
            except Exception:
                log.debug("batch failed in %s; retrying one by one", stage.name)
        for i, work in enumerate(works):
            if i in failed:
                continue
            try:
                stage(work)
            except Exception as exc:
                failed.add(i)
                self.on_error(f"article {work.article.id}: stage {stage.name!r} failed "
                              f"({type(exc).__name__}: {exc}); article skipped")

    def pipe(self, articles: Iterable[Article], *, workers: int | None = None) -> Iterator[Article]:
        """Stream processed articles, in input order."""
        workers = workers or self.settings.workers
        batches = _batched(articles, self.settings.batch_size)
        if workers <= 1:
            for batch in batches:
                yield from self.process(batch)
            return
        yield from _parallel(self.settings, batches, workers, self.on_error, self.timings)


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


# -- worker processes -------------------------------------------------------

_worker: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _worker
    _worker = Pipeline(settings, on_error=_collect)


_errors: list[str] = []


def _collect(message: str) -> None:
    _errors.append(message)


def _work(batch: list[Article]) -> tuple[list[Article], list[str], dict[str, float]]:
    if _worker is None:
        raise SitrepError("worker process was not initialised")
    _errors.clear()
    before = dict(_worker.timings)
    done = _worker.process(batch)
    spent = {k: v - before.get(k, 0.0) for k, v in _worker.timings.items()}
    return done, list(_errors), spent


def _parallel(settings: Settings, batches: Iterable[list[Article]], workers: int,
              on_error: ErrorHandler, timings: dict[str, float]) -> Iterator[Article]:
    import multiprocessing as mp
    from collections import deque

    # spawn: workers must not inherit the parent's open store or threads.
    ctx = mp.get_context("spawn")
    source = iter(batches)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        # At most two batches per worker in flight, fed from this thread, so the
        # input is read lazily and the caller's generators never run elsewhere.
        pending: deque[Any] = deque()

        def submit() -> None:
            batch = next(source, None)
            if batch is not None:
                pending.append(pool.apply_async(_work, (batch,)))

        for _ in range(workers * 2):
            submit()
        while pending:
            done, errors, spent = pending.popleft().get()
            submit()
            for message in errors:
                on_error(message)
            for name, seconds in spent.items():
                timings[name] = timings.get(name, 0.0) + seconds
            yield from done
