"""The extract job: inputs -> clean articles -> stages -> store -> output.

Articles already in the store are not parsed again: their stored records are
written out as they are, so re-running the same input is cheap and adds
nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from sitrep.export import Writer
from sitrep.ingest import Ingested, Notice, read_paths
from sitrep.pipeline import Pipeline
from sitrep.records import Article
from sitrep.scale.progress import Progress
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.clusters import clusters_of, ledger, link, unlinked


@dataclass(slots=True)
class Report:
    """What a run did, for the summary line and the exit status."""

    read: int = 0
    added: int = 0
    from_store: int = 0
    duplicates: int = 0
    skipped: int = 0
    warnings: int = 0
    failed: int = 0

    @property
    def clean(self) -> bool:
        """True when every input went in (exit status 0)."""
        return self.skipped == 0 and self.failed == 0

    def summary(self) -> str:
        return (f"{self.read} articles read: {self.added} new, {self.from_store} already "
                f"stored, {self.duplicates} duplicate; {self.skipped} inputs skipped, "
                f"{self.failed} failed, {self.warnings} warnings")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


class Engine(Protocol):
    """What runs the stages over the fresh articles: `Pipeline` here, `RayPipeline` on
    Ray. `pipe` yields the processed articles in input order."""

    settings: Settings

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]: ...


EngineMaker = Callable[[Settings, Callable[[str], None]], Engine]


def local_engine(settings: Settings, on_error: Callable[[str], None]) -> Engine:
    return Pipeline(settings, on_error=on_error)


def extract_paths(paths: Iterable[str], *, settings: Settings, writer: Writer | None = None,
                  published: str | None = None, db: str | None = None, refresh: bool = False,
                  on_notice: Callable[[str], None] = _stderr,
                  progress: Progress | None = None, engine: EngineMaker = local_engine
                  ) -> Report:
    """Run the whole job over `paths`; returns what happened.

    `db` None keeps nothing; `refresh` re-extracts articles already stored; `engine`
    makes what runs the stages (default: this machine's processes).
    """
    return extract_items(read_paths(paths, published=published, settings=settings),
                         settings=settings, writer=writer, db=db, refresh=refresh,
                         on_notice=on_notice, progress=progress, engine=engine)


def extract_items(items: Iterable[Ingested | Notice], *, settings: Settings,
                  writer: Writer | None = None, db: str | None = None, refresh: bool = False,
                  on_notice: Callable[[str], None] = _stderr,
                  progress: Progress | None = None, engine: EngineMaker = local_engine
                  ) -> Report:
    """`extract_paths` over articles already read (a feed, a batch of lines)."""
    report = Report()

    def notice(message: str) -> None:
        report.failed += 1
        on_notice(message)

    pipeline = engine(settings, notice)
    store = Store(db) if db else None
    if store is not None:
        relink(store, on_notice)
    # clusters live in a store; without one, in a store in memory for this run
    links = Linker(store if store is not None else Store(":memory:"), own=store is None)
    try:
        emitted = _stored_or_fresh(_unique(items, report, on_notice), store, refresh, report)
        for item in _process(pipeline, emitted, store, refresh, report, links, progress):
            links.seen.append(item.id)
            if writer is not None:
                writer.write(item)
        if writer is not None and hasattr(writer, "add_clusters"):
            writer.add_clusters(*links.records())
    finally:
        links.close()
        if store is not None:
            store.close()
    return report


def relink(store: Store, on_notice: Callable[[str], None]) -> int:
    """Cluster stored events that no cluster holds (left so by a run of an older sitrep
    that stopped between storing a batch and clustering it); returns how many articles."""
    ids = unlinked(store)
    for start in range(0, len(ids), 64):
        chunk = store.get(ids[start:start + 64])
        with store.transaction():
            link(store, [chunk[i] for i in ids[start:start + 64] if i in chunk])
    if ids:
        on_notice(f"{store.path}: the events of {len(ids)} stored articles were in no cluster "
                  f"(a run stopped before clustering them); clustered now")
    store.release()
    return len(ids)


class Linker:
    """Clusters the events of each stored batch with those stored before."""

    def __init__(self, store: Store, *, own: bool) -> None:
        self.store, self.own = store, own
        self.seen: list[str] = []  # articles written out in this run

    def __call__(self, batch: list[Article]) -> None:
        if self.own:
            self.store.add(batch)
        link(self.store, batch)

    def records(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The clusters of the articles of this run, and their contradictions."""
        found: list[dict[str, Any]] = []
        disputes: list[dict[str, Any]] = []
        for cluster_id in clusters_of(self.store, self.seen):
            record, contradictions = ledger(self.store, cluster_id)
            if record is not None:
                found.append(record)
                disputes.extend(contradictions)
        return found, disputes

    def close(self) -> None:
        if self.own:
            self.store.close()


def _unique(items: Iterable[Ingested | Notice], report: Report,
            on_notice: Callable[[str], None]) -> Iterator[Article]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Notice):
            report.skipped += item.skipped
            report.warnings += not item.skipped
            on_notice(item.message)
            continue
        report.read += 1
        if item.article.id in seen:
            report.duplicates += 1
            continue
        seen.add(item.article.id)
        yield item.article


def _stored_or_fresh(articles: Iterable[Article], store: Store | None, refresh: bool,
                     report: Report) -> Iterator[tuple[bool, Article]]:
    """(True, stored record) for articles the store has, (False, article) for the rest."""
    it = iter(articles)
    while chunk := list(islice(it, 256)):
        known = store.get(a.id for a in chunk) if store is not None and not refresh else {}
        if store is not None:
            store.release()
        for article in chunk:
            if article.id in known:
                report.from_store += 1
                yield True, known[article.id]
            else:
                yield False, article


def _process(pipeline: Engine, items: Iterable[tuple[bool, Article]], store: Store | None,
             refresh: bool, report: Report, links: Linker,
             progress: Progress | None) -> Iterator[Article]:
    stored: list[Article] = []
    advance = progress.advance if progress is not None else (lambda n=1: None)

    def fresh() -> Iterator[Article]:
        for is_stored, article in items:
            if is_stored:
                stored.append(article)
                advance()
            else:
                yield article

    batch: list[Article] = []
    for article in pipeline.pipe(fresh()):
        advance()  # as it leaves the pipeline: the store batch would make the bar jump
        batch.append(article)
        if len(batch) >= pipeline.settings.store_batch:
            yield from _flush(batch, store, refresh, report, links)
            batch = []
        yield from _drain(stored)
    yield from _flush(batch, store, refresh, report, links)
    yield from _drain(stored)


def _flush(batch: list[Article], store: Store | None, refresh: bool,
           report: Report, links: Linker) -> list[Article]:
    # Storing a batch and clustering its events is one transaction: a crash loses at
    # most this batch, and never leaves stored events out of the clusters.
    if not batch:
        return batch
    if store is None:
        report.added += len(batch)
        links(batch)
        return batch
    with store.transaction():
        added = store.add(batch, replace=refresh)
        links(batch)
    report.added += added
    store.release()  # readers may open the store until the next batch
    return batch


def _drain(stored: list[Article]) -> list[Article]:
    out = list(stored)
    stored.clear()
    return out
