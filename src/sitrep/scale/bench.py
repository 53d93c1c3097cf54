"""`sitrep bench`: the full pipeline against the bare spaCy model, same articles, same process.

Both runs see the same cleaned texts after a shared warm-up, so their ratio
says what sitrep's own stages cost on top of parsing.
"""

from __future__ import annotations

import resource
import time
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest import Ingested, read_bytes
from sitrep.nlp.model import load_model
from sitrep.pipeline import Pipeline
from sitrep.settings import Settings
from sitrep.store import Store

DEFAULT_CORPUS = Path("../shared/data/corpus/news.jsonl")


@dataclass(slots=True)
class BenchResult:
    articles: int
    words: int
    bare_seconds: float
    full_seconds: float
    ingest_seconds: float
    store_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0

    @property
    def ratio(self) -> float:
        """Full-pipeline throughput over bare-model throughput (1.0 = no overhead)."""
        return self.bare_seconds / self.full_seconds if self.full_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(ratio=round(self.ratio, 3),
                   bare_words_per_s=round(self.words / self.bare_seconds, 1),
                   full_words_per_s=round(self.words / self.full_seconds, 1),
                   bare_articles_per_s=round(self.articles / self.bare_seconds, 2),
                   full_articles_per_s=round(self.articles / self.full_seconds, 2))
        return out


def _first_lines(path: Path, n: int) -> tuple[bytes, str]:
    kind = "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else None
    if kind is None:
        return path.read_bytes(), path.suffix.lstrip(".").lower()
    with open(path, "rb") as fh:
        return b"".join(islice(fh, n)), kind


def run_bench(path: Path | None = None, *, n: int = 500, settings: Settings | None = None,
              warmup: int = 20, chunk: int = 50) -> BenchResult:
    """Measure bare spaCy and the full pipeline (ingest + stages) on the first `n` articles."""
    settings = settings or Settings()
    path = path or DEFAULT_CORPUS
    if not path.exists():
        raise InputError("benchmark corpus not found; pass a .jsonl file", source=str(path))
    data, kind = _first_lines(path, n)
    pipeline = Pipeline(settings, on_error=lambda message: None)
    nlp = load_model(settings.model)

    started = time.perf_counter()
    articles = [i.article for i in read_bytes(data, origin=str(path), kind=kind,
                                              settings=settings) if isinstance(i, Ingested)][:n]
    ingest_seconds = time.perf_counter() - started
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:warmup], batch_size=settings.batch_size))

    # Alternate the two runs chunk by chunk, so caches, other load on the
    # machine and the process's growth affect both alike.
    bare = stages = store_seconds = 0.0
    with Store(":memory:") as store:
        for start in range(0, len(articles), chunk):
            part = articles[start : start + chunk]
            started = time.perf_counter()
            for _ in nlp.pipe([a.text for a in part], batch_size=settings.batch_size):
                pass
            bare += time.perf_counter() - started
            started = time.perf_counter()
            done = list(pipeline.pipe(part, workers=1))
            stages += time.perf_counter() - started
            started = time.perf_counter()
            store.add(done)
            store_seconds += time.perf_counter() - started

    return BenchResult(
        articles=len(articles), words=sum(len(t.split()) for t in texts),
        bare_seconds=bare, full_seconds=stages + ingest_seconds, ingest_seconds=ingest_seconds,
        store_seconds=store_seconds,
        stage_seconds={k: round(v, 3) for k, v in pipeline.timings.items()},
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def report(result: BenchResult) -> str:
    """The benchmark as a few readable lines."""
    d = result.to_dict()
    total = result.full_seconds
    shares = ", ".join(f"{k} {v / total:.0%}" for k, v in result.stage_seconds.items())
    return "\n".join([
        f"articles {result.articles}, words {result.words:,}",
        f"bare model     {d['bare_articles_per_s']:8.2f} articles/s {d['bare_words_per_s']:10,.0f}"
        " words/s",
        f"full pipeline  {d['full_articles_per_s']:8.2f} articles/s {d['full_words_per_s']:10,.0f}"
        " words/s",
        f"ratio (full / bare throughput) {result.ratio:.3f}",
        f"time shares of the full pipeline: ingest {result.ingest_seconds / total:.0%}, {shares}",
        f"store writes (in-memory DuckDB, not in the ratio) {result.store_seconds:.2f} s",
        f"peak memory (this process) {result.peak_rss_mb:,.0f} MB",
    ])
