"""Event mentions: trigger words (triggers.yaml) that tell of something that happened.

A mention is a trigger in a sentence. Weak triggers ("hit", "fire") count only
beside a weapon, a casualty word or another trigger. Mentions that are negated
("no attacks"), hypothetical or future ("would strike", "threatened to attack",
"if they attack") are dropped: they did not happen.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sitrep.events.lexicon import TYPES, Condition, Constraint, EventLexicon, Trigger
from sitrep.events.words import words
from sitrep.nlp.syntax import clause_verb
from sitrep.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VERBAL = ("VERB", "ADJ", "AUX")
NOMINAL = ("NOUN", "PROPN")
CLIMB = {"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl"}
@dataclass(slots=True)
class Mention:
    sent: Span
    head: Token  # the trigger's syntactic head
    start: int  # token indices of the trigger words, end exclusive
    end: int
    family: str
    weak: bool
    background: Token | None = None  # the head of the background part it is told in

    @property
    def aside(self) -> bool:
        """Whether it is told as background to its sentence's news (`aside_root`)."""
        return self.background is not None

    @property
    def text(self) -> str:
        return self.sent.doc[self.start:self.end].text


@dataclass(frozen=True, slots=True)
class Modality:
    modals: frozenset[str]
    intents: frozenset[str]
    conditionals: frozenset[str]
    negators: frozenset[str]
    hedges: frozenset[str]
    habitual: frozenset[str]
    aside_marks: frozenset[str]
    aside_verbs: frozenset[str]
    futures: frozenset[str]


@cache
def modality() -> Modality:
    raw = load_rules(__package__ or "", "types.yaml", schema=TYPES).get("modality") or {}
    return Modality(*(frozenset(str(w).lower() for w in raw.get(key) or [])
                      for key in ("modals", "intents", "conditionals", "negators", "hedges",
                                  "habitual", "aside_marks", "aside_verbs", "futures")))


def find_mentions(doc: Doc, lex: EventLexicon, *,
                  backed: Callable[[Span], bool] = lambda sent: False) -> list[Mention]:
    """The mentions of events that happened, sentence by sentence.

    A weak trigger counts when a strong one shares its sentence or `backed(sentence)`
    (the sentence names a weapon).
    """
    found: list[Mention] = []
    told: set[str] = set()  # groups of the events told so far
    for sent in doc.sents:
        mentions = list(_triggers(sent, lex))
        if not mentions:
            continue
        mentions = [m for m in mentions if _happened(m.head)]
        armed = backed(sent)
        sure = [m for m in mentions if not _ambiguous(m, lex)]
        kept = [m for m in mentions if m in sure or _in_context(
            m, sure, told, lex, armed and m.family not in lex.unarmed)]
        strong = any(not m.weak for m in kept)
        kept = [m for m in kept if strong or not m.weak or (
            armed and m.family not in lex.unarmed)]  # (a weapon backs no "held")
        told |= {lex.families[m.family].group for m in kept}
        heads = {m.head.i for m in kept}
        for m in kept:
            m.background = aside_root(m.head, heads)
        found.extend(kept)
    return found


def _ambiguous(mention: Mention, lex: EventLexicon) -> bool:
    """Whether the trigger names an event only in a sentence about conflict."""
    if mention.family not in lex.ambiguous:
        return False
    words = lex.ambiguous[mention.family]
    text = " ".join(t.lemma_.lower() for t in mention.sent.doc[mention.start:mention.end])
    return words is None or text in words or mention.head.lemma_.lower() in words


def _in_context(mention: Mention, sure: list[Mention], told: set[str], lex: EventLexicon,
                armed: bool) -> bool:
    """An ambiguous trigger in a sentence about conflict ("a sublime strike" is none):
    a conflict word or its family's own context, a weapon, an unambiguous trigger
    beside it, or a story that has already told of such an event ("the attacks")."""
    group = lex.families[mention.family].group
    own = range(mention.start, mention.end)
    words = {w for t in mention.sent if t.i not in own for w in (t.lower_, t.lemma_.lower())}
    # conflict words name armed men and war, not verbs ("forced to pull out")
    things = {w for t in mention.sent if t.i not in own and (t.pos_ != "VERB" or t.dep_ == "amod")
              for w in (t.lower_, t.lemma_.lower())}
    hurt = group in ("violence", "clash") and bool(words & lex.harm)
    if armed or hurt or things & lex.conflict or words & lex.context.get(mention.family,
                                                                         frozenset()):
        return True
    if any(lex.families[m.family].group in (group, "violence") and not m.weak for m in sure):
        return True
    return group in told  # the story is already about such events


def _triggers(sent: Span, lex: EventLexicon) -> Iterator[Mention]:
    doc, i = sent.doc, sent.start
    lowers = [t.lower_ for t in sent]
    lemmas = [t.lemma_.lower() for t in sent]
    while i < sent.end:
        n, trigger = _phrase(lowers, lemmas, i - sent.start, lex)
        if n > 1 and trigger is None:
            i += n  # a phrase that names no event: "a heart attack"
            continue
        if trigger is not None:
            root = doc[i:i + n].root
            k = i - sent.start  # (a phrase's words and its head's, for `triggers`)
            said: tuple[str, ...] = (" ".join(lowers[k:k + n]), " ".join(lemmas[k:k + n]),
                                     root.lemma_.lower(), root.lower_)
            if root.pos_ in NOMINAL:
                trigger = _adopted(root, said, trigger, lex) or \
                    _strong_object(root, said, trigger, lex)
            if trigger is not None and (_titled(doc[i]) or
                                        _odd_use(root, said, trigger.family, lex)):
                trigger = None
            if trigger is not None:
                yield Mention(sent, root, i, i + n, trigger.family, trigger.weak)
            i += n
            continue
        token = doc[i]
        said = (token.lemma_.lower(), token.lower_)
        trigger = None if _titled(token) else (
            _word(token, lex) or _adopted(token, said, None, lex))
        if trigger is not None and _odd_use(token, said, trigger.family, lex):
            trigger = None
        if trigger is not None and token.pos_ in VERBAL:
            trigger = _adopted(token, said, trigger, lex) or trigger
        elif trigger is not None:
            trigger = _adopted(token, said, trigger, lex) or \
                _strong_object(token, said, trigger, lex)
        if trigger is not None:
            yield Mention(sent, token, i, i + 1, trigger.family, trigger.weak)
        i += 1

def _phrase(lowers: list[str], lemmas: list[str], i: int,
            lex: EventLexicon) -> tuple[int, Trigger | None]:
    """The longest phrase starting at word i of a sentence, by forms or by lemmas."""
    if lowers[i] not in lex.starts and lemmas[i] not in lex.starts:
        return 1, None
    for n in range(min(lex.longest, len(lowers) - i), 1, -1):
        for forms in (lowers, lemmas):
            key = tuple(forms[i:i + n])
            if key in lex.not_events:
                return n, None
            trigger = lex.phrases.get(key)
            if trigger is not None:
                return n, trigger
    return 1, None


def _word(token: Token, lex: EventLexicon) -> Trigger | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and token.lower_ == lemma and not token.lower_.endswith(("ed", "en")):
        found = lex.nouns.get(lemma)  # an adjective no participle: "on the down side"
        return None if found is None or (found.weak and token.dep_ == "amod") else found
    if token.pos_ in VERBAL:
        return _verb(token, lex)
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and (token.is_lower or token.is_sent_start)):
        found = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)  # not "Arsenal beat Chelsea"
        head = token.head
        if found is not None and token.dep_ == "compound" and not (
                lex.nouns.get(head.lemma_.lower()) or lex.nouns.get(head.lower_)):
            return None  # it names a kind of thing: "riot police", "an arrest warrant"
        return found
    return None


def _verb(token: Token, lex: EventLexicon) -> Trigger | None:
    """A verb's trigger, after its family's `not_family`, `turn` and `strong` constraints."""
    lemma = token.lemma_.lower()
    if any(c.dep_ == "prt" and ((lemma, c.lower_) in lex.idioms
                                or (token.lower_, c.lower_) in lex.idioms)
           for c in token.children):
        return None  # "killed off the character", "fired up the engines"
    # the particle may follow the object, where the parse hangs it as a preposition
    # ("drove the militants out of the town")
    for c in token.children:
        if c.dep_ == "prt" or (c.dep_ in ("prep", "advmod") and c.lower_ in words("particles")):
            phrasal = lex.phrases.get((lemma, c.lower_))
            if phrasal is not None:
                return phrasal
    # the form too: the lemmatiser reads "raped" as "rap"
    found = lex.verbs.get(lemma) or lex.verbs.get(token.lower_) or (
        lex.nouns.get(token.lower_) if token.pos_ == "ADJ" else None)
    if found is None:
        return None
    said = (lemma, token.lower_)
    if any(_verdict(c, token, said, lex) for c in lex.of(found.family, "not_family")):
        return None  # "battled a blaze": other readings remain ("seized rifles")
    if found.weak and token.dep_ == "amod":
        return None  # "rebel-held areas" tells who holds them, not of a detention
    turned = next((c.to for c in lex.of(found.family, "turn") if _verdict(c, token, said, lex)),
                  None)
    if turned:
        return Trigger(turned, False)  # "captured two camps"
    if found.weak and any(_verdict(c, token, said, lex) for c in lex.of(found.family, "strong")):
        return Trigger(found.family, False)  # "gunmen hit a convoy" (not "a truck hit")
    return found


def _odd_use(token: Token, said: tuple[str, ...], family: str, lex: EventLexicon) -> bool:
    """Whether the trigger word is used in a way that names no event of its family: in
    a name or title, as a manner ("a hard-fought encounter"), as a verb that reports a
    finding ("the survey found that"), or as its family's `not_event` and `event_only`
    constraints say ("attacked the legislation", "sales exploded")."""
    if _in_a_name(token):
        return True
    children = list(token.children)
    if token.dep_ == "amod" and any(c.dep_ == "advmod" and c.i == token.i - 2
                                    and token.nbor(-1).lower_ == "-" for c in children):
        return True  # "a hard-fought encounter": how it went, not an event of its own
    if token.pos_ in VERBAL and not any(c.dep_ == "dobj" for c in children) and any(
            c.dep_ == "ccomp" and _reported(c, token) for c in children):
        return True  # "found that", "protested that he was innocent"
    for constraint in lex.constraints.get(family, ()):
        verdict = _verdict(constraint, token, said, lex)
        if verdict is None:
            continue
        if verdict if constraint.effect == "not_event" else (
                constraint.effect == "event_only" and not verdict):
            return True
    return False


def _verdict(constraint: Constraint, token: Token, said: tuple[str, ...],
             lex: EventLexicon) -> bool | None:
    """Whether a constraint holds for a trigger; None when it says nothing of it (not
    one of its `triggers`, or a role the word has none of: a verb's object of a noun).
    `said`: the trigger's words (lemma and form; a phrase's, and its head's)."""
    if constraint.triggers is not None and not any(w in constraint.triggers for w in said):
        return None
    found = _role(constraint.condition.role, token)
    if found is None:
        return None
    if constraint.bare and not (token.tag_ == "NN" and not any(
            c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children)):
        return False  # "in protest", not "in a protest"
    return _met(constraint.condition, found, lex) and all(
        _met(c, _role(c.role, token) or [], lex) for c in constraint.also) and not any(
        _met(c, _role(c.role, token) or [], lex) for c in constraint.unless)


def _met(condition: Condition, found: list[Token], lex: EventLexicon) -> bool:
    """Whether the words in a role meet a condition."""
    if condition.anything:
        return bool(found)
    if any(_one_of(t, condition, lex) for t in found):
        return True
    at = {t.i for t in found}
    return any(all(t.i + k in at and phrase[k] in (t.doc[t.i + k].lower_,
                                                   t.doc[t.i + k].lemma_.lower())
                   for k in range(len(phrase)))
               for phrase in condition.phrases for t in found)


def _one_of(token: Token, condition: Condition, lex: EventLexicon) -> bool:
    forms = (token.lemma_.lower(), token.lower_)
    if any(w in condition.words for w in forms):
        return True
    classes = condition.classes
    return bool(classes) and (
        ("support" in classes and any(w in lex.support for w in forms))
        or ("conflict_words" in classes and any(w in lex.conflict for w in forms))
        or ("trigger_nouns" in classes and any(w in lex.nouns for w in forms))
        or ("person" in classes and (token.ent_type_ == "PERSON"
                                     or token.lower_ in words("persons"))))


def _role(role: str, token: Token) -> list[Token] | None:
    """The words in a role of a trigger's parse (triggers.yaml's header says what each
    role is); None when the trigger cannot have it (a verb's object of a noun)."""
    if role.startswith("preposition:"):
        word = role.split(":", 1)[1]
        return [g for c in token.children if c.dep_ == "prep" and c.lower_ == word
                for g in c.children if g.dep_ == "pobj"]
    kind, read = READERS[role]
    if (kind == "verb" and token.pos_ not in VERBAL) or (
            kind == "noun" and token.pos_ not in NOMINAL):
        return None
    return read(token)


def _kids(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _with_heads(nouns: list[Token]) -> list[Token]:
    return nouns + [t for n in nouns for t in _heads_of(n)]


def _subjects(token: Token) -> list[Token]:
    subjects = _kids(token, "nsubj")
    if not subjects and token.dep_ == "conj":  # "they go home and go off to the cafe"
        subjects = _kids(token.head, "nsubj")
    return _with_heads(subjects)


def _objects(token: Token) -> list[Token]:
    below = _kids(token, "dobj", "nsubjpass")
    below += [g for c in _kids(token, "prep") for g in _kids(c, "pobj")]
    below += [t for b in below for t in _heads_of(b)]
    return below + [c for b in below for c in _kids(b, "compound")]


def _object_of(token: Token) -> list[Token]:
    if token.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return []
    head = token.head
    return [head, head.head] if token.dep_ == "pobj" and head.dep_ == "prep" else [head]


def _verb_of(token: Token) -> list[Token]:
    verb = token.head
    while verb.pos_ in NOMINAL or verb.pos_ == "NUM" or (
            token.dep_ == "pobj" and verb.lower_ == "of"):
        if token.dep_ not in ("conj", "pobj", "appos") or verb.head is verb:
            break
        token, verb = verb, verb.head  # "mines and devices", "hundreds of landmines"
    return [verb] if token.dep_ in ("dobj", "nsubjpass") and verb.pos_ in VERBAL else []


def _predicates(verb: Token) -> list[Token]:
    """What a verb says its object is or becomes: "left 12 dead", and "left 14 people
    dead" when the parse hangs the adjective on the object."""
    return _kids(verb, "oprd", "xcomp", "acomp") + [
        a for o in _kids(verb, "dobj") for a in o.children if a.dep_ == "amod" and a.i > o.i]


# role -> (the triggers it is of: "verb", "noun" or "any"; what reads it)
READERS: dict[str, tuple[str, Callable[[Token], list[Token]]]] = {
    "subject": ("verb", _subjects),
    "own_subject": ("verb", lambda t: _kids(t, "nsubj")),
    "object": ("verb", _objects),
    "direct_object": ("verb", lambda t: _kids(t, "dobj", "nsubjpass")),
    "active_object": ("verb", lambda t: _with_heads(_kids(t, "dobj"))),
    "patient": ("verb", lambda t: _with_heads(_kids(t, "dobj", "nsubjpass"))),
    "complement": ("verb", lambda t: _kids(t, "dobj", "ccomp", "nsubjpass", "auxpass")),
    "predicate": ("verb", _predicates),
    "doer": ("verb", lambda t: [w for c in _kids(t, "nsubj", "agent") for w in c.subtree]),
    "modifier": ("noun", lambda t: _kids(t, "compound", "amod")),
    "described": ("any", lambda t: [t.head] if t.dep_ in ("amod", "compound")
                  and t.head is not t else []),
    "qualified": ("verb", lambda t: [t.head] if t.dep_ == "acl" and t.head.i < t.i else []),
    "preposition": ("any", lambda t: _kids(t, "prep")),
    "object_of": ("any", _object_of),
    "verb_of": ("noun", _verb_of),
}

def _reported(clause: Token, verb: Token) -> bool:
    """Whether a clausal complement is what the verb reports ("found that ...", "..., the
    survey found"), not a clause the parse hung on it across a semicolon."""
    if not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in clause.children):
        return False  # a misparse: "fighting IS since January"
    if clause.i > verb.i:
        return True
    return not any(t.lower_ == ";" for t in verb.doc[clause.i:verb.i])


def _titled(token: Token) -> bool:
    """Whether the word is in the name of a work, product or law ("How to Dismantle a
    Bomb"); a headline in title case looks like one to the tagger and is none."""
    return token.ent_type_ in words("title_entities") and _lower_case(token.sent)


def _lower_case(sent: Span) -> bool:
    """Whether a sentence is written in lower case, not a headline in title case."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return sum(t.is_title for t in words) * 2 <= len(words)


def _in_a_name(token: Token) -> bool:
    """Whether the trigger is a word of a title or name ("U2's How to Dismantle a Bomb",
    "Arrested Development star Jason Bateman"), in a sentence written in lower case (a
    headline in title case names its events so): capitalised inside the sentence (a
    verb), or before a name it is a compound of."""
    if not token.is_title or not _lower_case(token.sent):
        return False
    if token.i + 1 < token.sent.end and token.dep_ in ("amod", "compound"):
        after = token.nbor(1)
        if after.pos_ == "PROPN" and after.is_title and after.dep_ == "compound":
            return True
    # (a noun may name its event: "Hurricane Katrina", "the Battle of Mosul")
    first = not any(t.is_alpha or t.is_digit for t in token.doc[token.sent.start:token.i])
    return not first and token.pos_ in VERBAL


def _heads_of(noun: Token) -> list[Token]:
    """The nouns a noun phrase names beside its head ("a cache of rifles", "pistols and
    rounds", "a huge amount of weapons")."""
    found = []
    for child in noun.children:
        if child.dep_ == "conj" or (child.dep_ == "prep" and child.lower_ == "of"):
            found += [child] if child.dep_ == "conj" else \
                [g for g in child.children if g.dep_ == "pobj"]
    return found + [t for f in found for t in _heads_of(f)]


def _adopted(token: Token, said: tuple[str, ...], trigger: Trigger | None,
             lex: EventLexicon) -> Trigger | None:
    """The family of the first `adopt` constraint that takes the trigger ("destroyed by
    air defence": an interception; "defused a bomb": a seizure); with no trigger, of
    the first that takes a word that is none (its `triggers`: "seized nine pistols")."""
    for constraint in lex.adopters:
        if trigger is None and (constraint.triggers is None or constraint.families is not None):
            continue
        if constraint.families is not None and (
                trigger is None or trigger.family not in constraint.families):
            continue
        if _verdict(constraint, token, said, lex):
            return Trigger(constraint.family, False)
    return None


def _strong_object(token: Token, said: tuple[str, ...], trigger: Trigger,
                   lex: EventLexicon) -> Trigger | None:
    """A weak noun of a family with `strong_only` constraints: an event where one holds
    ("reached a deal"), none otherwise ("the ceasefire expired")."""
    found = lex.of(trigger.family, "strong_only")
    if not found or not trigger.weak:
        return trigger
    if any(_verdict(c, token, said, lex) for c in found):
        return Trigger(trigger.family, False)
    return None

def depth(token: Token) -> int:
    """How far a word is from its sentence's root (0 for the root)."""
    steps = 0
    while token.head is not token and steps < 50:
        token, steps = token.head, steps + 1
    return steps


def aside_root(token: Token, triggers: Container[int] = ()) -> Token | None:
    """The word that heads the part of its sentence a trigger is told in as background,
    not as the sentence's news; None when it is the news. Background is a clause that
    describes a noun ("students killed in a road accident", "people who joined the
    protests") but not one that describes another trigger (`triggers`, token indices:
    "air strikes launched by the army"), a clause or phrase set apart by `aside_marks`
    ("after the attack", "protests over the killing"), or what someone is accused of
    ("groups it accused of a chlorine attack"), not what they say happened ("claimed
    they took the town")."""
    mod = modality()
    for _ in range(12):
        if token.head is token:
            return None
        if token.dep_ in ("relcl", "acl") and token.head.i not in triggers and not (
                token.head.dep_ == "ROOT" and token.head.pos_ in NOMINAL):
            return token  # (but a verbless line's news: "Ten people killed in a blast")
        if token.dep_ in ("advcl", "pcomp", "pobj", "prep") and any(
                c.dep_ == "mark" and c.lower_ in mod.aside_marks for c in token.children):
            return token
        if token.dep_ == "prep" and token.lower_ in mod.aside_marks:
            return token
        if token.dep_ not in ("nsubj", "nsubjpass", "ccomp") and \
                token.head.lemma_.lower() in mod.aside_verbs:
            return token
        token = token.head
    return None


def _happened(token: Token) -> bool:
    """False when the trigger is negated, conditional, future or only intended."""
    mod = modality()
    if _negated(token, mod):
        return False
    below: Token | None = None
    for verb in _governors(token):
        if below is not None and below.dep_ == "xcomp" and verb.lemma_.lower() in mod.futures:
            return False  # "the industry is set to explode"
        below = verb
        if any(_undoes(child, verb, token, mod) for child in verb.children):
            return False
        if verb.dep_ == "conj" and any(c.dep_ == "nsubj" and c.lower_ in words("impersonal")
                                       for c in verb.head.children):
            return False  # "you fight your way through and seize a tank"
        if verb is not token and verb.lemma_.lower() in mod.intents:
            return False
    return True


def _negated(token: Token, mod: Modality) -> bool:
    """Whether the trigger itself is negated, hedged, a purpose or an expectation."""
    if any(c.lower_ in mod.negators and c.dep_ in ("neg", "det") for c in token.children):
        return True
    if any(c.lower_ in mod.hedges and c.dep_ == "amod" for c in token.children):
        return True
    if any(c.lower_ in mod.habitual and c.dep_ in ("amod", "advmod") for c in token.children) \
            and not _told_past(token):
        return True  # a habit: "frequent bombings", "regularly shells the town"
    if _generic(token) or _kind(token) or _trend(token):
        return True  # a state of things: "as gangs fight for control of the ports"
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in mod.negators:
        return True  # "entered without fighting"
    if token.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to"
                                              for c in token.children):
        return True  # a purpose: "an attack to capture the airbase" (not "managed to")
    # "protests are expected", "attacks are feared"
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in mod.intents


def _generic(token: Token) -> bool:
    """Whether a verb tells what a kind of doer does, not a deed: the simple present
    with a bare plural subject ("as gangs fight for control of the ports", "militias
    raid villages along the border"), past a story's first sentence (a headline's
    present is news: "Gunmen kill four in market attack")."""
    if token.pos_ != "VERB" or token.tag_ not in ("VBP", "VB") or token.sent.start == 0:
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in token.children):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None and token.dep_ == "conj" and token.head.pos_ == "VERB":
        return _generic(token.head)  # "militias raid villages and steal cattle"
    return token.tag_ == "VBP" and subject is not None and subject.tag_ == "NNS" and _bare(
        subject) and not _once(token)


def _once(verb: Token) -> bool:
    """Whether a verb the tagger read as present is a past one of the same form ("hit",
    "put"), told on one day or inside a past clause: "the boy was hurt when shells hit
    a queue", "shells hit the market on Sunday afternoon" (not "on Sundays")."""
    if verb.lower_ != verb.lemma_.lower():
        return False
    if verb.dep_ in ("advcl", "conj") and verb.head.tag_ == "VBD":
        return True
    return any(c.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") and g.tag_ in ("NN", "NNP")
        for g in c.children) for c in verb.children)


def _kind(token: Token) -> bool:
    """Whether a noun names a kind of deed as what it has become, not a deed: the bare
    subject of "become" or "remain" in the present, with a noun or a word of how often
    as what it is ("kidnapping for ransom has become a lucrative trade", "raids remain
    common"; not "the fighting remained fierce overnight", "fighting remains heavy")."""
    verb = token.head
    return token.pos_ == "NOUN" and token.dep_ in ("nsubj", "csubj") and _bare(token) \
        and verb.lemma_.lower() in words("kind_verbs") and not _told_past(verb) and any(
            c.dep_ == "attr" or (c.dep_ == "acomp" and c.lemma_.lower() in words("kind_states"))
            for c in verb.children)


def _trend(token: Token) -> bool:
    """Whether a bare plural names deeds whose number changes, not a deed: the subject
    of a verb of change (`trend_verbs`) in the present or present perfect ("attacks on
    police have increased since the truce ended"; not "clashes intensified on Tuesday")."""
    verb = token.head
    return token.tag_ == "NNS" and token.dep_ == "nsubj" and _bare(token) \
        and verb.lemma_.lower() in words("trend_verbs") and not _told_past(verb)


def _bare(noun: Token) -> bool:
    """A noun with no determiner, possessor or number: a kind, not some of it."""
    return not any(c.dep_ in ("det", "nummod", "poss") or c.like_num for c in noun.children)


def _told_past(token: Token) -> bool:
    """Whether the clause of a trigger is told in the simple past ("frequent explosions
    were heard overnight" is one night's happening), not as a habit ("has carried out
    frequent bombings", "regularly shell the town")."""
    verb = clause_verb(token, limit=3)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lemma_.lower() == "have" or c.tag_ in ("VBZ", "VBP") for c in helpers):
        return False
    # (a past form differs from its lemma: "shelled", not "shell" the tagger calls past)
    return (verb.tag_ == "VBD" and verb.lower_ != verb.lemma_.lower()) or any(
        c.tag_ == "VBD" for c in helpers)


def _undoes(child: Token, verb: Token, token: Token, mod: Modality) -> bool:
    """Whether a word below a governing verb (`_governors`) makes the trigger not happen."""
    word = child.lower_
    if child.dep_ in ("nsubj", "nsubjpass", "dobj") and word in words("impersonal"):
        return True  # a game's or a guide's "you", no one's deed
    if child.dep_ == "acomp" and child.lemma_.lower() in mod.futures and any(
            g.dep_ == "xcomp" for g in child.children):
        return True  # "a bomb was due to explode"
    if verb is token and child.dep_ in ("dobj", "nsubjpass", "nsubj") and any(
            g.dep_ == "det" and g.lower_ == "no" for g in child.children):
        return True  # "no explosive device had been found", "no group claimed it"
    if child.dep_ in ("aux", "auxpass") and word in mod.modals:
        return True
    if child.dep_ == "advmod" and word in mod.habitual and not _told_past(verb):
        return True  # "the group has often carried out bombings"
    return child.dep_ == "neg" or (child.dep_ == "mark" and word in mod.conditionals)

def _governors(token: Token) -> Iterable[Token]:
    """The trigger, then the verbs whose clause holds it, up to the clause that says it
    ("threatened to launch attacks": attacks, launch, threatened)."""
    seen = 0
    while seen < 6:
        yield token
        seen += 1
        if token.dep_ in ("nsubj", "nsubjpass") and \
                token.head.lemma_.lower() not in words("occur_verbs"):
            return
        if token.dep_ in CLIMB or token.pos_ in NOMINAL or token.dep_ in ("dobj", "pobj", "prep"):
            if token.head is token:
                return
            if token.dep_ in ("ccomp", "conj") and token.pos_ in VERBAL:
                return  # "X said they attacked": the attack is X's report, not X's intent
            token = token.head
        else:
            return
