"""A learned second opinion on an event's type, beside the rules of types.yaml.

A multinomial logistic regression over the words of the event's sentences and
what the rules found (their type, the trigger families, the weapon categories).
Its weights (typer_weights.tsv) are fitted by bench/events_train_typer.py on one
half of the CASE-2021 dev snippets; the other half stays held out. It overrides
the rules only when it is sure (its probability at least `THRESHOLD`, higher
against a type a rule named).

No weights ship today: fitted on half A (235 snippets), the model does not beat
the rules on the held-out half B (weighted F1 0.725 against 0.730; 5-fold
cross-validation 0.691), so the stage runs on the rules alone until it does.

>>> typer = learned_typer()
>>> typer is None or isinstance(typer.classes, tuple)
True
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from sitrep.events.assemble import Happening

WEIGHTS = "typer_weights.tsv"
THRESHOLD = 0.5  # against a family's default type
THRESHOLD_NAMED = 0.75  # against a type a rule named
CONTENT = ("NOUN", "VERB", "ADJ", "PROPN")


def typing_features(happening: Happening, rule_type: str, specific: bool) -> list[str]:
    """What the model reads of an event: its first sentences' content words, and the
    rules' findings."""
    feats = [f"r:{rule_type}", f"s:{int(specific)}"]
    for draft in happening.drafts[:2]:
        feats.extend(f"f:{family}" for family in draft.families)
        feats.extend(f"wc:{category}" for _, category in draft.weapons)
        feats.extend(f"w:{t.lemma_.lower()}" for t in draft.sent
                     if t.pos_ in CONTENT and t.is_alpha and not t.is_stop and len(t) > 2)
    return sorted(set(feats))


@dataclass(frozen=True)
class LinearTyper:
    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # features x classes
    bias: np.ndarray

    def probabilities(self, features: Iterable[str]) -> np.ndarray:
        rows = [self.index[f] for f in features if f in self.index]
        scores = self.bias + self.weights[rows].sum(axis=0)
        scores = np.exp(scores - scores.max())
        return np.asarray(scores / scores.sum())

    def __call__(self, features: list[str], rule_type: str, specific: bool) -> str | None:
        """The type to use instead of the rules', or None to keep theirs."""
        probs = self.probabilities(features)
        best = int(probs.argmax())
        choice = refine(self.classes[best], features)
        if choice == rule_type or probs[best] < (THRESHOLD_NAMED if specific else THRESHOLD):
            return None
        return choice


def refine(kind: str, features: list[str]) -> str:
    """The model's classes merge types the rules tell apart by weapon or trigger."""
    if kind == "air_strike" and "wc:drone" in features:
        return "drone_strike"
    if kind == "weapons_seizure" and "f:shootdown" in features:
        return "interception"
    return kind


def read_weights(text: str) -> LinearTyper:
    """The TSV: a header `feature` + class names, a `(bias)` row, one row per feature."""
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    classes = tuple(lines[0][1:])
    bias = np.array([float(x) for x in lines[1][1:]])
    rows = lines[2:]
    weights = np.array([[float(x) for x in row[1:]] for row in rows]).reshape(len(rows),
                                                                             len(classes))
    return LinearTyper(classes, {row[0]: i for i, row in enumerate(rows)}, weights, bias)


def write_weights(typer: LinearTyper, header: str) -> str:
    out = [f"# {line}" for line in header.splitlines()]
    out.append("\t".join(["feature", *typer.classes]))
    out.append("\t".join(["(bias)", *(f"{x:.4f}" for x in typer.bias)]))
    for feature, i in sorted(typer.index.items(), key=lambda kv: kv[1]):
        row = typer.weights[i]
        if np.abs(row).max() >= 1e-3:
            out.append("\t".join([feature, *(f"{x:.4f}" for x in row)]))
    return "\n".join(out) + "\n"


@cache
def learned_typer() -> LinearTyper | None:
    """The shipped model, or None when no weights ship with this copy."""
    source = resources.files(__package__).joinpath(WEIGHTS)
    if not source.is_file():
        return None
    return read_weights(source.read_text(encoding="utf-8"))


def held_out(snippet_id: str) -> bool:
    """Whether a CASE-2021 dev snippet is in the half the typer was not fitted on.

    >>> [held_out(str(n)) for n in range(6)]
    [True, True, True, True, False, False]
    """
    return zlib.crc32(snippet_id.encode("utf-8")) % 2 == 1
