"""The events stage's rule data (triggers.yaml, types.yaml), loaded and checked once.

>>> lex = event_lexicon()
>>> lex.types["drone_strike"].acled
('Explosions/Remote violence', 'Air/drone strike')
>>> lex.families["protest"].group, "violence" in lex.families["protest"].absorbs
('demonstration', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sitrep.errors import ConfigError
from sitrep.rules import load_rules

CONDITIONS = ("weapons", "words", "unless", "with", "doers")


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    acled: tuple[str, str] | None
    plover: tuple[str, str | None] | None
    cameo: str | None
    violent: bool


@dataclass(frozen=True, slots=True)
class Rule:
    """A type a family's mention takes when its sentence meets every condition given."""

    type: str
    weapons: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    with_: tuple[str, ...] = ()
    doers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    group: str
    absorbs: frozenset[str]
    absorbs_generic: frozenset[str]
    default: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    family: str
    weak: bool  # names an event only beside a weapon, a casualty or another trigger


@dataclass(frozen=True, slots=True)
class EventLexicon:
    types: dict[str, EventType]
    families: dict[str, Family]
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    phrases: dict[tuple[str, ...], Trigger]  # lower-case word sequences, longest first
    longest: int
    starts: frozenset[str]  # the first words of the phrases
    by: dict[str, tuple[str, ...]]  # family -> doers that make a verb of it ("by air defence")
    support: frozenset[str]  # words that back a weak trigger as a weapon does
    objects_of: dict[str, frozenset[str]]  # family -> verbs whose object noun is of it
    strong_as_object_of: dict[str, frozenset[str]]  # family -> verbs that make its weak nouns
    not_objects: dict[str, frozenset[str]]  # family -> objects that make its verbs no event
    ambiguous: dict[str, frozenset[str] | None]  # family -> words needing context; None: all
    context: dict[str, frozenset[str]]  # family -> words that make its sentence about it
    conflict: frozenset[str]  # words that make a sentence one about conflict
    harm: frozenset[str]  # words of people hurt: a sentence about violence
    not_subjects: dict[str, frozenset[str]] = field(default_factory=dict)  # "sales exploded"
    not_with: dict[str, frozenset[str]] = field(default_factory=dict)  # "bombarded with data"
    no_object: dict[str, frozenset[str]] = field(default_factory=dict)  # "demonstrated a cap"
    not_direct_objects: dict[str, frozenset[str]] = field(default_factory=dict)  # "killed time"
    idioms: frozenset[tuple[str, ...]] = frozenset()  # verb and particle: "kill off"
    unarmed: frozenset[str] = frozenset()  # families a weapon word does not back ("held")
    not_modifiers: dict[str, frozenset[str]] = field(default_factory=dict)  # "a legal battle"
    not_events: frozenset[tuple[str, ...]] = frozenset()  # phrases of no event: "heart attack"
    armed_subject: dict[str, frozenset[str]] = field(default_factory=dict)  # "a bomb went off"
    armed_objects: dict[str, frozenset[str]] = field(default_factory=dict)  # "hit a convoy"
    doers_only: dict[str, frozenset[str]] = field(default_factory=dict)  # "arrested gunmen"
    manner_after: dict[str, frozenset[str]] = field(default_factory=dict)  # "in protest"
    phrase_not_before: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)


def _load(name: str) -> dict[str, Any]:
    return load_rules(__package__ or "", name)


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(f"{where}: expected a list of words")
    return [w.lower() for w in value]


def _type(name: str, spec: Any) -> EventType:
    where = f"types.yaml: type {name!r}"
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: expected a mapping")
    acled, plover = spec.get("acled"), spec.get("plover")
    if acled is not None and not (isinstance(acled, list) and len(acled) == 2):
        raise ConfigError(f"{where}: acled must be [event type, sub-event type] or null")
    if plover is not None and not (isinstance(plover, list) and len(plover) == 2):
        raise ConfigError(f"{where}: plover must be [event type, mode or null] or null")
    cameo = spec.get("cameo")
    return EventType(name, (str(acled[0]), str(acled[1])) if acled else None,
                     (str(plover[0]), plover[1] and str(plover[1])) if plover else None,
                     None if cameo is None else str(cameo), bool(spec.get("violent")))


def _family(name: str, spec: Any, triggers: dict[str, Any], types: dict[str, EventType]) -> Family:
    where = f"types.yaml: family {name!r}"
    if not isinstance(spec, dict) or spec.get("default") not in types:
        raise ConfigError(f"{where}: needs a default type from `types`")
    rules = []
    for rule in spec.get("rules") or []:
        if not isinstance(rule, dict) or rule.get("type") not in types \
                or set(rule) - {"type", *CONDITIONS}:
            raise ConfigError(f"{where}: rule {rule!r} needs a known type and only "
                              f"{', '.join(CONDITIONS)}")
        rules.append(Rule(rule["type"], frozenset(_strings(rule.get("weapons"), where)),
                          *(tuple(_strings(rule.get(key), where))
                            for key in ("words", "unless", "with", "doers"))))
    entry = triggers.get(name)
    if not isinstance(entry, dict):
        raise ConfigError(f"triggers.yaml: no family {name!r} (types.yaml names it)")
    return Family(name, str(entry.get("group") or name),
                  frozenset(_strings(entry.get("absorbs"), f"triggers.yaml: {name}")),
                  frozenset(_strings(entry.get("absorbs_generic"), f"triggers.yaml: {name}")),
                  str(spec["default"]), tuple(rules))


def _triggers(triggers: dict[str, Any]) -> tuple[dict[str, Trigger], dict[str, Trigger],
                                                   dict[tuple[str, ...], Trigger]]:
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    phrases: dict[tuple[str, ...], Trigger] = {}
    for family, entry in triggers.items():
        where = f"triggers.yaml: {family}"
        weak = entry.get("weak") or {}
        for words, table, is_weak in ((entry.get("verbs"), verbs, False),
                                      (entry.get("nouns"), nouns, False),
                                      (weak.get("verbs"), verbs, True),
                                      (weak.get("nouns"), nouns, True)):
            for word in _strings(words, where):
                target: dict[Any, Trigger] = phrases if " " in word else table
                target.setdefault(tuple(word.split()) if " " in word else word,
                                  Trigger(family, is_weak))
        for phrase in _strings(entry.get("phrases"), where):
            phrases.setdefault(tuple(phrase.split()), Trigger(family, False))
    return verbs, nouns, phrases


@cache
def event_lexicon() -> EventLexicon:
    """The rule data, validated; a ConfigError names the file and entry at fault."""
    raw_types, triggers = _load("types.yaml"), _load("triggers.yaml")
    support = frozenset(_strings(triggers.pop("support", None), "triggers.yaml: support"))
    conflict = frozenset(_strings(triggers.pop("conflict_words", None),
                                  "triggers.yaml: conflict_words"))
    harm = frozenset(_strings(triggers.pop("harm_words", None), "triggers.yaml: harm_words"))
    idioms = frozenset(tuple(w.split()) for w in _strings(triggers.pop("idioms", None),
                                                           "triggers.yaml: idioms"))
    if any(len(pair) != 2 for pair in idioms):
        raise ConfigError("triggers.yaml: idioms are a verb and its particle ('kill off')")
    not_events = frozenset(tuple(w.split()) for w in _strings(triggers.pop("not_events", None),
                                                               "triggers.yaml: not_events"))
    before = _phrase_preps(triggers)
    types = {str(k): _type(str(k), v) for k, v in (raw_types.get("types") or {}).items()}
    families = {str(k): _family(str(k), v, triggers, types)
                for k, v in (raw_types.get("families") or {}).items()}
    missing = set(triggers) - set(families)
    if missing:
        raise ConfigError(f"types.yaml: no family for triggers {sorted(missing)}")
    verbs, nouns, phrases = _triggers(triggers)
    ordered = dict(sorted(phrases.items(), key=lambda kv: -len(kv[0])))
    objects = {str(name): frozenset(_strings(entry.get("objects_of"), f"triggers.yaml: {name}"))
               for name, entry in triggers.items() if entry.get("objects_of")}
    by = {str(name): tuple(_strings(entry.get("by"), f"triggers.yaml: {name}"))
          for name, entry in triggers.items() if entry.get("by")}
    return EventLexicon(types, families, verbs, nouns, ordered,
                        max((len(p) for p in (*phrases, *not_events)), default=1),
                        frozenset(p[0] for p in (*phrases, *not_events)), by, support, objects,
                        _per_family(triggers, "strong_as_object_of"),
                        _per_family(triggers, "not_objects"), _ambiguous(triggers),
                        _per_family(triggers, "context"), conflict, harm,
                        idioms=idioms, not_events=not_events, phrase_not_before=before,
                        unarmed=frozenset(str(name) for name, entry in triggers.items()
                                          if entry.get("weapons_back") is False),
                        **{key: _per_family(triggers, key) for key in PER_FAMILY})


# the per-family word lists of triggers.yaml read into fields of the same name
PER_FAMILY = ("not_subjects", "not_with", "no_object", "not_direct_objects", "not_modifiers",
              "armed_subject", "armed_objects", "doers_only", "manner_after")


def _per_family(triggers: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    return {str(name): frozenset(_strings(entry.get(key), f"triggers.yaml: {name}.{key}"))
            for name, entry in triggers.items() if entry.get(key)}


def _phrase_preps(triggers: dict[str, Any]) -> dict[tuple[str, ...], frozenset[str]]:
    """Phrases that name no event before these prepositions ("came under fire for")."""
    found: dict[tuple[str, ...], frozenset[str]] = {}
    for name, entry in triggers.items():
        value = entry.get("phrase_not_before") or {}
        if not isinstance(value, dict):
            raise ConfigError(f"triggers.yaml: {name}.phrase_not_before: expected a mapping")
        for phrase, preps in value.items():
            where = f"triggers.yaml: {name}.phrase_not_before"
            found[tuple(str(phrase).lower().split())] = frozenset(_strings(preps, where))
    return found


def _ambiguous(triggers: dict[str, Any]) -> dict[str, frozenset[str] | None]:
    """Each family's words that need a sentence about conflict; None when all do."""
    found: dict[str, frozenset[str] | None] = {}
    for name, entry in triggers.items():
        value = entry.get("ambiguous")
        if value == "all":
            found[str(name)] = None
        elif value:
            found[str(name)] = frozenset(_strings(value, f"triggers.yaml: {name}.ambiguous"))
    return found
