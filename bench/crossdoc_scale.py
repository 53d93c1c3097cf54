"""How clustering scales: N synthetic event reports made from real extractions.

Real articles (default: the crossdoc set's) run through sitrep; their events are
the templates. Each synthetic report copies a template's kind, words, actors and
weapons, and draws a day (within two years), a place (one of the templates'
places, moved up to 30 km) and an article id of its own; a fifth of them repeat
an earlier synthetic report's day and place, as other reports of one happening.
Clustering runs on N = 1,000, 10,000 and 100,000 of them (the time per report
should stay flat: blocking keeps it near-linear), with the peak memory.

    python bench/crossdoc_scale.py                     # up to 100,000
    python bench/crossdoc_scale.py --n 1000 10000
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sitrep.crossdoc.cluster import cluster_events
from sitrep.crossdoc.refs import EventRef, event_ref
from sitrep.ingest.sources import Ingested, read_paths
from sitrep.pipeline import Pipeline

DATA = Path(__file__).parents[1] / "tests/crossdoc/data/articles"


def templates(folder: Path) -> list[EventRef]:
    items = [i.article for i in read_paths([str(folder)]) if isinstance(i, Ingested)]
    return [event_ref(a, e) for a in Pipeline().pipe(items) for e in a.events
            if e.location is not None and e.location.lat is not None]


def synthetic(base: list[EventRef], n: int, seed: int = 7) -> list[EventRef]:
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    out: list[EventRef] = []
    for k in range(n):
        if out and rng.random() < 0.2:
            other = rng.choice(out[-2000:])  # another report of a recent happening
            day, lat, lon, place = other.day, other.lat, other.lon, other.place
            template = next(t for t in base if t.type == other.type)
        else:
            template = rng.choice(base)
            spot = rng.choice(base)
            day = start + timedelta(days=rng.randrange(730))
            lat = (spot.lat or 0.0) + rng.uniform(-0.27, 0.27)
            lon = (spot.lon or 0.0) + rng.uniform(-0.27, 0.27)
            place = f"{spot.place}-{rng.randrange(50)}"
        out.append(replace(template, article_id=f"s{k}", event_id="e1", day=day, published=day,
                           lat=lat, lon=lon, place=place))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--articles", type=Path, default=DATA)
    args = parser.parse_args()
    base = templates(args.articles)
    print(f"{len(base)} templates from {args.articles}")
    for n in args.n:
        refs = synthetic(base, n)
        started = time.perf_counter()
        clusters = cluster_events(refs)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"N {n:>7,}: {seconds:6.1f} s ({seconds / n * 1e6:5.0f} us per report), "
              f"{len(clusters.all()):,} clusters, peak memory of the process {peak:,.0f} MB")


if __name__ == "__main__":
    main()
