"""The actors' rule data (actors.yaml), loaded and checked once.

>>> lex = actor_lexicon()
>>> lex.institutions["kremlin"]
('RUS', 'government')
>>> lex.kinds["minister"]
'person'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, cast, get_args

from sitrep.errors import ConfigError
from sitrep.records.schema import SpeakerKind
from sitrep.rules import WORDS, Check, Required, load_rules

KINDS = frozenset(get_args(SpeakerKind))


def _institution(spec: object) -> str | None:
    """None for [ISO3 or null, kind]; else what is wrong."""
    if (isinstance(spec, list) and len(spec) == 2 and spec[1] in KINDS
            and (spec[0] is None or (isinstance(spec[0], str) and len(spec[0]) == 3))):
        return None
    return f"{spec!r} is not [ISO3 or null, kind], a kind one of {', '.join(sorted(KINDS))}"


ACTORS = {  # actors.yaml
    "institutions": {"*": Check(_institution, "[ISO3 or null, kind]")},
    "kinds": {kind: WORDS for kind in sorted(KINDS)},
    "media": Required(WORDS),
    "outlets": Required(WORDS),
    "non_state": Required(WORDS),
    "families": [WORDS],
    "collective": Required(WORDS),
    "state_name_words": Required(WORDS),
    "portfolios": Required(WORDS),
}


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    institutions: dict[str, tuple[str | None, SpeakerKind]]  # "kremlin" -> (RUS, government)
    kinds: dict[str, SpeakerKind]  # a head noun -> the kind of actor it names
    media: frozenset[str]  # news organisations: relays, not sources
    outlets: frozenset[str]  # words for an outlet a name may follow ("news agency SANA")
    non_state: frozenset[str]  # a country's parties that are not its state ("opposition")
    families: dict[str, str]  # a role word -> the first word of its family
    collective: frozenset[str]  # heads that stand for a state ("the Kyiv regime")
    state_name_words: frozenset[str]  # words of a state organ's own name ("Defense Forces")
    portfolios: frozenset[str]  # a state body's field ("the Health Ministry")


def words(value: object, where: str) -> frozenset[str]:
    """A list of words, lower-cased; a ConfigError names `where` otherwise."""
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(f"{where}: must be a list of words")
    return frozenset(w.lower() for w in value)


def _institutions(raw: dict[str, Any]) -> dict[str, tuple[str | None, SpeakerKind]]:
    table: dict[str, tuple[str | None, SpeakerKind]] = {}
    for name, spec in (raw.get("institutions") or {}).items():
        table[str(name).lower()] = (spec[0], cast(SpeakerKind, spec[1]))
    return table


def _kinds(raw: dict[str, Any]) -> dict[str, SpeakerKind]:
    table: dict[str, SpeakerKind] = {}
    for kind, listed in (raw.get("kinds") or {}).items():
        for word in words(listed, f"actors.yaml kinds.{kind}"):
            table.setdefault(word, cast(SpeakerKind, kind))
    return table


@cache
def actor_lexicon() -> ActorLexicon:
    """The rule data, checked against ACTORS (a ConfigError names the file and line)."""
    raw = load_rules(__package__ or "", "actors.yaml", schema=ACTORS)
    return ActorLexicon(
        institutions=_institutions(raw),
        kinds=_kinds(raw),
        media=words(raw.get("media"), "actors.yaml: 'media'"),
        outlets=words(raw.get("outlets"), "actors.yaml: 'outlets'"),
        non_state=words(raw.get("non_state"), "actors.yaml: 'non_state'"),
        families={w.lower(): str(family[0]).lower() for family in raw.get("families") or []
                  for w in family},
        collective=words(raw.get("collective"), "actors.yaml: 'collective'"),
        state_name_words=words(raw.get("state_name_words"), "actors.yaml: 'state_name_words'"),
        portfolios=words(raw.get("portfolios"), "actors.yaml: 'portfolios'"),
    )
