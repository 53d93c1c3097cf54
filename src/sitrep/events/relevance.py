"""Whether an event is a real, reported happening an analyst would code: a learned
filter over the coded events.

The rules find triggers; many triggers are no happening at all: a metaphor ("fans
bombarded the ticket outlets"), a sports "clash", history ("the 2003 murder of his
sister"), a plan called off. A logistic regression reads each coded event and gives
the probability that it is real; events below `THRESHOLD` are left out.

What it reads (`features`), all from the `Event` record and the vocabulary's word
vectors, so training and use see the same thing:

- the mean word vector of its evidence sentences (spaCy's static vectors), and that
  of the article's opening (its title and first `CONTEXT_WORDS` words): what the
  story is about (a "clash" in a story about football is a match);
- its shape (`SHAPE`): a place, a town, streets or districts, the killed, the
  injured, other figures, weapons, a doer, a target.

Left out because the training data would teach them wrong: where in the article
and how often the event is told, and its dates (the "real" side is mostly short
undated snippets, the "not real" side whole articles: these would learn the
length of the texts); its type (crime and accidents in business and sports news
would teach that every killing is false). Its words one by one were tried too:
they fitted the sources seen and kept fewer real events of a source left out of
training (MODELS.md), so only their vectors are read.

The weights (`relevance.npz`, next to this module) are trained by
`sitrep train relevance` (`sitrep.events.learn`) on the dev data: events of
reports of happenings (CASE-2021 snippets, FA-KES and PLOVER main events,
IndiaPoliceEvents' labelled sentences) as real, events of non-conflict news (the
build quarter of the corpus's BBC business, sport, entertainment and technology
articles) as not. MODELS.md records the data and the scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from sitrep.errors import ConfigError
from sitrep.records import Article, Event

if TYPE_CHECKING:
    from spacy.vocab import Vocab

MODEL_FILE = Path(__file__).with_name("relevance.npz")
THRESHOLD = 0.3
"""Events whose probability of being real is below this are left out."""
DIM = 300
DENSE = 2 * DIM  # the evidence's and the article's mean vectors
CONTEXT_WORDS = 300
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
SHAPE = ("placed", "town", "named_places", "killed", "injured", "figures", "weapons",
         "perpetrator", "target")
"""The names of the shape features, in the order `shape` gives them."""
FEATURES = DENSE + len(SHAPE)


def words(event: Event) -> list[str]:
    """The lower-case words of the event's evidence, in order."""
    return WORD.findall(" ".join(span.text for span in event.evidence).lower())


def shape(event: Event) -> list[float]:
    """The event's shape features (named in `SHAPE`)."""
    loc = event.location
    roles = {a.role for a in event.actors}
    return [
        float(loc is not None),
        float(loc is not None and loc.feature not in ("country", "admin1", "region", "other")),
        float(bool(event.sub_locations)),
        float(event.fatalities is not None),
        float(event.injured is not None),
        float(bool(event.counts)),
        float(bool(event.weapons)),
        float("perpetrator" in roles),
        float(bool(roles & {"target", "victim"})),
    ]


def mean_vector(event: Event, vocab: Vocab, stop: frozenset[str]) -> np.ndarray:
    """The unit mean of the vectors of the evidence's content words (zeros if none)."""
    return _mean(words(event), vocab, stop)


def context_vector(text: str, title: str | None, vocab: Vocab,
                   stop: frozenset[str]) -> np.ndarray:
    """The unit mean vector of the content words of the title and the text's first
    `CONTEXT_WORDS` words: the story's subject."""
    found = WORD.findall(f"{title or ''} {text}".lower())
    return _mean(found[:CONTEXT_WORDS], vocab, stop)


def _mean(found: list[str], vocab: Vocab, stop: frozenset[str]) -> np.ndarray:
    rows = [vocab.get_vector(w) for w in found if w not in stop and vocab.has_vector(w)]
    if not rows:
        return np.zeros(DIM, dtype=np.float32)
    v: np.ndarray = np.mean(np.asarray(rows, dtype=np.float32), axis=0)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function, clipped where exp would overflow."""
    result: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return result


@dataclass(frozen=True, slots=True)
class RelevanceModel:
    """Logistic regression weights over `features` (the two vectors, then the shape);
    `mean` and `scale` standardise the shape part."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    def features(self, event: Event, published: str | None, vocab: Vocab,
                 stop: frozenset[str], context: np.ndarray) -> np.ndarray:
        """The event as the model's input row; `context`: the article's `context_vector`."""
        return np.concatenate([
            mean_vector(event, vocab, stop), context,
            (np.asarray(shape(event)) - self.mean) / self.scale]).astype(np.float32)

    def probability(self, row: np.ndarray) -> float:
        """P(real) of one input row."""
        return float(self.probabilities(row[None, :])[0])

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(real) of each row of a matrix of input rows."""
        return sigmoid(rows @ self.weights.astype(np.float64) + self.bias)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32),
                            bias=np.asarray([self.bias], dtype=np.float32),
                            mean=self.mean.astype(np.float32),
                            scale=self.scale.astype(np.float32))

    @classmethod
    def read(cls, path: Path) -> RelevanceModel:
        with np.load(path, allow_pickle=False) as data:
            model = cls(weights=data["weights"],
                        bias=float(data["bias"][0]), mean=data["mean"], scale=data["scale"])
        expected = FEATURES
        if model.weights.shape != (expected,) or model.mean.shape != (len(SHAPE),):
            raise ValueError(f"{path}: weights for {model.weights.shape} features, "
                             f"this sitrep reads {expected}")
        return model


@lru_cache(maxsize=1)
def relevance_model() -> RelevanceModel:
    """The shipped model, read once per process."""
    if not MODEL_FILE.is_file():
        raise ConfigError(f"the relevance model {MODEL_FILE} is missing from this install; "
                          "reinstall sitrep, or make it with `sitrep train relevance`, or "
                          "run with relevance 0 (no filter)")
    try:
        return RelevanceModel.read(MODEL_FILE)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"the relevance model {MODEL_FILE} cannot be read: {exc}") from exc


def real_events(events: list[Event], article: Article, vocab: Vocab,
                model: RelevanceModel | None, *,
                threshold: float = THRESHOLD) -> list[Event]:
    """The events of `article` the model reads as real happenings (all of them
    without a model)."""
    if model is None or not events:
        return events
    stop = _stop_words()
    context = context_vector(article.text, article.title, vocab, stop)
    return [e for e in events if model.probability(
        model.features(e, article.published, vocab, stop, context)) >= threshold]


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
