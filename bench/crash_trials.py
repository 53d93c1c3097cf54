"""kill -9 `sitrep extract` at random moments, run it again, and compare the store with
a clean run's: articles, events, clusters and contradictions must be equal.

    python bench/crash_trials.py ../shared/data/corpus/news.jsonl --n 1000 --trials 5

The first N lines of the input are copied to a temporary file. Each trial draws
a number of articles k (uniform in 1..N-1) and a delay d (uniform in 0..3 s),
watches the store (readers may open it while a run writes) until k articles are
stored, waits d more, kills the run with SIGKILL, then runs the same command to
its end.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitrep.store import Store


def command(src: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "sitrep", "extract", str(src), "--db", str(db), "--workers",
            str(workers), "--no-progress", "-o", "/dev/null"]


def digest(db: Path) -> tuple[dict[str, str], dict[str, int]]:
    with Store(db, read_only=True) as store:
        counts = store.counts()
        for table in ("clusters", "contradictions"):
            row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
        return store.digest(), counts


def kill_after(run: subprocess.Popen[bytes], db: Path, k: int, delay: float) -> float:
    """Wait until `db` holds k articles (or the run ends), then `delay` seconds; returns
    the seconds since the start."""
    started = time.perf_counter()
    while run.poll() is None:
        if db.exists():
            try:
                with Store(db, read_only=True, wait=5) as store:
                    if store.counts()["articles"] >= k:
                        break
            except Exception:  # not created yet, or held past 5 s
                pass
        time.sleep(0.2)
    time.sleep(delay)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with open(args.input, encoding="utf-8") as fh:
            src.write_text("".join(line for line, _ in zip(fh, range(args.n), strict=False)))
        started = time.perf_counter()
        subprocess.run(command(src, Path(tmp) / "clean.duckdb", args.workers), check=True,
                       capture_output=True)
        whole = time.perf_counter() - started
        clean, counts = digest(Path(tmp) / "clean.duckdb")
        print(f"clean run: {whole:.0f} s, {counts}", flush=True)
        for trial in range(args.trials):
            db = Path(tmp) / f"t{trial}.duckdb"
            k, delay = rng.randint(1, args.n - 1), rng.uniform(0, 3)
            run = subprocess.Popen(command(src, db, args.workers), stderr=subprocess.DEVNULL)
            at = kill_after(run, db, k, delay)
            landed = run.poll() is None
            run.kill()
            run.wait()
            before = digest(db)[1]["articles"] if db.exists() else 0
            subprocess.run(command(src, db, args.workers), check=True, capture_output=True)
            got, got_counts = digest(db)
            same = got == clean
            print(f"trial {trial}: killed at {at:.0f} s (mid-run: {landed}), {before} articles "
                  f"stored then; after the re-run equal to the clean run: {same}"
                  + ("" if same else f" {got_counts}"), flush=True)


if __name__ == "__main__":
    main()
