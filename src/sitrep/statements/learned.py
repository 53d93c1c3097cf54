"""A learned layer beside the cue lexicon: which words cue an attribution, and which
of a cue's dependants hold what was said.

Two logistic models over features of the spaCy parse, trained on PolNeAR's train
split by `bench/quotes_train.py` and shipped as weights in learned.tsv:

- `cue`: is this word the head of an attribution cue? (its lemma, tag, dependency,
  head, the dependants it governs - "ccomp", "prep:about" -, its subject's kind,
  quotation marks near it). It finds cues the lexicon lacks ("lamented that",
  "seemed to", "referring to") from how they are used.
- `content`: is this dependant of a cue (a clause, an object, a prepositional
  phrase) part of the content? The content of a learned cue is the stretch its
  chosen dependants cover; a preposition is left out ("referring to [X]").

The rules stay the readable layer: the learned cue only adds frames where the
lexicon has no word. Weights load once, on first use.

>>> model = cue_model()
>>> model.threshold("cue") > 0
True
"""

from __future__ import annotations

import math
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from sitrep.errors import ConfigError
from sitrep.statements.quotes import Quote, indexed

if TYPE_CHECKING:
    from spacy.tokens import Token

WEIGHTS = "learned.tsv"
CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
# dependants that never hold content: they are the cue's own words
NOT_CONTENT = frozenset({"punct", "cc", "aux", "auxpass", "neg", "det", "case", "prt", "mark",
                         "space", "dep"})
COMPLEMENTS = frozenset({"acomp", "attr"})  # "is upbeat [about X]", "was critical [of X]"
COMPLEMENT_DEPS = frozenset({"prep", "ccomp", "xcomp"})
DEFAULT_THRESHOLDS = {"cue": 0.5, "keep": 0.0, "content": 0.5}
NEAR = 80  # chars: a quotation mark this close to a cue is beside it


@dataclass(frozen=True, slots=True)
class Weights:
    """The weights of the learned models: model -> feature -> weight, and thresholds."""

    weights: dict[str, dict[str, float]]
    thresholds: dict[str, float]

    def prob(self, model: str, features: list[str]) -> float:
        table = self.weights[model]
        z = sum(table.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, name: str) -> float:
        """"cue": from this probability a word the lexicon lacks is a cue; "keep": below
        it a lexicon verb is not one where it stands; "content": from it a dependant of a
        cue holds content."""
        return self.thresholds.get(name, DEFAULT_THRESHOLDS[name])


@cache
def cue_model() -> Weights:
    """The shipped weights (learned.tsv: `model<TAB>feature<TAB>weight` lines; a
    feature `#cue` or `#keep` holds a decision threshold, see `Weights.threshold`)."""
    source = resources.files(__package__).joinpath(WEIGHTS)
    weights: dict[str, dict[str, float]] = {}
    thresholds: dict[str, float] = {}
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        try:
            model, feature, value = parts[0], parts[1], float(parts[2])
        except (IndexError, ValueError) as error:
            raise ConfigError(f"{source}:{n}: expected model, feature and weight separated "
                              f"by tabs; retrain with bench/quotes_train.py") from error
        if feature.startswith("#"):
            thresholds[feature[1:]] = value
        else:
            weights.setdefault(model, {})[feature] = value
    if set(weights) != {"cue", "content"}:
        raise ConfigError(f"{source}: needs weights of the models 'cue' and 'content'")
    return Weights(weights, thresholds)


# features ------------------------------------------------------------------

def _dep(token: Token) -> str:
    return f"prep:{token.lower_}" if token.dep_ in ("prep", "agent") else token.dep_


def cue_features(token: Token, text: str, quotes: list[Quote],
                 lexicon: Container[str]) -> list[str]:
    """Features of a word as a possible cue head."""
    lemma, head = token.lemma_.lower(), token.head
    feats = ["bias", f"l={lemma}", f"p={token.pos_}", f"t={token.tag_}", f"d={token.dep_}",
             f"ld={lemma}|{token.dep_}", f"hl={head.lemma_.lower()}",
             f"hd={head.pos_}|{token.dep_}", f"lex={lemma in lexicon}"]
    deps = set()
    for child in token.children:
        dep = _dep(child)
        deps.add(dep)
        feats += _child_features(child, dep)
    for dep in sorted(deps):
        feats += [f"c={dep}", f"lc={lemma}|{dep}", f"pc={token.pos_}|{dep}"]
    feats += [f"q={k}" for k in _quote_marks(token, text, quotes)]
    if token.i > 0 and token.doc[token.i - 1].text in (",", "—", "–"):
        feats.append("after_comma")
    if "\n" not in text[:token.idx]:
        feats.append("first_line")  # a headline
    up = token
    for _ in range(3):  # the clause of another cue: "said he hoped ..."
        if up.head.i == up.i:
            break
        feats.append(f"under={up.dep_}|{up.head.lemma_.lower() in lexicon}")
        up = up.head
        if up.pos_ == "VERB":
            break
    return feats


def _child_features(child: Token, dep: str) -> list[str]:
    """What a cue's dependant says of it: who the subject is, what the object is."""
    if child.dep_ in ("nsubj", "nsubjpass"):
        kind = child.ent_type_ or (child.lower_ if child.pos_ == "PRON" else child.pos_)
        return [f"s={kind}", f"sl={child.lemma_.lower()}"]
    if child.dep_ == "poss":
        return [f"poss={child.ent_type_ or child.pos_}"]
    if child.dep_ in ("dobj", "xcomp", "acomp", "attr", "prep", "ccomp", "oprd"):
        return [f"cl={dep}|{child.lemma_.lower()}",
                *(f"gc={dep}|{_dep(g)}" for g in child.children if g.dep_ not in NOT_CONTENT)]
    return []


def _quote_marks(token: Token, text: str, quotes: list[Quote]) -> list[str]:
    """Where quotation marks stand relative to the word, in its paragraph."""
    at = token.idx
    found = []
    for quote in indexed(quotes).near(at - NEAR, at + NEAR):
        gap_after, gap_before = quote.start - at, at - quote.end
        if 0 < gap_after <= NEAR and "\n" not in text[at:quote.start]:
            found.append("after")
        elif 0 < gap_before <= NEAR and "\n" not in text[quote.end:at]:
            found.append("before")
    return sorted(set(found))


def content_features(cue: Token, child: Token, quotes: list[Quote]) -> list[str]:
    """Features of a cue's dependant as (part of) what the cue reports."""
    lemma, dep = cue.lemma_.lower(), _dep(child)
    if child.head.i != cue.i:
        dep = f"{child.head.dep_}>{dep}"
    side = "L" if child.i < cue.i else "R"
    size = child.right_edge.i - child.left_edge.i + 1
    feats = ["bias", f"d={dep}", f"ds={dep}|{side}", f"ld={lemma}|{dep}",
             f"cp={child.pos_}", f"dp={dep}|{child.pos_}", f"kp={cue.pos_}|{dep}",
             f"n={min(size, 6)}", f"dn={dep}|{min(size, 6)}"]
    start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
    if any(start <= q.start and q.end <= end + 1 for q in indexed(quotes).near(start, end + 1)):
        feats.append(f"quoted|{dep}")
    feats += [f"m={g.lower_}" for g in child.children if g.dep_ == "mark"]
    return feats


def candidates(cue: Token) -> list[Token]:
    """The dependants of a cue that may hold its content, and those of its complement
    ("is upbeat [about X]", "was critical [of X]")."""
    found = []
    for child in cue.children:
        if child.dep_ in NOT_CONTENT:
            continue
        found.append(child)
        if child.dep_ in COMPLEMENTS and child.i > cue.i:
            found += [g for g in child.children if g.dep_ in COMPLEMENT_DEPS]
    return found


def content_tokens(child: Token) -> list[Token]:
    """The words a dependant contributes: its subtree, without a leading preposition,
    and for a complement without what its own dependants hold ("[so consumed] with X":
    "with X" is a candidate of its own)."""
    words = list(child.subtree)
    if child.dep_ in COMPLEMENTS and child.i > child.head.i:
        inner = {t.i for g in child.children if g.dep_ in COMPLEMENT_DEPS for t in g.subtree}
        words = [t for t in words if t.i not in inner]
    if child.dep_ in ("prep", "agent") and words and words[0].i == child.i:
        words = words[1:]
    return words
