"""The Ray engine (`sitrep extract --engine ray`): the same pipeline on Ray Data.

The fresh articles of a run become a Ray dataset; `map_batches` runs them through
`Pipeline.process` in a pool of actors, each of which loads the model once. The
processed records are written as Parquet partitions, one dataset per record kind
(`articles/` holds each article's whole record as JSON with its place in the
input; `times/`, `places/`, `statements/`, `events/` one row per record, keyed by
article), and then read back in input order into the same store, clustering and
output as the local engine: the records come out the same, byte for byte.

With no address a local Ray is started with `workers` CPUs (and stopped at the
end); with `address` ("auto", or HOST:PORT) the run joins that cluster and the
pool grows to `workers` actors there. Ray is an optional extra:
`pip install 'sitrep[ray]'` (requirements/ray-lock.txt).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.records import Article, from_dict, to_dict
from sitrep.settings import Settings

KINDS = ("times", "places", "statements", "events")


class PipelineActor:
    """A Ray actor: one `Pipeline`, loaded once, over the batches it is given."""

    def __init__(self, settings: Settings) -> None:
        from sitrep.pipeline import Pipeline

        self.errors: list[str] = []
        self.pipeline = Pipeline(settings, on_error=self.errors.append)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        articles = [from_dict(Article, json.loads(text)) for text in batch["article"]]
        self.errors.clear()
        done = {a.id: a for a in self.pipeline.process(articles)}
        records = [json.dumps(to_dict(done[a.id]), ensure_ascii=False) if a.id in done else ""
                   for a in articles]
        # the batch's error messages ride on its first row
        errors = [json.dumps(self.errors if i == 0 else []) for i in range(len(articles))]
        return {"order": [int(n) for n in batch["order"]], "id": [a.id for a in articles],
                "record": records, "errors": errors}


def _rows_of(kind: str) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    def rows(row: dict[str, Any]) -> list[dict[str, Any]]:
        if not row["record"]:
            return []
        items = json.loads(row["record"])[kind]
        return [{"article_id": row["id"], "n": n, "record": json.dumps(item, ensure_ascii=False)}
                for n, item in enumerate(items)]
    return rows


class RayPipeline:
    """What `Pipeline.pipe` is to the local engine, on Ray: `pipe(articles)` yields the
    processed articles in input order. `parts` keeps the Parquet partitions there
    (default: a temporary folder, removed after)."""

    def __init__(self, settings: Settings, *, on_error: Callable[[str], None],
                 address: str | None = None, parts: Path | None = None) -> None:
        try:
            import ray
            import ray.data  # noqa: F401
        except ImportError as exc:
            raise ConfigError("--engine ray needs Ray: pip install 'sitrep[ray]' "
                              "(pinned in requirements/ray-lock.txt)") from exc
        self.settings, self.on_error = settings, on_error
        self.address, self.parts = address, parts

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        fresh = list(articles)
        if not fresh:
            return
        import ray

        started = not ray.is_initialized()
        if started:
            ray.init(address=self.address, num_cpus=None if self.address else
                     self.settings.workers, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.ERROR, configure_logging=False)
        folder = self.parts or Path(tempfile.mkdtemp(prefix="sitrep-ray-"))
        try:
            self._write(fresh, folder)
            yield from self._read(folder)
        finally:
            if self.parts is None:
                shutil.rmtree(folder, ignore_errors=True)
            if started:
                ray.shutdown()

    def _write(self, fresh: list[Article], folder: Path) -> None:
        import ray.data

        for name in ("ray", "ray.data"):  # its INFO lines would drown the run's notices
            logging.getLogger(name).setLevel(logging.ERROR)
        ray.data.DataContext.get_current().enable_progress_bars = False
        size = self.settings.batch_size
        items = [{"order": i, "article": json.dumps(to_dict(a), ensure_ascii=False)}
                 for i, a in enumerate(fresh)]
        done = ray.data.from_items(items, override_num_blocks=max(1, -(-len(items) // size)))
        done = done.map_batches(
            PipelineActor, fn_constructor_kwargs={"settings": self.settings.with_(workers=1)},
            batch_size=size, batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=self.settings.workers),
        ).materialize()
        done.write_parquet(str(folder / "articles"))
        for kind in KINDS:
            done.flat_map(_rows_of(kind)).write_parquet(str(folder / kind))

    def _read(self, folder: Path) -> Iterator[Article]:
        """The articles partition, in input order, a chunk at a time."""
        import duckdb

        con = duckdb.connect(":memory:")
        try:
            pattern = str(folder / "articles" / "*.parquet").replace("'", "''")
            cur = con.execute(f"SELECT record, errors FROM read_parquet('{pattern}') "
                              f"ORDER BY \"order\"")
            while rows := cur.fetchmany(256):
                for record, errors in rows:
                    for message in json.loads(errors):
                        self.on_error(message)
                    if record:
                        yield from_dict(Article, json.loads(record))
        finally:
            con.close()
