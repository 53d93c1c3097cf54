"""CASE 2021 task 2 scores: a snippet's main ACLED sub-event type against the gold.

Labels are the CASE codes of the 25 ACLED sub-event types (case2021.yaml); the
snippets of the other kinds (disasters, crime, diplomacy, attribution) have
the gold "no ACLED event", written `NONE`. A prediction is the ACLED code of
the snippet's main event, or None (`NONE`) when it has none; an ACLED code
outside the codebook's 25 is written "?event type/sub-event type" and is
always wrong. How each measure counts `NONE`:

- accuracy: over all snippets; gold `NONE` and prediction `NONE` is right.
- per label (each of the 25): TP gold = pred = label; FP pred = label, gold
  anything else (`NONE` too); FN gold = label, pred anything else (`NONE` too).
  So `NONE` is a class of its own that is never averaged in.
- weighted F1: the labels' F1 weighted by their gold count, over the labels
  present in the gold (the shared task's official measure; sklearn's
  `f1_score(average="weighted", labels=<the 25>)` gives the same).
- macro F1: the unweighted mean F1 over the ACLED labels present in the gold
  or the predictions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from sitrep.eval.events_read import CaseSnippet, load_case_labels
from sitrep.records import AcledCode

Classify = Callable[[str], AcledCode | None]
"""`classify(snippet)`: the snippet's main ACLED code, None for no ACLED event."""

NONE = "NONE"
CONFUSIONS = 10
"""How many of the commonest (gold, predicted) errors the scores list."""
SNIPPET_CHARS = 120


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall, F1 (0 when undefined), the gold count (`support`) and
    the predicted count.

    >>> prf(1, 1, 0)
    {'precision': 0.5, 'recall': 1.0, 'f1': 0.6667, 'support': 1, 'predicted': 2}
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(tp, fp, fn), 4),
            "support": tp + fn, "predicted": tp + fp}


def _f1(tp: int, fp: int, fn: int) -> float:
    """Unrounded F1, 2TP / (2TP + FP + FN); 0 when nothing was predicted or gold."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score_case(snippets: Sequence[CaseSnippet], classify: Classify, *,
               labels: dict[str, AcledCode | None] | None = None,
               errors: int = 0) -> dict[str, Any]:
    """Accuracy, weighted and macro F1, per-label P/R/F1 and the commonest
    confusions of `classify` over `snippets`; `errors` > 0 lists that many
    misclassified snippets.

    >>> s = [CaseSnippet("1", "Jets bombed the town.", "AIR_STRIKE"),
    ...      CaseSnippet("2", "A quake hit.", "NATURAL_DISASTER")]
    >>> score_case(s, lambda text: None)["accuracy"]
    0.5
    """
    table = load_case_labels() if labels is None else labels
    code_of = {c.event_type + "/" + c.sub_event_type: k for k, c in table.items() if c}
    gold = [snippet.label if table[snippet.label] else NONE for snippet in snippets]
    pred = [_label(classify(snippet.text), code_of) for snippet in snippets]
    acled = [k for k, c in table.items() if c]
    return {
        "snippets": len(snippets),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4)
        if gold else 0.0,
        **_averages(gold, pred, acled),
        "no_event": {"gold": gold.count(NONE), "predicted": pred.count(NONE),
                     "both": sum(g == p == NONE for g, p in zip(gold, pred, strict=True))},
        "outside_codebook": dict(Counter(p for p in pred if p.startswith("?"))),
        "confusions": [{"gold": g, "predicted": p, "count": n} for (g, p), n in Counter(
            (g, p) for g, p in zip(gold, pred, strict=True) if g != p).most_common(CONFUSIONS)],
        "errors": _errors(snippets, gold, pred, errors),
    }


def _label(code: AcledCode | None, code_of: dict[str, str]) -> str:
    if code is None:
        return NONE
    key = code.event_type + "/" + code.sub_event_type
    return code_of.get(key, "?" + key)


def _averages(gold: list[str], pred: list[str], acled: list[str]) -> dict[str, Any]:
    """Weighted and macro F1 and the per-label table, as the module docstring defines."""
    counts = {}  # label -> (tp, fp, fn)
    for label in acled:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        counts[label] = (tp, pred.count(label) - tp, gold.count(label) - tp)
    # Averages from unrounded F1s; support = tp + fn, predicted = tp + fp.
    in_gold = [(_f1(*c), c[0] + c[2]) for c in counts.values() if c[0] + c[2]]
    seen = [_f1(*c) for c in counts.values() if c[0] + c[1] + c[2]]
    support = sum(n for _, n in in_gold)
    return {
        "weighted_f1": round(sum(f * n for f, n in in_gold) / support, 4) if support else 0.0,
        "macro_f1": round(sum(seen) / len(seen), 4) if seen else 0.0,
        "labels": {label: prf(*c) for label, c in counts.items()},
    }


def _errors(snippets: Sequence[CaseSnippet], gold: list[str], pred: list[str],
            limit: int) -> list[dict[str, str]]:
    """The first `limit` misclassified snippets, their text cut short."""
    wrong = [(s, g, p) for s, g, p in zip(snippets, gold, pred, strict=True) if g != p]
    return [{"id": s.id, "gold": g, "predicted": p, "text": shorten(s.text)}
            for s, g, p in wrong[:limit]]


def shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    """One line of at most `limit` characters.

    >>> shorten("a  b\\nc", 4)
    'a b…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"
