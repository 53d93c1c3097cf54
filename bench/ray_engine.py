"""Throughput of `sitrep extract` on the local engine and on Ray, 1 and 2 workers.

Each run is the whole command on the same articles into a new store (reading,
model load, pipeline, store, clustering; for Ray also starting a local Ray and
the Parquet partitions), timed from start to exit. Articles per second are given
with the ratio to the local engine with one worker, run by the same script on
the same machine, which is the baseline.

    .venv/bin/python bench/ray_engine.py [--n 300] [FILE]   # default: the shared corpus

Results go to bench/results/ray_engine.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "news.jsonl"
RUNS = [("local", 1), ("local", 2), ("ray", 1), ("ray", 2)]


def run(sample: Path, folder: Path, engine: str, workers: int) -> float:
    name = f"{engine}-{workers}"
    command = [sys.executable, "-m", "sitrep", "extract", str(sample), "--db",
               str(folder / f"{name}.duckdb"), "-o", str(folder / f"{name}.jsonl"),
               "--no-progress", "--engine", engine, "--workers", str(workers)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--n", type=int, default=300, help="articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-ray-bench-") as tmp:
        folder = Path(tmp)
        sample = folder / "sample.jsonl"
        sample.write_text("\n".join(args.file.read_text().splitlines()[:args.n]) + "\n")
        seconds = {f"{e}-{w}": run(sample, folder, e, w) for e, w in RUNS}
        outputs = {k: sorted((folder / f"{k}.jsonl").read_text().splitlines()) for k in seconds}
    base = seconds["local-1"]
    rows = [{"engine": k.split("-")[0], "workers": int(k.split("-")[1]), "seconds": round(s, 1),
             "articles_per_s": round(args.n / s, 2), "ratio_to_local_1": round(base / s, 2),
             "same_records_as_local_1": outputs[k] == outputs["local-1"]}
            for k, s in seconds.items()]
    for r in rows:
        print(f"{r['engine']:>5} x{r['workers']}: {r['seconds']:7.1f} s  "
              f"{r['articles_per_s']:6.2f} articles/s  x{r['ratio_to_local_1']:.2f}  "
              f"same records: {r['same_records_as_local_1']}")
    result = {"articles": args.n, "file": args.file.name, "machine": platform.machine(),
              "cpus": os.cpu_count(), "runs": rows}
    out = Path(__file__).resolve().parent / "results" / "ray_engine.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
