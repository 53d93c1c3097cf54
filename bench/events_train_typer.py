"""Fit the events typer (src/sitrep/events/typer_weights.tsv) on one half of the
CASE-2021 dev snippets and score it on the other half.

Each snippet runs through sitrep's pipeline with the rules alone; the features of
its main event (sitrep.events.typer.typing_features) and the gold label, turned
into sitrep's type, make one example. The model is a multinomial logistic
regression, L2-regularised, fitted by full-batch Adam in plain numpy (seconds).

    python bench/events_train_typer.py ../shared/data/events/case2021-acled-subtypes.dev.tsv
    python bench/events_train_typer.py ... --write     # ship the weights fitted on half A

The halves: `sitrep.events.typer.held_out(id)` (a hash of the snippet id) puts a
snippet in half B, the held-out half; `sitrep eval events` reports that half apart.
Also reported: 5-fold cross-validation over both halves, the estimate for a model
fitted on more data.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from sitrep.events.evaluate import main_event
from sitrep.events.evaluate_read import CaseSnippet, load_case_labels, read_case
from sitrep.events.lexicon import event_lexicon
from sitrep.events.stage import extract_events
from sitrep.events.typer import (
    THRESHOLD,
    THRESHOLD_NAMED,
    LinearTyper,
    held_out,
    refine,
    write_weights,
)
from sitrep.pipeline import build_stages
from sitrep.records import Article
from sitrep.settings import Settings
from sitrep.stage import Work

WEIGHTS = Path(__file__).parents[1] / "src/sitrep/events/typer_weights.tsv"
# CASE's kinds that ACLED does not code, as sitrep's types; ATTRIB (a claim of
# responsibility) is left out: its snippets tell of real attacks
NON_ACLED = {"NATURAL_DISASTER": "natural_disaster", "MAN_MADE_DISASTER": "accident",
             "ORG_CRIME": "crime", "DIPLO": "diplomacy"}
# where one ACLED sub-event type is two of sitrep's types, the model learns the first
PREFERRED = ("air_strike", "weapons_seizure")
L2 = 1e-2


class Recorder:
    """A typer that agrees with the rules and keeps what it was shown."""

    def __init__(self) -> None:
        self.seen: list[tuple[list[str], str, bool]] = []

    def __call__(self, features: list[str], rule_type: str, specific: bool) -> str | None:
        self.seen.append((features, rule_type, specific))
        return None


def gold_type(code: str) -> str | None:
    if code in NON_ACLED:
        return NON_ACLED[code]
    acled = load_case_labels().get(code)
    if acled is None:
        return None
    names = [n for n, t in event_lexicon().types.items()
             if t.acled == (acled.event_type, acled.sub_event_type)]
    return next((n for n in PREFERRED if n in names), names[0] if names else None)


def examples(snippets: Sequence[CaseSnippet]) -> list[tuple[CaseSnippet, list[str], str, bool]]:
    """(snippet, features, rule type, rule named it) of each snippet's main event."""
    stages = build_stages(Settings())[:-1]
    works = [Work(Article(id=s.id, text=s.text)) for s in snippets]
    for stage in stages:
        for work in works:
            stage(work)
    lex, out = event_lexicon(), []
    for snippet, work in zip(snippets, works, strict=True):
        recorder = Recorder()
        assert work.doc is not None
        events = extract_events(work.doc, work.article, lex, typer=recorder)
        main = main_event(events)
        if main is not None:
            features, rule_type, specific = recorder.seen[events.index(main)]
            out.append((snippet, features, rule_type, specific))
    return out


def fit(rows: list[tuple[list[str], str]], classes: list[str], *, steps: int = 300) -> LinearTyper:
    index = {f: i for i, f in enumerate(sorted({f for feats, _ in rows for f in feats}))}
    x = np.zeros((len(rows), len(index)))
    for r, (feats, _) in enumerate(rows):
        x[r, [index[f] for f in feats]] = 1.0
    y = np.array([classes.index(label) for _, label in rows])
    w, b = np.zeros((len(index), len(classes))), np.zeros(len(classes))
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, steps + 1):
        scores = x @ w + b
        p = np.exp(scores - scores.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(len(y)), y] -= 1.0
        grads = [x.T @ p / len(y) + L2 * w, p.mean(axis=0)]
        for k, (param, grad) in enumerate(zip((w, b), grads, strict=True)):
            m[k] = 0.9 * m[k] + 0.1 * grad
            v[k] = 0.999 * v[k] + 0.001 * grad ** 2
            param -= 0.05 * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
    return LinearTyper(tuple(classes), index, w, b)


def decide(typer: LinearTyper | None, features: list[str], rule_type: str, specific: bool) -> str:
    if typer is None:
        return rule_type
    return typer(features, rule_type, specific) or rule_type


def weighted_f1(pairs: list[tuple[str, str | None]]) -> float:
    """Weighted F1 over the ACLED types present in the gold (CASE's measure); types are
    compared by their ACLED sub-event type."""
    lex = event_lexicon()

    def acled(kind: str | None) -> str:
        codes = lex.types[kind].acled if kind in lex.types else None
        return codes[1] if codes else "-"

    gold = [acled(g) for g, _ in pairs]
    pred = [acled(p) for _, p in pairs]
    total, score = 0, 0.0
    for label in {g for g in gold if g != "-"}:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        support = tp + fn
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        score, total = score + f1 * support, total + support
    return score / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("case", type=Path)
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS.name}")
    args = parser.parse_args()
    snippets = [s for s in read_case(args.case) if s.label != "ATTRIB"]
    found = examples(snippets)
    labelled = [(s, f, r, spec, g) for s, f, r, spec in found if (g := gold_type(s.label))]
    classes = sorted({g for *_, g in labelled})
    half_a = [x for x in labelled if not held_out(x[0].id)]
    half_b = [x for x in labelled if held_out(x[0].id)]
    typer = fit([(f, g) for _, f, _, _, g in half_a], classes)
    for name, part in (("half A (fitted)", half_a), ("half B (held out)", half_b)):
        rules = weighted_f1([(g, r) for _, _, r, _, g in part])
        both = weighted_f1([(g, decide(typer, f, r, spec)) for _, f, r, spec, g in part])
        print(f"{name}: {len(part)} snippets with an event; weighted F1 (main events only) "
              f"rules {rules:.3f}, rules + model {both:.3f}")
    folds = [[x for n, x in enumerate(labelled) if n % 5 == k] for k in range(5)]
    pairs = []
    for k, fold in enumerate(folds):
        rest = [x for j, f in enumerate(folds) if j != k for x in f]
        model = fit([(f, g) for _, f, _, _, g in rest], classes)
        pairs += [(g, decide(model, f, r, spec)) for _, f, r, spec, g in fold]
    print(f"5-fold cross-validation over both halves: weighted F1 {weighted_f1(pairs):.3f} "
          f"(thresholds {THRESHOLD} / {THRESHOLD_NAMED}; {refine.__name__} applied)")
    if args.write:
        header = (f"sitrep events typer: fitted by bench/events_train_typer.py on half A of "
                  f"{args.case.name} ({len(half_a)} snippets); classes are sitrep types.")
        WEIGHTS.write_text(write_weights(typer, header), encoding="utf-8")
        print(f"wrote {WEIGHTS} ({WEIGHTS.stat().st_size // 1024} KB)", file=sys.stderr)


if __name__ == "__main__":
    main()
