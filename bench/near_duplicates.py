"""Copies of one story in a large cluster: every pair compared, against MinHash buckets.

Real articles of the corpus are the stories; a quarter of the texts are copies of
an earlier one, as wire re-publications are: a sentence dropped and a word changed
(light), or a third of the sentences dropped and three words changed (heavy). The
texts are then given to `sitrep.crossdoc.sources.families` the exact way (every
earlier story compared) and the hashed way (MinHash candidates only), in the same
process; the script prints both times, their ratio, and how many articles got the
same family both ways and how many of the planted copies each found.

    python bench/near_duplicates.py                  # N = 500, 2,000 and 5,000
    python bench/near_duplicates.py --n 1000 --file ../shared/data/corpus/news.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

from sitrep.crossdoc import sources

CORPUS = Path(__file__).parents[2] / "shared/data/corpus/news.jsonl"


def stories(path: Path, limit: int) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = str(json.loads(line).get("text") or "")
            if len(text.split()) >= 80:
                out.append(text)
            if len(out) >= limit:
                break
    return out


def copy_of(text: str, rng: random.Random, *, heavy: bool) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    drop = max(1, len(sentences) // 3) if heavy else 1
    for _ in range(min(drop, len(sentences) - 1)):
        sentences.pop(rng.randrange(len(sentences)))
    words = " ".join(sentences).split(" ")
    for _ in range(3 if heavy else 1):
        words[rng.randrange(len(words))] = "reportedly"
    return " ".join(words)


def texts_for(n: int, pool: list[str], rng: random.Random) -> tuple[dict[str, str], dict[str, str]]:
    """N texts (ids in order) and, for each planted copy, the story it copies."""
    texts: dict[str, str] = {}
    planted: dict[str, str] = {}
    originals: list[str] = []
    for i in range(n):
        key = f"a{i:06d}"
        if originals and rng.random() < 0.25:
            source = rng.choice(originals)
            texts[key] = copy_of(texts[source], rng, heavy=rng.random() < 0.5)
            planted[key] = source
        else:
            texts[key] = pool[len(originals) % len(pool)]
            originals.append(key)
    return texts, planted


def run(n: int, pool: list[str]) -> dict[str, float]:
    texts, planted = texts_for(n, pool, random.Random(n))
    started = time.perf_counter()
    exact = sources._families_exact(texts)  # the exact way, whatever the size
    exact_s = time.perf_counter() - started
    started = time.perf_counter()
    hashed = sources._families_hashed(texts)
    hashed_s = time.perf_counter() - started
    return {"n": n, "copies": len(planted), "exact_s": round(exact_s, 3),
            "hashed_s": round(hashed_s, 3), "speed-up": round(exact_s / hashed_s, 2),
            "same_family": round(sum(exact[k] == hashed[k] for k in texts) / n, 4),
            "copies_found_exact": sum(exact[k] != k for k in planted),
            "copies_found_hashed": sum(hashed[k] != k for k in planted)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--file", type=Path, default=CORPUS)
    args = parser.parse_args()
    pool = stories(args.file, max(args.n))
    for n in args.n:
        print(json.dumps(run(n, pool)))


if __name__ == "__main__":
    main()
