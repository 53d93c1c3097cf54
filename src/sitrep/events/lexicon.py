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
from sitrep.rules import WORDS, Check, Either, MapOf, Maybe, OneOf, Required, at, load_rules

CONDITIONS = ("weapons", "words", "unless", "with", "doers")

# What a constraint of triggers.yaml may look at (detect.py reads each; the file's
# header says what each is) and what holding it does.
ROLES = ("subject", "own_subject", "object", "direct_object", "active_object", "patient",
         "complement", "predicate", "doer", "modifier", "described", "qualified",
         "preposition", "object_of", "verb_of")
EFFECTS = ("not_event", "event_only", "not_family", "strong", "strong_only", "turn", "adopt")
CLASSES = ("support", "conflict_words", "trigger_nouns", "person")  # shared lists: $support


def _role(value: object) -> str | None:
    if isinstance(value, str) and (value in ROLES or (
            value.startswith("preposition:") and len(value) > len("preposition:"))):
        return None
    return f"{value!r} is no role: one of {', '.join(ROLES)} or preposition:WORD"


_CONDITION = {"role": Required(Check(_role, "a role")), "words": WORDS}
_CONSTRAINT = {**_CONDITION, "triggers": WORDS, "families": WORDS, "bare": bool,
               "also": [_CONDITION], "unless": [_CONDITION],
               "effect": Required(OneOf(*EFFECTS)), "to": str}
FAMILY = {
    "group": str, "absorbs": Maybe(WORDS), "absorbs_generic": Maybe(WORDS),
    "ambiguous": {"words": Required(Either(OneOf("all"), WORDS)), "context": WORDS},
    "weapons_back": bool, "verbs": Maybe(WORDS), "nouns": Maybe(WORDS),
    "phrases": Maybe(WORDS), "weak": Maybe({"verbs": Maybe(WORDS), "nouns": Maybe(WORDS)}),
    "constraints": [_CONSTRAINT],
}
# triggers.yaml: the lists below and a family per other key
TRIGGERS = {"not_events": WORDS, "idioms": WORDS, "support": WORDS, "conflict_words": WORDS,
            "harm_words": WORDS, "*": FAMILY}
_CODES = Maybe([Maybe(str)])
TYPES = {
    "types": Required(MapOf({"acled": _CODES, "plover": _CODES, "cameo": Maybe(str),
                             "violent": bool})),
    "families": Required(MapOf({
        "default": Required(str),
        "rules": Maybe([{"type": Required(str), "weapons": WORDS, "words": WORDS,
                         "unless": WORDS, "with": WORDS, "doers": WORDS}])})),
    "modality": {key: WORDS for key in ("modals", "intents", "conditionals", "negators",
                                        "hedges", "habitual", "aside_marks", "aside_verbs",
                                        "futures")},
}


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
class Condition:
    """Words in a role of a trigger's parse (triggers.yaml `constraints`): it holds
    when a word there is one of `words` or a `phrases` in a row, or of a shared list
    (`classes`); with none of them, when the role has any word."""

    role: str
    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    classes: frozenset[str] = frozenset()

    @property
    def anything(self) -> bool:
        return not (self.words or self.phrases or self.classes)


@dataclass(frozen=True, slots=True)
class Constraint:
    """A condition on a family's triggers and what holding it does (`effect`)."""

    family: str  # the family that states it
    effect: str
    condition: Condition
    also: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    triggers: frozenset[str] | None = None  # only for these words or phrases
    families: frozenset[str] | None = None  # `adopt`: only triggers of these families
    bare: bool = False  # only for a bare singular noun
    to: str | None = None  # `turn`: the family it turns a trigger to
    where: str = ""  # FILE:LINE


@dataclass(frozen=True, slots=True)
class EventLexicon:
    types: dict[str, EventType]
    families: dict[str, Family]
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    phrases: dict[tuple[str, ...], Trigger]  # lower-case word sequences, longest first
    longest: int
    starts: frozenset[str]  # the first words of the phrases
    support: frozenset[str]  # words that back a weak trigger as a weapon does
    ambiguous: dict[str, frozenset[str] | None]  # family -> words needing context; None: all
    context: dict[str, frozenset[str]]  # family -> words that make its sentence about it
    conflict: frozenset[str]  # words that make a sentence one about conflict
    harm: frozenset[str]  # words of people hurt: a sentence about violence
    # family -> its constraints but `adopt` ones, in file order
    constraints: dict[str, tuple[Constraint, ...]] = field(default_factory=dict)
    adopters: tuple[Constraint, ...] = ()  # the `adopt` constraints of all families, in order
    idioms: frozenset[tuple[str, ...]] = frozenset()  # verb and particle: "kill off"
    unarmed: frozenset[str] = frozenset()  # families a weapon word does not back ("held")
    not_events: frozenset[tuple[str, ...]] = frozenset()  # phrases of no event: "heart attack"

    @property
    def doers_only(self) -> dict[str, frozenset[str]]:
        """family -> its trigger nouns that name doers: events only as doers, none as an
        object ("police arrested two gunmen"; a `not_event` constraint on `object_of`)."""
        return {family: frozenset().union(*(c.triggers or () for c in found
                                            if c.effect == "not_event" and c.condition.anything
                                            and c.condition.role == "object_of"))
                for family, found in self.constraints.items()}

    def of(self, family: str, effect: str) -> tuple[Constraint, ...]:
        """The family's constraints with this effect."""
        return tuple(c for c in self.constraints.get(family, ()) if c.effect == effect)


def _load(name: str) -> dict[str, Any]:
    return load_rules(__package__ or "", name, schema=TYPES if name == "types.yaml" else TRIGGERS)


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
        raise ConfigError(f"{at(spec, 'acled', default=where)}: acled must be "
                          f"[event type, sub-event type] or null")
    if plover is not None and not (isinstance(plover, list) and len(plover) == 2):
        raise ConfigError(f"{at(spec, 'plover', default=where)}: plover must be "
                          f"[event type, mode or null] or null")
    cameo = spec.get("cameo")
    return EventType(name, (str(acled[0]), str(acled[1])) if acled else None,
                     (str(plover[0]), plover[1] and str(plover[1])) if plover else None,
                     None if cameo is None else str(cameo), bool(spec.get("violent")))


def _family(name: str, spec: Any, triggers: dict[str, Any], types: dict[str, EventType]) -> Family:
    where = f"types.yaml: family {name!r}"
    if not isinstance(spec, dict) or spec.get("default") not in types:
        raise ConfigError(f"{at(spec, 'default', default=where)}: family {name!r} needs a "
                          f"default type from `types`")
    rules = []
    for i, rule in enumerate(spec.get("rules") or []):
        if not isinstance(rule, dict) or rule.get("type") not in types \
                or set(rule) - {"type", *CONDITIONS}:
            raise ConfigError(f"{at(spec['rules'], i, default=where)}: rule {rule!r} needs a "
                              f"known type and only {', '.join(CONDITIONS)}")
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
    """The rule data, validated; a ConfigError names the file and line at fault."""
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
    types = {str(k): _type(str(k), v) for k, v in (raw_types.get("types") or {}).items()}
    families = {str(k): _family(str(k), v, triggers, types)
                for k, v in (raw_types.get("families") or {}).items()}
    missing = set(triggers) - set(families)
    if missing:
        raise ConfigError(f"types.yaml: no family for triggers {sorted(missing)}")
    verbs, nouns, phrases = _triggers(triggers)
    ordered = dict(sorted(phrases.items(), key=lambda kv: -len(kv[0])))
    constraints = {str(name): tuple(_constraints(str(name), entry, families))
                   for name, entry in triggers.items()}
    return EventLexicon(types, families, verbs, nouns, ordered,
                        max((len(p) for p in (*phrases, *not_events)), default=1),
                        frozenset(p[0] for p in (*phrases, *not_events)), support,
                        _ambiguous(triggers), _context(triggers), conflict, harm,
                        constraints={name: tuple(c for c in found if c.effect != "adopt")
                                     for name, found in constraints.items() if found},
                        adopters=tuple(c for found in constraints.values() for c in found
                                       if c.effect == "adopt"),
                        idioms=idioms, not_events=not_events,
                        unarmed=frozenset(str(name) for name, entry in triggers.items()
                                          if entry.get("weapons_back") is False))


def _condition(spec: dict[str, Any], where: str) -> Condition:
    words = _strings(spec.get("words"), where)
    classes = {w[1:] for w in words if w.startswith("$")}
    if classes - set(CLASSES):
        raise ConfigError(f"{where}: unknown list {sorted(classes - set(CLASSES))[0]!r} "
                          f"(expected one of {', '.join('$' + c for c in CLASSES)})")
    plain = [w for w in words if not w.startswith("$")]
    return Condition(str(spec["role"]), frozenset(w for w in plain if " " not in w),
                     tuple(tuple(w.split()) for w in plain if " " in w), frozenset(classes))


def _constraints(name: str, entry: dict[str, Any], families: dict[str, Family]
                 ) -> list[Constraint]:
    """A family's `constraints`, checked against the names they use."""
    found = []
    items = entry.get("constraints") or []
    for i, spec in enumerate(items):
        where = at(items, i, default=f"triggers.yaml: {name}.constraints[{i}]")
        effect = str(spec["effect"])
        named = [*_strings(spec.get("families"), where), *([spec["to"]] if "to" in spec else [])]
        if any(f not in families for f in named):
            raise ConfigError(f"{where}: no family {next(f for f in named if f not in families)!r}")
        if (effect == "turn") != ("to" in spec) or ("families" in spec and effect != "adopt"):
            raise ConfigError(f"{where}: `to` goes with effect turn, `families` with adopt")
        triggers = spec.get("triggers")
        found.append(Constraint(
            name, effect, _condition(spec, where),
            tuple(_condition(c, where) for c in spec.get("also") or []),
            tuple(_condition(c, where) for c in spec.get("unless") or []),
            None if triggers is None else frozenset(_strings(triggers, where)),
            frozenset(_strings(spec["families"], where)) if "families" in spec else None,
            bool(spec.get("bare")), spec.get("to"), where))
    return found


def _ambiguous(triggers: dict[str, Any]) -> dict[str, frozenset[str] | None]:
    """Each family's words that need a sentence about conflict; None when all do."""
    found: dict[str, frozenset[str] | None] = {}
    for name, entry in triggers.items():
        value = (entry.get("ambiguous") or {}).get("words")
        if value == "all":
            found[str(name)] = None
        elif value:
            found[str(name)] = frozenset(_strings(value, f"triggers.yaml: {name}.ambiguous"))
    return found


def _context(triggers: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each ambiguous family's own words that make its sentence one about it."""
    return {str(name): frozenset(_strings(entry["ambiguous"]["context"],
                                          f"triggers.yaml: {name}.ambiguous.context"))
            for name, entry in triggers.items()
            if (entry.get("ambiguous") or {}).get("context")}
