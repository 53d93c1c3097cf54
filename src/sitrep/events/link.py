"""Pass 2, argument linking: the happenings each sentence tells, with their type,
place, time, weapons and figures.

In a sentence, mentions of one group ("killed in an explosion") are one draft,
unless a clause sets them apart in time ("the explosions came hours after Russia
unleashed attacks on Kyiv"); a family that absorbs another takes its mentions
("police opened fire on the protesters" is one protest event). Which place and
which time belong to a draft the upstream stages answer (`sitrep.geo.locate`,
`sitrep.temporal.anchor`); weapons and figures go to the nearest draft that can
own them. Figures told in the next sentence, with no event of their own, are
kept as `Orphan`s for the joining pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from sitrep.events.actors import doer_tokens
from sitrep.events.arguments import clause_key, definite
from sitrep.events.classify import Context, decide
from sitrep.events.counts import CountMention, count_lexicon, find_counts
from sitrep.events.detect import Mention
from sitrep.events.lexicon import EventLexicon
from sitrep.events.words import words as event_words
from sitrep.geo.locate import (
    attached,
    finer_than,
    most_specific,
    places_in,
    setting,
    treated_at,
    within,
)
from sitrep.nlp.syntax import clause_verb, doc_text, headers, sections
from sitrep.records import Article, Place, Time
from sitrep.statements.lexicon import lexicon
from sitrep.temporal.anchor import (
    When,
    dates_saying,
    days_counted,
    distance,
    hung_on,
    offset_clause,
    opens_period,
    reading,
)
from sitrep.temporal.tense import present_perfect


@cache
def speech_verbs() -> frozenset[str]:
    """The statements stage's cue verbs: "said", "told", "announced"..."""
    return frozenset(lexicon().verbs)

STOPPED = {"intercepted", "shot_down", "suppressed"}
INTERCEPTING = {"interception", "weapons_seizure"}
HOLDING = {"arrest", "abduction"}
SAYER_WORDS = 8  # longer subjects of "said" are a parse's slip, not a source

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


DESCRIBING = ("relcl", "acl")


@dataclass(slots=True)
class Told:
    """Pass 1's finding in one sentence: the mentions of what happened, and the weapons
    it names as (name, category, character offset)."""

    sent: Span
    mentions: list[Mention]
    weapons: list[tuple[str, str, int]]


@dataclass(slots=True)
class Draft:
    """One happening told in one sentence."""

    sent: Span
    mentions: list[Mention]
    families: list[str]  # the absorbing family first
    type: str = ""
    specific: bool = False
    place: Place | None = None
    subs: list[Place] = field(default_factory=list)  # streets and districts it names
    unplaced: list[Place] = field(default_factory=list)  # named, but not in the gazetteer
    anaphoric: bool = False
    when: When | None = None
    weapons: list[tuple[str, str]] = field(default_factory=list)  # (name, category)
    counts: list[CountMention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(self.sent.doc[m.start].idx for m in self.mentions)


@dataclass(slots=True)
class Orphan:
    """Figures told in a sentence with no event of its own, right after one that has
    ("One individual was hospitalised"); `after` drafts come before them."""

    after: int
    counts: list[CountMention]


@dataclass(slots=True)
class Linked:
    """Pass 2's output: the article's drafts in text order, and its orphan figures."""

    drafts: list[Draft]
    orphans: list[Orphan]


def link(doc: Doc, told: Sequence[Told], article: Article, lex: EventLexicon) -> Linked:
    """Every sentence's drafts with their arguments; the figures of a sentence that
    follows one telling of events, and tells of none itself, are orphans."""
    by_sent = {t.sent.start: t for t in told}
    linked = Linked([], [])
    after_event = False
    for sent in doc.sents:
        found = by_sent.get(sent.start)
        if found is not None:
            linked.drafts.extend(drafts_of(found, lex, places=article.places,
                                           times=article.times, counts=find_counts(sent),
                                           story=_first_day(linked.drafts)))
            after_event = True
            continue
        counts = find_counts(sent) if after_event else []
        if counts:
            linked.orphans.append(Orphan(len(linked.drafts), counts))
        after_event = False
    return linked


def _first_day(drafts: Sequence[Draft]) -> date | None:
    """The day of the first happening told so far that the text dates to a day."""
    when = next((d.when for d in drafts if d.when is not None and d.when.date
                 and d.when.precision == "day" and not d.when.aggregate), None)
    return date.fromisoformat(when.date[:10]) if when is not None and when.date else None


def drafts_of(told: Told, lex: EventLexicon, *, places: Sequence[Place],
              times: Sequence[Time], counts: Sequence[CountMention] = (),
              story: date | None = None) -> list[Draft]:
    """The happenings one sentence tells (its mentions, in order)."""
    sent, mentions, weapons = told.sent, told.mentions, told.weapons
    context = Context(_words(sent), frozenset(c for _, c, _ in weapons))
    # the sentence's news is not typed by weapons told in its background ("struck
    # bases accused of a gas attack" is no gas attack), save the people it hurt
    background = [m.background for m in mentions if m.background is not None]
    hidden = {t.idx for r in background for t in r.subtree}
    news = replace(context, weapons=frozenset(c for _, c, at in weapons if at not in hidden))
    drafts = _group(sent, mentions, lex, context)
    # (a dateline's town is where the story was filed, whatever the parse makes of it:
    # "SULAYMANIYAH, Iraq (Wire) - Six drones were launched at a plant near Chamchamal")
    filed = headers(sent.doc)
    literal = [p for p in places_in(sent, places)
               if not any(a <= p.start < b for a, b in filed)]
    told_by = {t.idx for sayer in _sayers(sent, longest=None, clauses=False) for t in _plain(sayer)}
    labelled = _labelled(sent, places)
    set_only: list[Draft] = []  # drafts placed only by a setting of the sentence
    placed_by_words: list[Place] = []  # places the sentence's words attach to a trigger
    for draft in drafts:
        # (people hurt are hurt by what the background tells: "injured as police fired")
        reading = context if _aside(draft) or _harm_only(draft, lex) else news
        draft.type, draft.specific = _decide(draft, reading, lex)
        doers = {t.idx for m in draft.mentions for t in doer_tokens(m.head)}
        # (save where a trigger told inside the doer's words happened: "a man wounded in
        # a strike on tents west of Deir al-Balah died")
        doers -= {t.idx for m in draft.mentions if m.head.idx in doers for t in m.head.subtree}
        # (nor the place a parse hangs on the doers: "an attack by militants on Oicha")
        doers -= {t.idx for m in draft.mentions for d in doer_tokens(m.head)
                  if d.dep_ == "prep" and d.lower_ == "on" for t in d.subtree}
        own = [p for p in literal if p.start not in doers]
        if _harm_only(draft, lex):  # (not where the hurt were treated)
            own = [p for p in own if not treated_at(p, sent)]
        placed = [(m, attached(m.head, own)) for m in draft.mentions]
        named = [p for _, found in placed for p in found]
        # (where the strong trigger happened, before where a weak one did: "two more
        # died in hospital in X, raising the toll of the bombing in the town of Y")
        strong = [p for m, found in placed if not m.weak for p in found]
        draft.place = most_specific(strong) or most_specific(named) or labelled
        draft.subs = [p for p in named if p.feature in ("street", "district")]
        draft.unplaced = [p for p in named if p.lat is None and p not in draft.subs]
        draft.anaphoric = draft.place is None and all(definite(m.head) for m in draft.mentions)
        # (a sayer's own title is not where it happened: "said a spokesman for
        # Aden's trauma centre")
        settings = [p for p in own if setting(p, sent) and p.start not in told_by]
        # (nor the province or country a town of them lies in: "in Mora, a town in the
        # Far North region")
        settings = [p for p in settings if not any(within(q, p) for q in settings)]
        if draft.place is None and not draft.anaphoric and settings:
            at = draft.start
            draft.place = min(settings, key=lambda p: abs(p.start - at))
            set_only.append(draft)
        elif draft.place is not None:
            placed_by_words.append(draft.place)
    for draft in set_only:  # (a place another happening of the sentence is told at,
        # before the wider area both lie in: "drones were launched at a plant near
        # Chamchamal in the Kurdistan region, and four of them were shot down")
        finer = [p for p in placed_by_words if draft.place and finer_than(p, draft.place)]
        draft.place = finer[0] if finer else draft.place
    drafts = _same_typed(drafts)
    lo, hi = sent.start_char, sent.end_char
    _share_times(sent, drafts, [t for t in times if lo <= t.start < hi], story)
    for draft in drafts:
        if _one_this_week(draft, lex):
            draft.when = When(None, precision="week")
    for draft in drafts:  # (a running total of a year stays that year's: "this year")
        if _tally(draft) and (draft.when is None or draft.when.precision != "day"):
            draft.when = replace(draft.when, aggregate=True) if draft.when else When(
                None, aggregate=True)
    for name, category, at in weapons:
        nearest = _nearest(drafts, at)
        if nearest is not None and (name, category) not in nearest.weapons:
            nearest.weapons.append((name, category))
    for count in counts:
        owner = count_owner(drafts, count, lex)
        if owner is not None:
            owner.counts.append(count)
    return drafts


def _labelled(sent: Span, places: Sequence[Place]) -> Place | None:
    """The place the label of the sentence's paragraph names, in a roundup whose items
    open with one ("KRAMATORSK: Two people were killed when a missile hit a market")."""
    opens = doc_text(sent.doc).rfind("\n\n", 0, sent.start_char)
    return next((p for p in places for start, _ in sections(sent.doc)
                 if p.start == start and opens < start < sent.end_char and not p.metonymic),
                None)


def _same_typed(drafts: list[Draft]) -> list[Draft]:
    """Drafts of one clause that came out of one type are one happening ("fighting
    between the army and the rebels killed six": the fighting and the killing are one
    armed clash); background is left as it was told."""
    kept: list[Draft] = []
    for draft in drafts:
        twin = next((k for k in kept if k.type == draft.type and _clause(k) == _clause(draft)
                     and not _aside(k) and not _aside(draft)), None)
        if twin is None:
            kept.append(draft)
            continue
        twin.mentions.extend(draft.mentions)
        twin.families.extend(f for f in draft.families if f not in twin.families)
        twin.specific = twin.specific or draft.specific
        twin.place = twin.place or draft.place
        twin.subs += [p for p in draft.subs if p not in twin.subs]
        twin.unplaced += [p for p in draft.unplaced if p not in twin.unplaced]
        twin.anaphoric = twin.anaphoric and draft.anaphoric
    return kept


def count_owner(drafts: Sequence[Draft], count: CountMention, lex: EventLexicon) -> Draft | None:
    """The draft a figure belongs to: weapons stopped to an interception, people hurt
    or held to the nearest event that hurts or holds people."""
    if count.what in STOPPED or count.kind == "weapon":
        fitting = [d for d in drafts if d.type in INTERCEPTING] or list(drafts)
    elif count.what == "participants":
        fitting = [d for d in drafts if lex.families[d.families[0]].group == "demonstration"]
    else:
        # (people are hurt at protests too: "48 people were injured during the protests")
        fitting = [d for d in drafts if lex.types[d.type].violent or d.type in HOLDING
                   or lex.families[d.families[0]].group == "demonstration"]
    return _nearest(list(fitting), count.start)


def _decide(draft: Draft, context: Context, lex: EventLexicon) -> tuple[str, bool]:
    doers = " ".join(t.lemma_.lower() for m in draft.mentions for t in doer_tokens(m.head))
    forms = " ".join(t.lower_ for m in draft.mentions for t in doer_tokens(m.head))
    return decide(draft.families, replace(context, doers=f"{forms} | {doers}"), lex)


def _group(sent: Span, mentions: list[Mention], lex: EventLexicon,
           context: Context) -> list[Draft]:
    by_key: dict[tuple[int | None, str, bool], Draft] = {}
    for mention in mentions:
        group = lex.families[mention.family].group
        # (a clause describing a noun may tell the same happening: "protests in three
        # towns, where protesters burned tyres"; blame and time set one apart)
        apart = mention.background is not None and mention.background.dep_ not in DESCRIBING
        key = (clause_key(mention.head), group, apart)
        draft = by_key.get(key)
        if draft is None:
            by_key[key] = Draft(sent, [mention], [mention.family])
        else:
            draft.mentions.append(mention)
            if mention.family not in draft.families:
                draft.families.append(mention.family)
    drafts = list(by_key.values())
    for absorber in drafts:
        if not absorber.mentions:
            continue  # taken by another
        taker = lex.families[absorber.families[0]]
        for other in drafts:
            if other is absorber or not other.mentions:
                continue
            other_group = lex.families[other.families[0]].group
            generic = other_group in taker.absorbs_generic and not _decide(other, context, lex)[1]
            # a generic harm is the disaster's in any clause ("injured after the volcano
            # erupted"), people hurt the protest's ("injured as police dispersed the
            # protest"); a part of an event only in its own clause
            generic = generic or (other_group in taker.absorbs and _harm_only(other, lex))
            # a happening told as background takes in no part of the sentence's news
            same = _clause(other) == _clause(absorber) and not (
                _aside(absorber) and not _aside(other))
            if generic or (other_group in taker.absorbs and same):
                absorber.mentions.extend(other.mentions)
                absorber.families.extend(f for f in other.families if f not in absorber.families)
                other.mentions = []
    return [d for d in drafts if d.mentions]


def _harm_only(draft: Draft, lex: EventLexicon) -> bool:
    """Whether a draft tells only that people were hurt ("dozens were injured")."""
    return all(m.head.lemma_.lower() in lex.harm or m.head.lower_ in lex.harm
               for m in draft.mentions)


def _aside(draft: Draft) -> bool:
    return all(m.aside for m in draft.mentions)


def _clause(draft: Draft) -> int | None:
    return clause_key(draft.mentions[0].head)


def _words(sent: Span) -> str:
    """The sentence's words, without those of who tells it ("..., police said": the
    police report the attack, they need not have fought in it)."""
    told_by = {t.i for sayer in _sayers(sent) for t in sayer.subtree}
    kept = [t for t in sent if t.i not in told_by]
    forms = " ".join(t.lower_ for t in kept)
    lemmas = " ".join(t.lemma_.lower() for t in kept)
    return f"{forms} | {lemmas}"


def _sayers(sent: Span, longest: int | None = SAYER_WORDS, *,
            clauses: bool = True) -> list[Token]:
    """The subjects of the sentence's speech verbs and the sources of its "according to"
    (of at most `longest` words; any length for None). With `clauses` False, a source
    with a clause hung on it counts too ("a diplomat in Riyadh, speaking on condition
    of anonymity,"), though a clause itself does not."""
    verbs = speech_verbs()
    found = [c for t in sent if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in verbs
                                                            or _tallies(t))
             for c in t.children if c.dep_ == "nsubj"]
    found += [g for t in sent if t.lower_ == "according" for c in t.children
              if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    # a plain name of a source, not a clause the parse hung on the verb; its title in
    # apposition is no length of its own ("Major Ana Lucia Torres Vega, the police commander
    # for the province")
    return [t for t in found if (longest is None or len(_named(t)) <= longest)
            and not any(w.pos_ in ("VERB", "AUX") for w in (_plain(t) if not clauses
                                                             else t.subtree))]


def _tallies(verb: Token) -> bool:
    """Whether a verb gives a toll ("police revised the number of wounded to five", "a
    monitor put the toll at 11"): its subject is a source, not a side of the fight."""
    words = count_lexicon().words
    return verb.lemma_.lower() in words["toll_verbs"] and any(
        c.dep_ == "dobj" and c.lemma_.lower() in words["toll_nouns"] for c in verb.children)


def _named(sayer: Token) -> list[Token]:
    """A source's name, less its title in apposition."""
    return _less(sayer, ("appos",))


def _plain(sayer: Token) -> list[Token]:
    """A source's words, less the clauses hung on it ("speaking on condition of
    anonymity", "who asked not to be named")."""
    return _less(sayer, ("acl", "relcl", "advcl", "ccomp", "xcomp"))


def _less(sayer: Token, deps: tuple[str, ...]) -> list[Token]:
    hung = {t.i for c in sayer.children if c.dep_ in deps for t in c.subtree}
    return [t for t in sayer.subtree if t.i not in hung]


def _nearest(drafts: list[Draft], at: int) -> Draft | None:
    if not drafts:
        return None
    return min(drafts, key=lambda d: min(abs(d.sent.doc[m.start].idx - at) for m in d.mentions))


def _share_times(sent: Span, drafts: list[Draft], times: list[Time],
                 story: date | None = None) -> None:
    """Each time of the sentence dates the draft nearest to it in the parse (then in
    the text), and each draft takes its nearest time; "17 days of attacks" makes its
    draft an aggregate ending on the day the story is about. A time of a speech verb
    ("said on Thursday"), or outside the report a trigger sits in, dates no draft.
    "Agreed a truce on Wednesday, two days after clashes": the clashes are Monday; a
    speech verb that is itself a trigger ("agreed on Wednesday") is dated by its time.
    A day beats a period that gives none: "killed two on Friday, the second such
    attack this week" is Friday's."""
    saying = speech_verbs() - {m.head.lemma_.lower() for d in drafts for m in d.mentions}
    tolls = count_lexicon().words["toll_nouns"]
    shifted = _shift_times(sent, drafts, times, saying, story)
    offers: dict[int, list[tuple[tuple[int, int], When]]] = {}
    for time in times:
        if dates_saying(sent, time, saying):
            continue
        for draft in drafts:
            days = next((d for m in draft.mentions
                         if (d := days_counted(time, m.head)) is not None), None)
            if days is not None:
                draft.when = When(None, aggregate=True, days=days)
                break
        else:
            found = reading(time)
            if found is None:
                continue
            if found.date and opens_period(sent, time) and not _lasting(sent, time):
                found = When(found.date, aggregate=True)  # "killed since April 15"
            ranked = [(gap, n) for n, d in enumerate(drafts) if n not in shifted and (
                gap := distance(sent, time, (m.head for m in d.mentions), saying, tolls)
            ) is not None]
            if ranked:
                best, n = min(ranked)
                offers.setdefault(n, []).append((best, found))
    for n, offered in offers.items():
        if drafts[n].when is None:  # the nearest; a day before a period of no day
            drafts[n].when = min(offered, key=lambda o: (o[1].date is None, o[0]))[1]


def _one_this_week(draft: Draft, lex: EventLexicon) -> bool:
    """Whether a draft a week dates tells one violent happening of it, not the week's:
    no plural noun, present tense or present perfect ("rebels attacked farmers this
    week", "a raid this week"; not "attacks this week", "fighting this week has killed
    40"): it takes the story's day, as a happening its sentence gives no day does."""
    when = draft.when
    return when is not None and when.precision == "week" and when.aggregate \
        and when.date is None and bool(draft.mentions) and all(
            lex.families[f].group == "violence" for f in draft.families) and not any(
            m.head.tag_ in ("NNS", "NNPS", "VBZ", "VBP") or present_perfect(m.head)
            or present_perfect(clause_verb(m.head, limit=3)) for m in draft.mentions)


def _tally(draft: Draft) -> bool:
    """Whether a draft tells a running total of many happenings, not one: a toll or
    a harm in the present perfect, of happenings told as a bare plural ("More than 200
    people have been killed in such attacks", "the town has been hit by several
    bombings"). ("The attacks, which hit buildings at 6:24" are one happening's.)"""
    nouns = [m.head for m in draft.mentions if m.head.pos_ == "NOUN"]
    return bool(nouns) and all(_many(noun) for noun in nouns)


def _many(noun: Token) -> bool:
    """Whether a trigger noun is many happenings of a total: a plural with no article
    but "such", "several" and their like, under a preposition of a verb in the present
    perfect ("have been killed in [such] attacks")."""
    if noun.tag_ != "NNS" or noun.dep_ != "pobj" or any(
            c.dep_ in ("det", "poss", "nummod") and c.lower_ not in event_words("tally_words")
            for c in noun.children):
        return False
    return present_perfect(noun.head.head)


def _lasting(sent: Span, time: Time) -> bool:
    """Whether a period opens on the deed that began a lasting state: "women held since
    Thursday" were detained on Thursday."""
    head = hung_on(sent, time)
    return head is not None and head.lemma_.lower() in event_words("lasting")


def _shift_times(sent: Span, drafts: list[Draft], times: list[Time],
                 saying: frozenset[str], story: date | None = None) -> set[int]:
    """Dates the drafts inside the clause a time with "N days after / before" opens by
    the day the sentence names outside it, shifted by N ("on Wednesday, two days after
    clashes" -> Monday); a sentence that names none counts from the day of the story's
    first dated happening ("Mortar rounds struck a market on Tuesday. ... The attack
    came two days after shells hit a water point" -> Sunday). Returns the drafts dated.
    (A day inside the clause, "two days after the vote on Sunday", is left to the
    nearest-time rule: moving the drafts outside by it went wrong more often than
    right.)"""
    offsets = [found for time in times if (found := offset_clause(sent, time)) is not None]
    if not offsets:
        return set()
    days = []  # (token index, day) of the sentence's days that date no saying
    for time in times:
        when = reading(time)
        tokens = sent.doc.char_span(time.start, time.end, alignment_mode="expand")
        if when is not None and when.date and when.precision == "day" and not when.aggregate \
                and tokens and not dates_saying(sent, time, saying):
            days.append((tokens.root.i, date.fromisoformat(when.date)))
    dated: set[int] = set()
    for scope, delta in offsets:
        day = next((d for i, d in days if i not in scope), story)
        if day is None:
            continue
        moved = When((day + timedelta(days=delta)).isoformat())
        for n, draft in enumerate(drafts):
            if all(m.head.i in scope for m in draft.mentions):
                draft.when = moved
                dated.add(n)
    return dated
