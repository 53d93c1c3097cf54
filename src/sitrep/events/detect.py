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

from sitrep.events.lexicon import EventLexicon, Trigger
from sitrep.rules import load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VERBAL = ("VERB", "ADJ", "AUX")
PARTICLES = {"out", "back", "down", "off", "over", "up"}
ARMS = {"explosion", "seizure"}  # families of weapon nouns ("bomb", "cache")
NOMINAL = ("NOUN", "PROPN")
# names of works, products and laws are no events ("How to Dismantle a Bomb")
TITLES = {"WORK_OF_ART", "PRODUCT", "LAW"}
PERSONAL = {"i", "you", "he", "she", "we", "they"}
CLIMB = {"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl"}
# a noun that is the subject of these verbs happens only as they do ("attacks could
# happen"); of other verbs it exists whatever their mood ("the attacks could be heard")
OCCUR = {"happen", "occur", "take", "come", "follow", "continue", "resume", "escalate", "begin",
         "start", "be", "erupt", "break", "spread", "intensify"}


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
    aside_marks: frozenset[str]
    aside_verbs: frozenset[str]
    futures: frozenset[str]


@cache
def modality() -> Modality:
    raw = load_rules(__package__ or "", "types.yaml").get("modality") or {}
    return Modality(*(frozenset(str(w).lower() for w in raw.get(key) or [])
                      for key in ("modals", "intents", "conditionals", "negators", "hedges",
                                  "aside_marks", "aside_verbs", "futures")))


@cache
def turns() -> dict[str, dict[str, frozenset[str]]]:
    """family -> {other family: objects}: a verb of the family with such an object is of
    the other ("captured two camps" is a capture, not an arrest)."""
    raw = load_rules(__package__ or "", "triggers.yaml")
    return {str(name): {str(to): frozenset(str(w).lower() for w in words or [])
                        for to, words in (entry.get("turns_to") or {}).items()}
            for name, entry in raw.items() if isinstance(entry, dict)}


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
            if root.pos_ in NOMINAL:
                trigger = _object_of(root, trigger, lex) or _strong_object(root, trigger, lex)
            preps = lex.phrase_not_before.get(tuple(lowers[i - sent.start:i - sent.start + n])) \
                or lex.phrase_not_before.get(tuple(lemmas[i - sent.start:i - sent.start + n]))
            if preps and any(c.dep_ == "prep" and c.lower_ in preps for c in root.children):
                trigger = None  # "came under fire for its remarks": criticism
            if trigger is not None and (_titled(doc[i]) or _odd_use(root, trigger.family, lex)):
                trigger = None
            if trigger is not None:
                yield Mention(sent, root, i, i + n, trigger.family, trigger.weak)
            i += n
            continue
        trigger = None if _titled(doc[i]) else (
            _word(doc[i], lex) or _arms_taken(doc[i], lex))
        if trigger is not None and _odd_use(doc[i], trigger.family, lex):
            trigger = None
        if trigger is not None and doc[i].pos_ in VERBAL:
            trigger = _by(doc[i], lex) or _arms_taken(doc[i], lex) or trigger
        elif trigger is not None:
            trigger = _object_of(doc[i], trigger, lex) or _strong_object(doc[i], trigger, lex)
        if trigger is not None:
            yield Mention(sent, doc[i], i, i + 1, trigger.family, trigger.weak)
        i += 1


def _phrase(lowers: list[str], lemmas: list[str], i: int,
            lex: EventLexicon) -> tuple[int, Trigger | None]:
    """The longest phrase starting at word i of a sentence, by forms or by lemmas."""
    if lowers[i] not in lex.starts and lemmas[i] not in lex.starts:
        return 1, None
    for n in range(min(lex.longest, len(lowers) - i), 1, -1):
        for words in (lowers, lemmas):
            key = tuple(words[i:i + n])
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
        if any(c.dep_ == "prt" and ((lemma, c.lower_) in lex.idioms
                                    or (token.lower_, c.lower_) in lex.idioms)
               for c in token.children):
            return None  # "killed off the character", "fired up the engines"
        # the particle may follow the object, where the parse hangs it as a preposition
        # ("drove the militants out of the town")
        for c in token.children:
            if c.dep_ == "prt" or (c.dep_ in ("prep", "advmod") and c.lower_ in PARTICLES):
                phrasal = lex.phrases.get((lemma, c.lower_))
                if phrasal is not None:
                    return phrasal
        # the form too: the lemmatiser reads "raped" as "rap"
        found = lex.verbs.get(lemma) or lex.verbs.get(token.lower_) or (
            lex.nouns.get(token.lower_) if token.pos_ == "ADJ" else None)
        if found is not None and _odd_object(token, lex.not_objects.get(found.family)):
            return None
        if found is not None and found.weak and token.dep_ == "amod":
            return None  # "rebel-held areas" tells who holds them, not of a detention
        if found is not None:
            turned = next((to for to, objects in turns().get(found.family, {}).items()
                           if _object_is(token, objects)), None)
            if turned:
                return Trigger(turned, False)
            if found.weak and _object_is(token, lex.armed_objects.get(found.family, frozenset())) \
                    and any(c.dep_ == "nsubj" and (c.lower_ in lex.conflict or c.lemma_.lower()
                                                   in lex.conflict)
                            for c in token.children):
                # "forces struck rebel positions", "gunmen hit a convoy" (not "a truck hit")
                return Trigger(found.family, False)
            return found
        return found
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and (token.is_lower or token.is_sent_start)):
        found = lex.nouns.get(lemma) or lex.nouns.get(token.lower_)  # not "Arsenal beat Chelsea"
        head = token.head
        if found is not None and token.dep_ == "compound" and not (
                lex.nouns.get(head.lemma_.lower()) or lex.nouns.get(head.lower_)):
            return None  # it names a kind of thing: "riot police", "an arrest warrant"
        if found is not None and token.dep_ in ("dobj", "nsubjpass", "pobj") and (
                lemma in lex.doers_only.get(found.family, ()) or token.lower_
                in lex.doers_only.get(found.family, ())):
            return None  # "police arrested two gunmen": the gunmen did nothing here
        return found
    return None


def _odd_use(token: Token, family: str, lex: EventLexicon) -> bool:
    """Whether the trigger word is used in a way that names no event of its family:
    a verb that reports a finding ("the survey found that"), a doer that cannot do it
    ("sales exploded", "he went off"), an instrument that is no weapon ("bombarded with
    data"), a verb that is an event only without an object ("demonstrated a cap"), or
    a bare noun telling how (`manner_after`: "blocked the site in protest")."""
    children = list(token.children)
    deps = {c.dep_ for c in children}
    if _in_a_name(token):
        return True
    if token.dep_ == "amod" and any(c.dep_ == "advmod" and c.i == token.i - 2
                                    and token.nbor(-1).lower_ == "-" for c in children):
        return True  # "a hard-fought encounter": how it went, not an event of its own
    if token.pos_ in VERBAL:
        if _odd_object(token, lex.not_direct_objects.get(family), direct=True):
            return True  # "attacked the legislation", "killing the ball"
        if "dobj" not in deps and any(c.dep_ == "ccomp" and _reported(c, token) for c in children):
            return True  # "found that", "protested that he was innocent"
        if token.lemma_.lower() in lex.no_object.get(family, ()) and \
                deps & {"dobj", "ccomp", "nsubjpass", "auxpass"}:
            return True  # "demonstrated a wireless cap", "a kick gathered by the wing"
        subjects = [c for c in children if c.dep_ == "nsubj"]
        if not subjects and token.dep_ == "conj":  # "they go home and go off to the cafe"
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
        subjects += [t for s in subjects for t in _heads_of(s)]
        odd = lex.not_subjects.get(family, frozenset())
        if any(s.lemma_.lower() in odd or s.lower_ in odd for s in subjects):
            return True  # "the number of users has exploded"
        if token.lemma_.lower() in lex.armed_subject.get(family, ()) and not any(
                s.lemma_.lower() in lex.support or s.lemma_.lower() in lex.nouns
                or s.lower_ == "it" for s in subjects):
            return True  # "the winger went off injured", not "a bomb went off"
        if family in ARMS and "dobj" not in deps and any(_a_person(s) for s in subjects):
            return True  # "Bridge went off injured", "he blew up at the referee"
    odd = lex.not_modifiers.get(family, frozenset())
    if odd and token.pos_ in NOMINAL and any(
            c.dep_ in ("compound", "amod") and (c.lemma_.lower() in odd or c.lower_ in odd)
            for c in children):
        return True  # "a legal battle", "a format war", "e-mail interception"
    odd = lex.not_with.get(family, frozenset())
    if odd and any(g.lemma_.lower() in odd or g.lower_ in odd
                   for c in children if c.dep_ == "prep" and c.lower_ == "with"
                   for g in c.children if g.dep_ == "pobj"):
        return True  # "bombarded it with data", "the clash with the awards ceremony"
    # "blocked the site in protest": how, not what happened
    return token.tag_ == "NN" and token.dep_ == "pobj" and \
        token.head.lower_ in lex.manner_after.get(family, ()) and \
        not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in children)


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
    return token.ent_type_ in TITLES and _lower_case(token.sent)


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


def _a_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or token.lower_ in PERSONAL


def _odd_object(token: Token, objects: frozenset[str] | None, *, direct: bool = False) -> bool:
    """Whether a verb's object makes it no event ("battled a blaze", "seized a cache of
    rifles"); `direct`: its direct object alone ("attacked the legislation", but
    "killed over a land deal" is a killing)."""
    if not objects:
        return False
    below = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if direct:
        return any(t.lemma_.lower() in objects or t.lower_ in objects for t in below)
    below += [g for c in token.children if c.dep_ == "prep" for g in c.children
              if g.dep_ == "pobj"]
    below += [t for b in below for t in _heads_of(b)]
    below += [c for b in below for c in b.children if c.dep_ == "compound"]
    return any(t.lemma_.lower() in objects or t.lower_ in objects for t in below)


def _object_is(token: Token, objects: frozenset[str]) -> bool:
    """Whether a verb's direct object is one of these nouns ("captured two camps")."""
    below = [c for c in token.children if c.dep_ == "dobj"]
    below += [t for b in below for t in _heads_of(b)]
    return any(t.lemma_.lower() in objects or t.lower_ in objects for t in below)


def _heads_of(noun: Token) -> list[Token]:
    """The nouns a noun phrase names beside its head ("a cache of rifles", "pistols and
    rounds", "a huge amount of weapons")."""
    found = []
    for child in noun.children:
        if child.dep_ == "conj" or (child.dep_ == "prep" and child.lower_ == "of"):
            found += [child] if child.dep_ == "conj" else \
                [g for g in child.children if g.dep_ == "pobj"]
    return found + [t for f in found for t in _heads_of(f)]


def _arms_taken(token: Token, lex: EventLexicon) -> Trigger | None:
    """A verb whose object is a weapon takes the family of `objects_of` ("seized nine
    pistols", "destroyed dozens of machine guns"), unless weapons are its doers
    ("rockets destroyed two tanks")."""
    if token.pos_ not in VERBAL:
        return None
    family = next((f for f, verbs in lex.objects_of.items()
                   if token.lemma_.lower() in verbs), None)
    if family is None:
        return None
    doers = [t for c in token.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]
    if any(t.lower_ in lex.support for t in doers):
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [t for o in objects for t in _heads_of(o)]
    return Trigger(family, False) if any(t.lower_ in lex.support for t in objects) else None


def _by(token: Token, lex: EventLexicon) -> Trigger | None:
    """The family a verb's doer makes it ("destroyed by air defence": an interception)."""
    doers = [t for c in token.children if c.dep_ in ("agent", "nsubj") for t in c.subtree]
    if not doers:
        return None
    words = " " + " ".join(t.lower_ for t in doers) + " "
    for family, names in lex.by.items():
        if any(f" {name}" in words for name in names):
            return Trigger(family, False)
    return None


def _object_of(token: Token, trigger: Trigger, lex: EventLexicon) -> Trigger | None:
    """The family a weapon noun takes from the verb it is the object of ("defused a
    bomb", "cleared hundreds of landmines"); other nouns keep theirs ("destroyed the
    headquarters" is no seizure)."""
    if trigger.family not in ARMS:
        return None
    verb = token.head
    while verb.pos_ in NOMINAL or verb.pos_ == "NUM" or (
            token.dep_ == "pobj" and verb.lower_ == "of"):
        if token.dep_ not in ("conj", "pobj", "appos") or verb.head is verb:
            break
        token, verb = verb, verb.head  # "mines and devices", "hundreds of landmines"
    if token.dep_ not in ("dobj", "nsubjpass") or verb.pos_ not in VERBAL:
        return None
    lemma = verb.lemma_.lower()
    family = next((f for f, verbs in lex.objects_of.items() if lemma in verbs), None)
    return Trigger(family, False) if family else None


def _strong_object(token: Token, trigger: Trigger, lex: EventLexicon) -> Trigger | None:
    """A weak noun of a family with `strong_as_object_of`: an event as the object of
    one of those verbs ("reached a deal"), none otherwise ("the ceasefire expired")."""
    verbs = lex.strong_as_object_of.get(trigger.family)
    if verbs is None or not trigger.weak:
        return trigger
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "agreed to a ceasefire"
    if token.dep_ in ("dobj", "pobj", "nsubjpass") and head.lemma_.lower() in verbs:
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
    if any(c.lower_ in mod.negators and c.dep_ in ("neg", "det") for c in token.children):
        return False
    if any(c.lower_ in mod.hedges and c.dep_ == "amod" for c in token.children):
        return False
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in mod.negators:
        return False  # "entered without fighting"
    if token.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to"
                                              for c in token.children):
        return False  # a purpose: "an attack to capture the airbase" (not "managed to")
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in mod.intents:
        return False  # "protests are expected", "attacks are feared"
    below: Token | None = None
    for verb in _governors(token):
        if below is not None and below.dep_ == "xcomp" and verb.lemma_.lower() in mod.futures:
            return False  # "the industry is set to explode"
        below = verb
        for child in verb.children:
            word = child.lower_
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and word == "you":
                return False  # a game's or a guide's "you", no one's deed
            if child.dep_ == "acomp" and child.lemma_.lower() in mod.futures and any(
                    g.dep_ == "xcomp" for g in child.children):
                return False  # "a bomb was due to explode"
            if verb is token and child.dep_ in ("dobj", "nsubjpass") and any(
                    g.dep_ == "det" and g.lower_ == "no" for g in child.children):
                return False  # "no explosive device had been found"
            if child.dep_ in ("aux", "auxpass") and word in mod.modals:
                return False
            if child.dep_ == "neg" or (child.dep_ == "mark" and word in mod.conditionals):
                return False
        if verb.dep_ == "conj" and any(c.dep_ == "nsubj" and c.lower_ == "you"
                                       for c in verb.head.children):
            return False  # "you fight your way through and seize a tank"
        if verb is not token and verb.lemma_.lower() in mod.intents:
            return False
    return True


def _governors(token: Token) -> Iterable[Token]:
    """The trigger, then the verbs whose clause holds it, up to the clause that says it
    ("threatened to launch attacks": attacks, launch, threatened)."""
    seen = 0
    while seen < 6:
        yield token
        seen += 1
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() not in OCCUR:
            return
        if token.dep_ in CLIMB or token.pos_ in NOMINAL or token.dep_ in ("dobj", "pobj", "prep"):
            if token.head is token:
                return
            if token.dep_ in ("ccomp", "conj") and token.pos_ in VERBAL:
                return  # "X said they attacked": the attack is X's report, not X's intent
            token = token.head
        else:
            return
