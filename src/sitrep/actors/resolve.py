"""Who a speaker mention stands for: a light, rule-based coreference.

A mention is the subject of a cue ("he", "the ministry", "Kyiv", "presidential
adviser Mykhailo Podolyak"). `Resolver.speaker` turns it into a `Speaker`:
the resolved name (a person's full name, a state's name for "Kyiv" or "the
Kremlin", a nominal's own words otherwise), the role from appositions and
premodifiers, the affiliation (the state spoken for, ISO3) and the kind.

People are remembered across the article: "Sobyanin" is "Sergei Sobyanin",
"he" is the person last named as a subject, "the aide" the person last given
a role of that family, and "a Ukrainian presidential aide" the person named
next with a role of that family ("presidential adviser Mykhailo Podolyak").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from sitrep.actors.lexicon import ActorLexicon, actor_lexicon
from sitrep.geo.gazetteer import adjective, default_gazetteer, demonym
from sitrep.records import Place, Speaker, Statement
from sitrep.records.schema import SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person",
            "they": "group", "them": "group", "it": "thing", "we": "group", "i": "self"}
NAME_DEPS = {"compound", "flat", "nmod"}
DROP_DEPS = {"appos", "relcl", "acl", "punct", "cc", "conj", "prep", "advmod"}


@dataclass(slots=True)
class Person:
    name: str
    role: str | None = None
    affiliation: str | None = None
    mentions: list[int] = field(default_factory=list)  # token indices of subject mentions


class Resolver:
    """Resolves the speaker mentions of one article, in text order."""

    def __init__(self, doc: Doc, places: list[Place], lex: ActorLexicon | None = None) -> None:
        self.doc, self.lex = doc, lex if lex is not None else actor_lexicon()
        self.places = {(p.start, p.end): p for p in places}
        self.people: dict[str, Person] = {}
        self._person_at: dict[int, Person] = {}  # first token index of a PERSON entity
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent.text) > 2:
                person = self._person(ent)
                self._person_at[ent.start] = person
                role = self._role(ent)
                if role and not person.role:
                    person.role = role
                if person.affiliation is None and role:
                    person.affiliation = self._country_in(role)

    # people -------------------------------------------------------------

    def _person(self, ent: Span) -> Person:
        words = [t.text for t in ent if not t.is_punct]
        name = " ".join(words).removesuffix(" 's").removesuffix("'s")
        for known in self.people.values():  # "Sobyanin" after "Sergei Sobyanin"
            parts = known.name.split()
            if name == known.name or (len(words) == 1 and words[0] in parts):
                return known
            if len(parts) == 1 and parts[0] in words:  # a fuller name seen later
                known.name = name
                return known
        self.people[name] = Person(name)
        return self.people[name]

    def _role(self, ent: Span) -> str | None:
        """A role given to a named person in its own phrase: premodifiers ("Russian
        president Vladimir Putin"), an apposition either way ("X, Russia's ambassador
        to the US," / "Moscow's Mayor, Sergei Sobyanin")."""
        head = ent.root
        before = [t for t in head.lefts if t.i < ent.start and t.dep_ in ("compound", "amod",
                                                                          "nmod", "poss")]
        if before:
            start = min(t.left_edge.i for t in before)
            return _clean(self.doc[start:ent.start].text)
        for child in head.children:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON":
                return _clean(self.doc[child.left_edge.i:child.right_edge.i + 1].text)
        if head.dep_ == "appos" and head.head.ent_type_ != "PERSON" and head.head.pos_ == "NOUN":
            outer = head.head
            return _clean(self.doc[outer.left_edge.i:outer.i + 1].text)
        return None

    def _country_in(self, text: str) -> str | None:
        """The state a role names: a demonym ("Russian president"), a possessive or
        premodifying place ("Russia's ambassador", "Moscow's Mayor"); a place after
        "to" is where one is sent, not whom one speaks for."""
        words = text.replace("’", "'").replace("'s", "").split()
        skip = False
        for i, word in enumerate(words):
            if word.lower() in ("to", "in", "at", "for"):
                skip = True
                continue
            if skip or not word[:1].isupper():
                continue
            code = demonym(word) or country_of_name(" ".join(words[i:i + 2])) or \
                country_of_name(word)
            if code:
                return code
        return None

    # mentions ----------------------------------------------------------

    def speaker(self, head: Token) -> Speaker:
        """The speaker a subject (its head token) stands for."""
        mention = self._mention(head)
        lower = head.text.lower()
        if head.pos_ == "PRON" and lower in PRONOUNS:
            return self._pronoun(head, PRONOUNS[lower], mention)
        # ("state news agency SANA" is an outlet, whatever the tagger makes of its name)
        person = None if self._outlet(mention) else (
            self._named(mention) or self._by_role(head, mention))
        if person is not None:
            role = self._role_of(head, mention)
            if role and not person.role:
                person.role = role
                person.affiliation = person.affiliation or self._country_in(role)
            person.mentions.append(head.i)
            return Speaker(person.name, *_offsets(mention), role=person.role,
                           affiliation=person.affiliation, kind="person")
        return self._collective(head, mention)

    def _mention(self, head: Token) -> Span:
        """The words of a subject that name it: no appositions, clauses or punctuation."""
        keep = [head] + [t for t in head.subtree if t is not head and not any(
            a.dep_ in DROP_DEPS and a.i != head.i for a in _path(t, head))]
        lo, hi = min(t.i for t in keep), max(t.i for t in keep)
        return self.doc[lo:hi + 1]

    def _named(self, mention: Span) -> Person | None:
        for token in mention:
            if token.i in self._person_at:
                return self._person_at[token.i]
        head = mention.root
        for child in head.children:  # "Moscow's Mayor, Sergei Sobyanin"
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                for t in child.subtree:
                    if t.i in self._person_at:
                        return self._person_at[t.i]
        if head.ent_type_ == "PERSON":
            return self._person(self.doc[head.i:head.i + 1])
        return None

    def _by_role(self, head: Token, mention: Span) -> Person | None:
        """A person meant by a role alone: "the aide" (named before), "a presidential
        aide" (named next, within a few paragraphs)."""
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or self.lex.kinds.get(lemma) != "person":
            return None
        first = mention[0].lower_
        if first in ("the", "this", "that"):
            found = self.people_role_family(lemma)
            if found is not None:
                return found
        elif first not in ("a", "an"):
            return None
        family = self.lex.families.get(lemma, lemma)
        for start, person in sorted(self._person_at.items()):
            if start > head.i and self.doc[start].idx - head.idx < 800:
                words = (person.role or "").lower().split()
                if any(self.lex.families.get(w, w) == family for w in words):
                    country = self._country_in(mention.text)
                    person.affiliation = person.affiliation or country
                    return person
        return None

    def _role_of(self, head: Token, mention: Span) -> str | None:
        if head.ent_type_ != "PERSON" and mention[0].lower_ not in ("the", "this", "that"):
            # the head is the role: "Moscow's Mayor, X", "a Ukrainian presidential aide"
            return _strip_det(_clean(self.doc[mention.start:head.i + 1].text))
        return None

    def _pronoun(self, head: Token, kind: str, mention: Span) -> Speaker:
        if kind == "person":
            person = self._last_person(head.i)
            if person is not None:
                return Speaker(person.name, *_offsets(mention), role=person.role,
                               affiliation=person.affiliation, kind="person")
        return Speaker(head.text, *_offsets(mention), kind="unknown")

    def _last_person(self, before: int) -> Person | None:
        """The person last named before token `before`, subjects first."""
        best: tuple[int, int, Person] | None = None
        for start, person in self._person_at.items():
            if start >= before:
                continue
            token = self.doc[start]
            is_subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in
                             [token, token.head, *token.ancestors][:3])
            score = (start + (10_000 if is_subject and before - start < 400 else 0), start)
            if best is None or score[:2] > best[:2]:
                best = (score[0], score[1], person)
        return best[2] if best else None

    def _collective(self, head: Token, mention: Span) -> Speaker:
        """States, organs, organisations, media, and nominals ("the ministry")."""
        text = _clean(mention.text)
        lower = text.lower()
        inst = self.lex.institutions.get(lower) or self.lex.institutions.get(
            lower.removeprefix("the "))
        if inst:
            return Speaker(_country_name(inst[0]) if inst[1] == "government" and inst[0]
                           else text, *_offsets(mention), affiliation=inst[0], kind=inst[1])
        if lower.removeprefix("the ") in self.lex.media:
            return Speaker(text.removeprefix("the ").removeprefix("The "), *_offsets(mention),
                           kind="media")
        if self._own_name(mention):
            own: SpeakerKind = "military" if head.lemma_.lower() in self.lex.collective \
                else "organisation"
            return Speaker(_strip_det(text), *_offsets(mention), kind=own)
        if self._outlet(mention):
            country = next((c for t in mention if (c := demonym(t.text))), None)
            return Speaker(_strip_det(text), *_offsets(mention), affiliation=country,
                           kind="media")
        place = self._place(mention)
        lemma = head.lemma_.lower()
        if place is not None and place.country and (place.start <= head.idx < place.end
                                                    or lemma in self.lex.collective):
            name = _state_name(place)
            return Speaker(name, *_offsets(mention), affiliation=place.country,
                           kind="government")
        country = demonym(head.text) if head.ent_type_ == "NORP" else None
        if country is None:
            country = self._country_in(text) if place is None else place.country
        kind: SpeakerKind = self.lex.kinds.get(
            head.lower_, self.lex.kinds.get(lemma, "organisation" if head.ent_type_ == "ORG"
                                            else "unknown"))
        if kind == "military" and (lemma in self.lex.non_state
                                   or head.lower_ in self.lex.non_state):
            country = None  # a country's armed group is not its state ("Cameroon separatists")
        if (lemma in self.lex.collective or head.lower_ in self.lex.collective) and country:
            return Speaker(_country_name(country), *_offsets(mention), affiliation=country,
                           kind="military" if kind == "military" else "government")
        return Speaker(_strip_det(text), *_offsets(mention), affiliation=country, kind=kind)

    def _own_name(self, mention: Span) -> bool:
        """Whether a subject is the proper name of an organisation with a country in it
        ("the Syrian Democratic Forces", "the Free Syrian Army"): capitalised words up to
        its head, one of them a country or its demonym and one neither that nor a word of
        a state organ's name ("Israel Defense Forces" is Israel's military)."""
        head = mention.root
        name: list[Token] = []
        for t in reversed([t for t in mention if t.i <= head.i]):
            if not (t.is_title or t.is_upper or (name and t.lower_ in ("of", "and"))):
                break  # "the Kurdish-led Syrian Democratic Forces": from "Syrian"
            name.insert(0, t)
        if len(name) < 2 or not (head.is_title or head.is_upper):
            return False
        countries = [t for t in name if demonym(t.text) or country_of_name(t.text)]
        others = [t for t in name if t not in countries
                  and t.lower_ not in self.lex.state_name_words]
        return bool(countries) and bool(others)

    def _outlet(self, mention: Span) -> bool:
        """Whether a speaker is a news outlet by its name: a name after a word for one
        ("state news agency SANA", "the broadcaster Tolo"), which may also be a town's;
        not an outlet's place ("the Kadoma Times") nor where one is ("an agency in Kadoma")."""
        told = False
        named = [c for c in mention.root.children if c.dep_ == "appos" and c.i >= mention.end]
        for token in [*mention, *named[:1]]:
            if token.dep_ == "prep":
                return False
            if token.lower_ in self.lex.outlets:
                told = True
            elif told and token.is_alpha and (token.is_title or token.is_upper):
                return True
        return False

    def _place(self, mention: Span) -> Place | None:
        lo, hi = mention.start_char, mention.end_char
        for (start, end), place in self.places.items():
            if lo <= start and end <= hi and place.feature not in ("street", "district"):
                return place
        return None

    def people_role_family(self, lemma: str) -> Person | None:
        """The person whose role shares a family with `lemma` ("the aide")."""
        family = self.lex.families.get(lemma, lemma)
        for person in reversed(list(self.people.values())):
            role_words = (person.role or "").lower().split()
            if any(self.lex.families.get(w, w) == family for w in role_words):
                return person
        return None


def _path(token: Token, stop: Token) -> list[Token]:
    """The tokens from `token` up to (not including) `stop`."""
    path = []
    while token.i != stop.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _offsets(span: Span) -> tuple[int, int, str]:
    return span.start_char, span.end_char, span.text


def _clean(text: str) -> str:
    return text.strip(" ,;:\"“”'‘’").replace("\n", " ")


def _strip_det(text: str) -> str:
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det):]
    return text


@cache
def country_of_name(name: str) -> str | None:
    """The country of a country or well-known city name ("Russia", "Moscow").

    >>> country_of_name("Russia"), country_of_name("Moscow"), country_of_name("Mugabe")
    ('RUS', 'RUS', None)
    """
    entries = default_gazetteer().lookup(name)
    for entry in entries[:3]:
        if entry.feature in ("country",) or (entry.feature == "city"
                                             and entry.population >= 500_000):
            return entry.country
    return None


def side_from_context(statements: list[Statement]) -> None:
    """A body named only by its kind ("the ministry said") speaks for the side of the
    speakers just before it (within two paragraphs' length); its name says so."""
    for i, statement in enumerate(statements):
        speaker = statement.speaker
        if speaker.kind == "person" and not speaker.affiliation:
            _side_of_body(statement, statements[:i])
            continue
        if (speaker.affiliation or speaker.kind not in ("government", "military")
                or not (speaker.text or "").lower().startswith("the ")
                or not _named_by_kind(speaker.text or "")):
            continue
        for other in reversed(statements[:i]):
            if statement.start - other.end > 1500 or other.headline != statement.headline:
                break
            if other.speaker.affiliation:
                speaker.affiliation = other.speaker.affiliation
                label = adjective(speaker.affiliation)
                if label and label.lower() not in speaker.name.lower():
                    speaker.name = f"{label} {speaker.name}"
                break


def _side_of_body(statement: Statement, before: list[Statement]) -> None:
    """A person whose role names a state body by its kind ("navy spokesman Captain X",
    not "Hamas spokesman") speaks for the side of that body as a speaker just before
    named it ("Ukraine's navy rejected the claim")."""
    bodies = _bodies(statement.speaker.role or "")
    if not bodies:
        return
    for other in reversed(before):
        if statement.start - other.end > 1500 or other.headline != statement.headline:
            return
        said = other.speaker
        if said.affiliation and said.kind in ("government", "military") and \
                bodies <= set(re.findall(r"[a-z]+", said.name.lower())):
            statement.speaker.affiliation = said.affiliation
            return


def _bodies(role: str) -> frozenset[str]:
    """The words naming a state body in a spokesperson's role, when it names the body
    by its kind alone: "navy spokesman Captain" -> {navy}; "Hamas spokesman" -> none.

    >>> sorted(_bodies("defence ministry spokesman Colonel")), _bodies("Hamas spokesman")
    (['defence', 'ministry'], frozenset())
    """
    lex = actor_lexicon()
    words = role.split()
    at = next((i for i, w in enumerate(words) if lex.kinds.get(w.lower()) == "person"), None)
    if at is None or at == 0:
        return frozenset()
    known = _kind_words()
    if any(w[:1].isupper() and w.lower() not in known for w in words[:at]):
        return frozenset()  # whose it is: "Hamas spokesman", "RSF adviser"
    return frozenset(w.lower() for w in words[:at]
                     if lex.kinds.get(w.lower()) in ("government", "military")
                     or w.lower() in lex.portfolios)


def _named_by_kind(text: str) -> bool:
    """Whether a body's words name only its kind ("the ministry", "the Interior
    Ministry"), not whose it is ("the Taliban government").

    >>> _named_by_kind("the Interior Ministry"), _named_by_kind("the Taliban government")
    (True, False)
    """
    known = _kind_words()
    return all(w.lower() in known for w in re.findall(r"[A-Z][\w'’-]*", text)
               if w.lower() != "the")


@cache
def _kind_words() -> frozenset[str]:
    """The words that name a state body by its kind, not by whose it is."""
    lex = actor_lexicon()
    return frozenset(lex.kinds) | lex.state_name_words | lex.portfolios | lex.collective


@cache
def _country_name(iso3: str | None) -> str:
    entry = default_gazetteer().country(iso3) if iso3 else None
    return entry.name if entry else (iso3 or "")


def _state_name(place: Place) -> str:
    """The state a place speaks for: a country's name; a capital's country."""
    if place.feature == "country" or place.geonameid is None:
        return _country_name(place.country) if place.feature == "country" else place.name
    entry = default_gazetteer().get(place.geonameid)
    if entry is not None and entry.feature_code == "PPLC":
        return _country_name(place.country)
    capital = next((e for e in default_gazetteer().lookup(place.text)
                    if e.feature_code == "PPLC"), None)
    if capital is not None:  # "Washington denies": the capital, whatever geo chose
        return _country_name(capital.country)
    return place.name
