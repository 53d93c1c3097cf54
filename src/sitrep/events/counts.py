"""How many were killed, injured, detained, launched, shot down...: counts in a sentence.

A figure (numbers.py) counts something when the parse ties it to a cue from
counts.yaml: a verb it is the object or passive subject of ("killing 12 people",
"five drones were shot down"), an intransitive verb it is the subject of ("12
people died"), an adjective said of it ("12 dead"), a toll it is the value of
("the death toll rose to 40") or a noun that is the count's kind ("40 deaths",
"3,000 protesters"). Stated zeros ("no one was hurt", "there were no casualties")
are counts too; "no serious injuries" and "no reports of casualties" are not,
because they say nothing about all injuries. Negated and hypothetical figures
("could kill thousands", "threatened to kill 100") are not counts.

`of` is what was counted (the counted noun's lemma: "people", "drone", "civilian")
and `kind` whether that is a person, a weapon, an object or unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, get_args

from sitrep.errors import ConfigError
from sitrep.events.numbers import Quantity, QuantityMention, find_quantities
from sitrep.events.weapons import find_weapons
from sitrep.nlp.syntax import doc_text
from sitrep.rules import WORDS, MapOf, OneOf, Required, load_rules

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from spacy.tokens import Span, Token

Kind = Literal["person", "weapon", "object", "unknown"]
KINDS = frozenset(get_args(Kind))
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SOURCE = "counts.yaml"
COUNTS = {  # counts.yaml
    "categories": Required(MapOf({
        "patient": WORDS, "subject": WORDS, "adjectives": WORDS, "nouns": WORDS,
        "kind": Required(OneOf(*sorted(KINDS)))})),
    "zero_expands": MapOf(WORDS),
    "tolls": Required({"nouns": WORDS, "verbs": WORDS, "rises": WORDS,
                       "default": Required(str), "bare": WORDS, "past": WORDS}),
    "hypothetical": Required({key: WORDS for key in ("aux", "governors", "marks", "negators")}),
    "zeros": Required({key: WORDS for key in ("words", "determiners", "prepositions")}),
    "parts": Required({"words": WORDS, "skip": WORDS}),
    "most_in_one_event": Required(int),
    **{key: Required(WORDS) for key in (
        "stale", "zero_blockers", "units", "people", "things", "reporting", "collectives",
        "ones", "stand_ins", "relatives", "not_of", "speaking")},
}


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count in a parsed text; `start`/`end` are character offsets in the Doc and
    `text` the evidence words from the figure to its cue."""

    start: int
    end: int
    text: str
    what: str
    value: int | None
    min: int | None
    max: int | None
    approximate: bool = False
    of: str | None = None
    kind: Kind = "unknown"
    cue: str | None = None
    toll: bool = False  # from "the toll rose to N": supersedes earlier figures
    rising: bool = False  # its toll rose ("rose to 40"), not only told ("put the toll at")
    sent_start: int = -1  # where its sentence starts (a character offset)


Verbs = dict[str, list[tuple[tuple[str, ...], str]]]  # lemma -> [(words below it, what)]


@dataclass(frozen=True, slots=True)
class CountLexicon:
    patient: Verbs
    subject: Verbs
    adjectives: dict[str, str]
    nouns: dict[str, str]
    kinds: dict[str, Kind]
    expands: dict[str, tuple[str, ...]]
    words: dict[str, frozenset[str]]  # the flat word lists, by their key in counts.yaml
    toll_default: str
    most_in_one_event: int  # casualties one event is read to have, at most


def _words(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ConfigError(f"{SOURCE}: {where} must be a list of words")
    return [w.lower() for w in value]


def _verbs(categories: dict[str, Any], role: str) -> Verbs:
    table: Verbs = {}
    for what, spec in categories.items():
        for phrase in _words(spec.get(role, []), f"categories.{what}.{role}"):
            first, *rest = phrase.split()
            table.setdefault(first, []).append((tuple(rest), str(what)))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))  # "shoot down" before "shoot"
    return table


def _kinds(categories: dict[str, Any]) -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for what, spec in categories.items():
        if not isinstance(spec, dict) or spec.get("kind") not in KINDS:
            raise ConfigError(f"{SOURCE}: categories.{what} needs a kind, one of {sorted(KINDS)}")
        kinds[str(what)] = spec["kind"]
    return kinds


@cache
def count_lexicon() -> CountLexicon:
    """counts.yaml, validated; a ConfigError names the entry at fault."""
    raw = load_rules(__package__ or "", SOURCE, schema=COUNTS)
    cats: dict[str, Any] = raw["categories"]
    kinds = _kinds(cats)
    tolls = raw["tolls"]
    lists = {**raw, **raw["hypothetical"], **{f"toll_{k}": v for k, v in tolls.items()},
             **{f"zero_{k}": v for k, v in raw["zeros"].items()},
             **{f"part_{k}": v for k, v in raw["parts"].items()}}
    flat = {key: frozenset(_words(lists.get(key), key)) for key in (
        "units", "people", "things", "collectives", "zero_blockers", "reporting", "stale",
        "aux", "governors", "marks", "negators", "toll_nouns", "toll_verbs", "toll_rises",
        "toll_bare", "toll_past", "zero_words", "zero_determiners", "zero_prepositions",
        "ones", "stand_ins", "relatives", "not_of", "part_words", "part_skip", "speaking")}
    expands = {str(k): tuple(_words(v, f"zero_expands.{k}"))
               for k, v in (raw.get("zero_expands") or {}).items()}
    if any(w not in cats for v in expands.values() for w in v) or tolls.get("default") not in cats:
        raise ConfigError(f"{SOURCE}: zero_expands and tolls.default must name categories")
    return CountLexicon(
        _verbs(cats, "patient"), _verbs(cats, "subject"),
        {w: str(k) for k, s in cats.items() for w in _words(s.get("adjectives", []), k)},
        {w: str(k) for k, s in cats.items() for w in _words(s.get("nouns", []), k)},
        kinds, expands, flat, str(tolls["default"]), int(raw["most_in_one_event"]))


@dataclass(frozen=True, slots=True)
class _Cue:
    what: str
    tokens: tuple[Token, ...]
    verb: Token | None = None  # the verb to check for negation and modality
    toll: bool = False
    rising: bool = False


def find_counts(sent: Span) -> list[CountMention]:
    """The counts stated in a sentence of a parsed Doc, in text order."""
    lex = count_lexicon()
    found: list[CountMention] = []
    covered: set[int] = set()
    for quantity in find_quantities(sent):
        mention = _read(sent, quantity, lex, covered, found)
        if mention is not None:
            found.append(mention)
    found += _zeros(sent, lex) + _singles(sent, lex, covered)
    return sorted(found, key=lambda m: m.start)


def _read(sent: Span, q: QuantityMention, lex: CountLexicon, covered: set[int],
          before: Sequence[CountMention] = ()) -> CountMention | None:
    span = sent.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    figure = _figure(span)
    role, counted = _roles(figure)
    if counted is not None and counted.lemma_.lower() in lex.words["units"]:
        return None
    cue = _cue(role, counted, lex) or _before(span, lex)
    if cue is None and before:  # "two more died, taking the total to 11": of the dead
        cue = _toll(_clause_role(role), lex, inherit=before[-1].what)
    if _of_them(figure, lex) and any(t.like_num for t in sent.doc[sent.start:figure.i]) and (
            cue is None or cue.what in {m.what for m in before}):
        # "three were wounded, one of them a guard": a part of that count; but "three
        # drones were launched and two of them downed" counts what the three did not
        return None
    if cue is None or _hypothetical(cue.verb or role, lex) or _among(span[0], lex, below=False):
        return None
    kind = _kind(counted, cue.what, lex)
    if not _fits(kind, cue.what, lex):
        return None
    covered.update(t.i for t in (role, counted) if t is not None)
    return _mention([*span, *cue.tokens, *(t for t in [counted] if t)], cue, q.quantity,
                    _of(counted, lex), kind)


def _figure(span: Span) -> Token:
    """The figure's token that ties it to the clause ("15" of "between 10 and 15")."""
    outward = [t for t in span if not span.start <= t.head.i < span.end and t.pos_ == "NUM"]
    return outward[0] if outward else span.root


def _roles(figure: Token) -> tuple[Token, Token | None]:
    """(the token whose place in the clause counts, the counted noun or None).

    "12 people" -> (people, people); "dozens of protesters" -> (dozens, protesters);
    "25 of which were shot down" -> (25, the noun "which" stands for)."""
    if figure.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "advmod") \
            and (figure.head.pos_ in ("NOUN", "PROPN") or _toll_adjective(figure.head)) \
            and figure.head.i > figure.i:
        noun = figure.head
        first = _first_part(noun.head) if noun.dep_ == "compound" else None
        if first is not None and first.i == noun.i:
            noun = noun.head  # "three passers-by": the word the hyphen ends
        return noun, noun
    of = next((c for c in figure.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if pobj is not None and pobj.lower_ in count_lexicon().words["relatives"]:
        return figure, _antecedent(figure)
    if pobj is not None and pobj.pos_ in NOMINAL:
        return figure, pobj
    return figure, None  # "12 were killed", "dozens wounded": the figure stands alone


def _toll_adjective(word: Token) -> bool:
    """"dead" of "the toll rose to five dead and 16 wounded", which the parse may make
    an adjective that "to" governs (but not "up from the 11 injured", an old figure)."""
    return word.lower_ in count_lexicon().adjectives and word.dep_ == "pobj" \
        and word.head.lower_ == "to"


def _of_them(figure: Token, lex: CountLexicon) -> bool:
    """Whether a figure counts some of people told before: "one of them", "two of those"."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.dep_ == "pobj" and g.lower_ in lex.words["stand_ins"] | {"those", "these"}
        for g in c.children) for c in figure.children)


def _first_part(token: Token) -> Token | None:
    """The first word of a hyphened noun the tokeniser split ("passer" of "passer-by")."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-":
        return None
    first = doc[token.i - 2]
    return first if first.head.i == token.i and first.dep_ == "compound" else None


def _lemmas(token: Token) -> set[str]:
    """A noun's lemma, and for a hyphened one its first word's ("passer-by": passer)."""
    first = _first_part(token)
    return {token.lemma_.lower(), token.lower_} | (
        {first.lemma_.lower()} if first is not None and first.pos_ == "NOUN" else set())


def _antecedent(figure: Token) -> Token | None:
    """The noun 'of whom' / 'of which' stands for: the nearest plural noun before it."""
    for token in reversed(figure.doc[figure.sent.start:figure.i]):
        if token.tag_ in ("NNS", "NNPS"):
            return token
    return None


def _cue(role: Token, counted: Token | None, lex: CountLexicon) -> _Cue | None:
    """What a figure counts, trying the strongest evidence first."""
    for rule in (_toll, _after, _by_verb, _by_adjective, _by_modifier):
        found = rule(_clause_role(role), lex)
        if found is not None:
            if found.what == "hospitalised" and _wounded(counted, lex):
                found = replace(found, what="injured")  # "six wounded people were taken
                # to hospital": the wounded, counted
            return _paired(found, lex)
    found = _by_noun(counted or role, lex)
    return _paired(found, lex) if found is not None else None


def _wounded(counted: Token | None, lex: CountLexicon) -> bool:
    """Whether the counted are said to be wounded ("six wounded people")."""
    return counted is not None and any(
        c.dep_ == "amod" and lex.adjectives.get(c.lower_) == "injured" for c in counted.children)


def _paired(cue: _Cue, lex: CountLexicon) -> _Cue:
    """'6,000 dead and wounded', '40 deaths or injuries': a kind's word joined by
    'and'/'or' to the word of the other kind it stands with (`zero_expands`) counts
    both: casualties, not the killed alone. Read on the words, as parses of such
    pairs differ ('wounded' hangs on 'dead', on the verb or on 'were')."""
    last = max(cue.tokens, key=lambda t: t.i)
    doc = last.doc
    if last.lower_ not in lex.adjectives and last.lower_ not in lex.nouns \
            and last.lemma_.lower() not in lex.nouns:
        return cue
    if last.i + 2 >= len(doc) or doc[last.i + 1].lower_ not in ("and", "or"):
        return cue
    other = doc[last.i + 2]
    second = lex.adjectives.get(other.lower_) or lex.nouns.get(other.lemma_.lower())
    both = _both(cue.what, second, lex) if second else None
    if both is None:
        return cue
    return _Cue(both, (*cue.tokens, other), cue.verb, cue.toll, cue.rising)


def _clause_role(role: Token) -> Token:
    """'killing 12 civilians and 3 soldiers': the second figure takes the first one's place."""
    while role.dep_ == "conj" and role.head.pos_ in NOMINAL and role.head.i < role.i:
        role = role.head
    return role


def _below(verb: Token, words: tuple[str, ...], *, skip: Token) -> list[Token] | None:
    """The tokens just below `verb` that spell `words` ("down" of "shot down"), or None."""
    near = [t for c in verb.children if c is not skip for t in (c, *c.children)]
    found = [next((t for t in near if w in (t.lemma_.lower(), t.lower_)), None) for w in words]
    return None if None in found else [t for t in found if t is not None]


def _verb_cue(verb: Token, table: Verbs, role: Token) -> _Cue | None:
    for words, what in table.get(verb.lemma_.lower(), []):
        below = _below(verb, words, skip=role)
        if below is not None:
            return _Cue(what, (verb, *below), verb)
    return None


def _by_verb(role: Token, lex: CountLexicon) -> _Cue | None:
    verb, dep = role.head, role.dep_
    if verb.pos_ not in ("VERB", "AUX") or verb is role:
        return None
    cue = None
    if dep in ("nsubjpass", "dobj") or (dep == "nsubj" and _elliptic_passive(verb)):
        cue = _verb_cue(verb, lex.patient, role)
    elif dep == "nsubj":
        cue = _verb_cue(verb, lex.subject, role)
    if cue is None and verb.lemma_.lower() in lex.words["reporting"]:
        return _reported(verb, role, lex)
    return _shared(cue, lex) if cue else None


def _shared(cue: _Cue, lex: CountLexicon) -> _Cue:
    """'15 were killed or wounded': one figure for two kinds is a count of the category
    that stands for both (`zero_expands`: casualties)."""
    verb = cue.tokens[0]
    for other in verb.children:
        if other.dep_ != "conj" or any(c.dep_.startswith("nsubj") or c.dep_ == "dobj"
                                       or c.like_num for c in other.subtree):
            continue
        second = _verb_cue(other, lex.patient, verb)
        both = _both(cue.what, second.what, lex) if second else None
        if both is not None:
            return _Cue(both, (*cue.tokens, other), cue.verb)
    return cue


def _both(first: str, second: str, lex: CountLexicon) -> str | None:
    """The category that stands for these two (`zero_expands`: killed and injured are
    casualties), if any."""
    return next((what for what, parts in lex.expands.items()
                 if len(parts) == 2 and {first, second} == set(parts)), None)


def _elliptic_passive(verb: Token) -> bool:
    """'12 killed and 30 injured': a bare participle with a subject reads as passive."""
    return verb.tag_ == "VBN" and not any(
        c.dep_ == "dobj" or (c.dep_ == "aux" and c.lemma_ == "have") for c in verb.children)


def _reported(verb: Token, role: Token, lex: CountLexicon) -> _Cue | None:
    """'12 were reported killed', 'left 12 dead', '3 are missing'."""
    for child in verb.children:
        if child.dep_ not in ("xcomp", "oprd", "acomp", "ccomp", "attr") or child is role:
            continue
        what = lex.adjectives.get(child.lower_)
        if what is not None:
            return _Cue(what, (verb, child), verb)
        cue = _verb_cue(child, lex.patient, role)
        if cue is not None:
            return _Cue(cue.what, (verb, *cue.tokens), verb)
    return None


def _after(role: Token, lex: CountLexicon) -> _Cue | None:
    """'8 killed 58 others injured': a headline's participle right after the counted."""
    nxt = role.doc[role.i + 1] if role.i + 1 < len(role.doc) else None
    if role.dep_ != "dobj" or nxt is None or nxt.tag_ not in ("VBN", "JJ"):
        return None
    what = lex.adjectives.get(nxt.lower_)
    return _Cue(what, (nxt,), nxt) if what else None


def _before(span: Span, lex: CountLexicon) -> _Cue | None:
    """'..., killing at least 15 people, an official said', 'shot dead three men': the
    verb (with the words it needs) right before the figure, when the parse hangs the
    counted noun elsewhere."""
    doc = span.doc
    for size in (1, 2, 3):
        if span.start < size:
            break
        verb, rest = doc[span.start - size], doc[span.start - size + 1:span.start]
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBG", "VBD", "VBN"):
            continue
        what = next((what for words, what in lex.patient.get(verb.lemma_.lower(), [])
                     if len(words) == len(rest) and all(w in (t.lemma_.lower(), t.lower_)
                                                        for w, t in zip(words, rest, strict=True))),
                    None)
        if what is not None:
            return _Cue(what, (verb, *rest), verb)
    return None


def _by_adjective(role: Token, lex: CountLexicon) -> _Cue | None:
    """'12 people dead', 'dozens wounded' (as a modifier of the counted)."""
    for child in role.children:
        if child.dep_ in ("amod", "acl", "appos", "relcl") and child.i > role.i:
            what = lex.adjectives.get(child.lower_)
            if what is not None:
                return _Cue(what, (child,), child)
    return None


def _by_modifier(role: Token, lex: CountLexicon) -> _Cue | None:
    """'12 people killed in the strike': a participle after the counted noun."""
    for child in role.children:
        if child.dep_ in ("acl", "relcl") and child.tag_ == "VBN":
            cue = _verb_cue(child, lex.patient, role)
            if cue is not None:
                return cue
    return None


def _by_noun(noun: Token, lex: CountLexicon) -> _Cue | None:
    """'40 deaths', '3,000 protesters', '12 dead'."""
    what = lex.nouns.get(noun.lemma_.lower()) or lex.nouns.get(noun.lower_)
    if what is None:
        what = lex.adjectives.get(noun.lower_) if noun.pos_ in ("NOUN", "ADJ") else None
    verb = noun.head if noun.head.pos_ in ("VERB", "AUX") else None
    return _Cue(what, (noun,), verb) if what else None


def _toll(role: Token, lex: CountLexicon, inherit: str | None = None) -> _Cue | None:
    """'the death toll rose to 40', 'a toll of 40', 'bringing the toll to 52'; a toll
    that does not say what it counts ('the total') counts `inherit`, if given."""
    head = role.head
    if role.dep_ == "pobj" and head.dep_ == "prep":
        head = _toll_verb_above(head, lex) if head.lower_ == "to" else head.head
    elif role.dep_ not in ("dobj", "attr", "npadvmod"):
        return None
    if head.lemma_.lower() in lex.words["toll_nouns"] and head.i < role.i:
        toll: Token | None = head
    elif head.lemma_.lower() in lex.words["toll_verbs"]:
        toll = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                     and c.lemma_.lower() in lex.words["toll_nouns"]), None)
    else:
        return None
    what = (_toll_what(toll, lex) or inherit) if toll is not None else None
    if toll is None or what is None:
        return None
    # "an earlier toll of 17" is a figure, but no longer the latest one
    rising = head.lemma_.lower() in lex.words["toll_rises"]
    latest = not any({c.lemma_.lower(), c.lower_} & lex.words["stale"] for c in toll.children
                     ) and (rising or not any(c.lower_ in lex.words["toll_past"]
                                              for c in toll.head.children))
    # ("had given 17" is an old figure; "had risen to 40" the latest)
    return _Cue(what, (toll, head), head if head.pos_ in ("VERB", "AUX") else None, toll=latest,
                rising=rising)


def _toll_verb_above(to: Token, lex: CountLexicon) -> Token:
    """What 'to 11' raises: the word it hangs on, or, when the parse hangs it lower
    ("raising the number of people killed in the bombing to 11": on "killed"), the
    toll verb a few steps above."""
    return next((a for a in list(to.ancestors)[:5]
                 if a.lemma_.lower() in lex.words["toll_verbs"]), to.head)


def _toll_what(toll: Token, lex: CountLexicon) -> str | None:
    """What a toll noun counts: its modifier ("death toll"), what it is the number of
    ("number of dead", "number of people killed"), else a bare toll's default."""
    for child in toll.children:
        word = child.lemma_.lower()
        if child.dep_ in ("compound", "amod", "nmod") and (word in lex.nouns
                                                             or child.lower_ in lex.adjectives):
            return lex.nouns.get(word) or lex.adjectives[child.lower_]
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                found = _by_modifier(pobj, lex) or _by_noun(pobj, lex) or _next_participle(
                    pobj, lex)
                if found:
                    return found.what
                said = [lex.adjectives[c.lower_] for c in pobj.children
                        if c.dep_ == "amod" and c.lower_ in lex.adjectives]
                if said:  # "the number of injured people"
                    return said[0]
    return lex.toll_default if toll.lemma_.lower() in lex.words["toll_bare"] else None


def _next_participle(noun: Token, lex: CountLexicon) -> _Cue | None:
    """'its count of people detained that night', 'the number of people killed in X':
    the participle right after the noun says what is counted, wherever the parse hangs
    it (on the toll noun, on the verb)."""
    after = noun.nbor() if noun.i + 1 < len(noun.doc) else None
    if after is None or after.tag_ not in ("VBN", "VBD"):  # a tagger may take it for a past
        return None
    return _verb_cue(after, lex.patient, noun)


def _hypothetical(token: Token, lex: CountLexicon) -> bool:
    """Negated, modal, conditional, or under 'threaten', 'plan', 'could'."""
    node = token
    for _ in range(3):
        for child in node.children:
            if ((child.dep_ in ("aux", "auxpass") and child.lower_ in lex.words["aux"])
                    or (child.dep_ == "neg" and child.lower_ in lex.words["negators"])
                    or (child.dep_ == "mark" and child.lower_ in lex.words["marks"])):
                return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in lex.words["governors"]:
            return True
        if node.dep_ not in ("conj", "xcomp", "acl", "relcl") or node.head is node:
            return False
        node = node.head
    return False


def _kind(counted: Token | None, what: str, lex: CountLexicon) -> Kind:
    if counted is None or counted.lower_ in lex.words["stand_ins"]:
        return lex.kinds[what]
    lemma = counted.lemma_.lower()
    span = counted.doc[counted.left_edge.i:counted.i + 1]
    if find_weapons(span):
        return "weapon"
    if _lemmas(counted) & lex.words["people"] or counted.ent_type_ in ("PERSON", "NORP"):
        return "person"
    if lemma in lex.words["things"]:
        return "object"
    return "unknown" if lemma not in lex.nouns else lex.kinds[what]


def _fits(kind: Kind, what: str, lex: CountLexicon) -> bool:
    """A person count never counts drones or villages, a launch count never people,
    and nothing destroys or damages people (they are killed or injured)."""
    expected = lex.kinds[what]
    if expected == "unknown":
        return kind != "person"
    return kind in ("unknown", expected)


def _of(counted: Token | None, lex: CountLexicon) -> str | None:
    if counted is None or counted.pos_ not in ("NOUN", "PROPN") or counted.like_num:
        return None
    lemma = counted.lemma_.lower()
    if lemma in lex.words["not_of"] or (
            lemma in lex.nouns and lemma not in lex.words["people"]):
        return None
    first = _first_part(counted)
    return f"{first.lemma_.lower()}-{lemma}" if first is not None else lemma


def _mention(tokens: Iterable[Token], cue: _Cue, quantity: Quantity, of: str | None,
             kind: Kind) -> CountMention:
    tokens = list(tokens)
    doc = tokens[0].doc
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return CountMention(start, end, doc_text(doc)[start:end], cue.what, quantity.value,
                        quantity.min, quantity.max, quantity.approximate, of, kind,
                        cue.tokens[0].lemma_.lower() if cue.tokens else None, cue.toll,
                        cue.rising, tokens[0].sent.start_char)


_ZERO, _ONE = Quantity(0, 0, 0), Quantity(1, 1, 1)


def _is_no(token: Token, lex: CountLexicon) -> bool:
    """'nobody', 'none', 'no one', 'no civilians', 'zero casualties', 'without casualties'."""
    if token.lower_ in lex.words["zero_words"]:
        return True
    if any(c.dep_ in ("det", "nummod") and c.lower_ in lex.words["zero_determiners"]
           for c in token.children):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in lex.words["zero_prepositions"]


def _zeros(sent: Span, lex: CountLexicon) -> list[CountMention]:
    found: list[CountMention] = []
    for token in sent:
        first = _clause_role(token)
        if not (_is_no(token, lex) or (first is not token and _is_no(first, lex))):
            continue
        if any(c.lemma_.lower() in lex.words["zero_blockers"] for c in token.children):
            continue  # "no serious injuries" leaves the minor ones open
        cue = _by_verb(first, lex) or _by_adjective(first, lex) or _by_noun(token, lex)
        if cue is None or _hypothetical(cue.verb or token, lex):  # "no one could be..."
            continue
        for what in lex.expands.get(cue.what, (cue.what,)):
            found.append(_mention([token.left_edge, token, *cue.tokens], replace(cue, what=what),
                                  _ZERO, _of(token, lex), lex.kinds[what]))
    return found


def _singles(sent: Span, lex: CountLexicon, covered: set[int]) -> list[CountMention]:
    """'A civilian was killed', 'another drone was shot down': one."""
    found: list[CountMention] = []
    for token in sent:
        det = next((c for c in token.children if c.dep_ == "det"
                    and c.lower_ in lex.words["ones"]), None)
        first = _first_part(token)
        noun = token.pos_ == "NOUN" or (first is not None and first.pos_ == "NOUN")
        if (det is None or token.i in covered or not noun or _among(token, lex)
                or any(_of_them(c, lex) for c in token.children)  # "one of them a guard"
                or _speaks(token, lex)
                or token.lemma_.lower() in lex.words["collectives"]
                or token.lemma_.lower() in lex.words["units"]
                or any(c.dep_ == "nummod" for c in token.children)):
            continue
        cue = _by_verb(_clause_role(token), lex)
        if cue is None or _hypothetical(cue.verb or token, lex):
            continue
        kind = _kind(token, cue.what, lex)
        if kind != "unknown" and _fits(kind, cue.what, lex):
            nth = _ordinal(token)  # "a fourth victim died": the fourth, so four in all
            quantity = _ONE if nth is None else Quantity(nth, nth, nth)
            found.append(_mention([det, token, *cue.tokens], cue, quantity, _of(token, lex),
                                  kind))
    return found


ORDINALS = {w: i for i, w in enumerate(("second", "third", "fourth", "fifth", "sixth", "seventh",
                                         "eighth", "ninth", "tenth", "eleventh", "twelfth"), 2)}


def _ordinal(noun: Token) -> int | None:
    """The place an ordinal before a noun gives it, from the second on ("a fourth
    victim": 4; "4th"), else None."""
    for child in noun.children:
        word = child.lower_
        if child.dep_ in ("amod", "nummod") and child.i < noun.i:
            if word in ORDINALS:
                return ORDINALS[word]
            digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
            if digits and int(digits.group(1)) >= 2:
                return int(digits.group(1))
    return None


def _speaks(token: Token, lex: CountLexicon) -> bool:
    """Whether the noun phrase a noun ends names a speaker: a verb of speaking follows
    it ("..., a local official and a transport union said"), whatever the parse."""
    for nxt in token.doc[token.i + 1:min(token.i + 9, token.sent.end)]:
        if nxt.pos_ in ("VERB", "AUX"):
            return nxt.lemma_.lower() in lex.words["speaking"]
        if nxt.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "CCONJ"):
            return False
    return False


def _among(token: Token, lex: CountLexicon, *, below: bool = True) -> bool:
    """'three were killed, among them a woman': a part of a count already made."""
    i = token.i - 1
    while i > token.sent.start and token.doc[i].lower_ in lex.words["part_skip"]:
        i -= 1
    near = [token.doc[i], *token.children, token.head] if below else [token.doc[i]]
    return any(t.lower_ in lex.words["part_words"] for t in near)


def merge_counts(mentions: Iterable[CountMention]) -> list[CountMention]:
    """One article's counts without double counting, in text order.

    A figure repeated for the same thing is kept once; different figures for the
    same thing are all kept (a contradiction is not averaged away); a toll that rose
    ("the death toll rose to 40") supersedes the figures before it, but a toll only
    told ("a monitor put the toll at 11", "police said the toll stood at seven") is
    another figure beside them, maybe another source's, not a later one.
    """
    kept: list[CountMention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.toll and mention.rising:
            kept = [k for k in kept if not _same_thing(k, mention)]
        if not any(_same_thing(k, mention) and _same_figure(k, mention) for k in kept):
            kept.append(mention)
    return kept


def _same_thing(a: CountMention, b: CountMention) -> bool:
    return a.what == b.what and a.kind == b.kind and (a.of is None or b.of is None
                                                      or a.of == b.of)


def _same_figure(a: CountMention, b: CountMention) -> bool:
    return (a.value, a.min, a.max) == (b.value, b.min, b.max)
