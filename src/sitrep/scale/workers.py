"""Worker processes that run the pipeline over batches, and survive their failures.

Each worker loads its own model and runs one batch at a time. The parent knows
which batch each worker holds, so when a worker dies (killed, out of memory, a
crash in native code) or runs past its time (`Settings.time_limit` per article
of the batch, with a margin), the parent stops it, starts another, and runs that
batch again one article at a time: the article that fails alone is reported by
id and skipped, the others go on. Results come out in input order.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from sitrep.records import Article
from sitrep.settings import Settings

Timings = dict[str, float]
# A worker's entry point: it receives lists of articles on the connection until None,
# and answers each with (processed articles, error messages, seconds per stage).
Serve = Callable[[Settings, Connection], None]
# A worker's time for one batch: its articles' time limit, doubled (the limit inside
# the worker stops Python code first), and this margin for the rest.
MARGIN = 30.0


@dataclass(slots=True)
class _Task:
    batch: int  # the input batch it belongs to
    part: int  # its place in that batch's results (an article's, once run alone)
    articles: list[Article]
    alone: bool = False  # one article run again on its own after a failure


@dataclass(slots=True)
class _Batch:
    parts: dict[int, list[Article]] = field(default_factory=dict)
    waiting: int = 1  # tasks not yet done


class _Worker:
    """One process and the pipe to it."""

    def __init__(self, ctx: Any, settings: Settings, serve: Serve) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=serve, args=(settings, child), daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.deadline = 0.0

    def give(self, task: _Task, limit: float, margin: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + limit * len(task.articles) * 2 + margin
        # A worker that died before reading fails the send (EPIPE): its sentinel tells
        # the pool, which runs the task again. Let through, click would end the run
        # with status 1 and no word.
        with suppress(OSError):
            self.conn.send(task.articles)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """`workers` processes running `Pipeline(settings)`; see the module's docstring.

    `serve` is what each worker runs (a module-level function, as `_serve`);
    `margin` is the seconds a worker's deadline allows past its articles' limits.
    """

    def __init__(self, settings: Settings, workers: int, on_error: Callable[[str], None],
                 timings: Timings, *, serve: Serve | None = None,
                 margin: float = MARGIN) -> None:
        self.settings, self.on_error, self.timings = settings, on_error, timings
        self.serve, self.margin = serve or _serve, margin
        # spawn: workers must not inherit the parent's open store or threads.
        self.ctx = mp.get_context("spawn")
        self.workers = [self._start() for _ in range(workers)]
        self.queue: deque[_Task] = deque()
        self.batches: dict[int, _Batch] = {}

    def _start(self) -> _Worker:
        return _Worker(self.ctx, self.settings, self.serve)

    def run(self, batches: Iterable[list[Article]]) -> Iterator[Article]:
        """The processed articles of `batches`, in input order."""
        source = enumerate(batches)
        following = 0  # the next batch to yield
        more = True
        try:
            while True:
                while more and len(self.batches) < 2 * len(self.workers):
                    item = next(source, None)
                    if item is None:
                        more = False
                        break
                    self.batches[item[0]] = _Batch()
                    self.queue.append(_Task(item[0], 0, item[1]))
                while following in self.batches and not self.batches[following].waiting:
                    done = self.batches.pop(following)
                    for part in sorted(done.parts):
                        yield from done.parts[part]
                    following += 1
                if not self.batches and not more:
                    return
                self._step()
        finally:
            self.close()

    def _step(self) -> None:
        """Give idle workers tasks, then wait for one result, death or deadline."""
        for worker in self.workers:
            if worker.task is None and self.queue:
                worker.give(self.queue.popleft(), self.settings.time_limit, self.margin)
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return  # every batch taken is done: the caller takes more
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([x for w in busy for x in (w.conn, w.process.sentinel)], timeout)
        for worker in busy:
            if worker.conn in ready and self._receive(worker):
                continue
            if worker.process.sentinel in ready or not worker.process.is_alive():
                self._lost(worker, f"its worker process died (exit code "
                                   f"{worker.process.exitcode})")
            elif time.monotonic() > worker.deadline:
                self._lost(worker, f"its worker ran past the time limit of "
                                   f"{self.settings.time_limit:g} s an article")

    def _receive(self, worker: _Worker) -> bool:
        try:
            done, errors, spent = worker.conn.recv()
        except (EOFError, OSError):
            return False  # it died while sending: reported as a death
        task, worker.task = worker.task, None
        assert task is not None
        for message in errors:
            self.on_error(message)
        for name, seconds in spent.items():
            self.timings[name] = self.timings.get(name, 0.0) + seconds
        self._finish(task, done)
        return True

    def _lost(self, worker: _Worker, why: str) -> None:
        """Replace a worker that died or hung; run its batch again article by article,
        or report its one article."""
        task, worker.task = worker.task, None
        assert task is not None
        worker.stop()
        self.workers[self.workers.index(worker)] = self._start()
        if task.alone or len(task.articles) == 1:
            self.on_error(f"article {task.articles[0].id}: {why}; article skipped")
            self._finish(task, [])
            return
        batch = self.batches[task.batch]
        batch.waiting += len(task.articles) - 1
        for n, article in reversed(list(enumerate(task.articles))):
            self.queue.appendleft(_Task(task.batch, n, [article], alone=True))

    def _finish(self, task: _Task, done: list[Article]) -> None:
        batch = self.batches[task.batch]
        batch.parts[task.part] = done
        batch.waiting -= 1

    def close(self) -> None:
        for worker in self.workers:
            if worker.task is None and worker.process.is_alive():
                with suppress(OSError):
                    worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(2 if worker.task is None else 0)
            worker.stop()


def _serve(settings: Settings, conn: Connection) -> None:
    """A worker's life: load the pipeline, then run each batch sent until None."""
    from sitrep.pipeline import Pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    errors: list[str] = []
    pipeline = Pipeline(settings, on_error=errors.append)
    while True:
        try:
            articles = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if articles is None:
            return
        errors.clear()
        before = dict(pipeline.timings)
        done = pipeline.process(articles)
        spent = {k: v - before.get(k, 0.0) for k, v in pipeline.timings.items()}
        conn.send((done, list(errors), spent))
