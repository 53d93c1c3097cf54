"""Fit the geo ranker's weights (src/sitrep/geo/rank_weights.yaml) on one dev set
and score them on the others.

The model is a conditional logit: for each recognised gold toponym, a softmax over
its name's gazetteer candidates, where the candidates within 161 km of the gold
point are the right answers. Two passes as in `sitrep.geo.rank`: the first
without the proximity to the other names' choices; the second with it, where the
choices are those of the fitted first pass. Plain numpy, L2-regularised, full-batch
Adam; seconds on LGL.

    python bench/geo_train_ranker.py --train ../shared/data/geo/lgl.xml \\
        ../shared/data/geo/geovirus.xml --check ../shared/data/geo/geowebnews.xml --write

Only the sets given to --check are held out. `--folds K` also reports K-fold
cross-validation on the training set (documents split into K parts, each part
scored by weights fitted on the others), the honest estimate for that set.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).parent))

from geo_dev import _copy, cached_mentions, run

from sitrep.eval.geo import ACCURACY_KM, GeoDoc, haversine_km, match, read_corpus
from sitrep.geo import rank
from sitrep.geo.gazetteer import (
    default_gazetteer,
    normalise,
)
from sitrep.geo.recognize import Mention
from sitrep.geo.resolve import choose, evidence

WEIGHTS = Path(__file__).parents[1] / "src/sitrep/geo/rank_weights.yaml"
L2 = 1e-3
# Evidence that can only speak for a candidate: its weight is kept >= 0, so that
# a quirk of one dev set (LGL's small-town Parises) cannot teach "capitals are
# unlikely" to a system that reads world news.
NON_NEGATIVE = ("capital", "main_name", "country_votes", "country_named", "region_share",
                "admin1_named", "cue", "cluster", "near", "beside", "shares_division_name")


class Example:
    """One article's names, evidence, and the gold point of each recognised name."""

    def __init__(self, doc: GeoDoc, mentions: list[Mention]) -> None:
        self.names, self.ctx = evidence(doc.text, [_copy(m) for m in mentions],
                                        default_gazetteer())
        self.gold: list[tuple[str, float, float]] = []
        for i, j in match(doc.toponyms, mentions):
            g = doc.toponyms[i]
            if g.lat is not None and g.lon is not None:
                self.gold.append((normalise(mentions[j].text), g.lat, g.lon))


def load(path: Path) -> list[Example]:
    docs = read_corpus(path)
    return [Example(d, m) for d, m in zip(docs, cached_mentions(path, docs), strict=True)]


def groups(examples: list[Example], chosen: list[dict[str, Any]] | None = None
           ) -> list[tuple[np.ndarray, np.ndarray]]:
    """(feature rows, right-answer mask) per recognised gold toponym that has both a
    right and a wrong candidate."""
    out = []
    for n, ex in enumerate(examples):
        rows = {k: rank.features(k, c, ex.ctx, chosen[n] if chosen else None)
                for k, c in ex.names.items()}
        for key, lat, lon in ex.gold:
            cands = ex.names.get(key, [])
            right = np.array([haversine_km(lat, lon, e.lat, e.lon) <= ACCURACY_KM
                              for e in cands])
            if right.any() and not right.all():
                out.append((np.array(rows[key]), right))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], steps: int = 1500) -> np.ndarray:
    """Weights maximising the log probability of the right answers, L2-penalised."""
    X = np.concatenate([x for x, _ in data])
    pos = np.concatenate([r for _, r in data])
    starts = np.cumsum([0] + [len(x) for x, _ in data])[:-1]
    group = np.repeat(np.arange(len(data)), [len(x) for x, _ in data])
    w = np.zeros(X.shape[1])
    names = rank.SECOND[:X.shape[1]]
    floor = np.array([0.0 if n in NON_NEGATIVE else -np.inf for n in names])
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        s = X @ w
        s = s - np.maximum.reduceat(s, starts)[group]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[group]
        ep = e * pos
        q = ep / np.add.reduceat(ep, starts)[group]  # posterior over the right answers
        grad = ((p - q) @ X) / len(data) + L2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= 0.05 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        w = np.maximum(w, floor)
    return w


def train(examples: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    w1 = fit(groups(examples))
    chosen = [choose(ex.names, ex.ctx, list(w1)) for ex in examples]
    w2 = fit(groups(examples, chosen))
    return w1, w2


def accuracy(examples: list[Example], w1: np.ndarray, w2: np.ndarray) -> tuple[int, int]:
    """(right, scored) over recognised gold names that have candidates: the ranker's
    share only (no unresolved spans, no stray rule)."""
    right = total = 0
    for ex in examples:
        first = choose(ex.names, ex.ctx, list(w1))
        second = choose(ex.names, ex.ctx, list(w2), None, first)
        for key, lat, lon in ex.gold:
            e = second.get(key)
            total += 1
            right += e is not None and haversine_km(lat, lon, e.lat, e.lon) <= ACCURACY_KM
    return right, total


def write(w1: np.ndarray, w2: np.ndarray, trained_on: str) -> None:
    out = {
        "about": (f"Geo ranker weights (sitrep.geo.rank), fitted by bench/geo_train_ranker.py "
                  f"on {trained_on}, {date.today().isoformat()}. Regenerate, do not edit."),
        "first": {"weights": {n: round(float(x), 4) for n, x in zip(rank.FIRST, w1, strict=True)}},
        "second": {"weights": {n: round(float(x), 4)
                               for n, x in zip(rank.SECOND, w2, strict=True)}},
    }
    WEIGHTS.write_text(yaml.safe_dump(out, sort_keys=False, width=100), encoding="utf-8")
    rank.model.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, nargs="+", required=True)
    parser.add_argument("--check", type=Path, nargs="*", default=[])
    parser.add_argument("--folds", type=int, default=0)
    parser.add_argument("--write", action="store_true", help="write rank_weights.yaml")
    args = parser.parse_args()
    examples = [ex for path in args.train for ex in load(path)]
    trained_on = " + ".join(p.name for p in args.train)
    if args.folds:
        right = total = 0
        for k in range(args.folds):
            w1, w2 = train([ex for i, ex in enumerate(examples) if i % args.folds != k])
            r, t = accuracy([ex for i, ex in enumerate(examples) if i % args.folds == k], w1, w2)
            right, total = right + r, total + t
        print(f"{trained_on}: {args.folds}-fold ranker accuracy {right / total:.3f} "
              f"of {total} recognised names with candidates")
    w1, w2 = train(examples)
    r, t = accuracy(examples, w1, w2)
    print(f"{trained_on}: in-sample ranker accuracy {r / t:.3f} (trained on it)")
    for name, x in zip(rank.SECOND, w2, strict=True):
        print(f"  {name:14} {x:+.3f}")
    if args.write:
        write(w1, w2, trained_on)
        for path in args.check:
            out = run(path)
            rec, res = out["recognition"], out["resolution"]
            role = ("trained on" if path.resolve() in {p.resolve() for p in args.train}
                    else "held out")
            print(f"{path.name} ({role}): P {rec['precision']:.3f} R {rec['recall']:.3f} "
                  f"acc161 {res['acc161']:.3f} median {res['median_km']} km")


if __name__ == "__main__":
    main()
