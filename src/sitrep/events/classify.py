"""Which type an event is: its families' rules (types.yaml) read against its sentence.

>>> from sitrep.events.lexicon import event_lexicon
>>> lex = event_lexicon()
>>> decide(["strike"], Context("gunmen opened fire on a checkpoint", frozenset()), lex)
('armed_clash', True)
>>> decide(["strike", "explosion"], Context("killed in a blast", frozenset({"drone"})), lex)
('drone_strike', True)
>>> decide(["protest"], Context("crowds marched through the city", frozenset()), lex)
('peaceful_protest', False)
>>> decide(["arrest"], Context("police detained two men", frozenset()), lex)
('arrest', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.events.lexicon import EventLexicon, Family, Rule


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule reads: the sentence's words (forms and lemmas, lower case, spaced)
    and the categories of the weapons named in it."""

    words: str
    weapons: frozenset[str]
    doers: str = ""

    def has(self, phrase: str) -> bool:
        return f" {phrase} " in f" {self.words} "

    def done_by(self, phrase: str) -> bool:
        return f" {phrase} " in f" {self.doers} "


def decide(families: Sequence[str], context: Context, lex: EventLexicon) -> tuple[str, bool]:
    """The type of an event found through these families (the first is the one that
    absorbed the others), and whether a rule named it (else it is a family default).
    Only families of the first one's group are read: an absorbed family's rules say
    what it would be alone ("police" makes a shooting a clash), not what the absorber is
    ("police seized weapons in raids" is a seizure). A family with no rules names one
    type only ("arrest", "crime"), as specific as a rule's."""
    group = lex.families[families[0]].group
    for name in families:
        if lex.families[name].group != group:
            continue
        found = _first_rule(lex.families[name], context)
        if found is not None:
            return found.type, True
    first = lex.families[families[0]]
    return first.default, not first.rules


def _first_rule(family: Family, context: Context) -> Rule | None:
    for rule in family.rules:
        if rule.weapons and not rule.weapons & context.weapons:
            continue
        if rule.words and not any(context.has(w) for w in rule.words):
            continue
        if any(context.has(w) for w in rule.unless):
            continue
        if rule.with_ and not any(context.has(w) for w in rule.with_):
            continue
        if rule.doers and not any(context.done_by(w) for w in rule.doers):
            continue
        return rule
    return None
