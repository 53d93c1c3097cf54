"""Who did it and to whom, from the syntax of a mention.

Active: the subject did it, the object suffered it ("Russia shelled Kharkiv").
Passive: the agent did it ("shot down by the Pantsir-S": a weapon, so the
interceptor is the military of the place). A noun: its possessor or its nation
adjective ("Russian strikes", "Russia's attack"), its "by" phrase, or the subject
of the verb that carried it out ("Russia unleashed a series of attacks"). Names
are resolved as speakers are (sitrep.actors.resolve), so "the Kyiv regime" is
Ukraine and "he" is the person meant.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sitrep.actors.resolve import Resolver
from sitrep.events.arguments import demonym_country
from sitrep.events.lexicon import event_lexicon
from sitrep.events.words import words
from sitrep.geo.gazetteer import country_label
from sitrep.geo.recognize import rule_words
from sitrep.nlp.syntax import in_dateline
from sitrep.records import Actor
from sitrep.statements.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

SHARED = {"conj", "advcl", "xcomp"}
"""A verb joined to another, often without a subject of its own; an xcomp is done by
its governor's subject ("Libya offered to hand over the suspects")."""



def perpetrators(head: Token, resolver: Resolver) -> list[Actor]:
    """The mention's doers, most direct first."""
    tokens = list(_doers(head))
    return [a for a in (_actor(t, "perpetrator", resolver) for t in tokens) if a is not None]


def targets(head: Token, resolver: Resolver, *, fought: bool = False) -> list[Actor]:
    """Whom the mention hit, when it names an actor (people, forces, states). `fought`:
    a clash, whose other side is "with" or "against" it ("clashed with Pakistani
    soldiers", "fighting against the rebels")."""
    found = []
    for child in head.children:
        if (child.dep_ == "dobj" and head.pos_ == "VERB") or child.dep_ == "nsubjpass":
            found.append(child)
        elif child.dep_ == "prep" and (
                (child.lower_ in ("on", "against") and head.pos_ == "NOUN")
                or (fought and child.lower_ in ("with", "against"))):
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return [a for a in (_actor(t, "target", resolver, strict=True) for t in found)
            if a is not None]


def sides(head: Token, resolver: Resolver) -> list[Actor]:
    """The two sides of a clash told as "between X and Y" ("fighting between the army
    and the RSF"): the first as perpetrator, the others as targets."""
    found: list[Actor] = []
    # (or on the verb the fighting is the subject of: "fighting broke out between")
    heads = [head, head.head] if head.dep_ == "nsubj" and head.head.pos_ == "VERB" else [head]
    for child in (c for h in heads for c in h.children):
        if child.dep_ != "prep" or child.lower_ != "between":
            continue
        for n, token in enumerate(t for pobj in child.children if pobj.dep_ == "pobj"
                                  for t in (pobj, *pobj.conjuncts)):
            role = "perpetrator" if n == 0 else "target"
            actor = _actor(token, role, resolver)
            owner = _proper_owner(token, ("compound",))
            if actor is None and owner is not None:  # "Fatah gunmen": Fatah's
                actor = _actor(owner, role, resolver)
            if actor is not None and n == 0 and " and " in actor.name:
                actor.name = actor.name.split(" and ")[0]  # one side, not both
            if actor is not None:
                found.append(actor)
    return found


def _doers(head: Token) -> Iterable[Token]:
    if head.pos_ in ("VERB", "AUX", "ADJ"):
        yield from _verb_doers(_sharer(head))
        return
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound")
                                    and demonym_country(child) is not None):
            yield child
        elif child.dep_ == "prep" and child.lower_ == "by":
            yield from (c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "acl":  # "drones launched by Russia"
            for agent in (c for c in child.children if c.dep_ == "agent"):
                yield from (c for c in agent.children if c.dep_ == "pobj")
    verb = _carrier(head)
    if verb is not None:
        yield from (c for c in verb.children if c.dep_ == "nsubj")


def _verb_doers(verb: Token) -> Iterable[Token]:
    for child in verb.children:
        if child.dep_ == "nsubj":
            yield child
        elif child.dep_ == "agent":
            yield from (c for c in child.children if c.dep_ == "pobj")


def _sharer(verb: Token) -> Token:
    """The verb whose doers a verb with none of its own shares: the one it is joined to
    ("troops pushed in, capturing a village", "rebels attacked and seized the town") or
    that governs it ("the army began to shell the town")."""
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children) \
                or verb.dep_ not in SHARED or verb.head.pos_ not in ("VERB", "AUX"):
            return verb
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return verb  # "after being shelled", "as they advanced": a clause of its own
        if verb.head.lemma_.lower() in lexicon().verbs:
            return verb  # "striking blocks of flats, reports suggested": who tells, not who did
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in words("doing_verbs"):
            return verb  # "urged the rebels to attack": the urger does not attack
        verb = verb.head
    return verb


def _carrier(head: Token) -> Token | None:
    """The verb that carried the noun out ("launched an attack"), through "a series of"."""
    token = head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "dobj":
        token = token.head.head
    if token.dep_ == "dobj" and token.head.lemma_.lower() in rule_words("carry_out"):
        return token.head
    return None


def _means_owner(token: Token, role: str) -> Actor | None:
    """Whose means a means or arms word names: a nation's military ("Israeli warplanes",
    "Russian drones"), or the forces it is named for ("army aircraft", "rebel rockets")."""
    if token.pos_ not in ("NOUN", "PROPN") or not (
            token.lower_ in words("means") or token.lemma_.lower() in words("armed_means")
            or token.lower_ in event_lexicon().support):
        return None
    country = next((country for child in token.children if child.dep_ in ("amod", "compound")
                    and (country := demonym_country(child)) is not None), None)
    if country is not None:
        return Actor(role=role, name=country_label(country), country=country,  # type: ignore[arg-type]
                     kind="military")
    if token.lower_ not in words("means") and token.lemma_.lower() not in words("armed_means"):
        return None
    forces = next((c for c in token.children if c.dep_ in ("compound", "amod", "poss")
                   and c.lemma_.lower() in words("forces")), None)
    if forces is None:
        return None
    kind = "government" if forces.lemma_.lower() in ("government", "regime") else "military"
    return Actor(role=role, name=forces.text, kind=kind)  # type: ignore[arg-type]


def _proper_owner(token: Token, deps: tuple[str, ...] = ("compound", "poss")) -> Token | None:
    """The name a noun belongs to ("Hamas positions", "Fatah gunmen")."""
    return next((c for c in token.children if c.dep_ in deps and c.pos_ == "PROPN"), None)


def doer_tokens(head: Token) -> list[Token]:
    """Every word of the mention's doers ("launched by Moscow": Moscow is no location)."""
    return [t for doer in _doers(head) for t in doer.subtree]


def _actor(token: Token, role: str, resolver: Resolver, *, strict: bool = False) -> Actor | None:
    if in_dateline(token):
        return None  # "PESHAWAR, Pakistan (Wire) - A bomb struck": where it was filed
    owned = _means_owner(token, role)
    if owned is not None:  # "Israeli warplanes struck", "army aircraft bombed": theirs
        return owned
    if strict and token.lemma_.lower() in words("place_words"):
        owner = _proper_owner(token)
        if owner is None:
            return None  # "on the city": a place or a thing is what was hit, not an actor
        token = owner  # "Hamas positions": Hamas was hit
    if token.lower_ in words("means") or (token.lower_ in words("referring_pronouns")
                                          and token.lower_ != "they"):
        return None
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"):
        return None  # the day of "Tuesday's strikes" did nothing
    country = demonym_country(token) if token.dep_ in ("amod", "compound") else None
    if country is not None:
        return Actor(role=role, name=country_label(country), country=country,  # type: ignore[arg-type]
                     kind="government")
    speaker = resolver.speaker(token)
    if not speaker.name or speaker.name.lower() in words("means") | words("unresolved"):
        return None  # a pronoun nobody could be found for names no actor
    if speaker.kind == "unknown" and (strict or token.pos_ != "PROPN"):
        return None
    return Actor(role=role, name=speaker.name, country=speaker.affiliation,  # type: ignore[arg-type]
                 kind=speaker.kind)
