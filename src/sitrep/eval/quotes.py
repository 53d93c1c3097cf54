"""`sitrep eval quotes`: statement (quote and reported speech) scores on PolNeAR.

PolNeAR (Newell et al. 2018) annotates attributions in news in the brat
standoff format: a Source (who), a Cue ("said") and a Content (what), tied by
an event line (`sitrep.eval.quotes_read` reads them). Both sides' content
spans are first trimmed by `trim` (blanks, quotation marks, trailing .,;: and
a leading "that "), because PolNeAR content spans keep the quotation marks
and the complementiser while sitrep's statements do not. Metrics, each
precision/recall/F1 with its counts:

- content_exact: trimmed predicted span equals the trimmed gold extent
  (first fragment's start to last fragment's end), one-to-one.
- content_overlap: the characters the prediction shares with the gold
  fragments are at least half the longer of the two, lengths leaving out
  the gaps between gold fragments (where `“A,” she said, “B.”` has its
  source and cue), so the whole extent matches; one-to-one, largest
  overlap first.
- direct: the same overlap rule between gold contents that lie inside
  quotation marks (`is_direct`) and statements with `direct` true.
- cue: a predicted cue shares a character with a gold cue fragment;
  one-to-one, largest overlap first.
- speaker: accuracy over the statements matched by the overlap rule whose
  gold has a Source. Right when the predicted mention (speaker.start/end)
  shares a character with the source, or the predicted name shares a
  capitalised word of three letters or more with the source text
  (`Speaker.name` "Jane Doe" for a source "Ms. Doe"). Pronoun sources are
  not resolved through coreference, so a right name for "she" can score wrong.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.errors import InputError
from sitrep.eval.quotes_read import (
    Frag,
    GoldAttribution,
    GoldDoc,
    clip,
    length,
    shared_chars,
    trim,
)
from sitrep.records import Statement

log = logging.getLogger(__name__)

Extractor = Callable[[str, str | None], Sequence[Statement]]
"""`extract(text, published)`: the statements of one article."""

OVERLAP_SHARE = 0.5
"""Overlap rule: shared characters over the longer span's length."""
# Capitalised words that say nothing about who spoke (sentence-initial function words).
NAME_STOPWORDS = frozenset({"The", "This", "That", "These", "Those", "His", "Her", "Its",
                            "Their", "But", "And", "According"})


# ---------------------------------------------------------------- scoring

@dataclass(frozen=True, slots=True)
class Extent:
    """A trimmed span and the fragments inside it that count for overlap."""

    start: int
    end: int
    frags: tuple[Frag, ...]


def gold_extent(text: str, gold: GoldAttribution) -> Extent:
    start, end = trim(text, gold.content[0][0], gold.content[-1][1])
    return Extent(start, end, clip(gold.content, start, end))


def by_cue(text: str, preds: Sequence[Statement]) -> list[tuple[Extent, Statement]]:
    """Statements sharing one cue as one attribution, PolNeAR's unit: sitrep splits
    '"A," he said, "B."' and "said X, and that Y" at the cue, the gold keeps one content
    of several fragments. Each group is scored with its first statement's speaker.
    """
    groups: dict[object, list[Statement]] = {}
    for n, pred in enumerate(preds):
        key = (pred.cue.start, pred.cue.end) if pred.cue else n
        groups.setdefault(key, []).append(pred)
    out = []
    for members in groups.values():
        frags = sorted(trim(text, p.start, p.end) for p in members)
        out.append((Extent(frags[0][0], max(b for _, b in frags), tuple(frags)), members[0]))
    return out


def overlap_weight(gold: Extent, pred: Extent) -> int:
    """Shared characters if they make at least half the longer span, else 0.

    Characters in the gaps between gold fragments count for neither side.
    """
    shared = sum(shared_chars(gold.frags, pred.frags))
    gaps = [(b, a) for (_, b), (a, _) in zip(gold.frags, gold.frags[1:], strict=False)]
    pred_size = length(pred.frags) - sum(shared_chars(gaps, pred.frags))
    return shared if shared and shared >= OVERLAP_SHARE * max(length(gold.frags), pred_size) else 0



def exact_weight(gold: Extent, pred: Extent) -> int:
    return int(gold.end > gold.start and (gold.start, gold.end) == (pred.start, pred.end))


def match(gold: Sequence[Extent], pred: Sequence[Extent],
          weight: Callable[[Extent, Extent], int]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: one-to-one, heaviest first, weight 0 never."""
    cands = [(-w, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
             if (w := weight(g, p)) > 0]
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(cands):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def _cue_weight(gold: Extent, pred: Extent) -> int:
    return sum(shared_chars(gold.frags, pred.frags))


def speaker_right(text: str, source: Sequence[Frag], statement: Statement) -> bool:
    """The predicted mention touches the gold source, or the name shares a capitalised word.

    >>> from sitrep.records import Speaker
    >>> s = Statement("s1", 0, 4, "Calm", False, Speaker("Jane Doe"))
    >>> speaker_right("Calm, Ms. Doe said.", [(6, 13)], s)
    True
    """
    sp = statement.speaker
    mention = [(sp.start, sp.end)] if sp.start is not None and sp.end is not None else []
    if sum(shared_chars(source, mention)) > 0:
        return True
    said = " ".join(text[a:b] for a, b in source)
    return bool(_name_words(said) & _name_words(sp.name or ""))


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text)
            if len(w) > 2 and w[0].isupper() and w not in NAME_STOPWORDS}


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def add(self, gold: int, predicted: int, matched: int) -> None:
        self.gold += gold
        self.predicted += predicted
        self.matched += matched

    def prf(self) -> dict[str, Any]:
        m, p, g = self.matched, self.predicted, self.gold
        return {"gold": g, "predicted": p, "matched": m, "precision": _ratio(m, p),
                "recall": _ratio(m, g), "f1": _ratio(2 * m, p + g)}


METRICS = ("content_exact", "content_overlap", "direct", "cue")


@dataclass(slots=True)
class Tally:
    """Counts summed over documents; `summary()` turns them into scores."""

    errors: int = 0
    documents: int = 0
    failed: int = 0
    metrics: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in METRICS})
    publishers: dict[str, Counts] = field(default_factory=dict)
    speaker: Counter[str] = field(default_factory=Counter)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: GoldDoc, preds: Sequence[Statement]) -> None:
        """Count one document's statements against its gold attributions."""
        self.documents += 1
        text, golds = doc.text, doc.attributions
        gold = [gold_extent(text, g) for g in golds]
        grouped = by_cue(text, preds)
        pred = [x for x, _ in grouped]
        pairs = self._count("content_overlap", gold, pred, overlap_weight, doc.publisher)
        self._count("content_exact", gold, pred, exact_weight)
        self._count("direct", [x for x, g in zip(gold, golds, strict=True) if g.direct],
                    [x for x, _ in by_cue(text, [p for p in preds if p.direct])],
                    overlap_weight)
        self._count("cue", [Extent(g.cue[0][0], g.cue[-1][1], g.cue) for g in golds if g.cue],
                    [Extent(p.cue.start, p.cue.end, ((p.cue.start, p.cue.end),))
                     for p in preds if p.cue], _cue_weight)
        for i, j in pairs:
            self._speaker(text, golds[i], grouped[j][1])
        self._errors(doc, gold, pred, pairs)

    def _count(self, metric: str, gold: Sequence[Extent], pred: Sequence[Extent],
               weight: Callable[[Extent, Extent], int],
               publisher: str | None = None) -> list[tuple[int, int]]:
        pairs = match(gold, pred, weight)
        self.metrics[metric].add(len(gold), len(pred), len(pairs))
        if publisher:
            self.publishers.setdefault(publisher, Counts()).add(len(gold), len(pred), len(pairs))
        return pairs

    def _speaker(self, text: str, gold: GoldAttribution, pred: Statement) -> None:
        if gold.source is None:
            self.speaker["no_gold_source"] += 1
            return
        self.speaker["scored"] += 1
        if not pred.speaker.name and pred.speaker.start is None:
            self.speaker["no_predicted_speaker"] += 1
        self.speaker["right"] += speaker_right(text, gold.source, pred)

    def _errors(self, doc: GoldDoc, gold: Sequence[Extent], pred: Sequence[Extent],
                pairs: Sequence[tuple[int, int]]) -> None:
        hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
        for found, spans, out in ((hit_g, gold, self.missed), (hit_p, pred, self.spurious)):
            out += [_excerpt(doc, x) for k, x in enumerate(spans)
                    if k not in found][:self.errors - len(out)]

    def summary(self) -> dict[str, Any]:
        """Scores as a JSON-ready dict; with `errors`, the first misses and spurious too."""
        sp = self.speaker
        out: dict[str, Any] = {"documents": self.documents, "failed": self.failed}
        out |= {m: c.prf() for m, c in self.metrics.items()}
        out["speaker"] = {"scored": sp["scored"], "right": sp["right"],
                          "accuracy": _ratio(sp["right"], sp["scored"]),
                          "no_gold_source": sp["no_gold_source"],
                          "no_predicted_speaker": sp["no_predicted_speaker"]}
        out["by_publisher"] = {k: c.prf() for k, c in sorted(self.publishers.items())}
        if self.errors:
            out["errors"] = {"missed": self.missed, "spurious": self.spurious}
        return out


def _excerpt(doc: GoldDoc, span: Extent, width: int = 40) -> dict[str, Any]:
    """Where a span is, and its text in context, [[marked]], on one line."""
    said = doc.text[span.start:span.end]
    if len(said) > 160:
        said = f"{said[:100]} ... {said[-40:]}"
    context = (doc.text[max(0, span.start - width):span.start] + f"[[{said}]]"
               + doc.text[span.end:span.end + width])
    return {"doc": doc.name, "start": span.start, "end": span.end,
            "context": " ".join(context.split())}


def _ratio(num: float, den: float) -> float:
    return round(num / den, 4) if den else 0.0


def score(docs: Iterable[GoldDoc], extract: Extractor, *, limit: int | None = None,
          errors: int = 0) -> dict[str, Any]:
    """Run `extract(text, published)` on each document (the first `limit` ones) and score it.

    Keys: documents, failed, content_exact, content_overlap, direct, cue
    (each gold, predicted, matched, precision, recall, f1), speaker (scored,
    right, accuracy, no_gold_source, no_predicted_speaker), by_publisher
    (content_overlap per publisher) and, with `errors`, the first N missed
    gold contents and N spurious statements in context. A document whose
    extraction raises an `InputError` is logged and scored with no statements.

    >>> score([], lambda text, published: [])["content_overlap"]["f1"]
    0.0
    """
    tally = Tally(errors=errors)
    for n, doc in enumerate(docs):
        if limit is not None and n >= limit:
            break
        try:
            preds = extract(doc.text, doc.published)
        except InputError as exc:
            log.warning("%s: %s; scored with no statements", doc.name, exc)
            tally.failed += 1
            preds = []
        tally.add(doc, preds)
    return tally.summary()
