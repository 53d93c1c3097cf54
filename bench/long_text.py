"""Time and peak memory of one very long text through `sitrep extract`.

The text is made of real articles (the shared corpus when it is there, else the
bundled examples, repeated) joined into one line with no paragraph breaks, the
worst case for splitting. Each size runs in a fresh `sitrep extract --no-db`
process; the peak resident memory is the largest of that process and its
workers (getrusage of the children).

    python bench/long_text.py --chars 1000000 5000000
    python bench/long_text.py --chars 500000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).parents[1].parent / "shared/data/corpus/news.jsonl"
EXAMPLES = Path(__file__).parents[1] / "src/sitrep/examples"


def source_texts() -> list[str]:
    if CORPUS.exists():
        with open(CORPUS, encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line, _ in zip(fh, range(3000), strict=False)]
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def one_line(chars: int, texts: list[str]) -> str:
    out: list[str] = []
    size = 0
    while size < chars:
        for text in texts:
            piece = " ".join(text.split())
            out.append(piece)
            size += len(piece) + 1
            if size >= chars:
                break
    return " ".join(out)[:chars]


def run(chars: int, workers: int, texts: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text("date 2024-01-01 A long text\n" + one_line(chars, texts), encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "sitrep", "extract", str(path), "--no-db",
                               "--workers", str(workers), "-o", str(Path(tmp) / "out.jsonl")],
                              capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        lines = (Path(tmp) / "out.jsonl").read_text().count("\n") if done.returncode < 2 else 0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tail = done.stderr.strip().splitlines()[-1:] or [""]
    return {"chars": chars, "seconds": round(seconds, 1), "peak_mb": round(peak_mb),
            "articles": lines, "exit": done.returncode, "summary": tail[0]}  # type: ignore[dict-item]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    texts = source_texts()
    for chars in args.chars:
        # getrusage of children is the peak over all children so far: one size per process
        result = subprocess.run([sys.executable, __file__, "--one", str(chars), str(args.workers)],
                                capture_output=True, text=True, check=True)
        print(result.stdout.strip(), flush=True)
    del texts


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run(int(sys.argv[2]), int(sys.argv[3]), source_texts())))
    else:
        main()
