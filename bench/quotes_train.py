"""Train the statements stage's learned cue and content models on PolNeAR train.

    .venv/bin/python bench/quotes_train.py [--train ../shared/data/quotes/polnear/train]
        [--parsed /tmp/polnear_train.spacy] [--out src/sitrep/statements/learned.tsv]

Steps:
1. Parse every train article with sitrep's spaCy model (or read the parses saved
   by an earlier run with --parsed: parsing is most of the time).
2. Cue examples: every word `learned.cue_features` may judge (a verb, noun,
   adjective or auxiliary outside quotation marks); positive when it heads a gold
   Cue span. Content examples: each dependant of a gold cue's head; positive when
   at least half of its words' characters lie in the gold Content.
3. Fit a logistic regression for each (full-batch Adam, L2, fixed iterations,
   zero start: the same data gives the same weights). Features seen fewer than
   MIN_COUNT times are dropped.
4. Pick the thresholds (`Weights.threshold`: "cue" for words the lexicon lacks,
   "keep" for lexicon verbs) on a held-out tenth of the articles (every tenth by
   name), fitting on the rest and running the statements stage on the held-out
   ones: the pair with the best content-overlap F1. Then refit on all articles
   and write the weights above PRUNE, rounded to 3 decimals.

Only the train split is read; the dev split is for `sitrep eval quotes`.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

from sitrep.eval.quotes import Tally
from sitrep.eval.quotes_read import GoldDoc, read_polnear
from sitrep.nlp.model import load_model
from sitrep.settings import Settings
from sitrep.statements import extract as extract_module
from sitrep.statements.learned import (
    CUE_POS,
    Weights,
    candidates,
    content_features,
    content_tokens,
    cue_features,
)
from sitrep.statements.lexicon import lexicon
from sitrep.statements.quotes import find_quotes, inside

MIN_COUNT = 3
PRUNE = 0.005
L2 = 1e-5
ITERATIONS = 300
# thresholds tried (see `Weights.threshold`)
CUE_GRID = (0.2, 0.3, 0.4)  # a word the lexicon lacks is a cue from this probability
KEEP_GRID = (0.1, 0.2, 0.3)  # a lexicon verb with no content is kept from this probability
CONTENT_GRID = (0.35, 0.5)  # a dependant of a cue is content from this probability

Example = tuple[list[str], int]


def parse(golds: list[GoldDoc], parsed: Path | None) -> list[Any]:
    """The spaCy Docs of the articles, read from `parsed` when it exists, else parsed
    (and saved there when given)."""
    from spacy.tokens import DocBin

    nlp = load_model(Settings().model)
    if parsed is not None and parsed.is_file():
        return list(DocBin().from_disk(parsed).get_docs(nlp.vocab))
    docs = list(nlp.pipe([g.text for g in golds], batch_size=16))
    if parsed is not None:
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(parsed)
    return docs


def cue_heads(doc: Any, frags: tuple[tuple[int, int], ...]) -> list[Any]:
    """The words of a cue span whose head lies outside it."""
    words = [t for t in doc if any(a <= t.idx < b for a, b in frags)]
    ids = {t.i for t in words}
    return [t for t in words if t.head.i not in ids or t.head.i == t.i]


def examples(gold: GoldDoc, doc: Any, verbs: set[str]) -> tuple[list[Example], list[Example]]:
    text, quotes = gold.text, find_quotes(gold.text)
    heads: dict[int, list[tuple[int, int]]] = {}
    for att in gold.attributions:
        for head in cue_heads(doc, att.cue):
            heads.setdefault(head.i, []).extend(att.content)
    cue_ex = []
    for token in doc:
        if token.pos_ not in CUE_POS or inside(quotes, token.idx, token.idx + len(token)):
            continue
        cue_ex.append((cue_features(token, text, quotes, verbs), int(token.i in heads)))
    content_ex = []
    for i, frags in heads.items():
        cue = doc[i]
        for child in candidates(cue):
            words = content_tokens(child)
            size = sum(len(t) for t in words)
            inside_gold = sum(len(t) for t in words if any(a <= t.idx < b for a, b in frags))
            content_ex.append((content_features(cue, child, quotes),
                               int(size > 0 and inside_gold >= 0.5 * size)))
    return cue_ex, content_ex


def fit(data: list[Example]) -> dict[str, float]:
    counts = Counter(f for feats, _ in data for f in set(feats))
    index = {f: n for n, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    rows, cols = [], []
    for r, (feats, _) in enumerate(data):
        for f in set(feats):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    row, col = np.array(rows), np.array(cols)
    y = np.array([label for _, label in data], dtype=float)
    w, m, v = (np.zeros(len(index)) for _ in range(3))
    for step in range(1, ITERATIONS + 1):
        z = np.bincount(row, weights=w[col], minlength=len(data))
        g = 1 / (1 + np.exp(-np.clip(z, -30, 30))) - y
        grad = np.bincount(col, weights=g[row], minlength=len(index)) / len(data) + L2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.1 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {f: float(w[n]) for f, n in index.items()}


def weights_of(models: dict[str, dict[str, float]], thresholds: dict[str, float]) -> Weights:
    return Weights({name: {f: round(w, 3) for f, w in table.items() if abs(w) >= PRUNE}
                    for name, table in models.items()}, dict(thresholds))


def best_thresholds(models: dict[str, dict[str, float]], held: list[tuple[GoldDoc, Any]]
                    ) -> dict[str, float]:
    """The thresholds with the best content-overlap F1 on held-out articles,
    running the statements stage itself with these weights."""
    lex = lexicon()
    best: tuple[float, dict[str, float]] = (-1.0, {})
    weights = weights_of(models, {})
    with mock.patch.object(extract_module, "cue_model", lambda: weights):  # not the shipped
        for cue_t, keep_t, content_t in itertools.product(CUE_GRID, KEEP_GRID, CONTENT_GRID):
            thresholds = {"cue": cue_t, "keep": keep_t, "content": content_t}
            weights.thresholds.update(thresholds)
            tally = Tally()
            for gold, doc in held:
                tally.add(gold, extract_module.extract(doc, places=[], lex=lex))
            f1 = tally.summary()["content_overlap"]["f1"]
            print(f"  {thresholds}: content overlap F1 {f1:.4f}", flush=True)
            if f1 > best[0]:
                best = (f1, thresholds)
    return best[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, default=Path("../shared/data/quotes/polnear/train"))
    ap.add_argument("--parsed", type=Path, default=None,
                    help="a .spacy file to read the parses from, or to save them to")
    ap.add_argument("--out", type=Path, default=Path("src/sitrep/statements/learned.tsv"))
    args = ap.parse_args()
    began = time.time()
    golds = read_polnear(args.train)
    docs = parse(golds, args.parsed)
    print(f"{len(golds)} articles parsed in {time.time() - began:.0f}s", flush=True)
    verbs = set(lexicon().verbs)
    held = {g.name for n, g in enumerate(sorted(golds, key=lambda g: g.name)) if n % 10 == 9}
    fit_cue, fit_content, all_cue, all_content = [], [], [], []
    for gold, doc in zip(golds, docs, strict=True):
        cue_ex, content_ex = examples(gold, doc, verbs)
        all_cue += cue_ex
        all_content += content_ex
        if gold.name not in held:
            fit_cue += cue_ex
            fit_content += content_ex
    print(f"{len(all_cue)} cue and {len(all_content)} content examples "
          f"({sum(y for _, y in all_cue)} and {sum(y for _, y in all_content)} positive)")
    thresholds = best_thresholds({"cue": fit(fit_cue), "content": fit(fit_content)},
                                 [(g, d) for g, d in zip(golds, docs, strict=True)
                                  if g.name in held])
    models = {"cue": fit(all_cue), "content": fit(all_content)}
    lines = [f"cue\t#{name}\t{t}" for name, t in thresholds.items()]
    for name, weights in models.items():
        lines += [f"{name}\t{f}\t{w:.3f}" for f, w in sorted(weights.items()) if abs(w) >= PRUNE]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"thresholds {thresholds}; {len(lines)} weights, {args.out.stat().st_size} bytes, "
          f"written to {args.out} in {time.time() - began:.0f}s")


if __name__ == "__main__":
    main()
