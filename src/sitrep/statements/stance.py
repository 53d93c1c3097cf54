"""Stance and target of statements: from the cue, negation and what was said.

The cue gives a default (cues.yaml); the content refines it (stance.yaml):
negated involvement denies ("we have nothing directly to do with this"),
words of crime or a named actor doing harm accuse ("the Kyiv regime launched
a terrorist drone attack"), a future of one's own side states an intention
(a threat when it is harm), "must"/"should" appeal. The target is whom an
accusation is aimed at: the object of "blame"/"accuse", else the actor the
content makes the subject of its harm; an accusation that names nobody takes
the target of its speaker's neighbouring accusation, or of an accusation by
the same side about the same thing ("Russia blames US for 'encouraging ...'").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sitrep.nlp.syntax import in_dateline
from sitrep.records import PloverCode, Statement
from sitrep.records.schema import Stance
from sitrep.statements.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.actors.resolve import Resolver

SELF = {"we", "i", "our", "us", "my"}
DEED_WORDS = {"this", "it", "that"}  # "this was planned by the TTP": the deed told of
OWN_FORCES = {"defence", "defense", "defences", "defenses", "force", "forces", "troops",
              "army", "military", "government", "country", "nation"}


def judge(doc: Doc, pairs: list[tuple[Any, Statement]], lex: Lexicon,
          resolver: Resolver) -> None:
    """Set `stance` and `target` of each (frame, statement) pair in place."""
    for frame, statement in pairs:
        content = doc.char_span(statement.start, statement.end, alignment_mode="expand")
        tokens = list(content) if content is not None else []
        statement.stance = _stance(frame.rule.stance, tokens, lex)
        statement.plover = _plover(frame.cue, statement.stance, lex)
        if statement.stance in ("accuse", "threaten", "reject", "support", "appeal"):
            statement.target = _target(frame, tokens, lex, resolver, statement)
    _siblings(pairs)


def _stance(base: Stance, tokens: list[Token], lex: Lexicon) -> Stance:
    if base not in ("report", "claim") or not tokens:
        return base
    lemmas = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if any(t.dep_ == "neg" or t.lower_ in lex.negators for t in tokens) and \
            lemmas & lex.involvement:
        return "deny"
    if lemmas & lex.accusing or _harm_by_actor(tokens, lex):
        return "accuse"
    if lemmas & lex.future and _own_side(tokens):
        acts = {t.lemma_.lower() for t in tokens if t.pos_ == "VERB" or t.dep_ == "dobj"}
        return "threaten" if acts & lex.threatening else "intend"
    if lemmas & {"must", "should"}:
        return "appeal"
    return base


def _plover(cue: Token, stance: Stance, lex: Lexicon) -> PloverCode | None:
    """The PLOVER verbal event a statement is: by its cue's lemma, else its stance."""
    kind = lex.plover_cues.get(cue.lemma_.lower()) or lex.plover_stances.get(stance)
    return PloverCode(kind) if kind else None


def _harm_by_actor(tokens: list[Token], lex: Lexicon) -> bool:
    """A harming verb whose doer is a named actor ("the Kyiv regime launched", "the
    village was shelled by the RSF"), or a verb of complicity in harm ("the US is
    encouraging Ukraine to attack", "this was planned by the TTP")."""
    return any(t.pos_ == "VERB" and _doer(t, lex) is not None for t in tokens)


def _doer(verb: Token, lex: Lexicon) -> Token | None:
    """The named actor a verb tells doing harm or abetting it: its subject, or the
    agent of its passive."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.harming and not (lemma in lex.enabling and _abets(verb, lex)):
        return None
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    doers = [c for c in verb.children if c.dep_ == "nsubj"] + [
        p for c in verb.children if passive and c.dep_ == "agent"
        for p in c.children if p.dep_ == "pobj"]
    return next((d for d in doers if _actor(d)), None)


def _abets(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb of complicity is about harm: it is what the verb makes others do
    ("encouraging Ukraine to attack"), or the deed itself, planned ("this was planned")."""
    return any((c.dep_ in ("xcomp", "dobj", "ccomp") and c.lemma_.lower() in lex.harming)
               or (c.dep_ == "nsubjpass" and c.lemma_.lower() in DEED_WORDS | lex.harming)
               for c in verb.children)


def _actor(token: Token) -> bool:
    phrase = list(token.subtree)
    return any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in phrase)


def _own_side(tokens: list[Token]) -> bool:
    """The content's subject is the speaker's side: "we", "our forces", "air defences"."""
    for t in tokens:
        if t.dep_ in ("nsubj", "nsubjpass"):
            words = {w.lower_ for w in t.subtree}
            if words & SELF or (t.lemma_.lower() in OWN_FORCES and not any(
                    w.ent_type_ in ("GPE", "NORP") for w in t.subtree)):
                return True
    return False


def _target(frame: Any, tokens: list[Token], lex: Lexicon, resolver: Resolver,
            statement: Statement) -> str | None:
    cue: Token = frame.cue
    for child in cue.children:  # "blames the US", "accused the logging firm of ..."
        if child.dep_ in ("dobj", "dative") and frame.rule.content == "charge":
            if _actor(child):
                return _name(child, resolver, statement)
            if child.pos_ in ("NOUN", "PROPN"):
                words = [t for t in child.subtree if t.i <= child.i and t.dep_ != "det"]
                return " ".join(t.text for t in words) or None
    for t in tokens:
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "ccomp", "conj") \
                and _actor(t) and t.head.lemma_.lower() not in lex.verbs:
            name = _name(t, resolver, statement)
            if name:
                return name
        if t.dep_ == "nsubj" and t.head.lemma_.lower() in lex.harming and _actor(t):
            return _name(t, resolver, statement)
    for t in tokens:  # "separatist fighters were responsible": whom blame's word is of
        if t.dep_ == "nsubj" and _blamed(t.head, lex):
            name = _name(t, resolver, statement)
            if name:
                return name
    for t in tokens:  # "this was planned by the TTP"
        doer = _doer(t, lex) if t.pos_ == "VERB" else None
        if doer is not None and doer.dep_ == "pobj":
            return _name(doer, resolver, statement)
    return None


def _blamed(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb's predicate is a word of blame: "were responsible", "is the
    culprit" (its subject is the accused, named or not: "separatist fighters")."""
    return verb.lemma_.lower() == "be" and any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lex.accusing
        for c in verb.children)


def _name(token: Token, resolver: Resolver, statement: Statement) -> str | None:
    if in_dateline(token):
        return None  # "GUSAU, Nigeria (Wire) - Armed men abducted": where it was filed
    actor = resolver.speaker(token)
    if actor.kind == "unknown" and not actor.affiliation:
        return None
    if actor.name == statement.speaker.name:
        return None
    return actor.name


def _siblings(pairs: list[tuple[Any, Statement]]) -> None:
    """An accusation naming nobody takes the target of an accusation of the same cue
    or the same speaker next to it."""
    for i, (frame, statement) in enumerate(pairs):
        if statement.stance != "accuse" or statement.target:
            continue
        near = [s for f, s in pairs if f is frame and s.target] + [
            s for _, s in pairs[max(0, i - 2):i + 3]
            if s.target and s.stance == "accuse" and s.speaker.name == statement.speaker.name]
        if near:
            statement.target = near[0].target


def inherit_targets(statements: list[Statement]) -> None:
    """An accusation naming nobody takes the target of an accusation by the same side
    on the same topic (two shared word stems), else of the same speaker's accusation
    next to it (one utterance over several quotes)."""
    for statement in statements:
        if statement.stance == "accuse" and not statement.target:
            side, words = statement.speaker.affiliation, _stems(statement.text)
            same = [(len(words & _stems(o.text)), o) for o in statements
                    if o.target and o.stance == "accuse" and side
                    and o.speaker.affiliation == side]
            best = max(same, key=lambda pair: pair[0], default=(0, statement))
            if best[0] >= 2:
                statement.target = best[1].target
    for i, statement in enumerate(statements):
        if statement.stance == "accuse" and not statement.target:
            for other in statements[max(0, i - 1):i + 2]:
                if other.target and other.speaker.name == statement.speaker.name:
                    statement.target = other.target
                    break


def _stems(text: str) -> set[str]:
    """Crude stems of a text's longer words ("encouraging", "encouragement": "encour").

    >>> sorted(_stems("encouraging Ukrainian drone strikes"))
    ['encour', 'strike', 'ukrain']
    """
    return {w.lower()[:6] for w in re.findall(r"[A-Za-z]{6,}", text)}
