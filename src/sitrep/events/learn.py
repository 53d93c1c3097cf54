"""Training the relevance filter (`sitrep.events.relevance`): labelled events, a
logistic regression fitted with numpy, and k-fold cross-validation.

Labels come from the dev data, with no hand labelling of single events:

- real: the main event of a CASE-2021 snippet (each tells of one happening: one of
  ACLED's 25 sub-event types, or a disaster, crime, diplomacy or a claim), of a
  FA-KES article (a report of one attack) and of a PLOVER
  gold sentence (each codes one event), and every event told in an
  IndiaPoliceEvents sentence labelled KILL, ARREST, FAIL or FORCE;
- not real: every event found in a non-conflict article of the corpus (BBC
  business, sport, entertainment, technology) of the build quarter (not held out:
  `sitrep.eval.relevance` measures on the held-out quarter).

A sample of the "not real" side was read: most are metaphors, sports, history and
business; a few are real happenings of no analyst's interest (a fan protest, a
businessman's arrest), which the model is then taught to leave out too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sitrep.events.relevance import (
    FEATURES,
    SHAPE,
    RelevanceModel,
    _stop_words,
    context_vector,
    shape,
    sigmoid,
)
from sitrep.records import Article, Event

if TYPE_CHECKING:
    from spacy.vocab import Vocab

    from sitrep.pipeline import Pipeline

L2 = 1e-4
EPOCHS = 400
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled event: `group` keeps an article's events in one fold."""

    event: Event
    published: str | None
    real: bool
    group: str
    context: np.ndarray  # the article's `context_vector`


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = L2,
                 epochs: int = EPOCHS) -> tuple[np.ndarray, float]:
    """Weights and bias of a logistic regression, full-batch Adam on the mean
    class-balanced log loss plus `l2` times half the squared weights.

    >>> x = np.array([[0.0], [1.0], [0.1], [0.9]]); y = np.array([0, 1, 0, 1])
    >>> w, b = fit_logistic(x, y)
    >>> bool(w[0] > 0 and (x @ w + b)[1] > 0 > (x @ w + b)[0])
    True
    """
    n, f = x.shape
    pos = max(int(y.sum()), 1)
    neg = max(n - pos, 1)
    weight = np.where(y == 1, n / (2 * pos), n / (2 * neg))
    w = np.zeros(f)
    b = 0.0
    m_w, v_w = np.zeros(f), np.zeros(f)
    m_b = v_b = 0.0
    rate, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        p = sigmoid(x @ w + b)
        g = weight * (p - y) / n
        g_w = x.T @ g + l2 * w
        g_b = float(g.sum())
        m_w = beta1 * m_w + (1 - beta1) * g_w
        v_w = beta2 * v_w + (1 - beta2) * g_w * g_w
        m_b = beta1 * m_b + (1 - beta1) * g_b
        v_b = beta2 * v_b + (1 - beta2) * g_b * g_b
        w -= rate * (m_w / (1 - beta1 ** t)) / (np.sqrt(v_w / (1 - beta2 ** t)) + eps)
        b -= rate * (m_b / (1 - beta1 ** t)) / (np.sqrt(v_b / (1 - beta2 ** t)) + eps)
    return w, b


def train(examples: Sequence[Example], vocab: Vocab, *, l2: float = L2,
          epochs: int = EPOCHS) -> RelevanceModel:
    """A relevance model fitted to `examples`."""
    shapes = np.asarray([shape(ex.event) for ex in examples], dtype=np.float64)
    mean = shapes.mean(axis=0) if len(examples) else np.zeros(len(SHAPE))
    scale = shapes.std(axis=0) if len(examples) else np.ones(len(SHAPE))
    scale[scale == 0] = 1.0
    blank = RelevanceModel(weights=np.zeros(FEATURES), bias=0.0, mean=mean, scale=scale)
    x = rows(blank, examples, vocab)
    y = np.asarray([ex.real for ex in examples], dtype=np.float64)
    w, b = fit_logistic(x, y, l2=l2, epochs=epochs)
    return RelevanceModel(weights=w.astype(np.float32), bias=float(b),
                          mean=mean.astype(np.float32), scale=scale.astype(np.float32))


def rows(model: RelevanceModel, examples: Iterable[Example], vocab: Vocab) -> np.ndarray:
    stop = _stop_words()
    found = [model.features(ex.event, ex.published, vocab, stop, ex.context)
             for ex in examples]
    return np.asarray(found, dtype=np.float64).reshape(len(found), FEATURES)


def source_of(example: Example) -> str:
    """The dev set an example comes from: its article id's first part."""
    return example.group.split("/")[0]


def leave_one_source_out(examples: Sequence[Example], vocab: Vocab, *,
                         thresholds: Sequence[float] = (0.3, 0.4, 0.5),
                         **fit: Any) -> dict[str, dict[str, float]]:
    """For each source of real events, the share of them kept by a model trained
    without that source: how the filter does on a style it has never seen."""
    out: dict[str, dict[str, float]] = {}
    for source in sorted({source_of(ex) for ex in examples if ex.real}):
        train_set = [ex for ex in examples if source_of(ex) != source]
        test = [ex for ex in examples if source_of(ex) == source and ex.real]
        if not test or not any(ex.real for ex in train_set):
            continue
        model = train(train_set, vocab, **fit)
        prob = model.probabilities(rows(model, test, vocab))
        out[source] = {f"{t:.2f}": round(float((prob >= t).mean()), 4) for t in thresholds}
    return out


def folds(examples: Sequence[Example], k: int = FOLDS) -> list[int]:
    """Each example's fold, 0 .. k-1, fixed by its group's name: an article's events
    are never split between training and testing."""
    return [int(hashlib.sha1(ex.group.encode("utf-8")).hexdigest(), 16) % k for ex in examples]


def cross_validate(examples: Sequence[Example], vocab: Vocab, *, k: int = FOLDS,
                   thresholds: Sequence[float] = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7),
                   **fit: Any) -> dict[str, Any]:
    """k-fold scores: per threshold, the share of real events kept (recall) and of
    not-real events kept (false-positive rate), with the held-out probabilities."""
    fold = folds(examples, k)
    prob = np.zeros(len(examples))
    for i in range(k):
        train_set = [ex for ex, f in zip(examples, fold, strict=True) if f != i]
        test = [j for j, f in enumerate(fold) if f == i]
        if not train_set or not test:
            continue
        model = train(train_set, vocab, **fit)
        prob[test] = model.probabilities(rows(model, [examples[j] for j in test], vocab))
    real = np.asarray([ex.real for ex in examples])
    out: dict[str, Any] = {"folds": k, "real": int(real.sum()), "not_real": int((~real).sum()),
                           "thresholds": {}}
    for t in thresholds:
        kept = prob >= t
        out["thresholds"][f"{t:.2f}"] = {
            "real_kept": round(float(kept[real].mean()) if real.any() else 0.0, 4),
            "not_real_kept": round(float(kept[~real].mean()) if (~real).any() else 0.0, 4)}
    out["probabilities"] = prob.tolist()
    return out


# ---------------------------------------------------------------- the training data

POLICE_ARTICLES = 500
"""IndiaPoliceEvents articles read (those with a labelled sentence come first)."""
NEGATIVE_ARTICLES = 1200
"""Non-conflict articles of the build quarter read for "not real" events."""
PLOVER_SKIP = frozenset({"DOCUMENT"})


@dataclass(frozen=True, slots=True)
class Source:
    """Articles of one dev set and how their events are labelled: `main` takes the
    main event as real, `all_false` takes every event as not real, `labelled` takes the
    events told in an article's `marks` (character offsets) as real."""

    name: str
    articles: list[Article]
    rule: str
    marks: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)


def dev_sources(data: Path, corpus: Path, *, negatives: int = NEGATIVE_ARTICLES) -> list[Source]:
    """The labelled sets under `data` (../shared/data's events/) and the corpus."""
    from sitrep.eval.events_read import read_case, read_fakes, read_plover
    from sitrep.eval.relevance import group_of, in_split, read_corpus, to_article

    sources: list[Source] = []
    case = data / "case2021-acled-subtypes.dev.tsv"
    if case.is_file():
        sources.append(Source("case", [Article(id=f"case/{s.id}", text=s.text)
                                       for s in read_case(case)], "main"))
    fakes = data / "fa-kes.dev.csv"
    if fakes.is_file():
        sources.append(Source("fakes", [
            Article(id=f"fakes/{i}", text=a.text, published=a.published, title=a.title or None)
            for i, a in enumerate(read_fakes(fakes))], "main"))
    plover = data / "plover-gsr.json"
    if plover.is_file():
        sources.append(Source("plover", [Article(id=f"plover/{s.id}", text=s.text)
                                         for s in read_plover(plover)
                                         if s.event_type not in PLOVER_SKIP], "main"))
    police = data / "indiapoliceevents" / "final"
    if (police / "metadata.jsonl").is_file() and (police / "sents.jsonl").is_file():
        articles, marks = _police_articles(police)
        sources.append(Source("indiapoliceevents", articles, "labelled", marks))
    if corpus.is_file():
        chosen = [r for r in read_corpus(corpus)
                  if group_of(r["id"]) == "non-conflict" and in_split(r["id"], "build")]
        sources.append(Source("non-conflict", [to_article(r) for r in chosen[:negatives]],
                              "all_false"))
    return sources


def examples(sources: Sequence[Source], pipeline: Pipeline, vocab: Vocab) -> list[Example]:
    """The labelled events of `sources`, found by `pipeline` (run it with relevance 0,
    so that it filters nothing)."""
    from sitrep.eval.events import main_event

    stop = _stop_words()
    found: list[Example] = []
    for source in sources:
        for article in pipeline.pipe(source.articles):
            context = context_vector(article.text, article.title, vocab, stop)
            if source.rule == "labelled":  # real: an event told in a labelled sentence
                marked = source.marks.get(article.id, ())
                found += [Example(e, article.published, True, article.id, context)
                          for e in article.events
                          if any(_overlaps(s, marked) for s in e.evidence)]
                continue
            if source.rule == "all_false":
                found += [Example(e, article.published, False, article.id, context)
                          for e in article.events]
                continue
            event = main_event(article.events)
            if event is not None:
                found.append(Example(event, article.published, True, article.id, context))
    return found


def _police_articles(folder: Path, limit: int = POLICE_ARTICLES,
                     ) -> tuple[list[Article], dict[str, tuple[tuple[int, int], ...]]]:
    """IndiaPoliceEvents articles with a sentence labelled KILL, ARREST, FAIL or FORCE
    (a police happening told as real), and each one's labelled sentences' offsets."""
    import json

    labelled: dict[int, list[str]] = {}
    with (folder / "sents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("sent_labels"):
                labelled.setdefault(row["doc_id"], []).append(row["sent_text"])
    articles: list[Article] = []
    found: dict[str, tuple[tuple[int, int], ...]] = {}
    with (folder / "metadata.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["doc_id"] not in labelled:
                continue
            text = row["full_text"]
            marks = tuple((at, at + len(s)) for s in labelled[row["doc_id"]]
                          if (at := text.find(s)) >= 0)
            if not marks:
                continue
            article = Article(id=f"ipe/{row['doc_id']}", text=text, published=row.get("date"))
            found[article.id] = marks
            articles.append(article)
            if len(articles) >= limit:
                break
    return articles, found


def _overlaps(span: Any, marks: Sequence[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in marks)
