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
from sitrep.rules import load_rules

STANCES = frozenset(get_args(Stance))
CONTENT_RULES = frozenset({"clause", "object", "quote", "charge"})


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


def _load(name: str) -> dict[str, Any]:
    return load_rules(__package__ or "", name)


def _words(raw: dict[str, Any], key: str, source: str) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(f"{source}: {key!r} must be a list of words")
    return frozenset(w.lower() for w in value)


def _stance(value: object, where: str) -> Stance:
    if value not in STANCES:
        raise ConfigError(f"{where}: stance {value!r} is not one of {sorted(STANCES)}")
    return cast(Stance, value)


def _verbs(raw: dict[str, Any]) -> dict[str, Cue]:
    verbs: dict[str, Cue] = {}
    for lemma, spec in (raw.get("verbs") or {}).items():
        where = f"cues.yaml: verb {lemma!r}"
        if isinstance(spec, dict):
            content = spec.get("content", "clause")
            if content not in CONTENT_RULES:
                raise ConfigError(f"{where}: content {content!r} is not one of "
                                  f"{sorted(CONTENT_RULES)}")
            verbs[str(lemma)] = Cue(_stance(spec.get("stance"), where), str(content))
        else:
            verbs[str(lemma)] = Cue(_stance(spec, where))
    if not verbs:
        raise ConfigError("cues.yaml: no verbs")
    return verbs


@cache
def lexicon() -> Lexicon:
    """The rule data, validated; a ConfigError names the file and entry at fault."""
    cues, stance, actors = _load("cues.yaml"), _load("stance.yaml"), actor_lexicon()
    channels = cues.get("channels") or {}
    if not isinstance(channels, dict) or not all(isinstance(k, str) for k in channels):
        raise ConfigError("cues.yaml: channels must map prepositions (quoted: \"on\" is "
                          "true in YAML) to lists of words")
    return Lexicon(
        verbs=_verbs(cues),
        nouns={str(k): _stance(v, f"cues.yaml: noun {k!r}")
               for k, v in (cues.get("nouns") or {}).items()},
        deeds=_words(cues, "deeds", "cues.yaml"),
        inner=_words(cues, "inner", "cues.yaml"),
        according=tuple(tuple(p.lower().split()) for p in _words(cues, "according",
                                                                  "cues.yaml")),
        channels={prep: _words(channels, prep, "cues.yaml channels") for prep in channels},
        **{key: _words(stance, key, "stance.yaml") for key in (
            "accusing", "harming", "enabling", "negators", "involvement", "future", "threatening",
            "appealing")},
        actors=actors,
    )
