"""Find place mentions: the parser's entities, corrected by the gazetteer, plus
streets, districts and regions by pattern and "the Russian capital" by description.

Demonyms ("Iranian-made") are never places; places used as actors ("Kyiv
denies") are kept but marked metonymic, so no event is located there for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Any

from sitrep.geo.gazetteer import normalise
from sitrep.nlp.syntax import headers, sections
from sitrep.rules import WORDS, MapOf, Required, load_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitrep.geo.gazetteer import Entry, Gazetteer


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    source: str  # "ner" | "gazetteer" | "sub_place" | "region" | "capital" | "dateline" | "section"
    feature: str | None = None  # for sub-places: "street" | "district" | "building"
    country: str | None = None  # ISO3, for "the Russian capital"
    metonymic: bool = False


# the schema of rules.yaml: every list is required
RULES = {key: Required(WORDS) for key in (
    "generic_districts", "region_heads", "capital_words", "agent_verbs", "agent_nouns",
    "patient_agent_verbs", "agent_participles",
    "not_places", "common_words", "not_embedded", "name_qualifiers", "facility_words",
    "place_context", "assaults", "locative", "carry_out", "parts", "office_words",
    "settlement_nouns", "care_places")} | {
    "sub_place_heads": Required({kind: Required(WORDS)
                                 for kind in ("street", "district", "building")}),
    "state_abbreviations": Required(MapOf(str))}


@cache
def rules() -> dict[str, Any]:
    """rules.yaml, checked against RULES (a ConfigError names the file and line)."""
    return load_rules(__package__ or "", "rules.yaml", schema=RULES)


@cache
def rule_words(key: str) -> frozenset[str]:
    """A list of rules.yaml as a set (as written: case matters where names are meant)."""
    return frozenset(rules()[key])


BIG_PLACE = 100_000  # people: a name's word a smaller town has is still the person's

_NAME_WORD = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ez)-)?[A-Z][\w'’.-]*"


@cache
def _sub_place_regex() -> re.Pattern[str]:
    heads = []
    for kind, words in rules()["sub_place_heads"].items():
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        heads.append(f"(?P<{kind}>{alternation})")
    name = rf"(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,3}})"
    return re.compile(rf"\b{name}\s(?:{'|'.join(heads)})(?![\w])")


@cache
def _region_regex() -> re.Pattern[str]:
    heads = "|".join(re.escape(w) for w in rules()["region_heads"])
    name = rf"(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,2}})"
    return re.compile(rf"\b(?:the\s)?{name}\s(?:{heads})\b")


def recognize(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Every place mention of `doc`, longest wins where they overlap."""
    text = doc.text
    lost = lost_possessives(doc, gaz)
    people = _people_names(doc, gaz)
    found = (_datelines(doc, gaz) + _sections(doc, gaz) + _sub_places(text)
             + _regions(text, gaz) + _areas(doc, gaz) + _capitals(text)
             + _entities(doc, gaz, lost, people) + _unlabelled(doc, gaz, lost, people)
             + _settlements(doc, people) + list(lost.values()))
    found += _joined(found, text, gaz)
    found = [m for m in found if not (m.source == "sub_place" and _owner(m.text) in people)]
    found = [m for m in found if not _second_half(m, text)]
    if not text.islower():  # in a cased text a place's name is capitalised ("the coast west
        # of the town" names no place called Coast)
        found = [m for m in found if not (m.text[:1].islower()
                                          and m.source in ("ner", "gazetteer"))]
    chosen: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), _RANK[m.source], m.start)):
        if not any(c.start < m.end and m.start < c.end for c in chosen):
            chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    for m in chosen:
        # (a dateline's place is where the story was filed, whatever the parse makes it do)
        m.metonymic = m.metonymic or (m.source not in ("dateline", "section")
                                      and _metonymic(doc, m))
    return chosen


_RANK = {"dateline": -1, "section": -1, "sub_place": 0, "region": 1, "capital": 2, "ner": 3,
         "gazetteer": 4}


def _joined(found: list[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    """Two names next to each other that the gazetteer knows as one: the parser cut
    "Deir Ezzor" into "Deir" and "Ezzor"; and a name with the hyphened words after it
    that the gazetteer knows with them ("Mazar" of "Mazar-i-Sharif")."""
    out = []
    ordered = sorted(found, key=lambda m: m.start)
    for a, b in pairwise(ordered):
        gap = text[a.end:b.start]
        if gap in (" ", "-") and gaz.lookup(text[a.start:b.end]):
            out.append(Mention(a.start, b.end, text[a.start:b.end], "gazetteer"))
    for m in ordered:
        tail = _HYPHENED.match(text, m.end)
        if tail is not None and gaz.lookup(text[m.start:tail.end()]):
            out.append(Mention(m.start, tail.end(), text[m.start:tail.end()], "gazetteer"))
    return out


def _second_half(mention: Mention, text: str) -> bool:
    """Whether a name is the second half of a hyphened name the gazetteer lacks ("Sava"
    of the Mayo-Sava prefect, a department of Cameroon, is no region of Madagascar)."""
    return mention.source in ("ner", "gazetteer") and _FIRST_HALF.search(
        text, max(0, mention.start - 40), mention.start) is not None


_FIRST_HALF = re.compile(r"\b[A-Z][a-z]+-$")
_HYPHENED = re.compile(r"(?:-[A-Za-z\u00C0-\u024F']+)+")


_POSSESSED = ("NOUN", "PROPN", "ADJ", "NUM")
_PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")


def lost_possessives(doc: Doc, gaz: Gazetteer) -> dict[int, Mention]:
    """Places whose possessive lost its apostrophe, as headlines and scraped copy
    print it ("in Syrias Deir Ezzor", "Aleppos Old City"), keyed by the word's token
    index. The mention is the stem ("Syria"); the "s" is left out, as "'s" is.

    1. A capitalised word ending in "s" that the gazetteer does not know, before a
       noun, and not inside a longer name ("St. Marys River").
    2. Its stem is a country or a province, or a big city by its own name (not
       "Bones" for Bône).
    3. Starting a name that is no place, it counts only if the rest of the name is a
       place in that country ("Syrias Deir Ezzor Monitor", not "Carolinas Cab Co.").
    """
    out: dict[int, Mention] = {}
    agents = set(rules()["agent_nouns"])
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if not _possessive_form(tok) or not nxt.is_alpha or nxt.pos_ not in _POSSESSED \
                or gaz.lookup(tok.text) or not _possessor(tok.text[:-1], gaz):
            continue
        stem = tok.text[:-1]
        mention = Mention(tok.idx, tok.idx + len(stem), stem, "gazetteer",
                          metonymic=nxt.lemma_.lower() in agents)
        if _owns_its_name(tok, mention, gaz):
            out[tok.i] = mention
    return out


@cache
def _never_possessors() -> frozenset[str]:
    raw = rules()
    return frozenset(raw["not_places"]) | frozenset(raw["not_embedded"]) | frozenset(
        raw["common_words"])


def _possessive_form(tok: Token) -> bool:
    if not _LOST_S.match(tok.text):
        return False
    stop = _never_possessors()
    if tok.text in stop or tok.text[:-1] in stop:
        return False
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    return before is None or before.pos_ != "PROPN" or not before.text[:1].isupper()


def _possessor(stem: str, gaz: Gazetteer) -> bool:
    top = gaz.lookup(stem)[:1]
    if not top:
        return False
    return top[0].feature in ("country", "admin1") or _big_by_own_name(top[0], stem)


def _big_by_own_name(entry: Entry, name: str) -> bool:
    """A place of 100,000 people or more called by its own name, not by an alternate
    one ("Bones" for Bône)."""
    return entry.population >= 100_000 and normalise(entry.name) == normalise(name)


def _owns_its_name(tok: Token, mention: Mention, gaz: Gazetteer) -> bool:
    if not tok.ent_type_ or tok.ent_type_ in _PLACE_LABELS:
        return True
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    if len(ent) == 1:
        return True
    return ent.start == tok.i and bool(_part_of(ent[1:], mention, gaz))


def _part_of(span: Span, owner: Mention, gaz: Gazetteer) -> list[Mention]:
    """The place that a name after a possessive begins with, if it lies in the
    possessor's country: "Syrias Deir Ezzor Monitor" names Deir Ezzor, in Syria."""
    home = {e.country for e in gaz.lookup(owner.text)[:1]}
    for end in range(span.end, span.start, -1):
        part = span.doc[span.start : end]
        if any(e.country in home and e.population >= 1_000 for e in gaz.lookup(part.text)[:3]):
            return [Mention(part.start_char, part.end_char, part.text, "gazetteer")]
    return []


_LOST_S = re.compile(r"^[A-Z][a-z]{2,}[a-rt-z]s$")


def _entities(doc: Doc, gaz: Gazetteer, lost: dict[int, Mention],
              people: frozenset[str]) -> list[Mention]:
    from sitrep.geo.gazetteer import demonym

    out = []
    stop = set(rules()["not_places"])
    for ent in doc.ents:
        span = _trim(ent, lost)
        if span is None or span.text in stop or demonym(span.text):
            continue
        owner = lost.get(span.start - 1) if span.start > ent.start else None
        if owner is not None and ent.label_ not in ("GPE", "LOC", "FAC"):
            out.extend(_part_of(span, owner, gaz))
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            if any(c.isdigit() for c in span.text) and not gaz.lookup(span.text):
                continue  # a code, not a place: "M23 rebels", "the F-16s"
            if span.text not in people or gaz.lookup(span.text):
                # (a name of a person here that no place has: "polling second to Trump")
                out.append(Mention(span.start_char, span.end_char, span.text, "ner"))
        elif ent.label_ == "NORP" and _people_named_for_place(span, gaz):
            # a town the parser took for a people: "Aleppo bomb blast kills six"
            out.append(Mention(span.start_char, span.end_char, span.text, "gazetteer"))
        elif ent.label_ in ("PERSON", "ORG") and span.text not in people \
                and not _office_of(span) and _gazetteer_place(
                span, gaz, strict=True, near_place=_modifies_noun(span)):
            # The parser's misses: "Kyiv" as a PERSON, "an Alexandria man", "Rublyovka".
            out.append(Mention(span.start_char, span.end_char, span.text, "gazetteer"))
        elif ent.label_ == "ORG":
            out.extend(_embedded(span, gaz))
    return out


def _owner(name: str) -> str | None:
    """Whose a sub-place is when its name opens with a possessive ("Clinton's camp":
    "Clinton")."""
    found = re.match(r"(\w+)['’]s? ", name)
    return found.group(1) if found else None


def _people_names(doc: Doc, gaz: Gazetteer) -> frozenset[str]:
    """The words of the document's full names of people ("Hillary Clinton", "Barack
    Obama"): the parser's person or organisation called by one of them is that person,
    not a town of the name ("in Obama's words", "Clinton said"). A "name" holding a
    big place is the parser's miss, not a person ("Deir Ezzor" as a PERSON)."""
    return frozenset(t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                     and not _holds_big_place(ent, gaz)
                     for t in ent if t.text[:1].isupper() and t.is_alpha)


def _holds_big_place(ent: Span, gaz: Gazetteer) -> bool:
    for size in (2, 1):
        for i in range(ent.start, ent.end - size + 1):
            top = gaz.lookup(ent.doc[i : i + size].text)[:1]
            if top and (top[0].feature in ("country", "admin1")
                        or top[0].population >= BIG_PLACE):
                return True
    return False


def _people_named_for_place(span: Span, gaz: Gazetteer) -> bool:
    """A name the parser took for a people's that is a province or big city by its own
    name ("Aleppo bomb blast", "in Aleppo city"), not a faith or a culture."""
    if span.text in _never_possessors():
        return False
    top = gaz.lookup(span.text)[:1]
    return bool(top) and top[0].feature in ("admin1", "city") \
        and _big_by_own_name(top[0], span.text)


def _office_of(span: Span) -> bool:
    """ "the Obama administration", "the Clinton campaign": a person the parser named,
    modifying the word of an office or a following (rules.yaml `office_words`), is that
    person, not a town of the name."""
    root = span.root
    return root.dep_ in ("compound", "nmod", "poss") and root.head.pos_ == "NOUN" \
        and root.head.lemma_.lower() in rule_words("office_words")


def _modifies_noun(span: Span) -> bool:
    """ "an Alexandria man", "Mansfield council": a name modifying a common noun."""
    root = span.root
    return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN"


_INSTITUTIONS = {"schools", "school", "council", "police", "department", "hospital", "university",
                 "college", "county", "city", "board", "district", "commission", "court",
                 "library", "zoo", "airport", "chamber", "authority", "fire", "township"}


def _embedded(span: Span, gaz: Gazetteer) -> list[Mention]:
    """Places inside an organisation's name: "the Texas Forest Service", "U.S. Department
    of Housing", "Aviation Strategy for Europe", "University of Alexandria". They name the
    organisation, not where something happened, so they are metonymic."""
    out: list[Mention] = []
    stop = set(rules()["not_places"]) | set(rules()["not_embedded"])
    # A town can front a local institution's name: "Dublin City Schools".
    local = span[-1].lower_ in _INSTITUTIONS
    i = span.start
    while i < span.end:
        for size in (3, 2, 1):  # countries, states and listed regions anywhere inside
            window = span.doc[i : min(i + size, span.end)]
            if len(window) < size or (window.end == span.end and window.start == span.start):
                continue
            named = window[0].text[:1].isupper() and window.text not in stop
            top = gaz.lookup(window.text)[:1] if named else []
            wide = top and top[0].feature in ("country", "admin1", "region")
            town = top and local and i == span.start and top[0].population >= 10_000
            after_of = top and i > span.start and span.doc[i - 1].lower_ == "of" and (
                top[0].population >= 100_000)
            if wide or town or after_of:
                out.append(Mention(window.start_char, window.end_char, window.text,
                                   "gazetteer", metonymic=True))
                i = window.end - 1
                break
        i += 1
    return out


def _unlabelled(doc: Doc, gaz: Gazetteer, lost: dict[int, Mention],
                people: frozenset[str]) -> list[Mention]:
    """Proper nouns the parser left without an entity that the gazetteer knows:
    "Shelling hit Kharkiv and Izium" (a town next to a place, or after "in")."""
    out: list[Mention] = []
    stop = set(rules()["not_places"])
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.text[:1].isupper() \
                or tok.text in stop or i in lost:
            i += 1
            continue
        j = i
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_ \
                and j + 1 - i < 3 and j + 1 not in lost:
            j += 1
        span = doc[i : j + 1]
        if span.text not in people and _gazetteer_place(span, gaz,
                                                        near_place=_beside_place(span)):
            out.append(Mention(span.start_char, span.end_char, span.text, "gazetteer"))
        i = j + 1
    return out


def _settlements(doc: Doc, people: frozenset[str]) -> list[Mention]:
    """Names a settlement noun calls a town ("the town of Mulenge", "Mulenge village",
    "Mulenge, a village in South Kivu"), and the same name wherever else the text
    gives it ("In Mulenge, ..."), though the gazetteer may not know them."""
    from sitrep.geo.gazetteer import demonym

    nouns = rule_words("settlement_nouns")
    stop = set(rules()["not_places"])
    names: set[str] = set()
    for tok in doc:
        if tok.lower_ not in nouns:
            continue
        heads = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
        heads += [c for c in tok.children if c.dep_ == "compound" and c.i == tok.i - 1]
        if tok.dep_ == "appos" and tok.head.i < tok.i:  # "Mulenge, a village in South Kivu"
            heads.append(tok.head)
        for head in heads:
            words = [t for t in doc[head.left_edge.i:head.i + 1]
                     if t.pos_ == "PROPN" and t.text[:1].isupper()]
            if not words or words[-1].i != head.i:
                continue
            name = doc[words[0].i:head.i + 1].text
            if name not in stop and name not in people and len(words) <= 3 \
                    and not demonym(name):  # "a Pakistani village"
                names.add(name)
    out = []
    for name in names:
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text):
            out.append(Mention(hit.start(), hit.end(), name, "ner"))
    return out


def _beside_place(span: Span) -> bool:
    """Joined by "and"/"or"/"," to a place entity: "Kharkiv and Izium"."""
    root = span.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return any(t.ent_type_ in ("GPE", "LOC") for t in linked)


def _trim(ent: Span, lost: dict[int, Mention]) -> Span | None:
    """The entity without "the" and possessive endings; a place whose possessive lost
    its apostrophe is cut off the front ("Syrias Deir Ezzor" -> "Deir Ezzor")."""
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].lower_ in ("the", "'s", "’s") or start in lost):
        start += 1
    while end > start and ent.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _gazetteer_place(span: Span, gaz: Gazetteer, *, near_place: bool = False,
                     strict: bool = False) -> bool:
    """Is this span a place the gazetteer knows? Big places need no context; small
    ones need "in"/"near"... before them or another place beside them. `strict`
    (a span the parser took for a person or organisation: "Lincoln", "United Way")
    always needs that context."""
    candidates = gaz.lookup(span.text)
    if not candidates:
        return False
    top = candidates[0]
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    context = before in rule_words("place_context") or near_place or (
        before == "on" and any(a.lemma_.lower() in rule_words("assaults") for a in islice(
            span.doc[span.start - 1].ancestors, 3)))  # "an attack by rebels on Oicha"
    if top.feature in ("country", "admin1", "region"):
        if strict and top.feature == "admin1" and top.population >= 1_000_000:
            return True  # "Tamil Nadu said" tagged as a person
        # countries, states and the listed regions ("the EU") are places even when
        # the parser took them for organisations; metonymy is marked later
        return context or not strict or top.feature_code == "RGN" or top.feature == "country"
    if strict:
        return context and top.population >= 1_000
    return top.population >= (1_000 if context else 100_000)


def _sub_places(text: str) -> list[Mention]:
    out = []
    stop = set(rules()["not_places"])
    for m in _sub_place_regex().finditer(text):
        start = m.start()
        for word in m.group("name").split():  # "The Profsoyuznaya Street": drop "The"
            if word not in stop:
                break
            start += len(word) + 1
        if start >= m.start("name") + len(m.group("name")):
            continue
        kind = next(k for k in rules()["sub_place_heads"] if m.group(k))
        out.append(Mention(start, m.end(), text[start : m.end()], "sub_place", feature=kind))
    for m in _generic_regex().finditer(text):
        out.append(Mention(m.start(), m.end(), m.group(), "sub_place", feature="district"))
    return out


@cache
def _generic_regex() -> re.Pattern[str]:
    names = sorted(rules()["generic_districts"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _regions(text: str, gaz: Gazetteer) -> list[Mention]:
    out = []
    stop = set(rules()["not_places"])
    for m in _region_regex().finditer(text):
        # the name, or its last words after a country's ("Syria's Idlib province")
        words = m.group("name").split()
        names = [" ".join(words[i:]) for i in range(len(words))]
        name = next((n for n in names if n.split()[0] not in stop and gaz.is_name(n)), None)
        if name is None:
            continue
        start = m.end("name") - len(name)
        out.append(Mention(start, m.end(), text[start : m.end()], "region", feature="region"))
    return out


def _areas(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """A province named before "a village" or "villages" ("in a Sagaing village",
    "Idlib towns"): the villages lie in it, so it is not the town of the name.
    ("Mulenge village" and "the village of Mulenge" name the village itself.)"""
    out = []
    nouns = rule_words("settlement_nouns")
    for tok in doc:
        if tok.lemma_.lower() not in nouns or tok.i == 0:
            continue
        if tok.tag_ != "NNS" and not any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                         for c in tok.children):
            continue
        first = tok.i  # the name's first word: proper nouns compounded with the noun
        while first > 0 and doc[first - 1].dep_ == "compound" \
                and doc[first - 1].head.i == tok.i and doc[first - 1].pos_ == "PROPN":
            first -= 1
        if first == tok.i:
            continue
        name = doc[first:tok.i].text
        if any(e.feature in ("admin1", "admin2") for e in gaz.lookup(name)):
            start = doc[first].idx
            out.append(Mention(start, start + len(name), name, "region", feature="region"))
    return out


def _datelines(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """The town a paragraph's dateline names in capitals, where the story was filed
    ("KANKARA, Nigeria (Wire) - ", "ADDIS ABABA - "): the parser reads no entity in
    a word in capitals, or only part of one ("ABABA")."""
    out = []
    for start, _ in headers(doc):
        m = _CAPITALS.match(doc.text, start)
        if m is not None and gaz.lookup(m.group(1)):
            out.append(Mention(m.start(1), m.end(1), m.group(1), "dateline"))
    return out


def _sections(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """The town or country a roundup item's label names ("KRAMATORSK: Two people were
    killed ..."): the place of the item, unlike a dateline's, where it was filed."""
    return [Mention(start, end, doc.text[start:end], "section")
            for start, end in sections(doc) if gaz.lookup(doc.text[start:end])]


_CAPITALS = re.compile(r"[ \t]*([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*)\b")


def _capitals(text: str) -> list[Mention]:
    from sitrep.geo.gazetteer import demonym

    words = "|".join(re.escape(w) for w in rules()["capital_words"])
    out = []
    for m in re.finditer(rf"\bthe\s(?P<adj>[A-Z][\w'’-]+)\s(?:{words})\b", text):
        country = demonym(m.group("adj"))
        if country:
            out.append(Mention(m.start(), m.end(), m.group(0), "capital", country=country))
    return out


def _metonymic(doc: Doc, mention: Mention) -> bool:
    """A place that says, denies or launches something, or backs or installs someone,
    is an actor, not a location."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    after = doc[span.end:span.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in rules()["agent_participles"]:
        return True
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Washington and Kyiv deny": both are subjects
    agents, nouns = set(rules()["agent_verbs"]), set(rules()["agent_nouns"])
    if root.dep_ == "nsubj" and root.head.lemma_ in agents:
        return True
    if root.dep_ == "dobj" and root.head.lemma_ in rules()["patient_agent_verbs"]:
        return True  # "Kinshasa accused Rwanda of ..."
    if root.dep_ == "poss" and root.head.lemma_ in nouns:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_ in nouns:
        return True  # "the accusation by Kinshasa"
    return root.dep_ == "compound" and root.head.lemma_ in ("regime", "government",
                                                             "authorities", "leadership")
