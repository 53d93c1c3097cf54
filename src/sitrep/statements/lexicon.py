"""The statements stage's rule data (cues.yaml, stance.yaml), loaded and checked once;
who speaks is `sitrep.actors` (actors.yaml), whose tables it carries along.

>>> lex = lexicon()
>>> lex.verbs["deny"].stance, lex.verbs["deny"].content, lex.verbs["say"].stance
('deny', 'object', 'report')
>>> lex.actors.institutions["kremlin"]
('RUS', 'government')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, cast, get_args

from sitrep.actors.lexicon import ActorLexicon, actor_lexicon
from sitrep.errors import ConfigError
from sitrep.records.schema import Stance
from sitrep.rules import WORDS, Either, MapOf, OneOf, Required, at, load_rules

STANCES = frozenset(get_args(Stance))
CONTENT_RULES = frozenset({"clause", "object", "quote", "charge"})
STANCE = OneOf(*sorted(STANCES))
PLOVER_VERBAL = OneOf("AGREE", "CONSULT", "SUPPORT", "DISAPPROVE", "REJECT", "THREATEN",
                      "DEMAND", "CONCEDE", "COOPERATE", "INVESTIGATE")
"""PLOVER's event types a statement can be (the verbal ones)."""

CUES = {  # cues.yaml
    "verbs": Required(MapOf(Either(STANCE, {"stance": Required(STANCE),
                                            "content": OneOf(*sorted(CONTENT_RULES))}))),
    "nouns": MapOf(STANCE),
    "deeds": Required(WORDS),
    "inner": Required(WORDS),
    "according": Required(WORDS),
    "channels": MapOf(WORDS),  # preposition -> words (quoted: "on" is true in YAML)
    "plover": Required({"cues": Required(MapOf(PLOVER_VERBAL)),
                        "stances": Required({st: PLOVER_VERBAL for st in sorted(STANCES)})}),
}
STANCE_WORDS = {key: Required(WORDS) for key in (  # stance.yaml
    "accusing", "harming", "enabling", "negators", "involvement", "future", "threatening",
    "appealing")}


@dataclass(frozen=True, slots=True)
class Cue:
    stance: Stance
    content: str = "clause"  # what else than a clause or quote may hold the content


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Stance]
    deeds: frozenset[str]  # never a learned cue (with `harming`)
    inner: frozenset[str]  # inside another's content, part of it (cues.yaml `inner`)
    according: tuple[tuple[str, ...], ...]
    channels: dict[str, frozenset[str]]
    accusing: frozenset[str]
    harming: frozenset[str]
    enabling: frozenset[str]
    negators: frozenset[str]
    involvement: frozenset[str]
    future: frozenset[str]
    threatening: frozenset[str]
    appealing: frozenset[str]
    actors: ActorLexicon  # who speaks (sitrep.actors)
    plover_cues: dict[str, str]  # cue lemma -> PLOVER event type (cues.yaml `plover`)
    plover_stances: dict[str, str]  # stance -> PLOVER event type


def _load(name: str) -> dict[str, Any]:
    schemas: dict[str, dict[str, Any]] = {"cues.yaml": CUES, "stance.yaml": STANCE_WORDS}
    return load_rules(__package__ or "", name, schema=schemas[name])


def _words(raw: dict[str, Any], key: str, source: str) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(f"{source}: {key!r} must be a list of words")
    return frozenset(w.lower() for w in value)


def _verbs(raw: dict[str, Any]) -> dict[str, Cue]:
    verbs: dict[str, Cue] = {}
    for lemma, spec in raw["verbs"].items():  # (stances and contents checked by CUES)
        if isinstance(spec, dict):
            verbs[str(lemma)] = Cue(cast(Stance, spec["stance"]),
                                    str(spec.get("content", "clause")))
        else:
            verbs[str(lemma)] = Cue(cast(Stance, spec))
    if not verbs:
        raise ConfigError("cues.yaml: no verbs")
    return verbs


@cache
def lexicon() -> Lexicon:
    """The rule data, validated; a ConfigError names the file and entry at fault."""
    cues, stance, actors = _load("cues.yaml"), _load("stance.yaml"), actor_lexicon()
    channels = cues.get("channels") or {}
    for prep in channels:
        if not isinstance(prep, str):
            raise ConfigError(f"{at(channels, prep, default='cues.yaml')}: channels must map "
                              "prepositions (quoted: \"on\" is true in YAML) to lists of words")
    return Lexicon(
        verbs=_verbs(cues),
        nouns={str(k): cast(Stance, v) for k, v in (cues.get("nouns") or {}).items()},
        deeds=_words(cues, "deeds", "cues.yaml"),
        inner=_words(cues, "inner", "cues.yaml"),
        according=tuple(tuple(p.lower().split()) for p in _words(cues, "according",
                                                                  "cues.yaml")),
        channels={prep: _words(channels, prep, "cues.yaml channels") for prep in channels},
        **{key: _words(stance, key, "stance.yaml") for key in STANCE_WORDS},
        actors=actors,
        plover_cues=_plover(cues, "cues"),
        plover_stances=_plover(cues, "stances"),
    )


def _plover(cues: dict[str, Any], key: str) -> dict[str, str]:
    """cues.yaml `plover` `cues` or `stances` (checked by CUES) as a lower-case table."""
    return {str(k).lower(): str(v) for k, v in cues["plover"][key].items()}
