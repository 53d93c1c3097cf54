"""The events stage: what happened, coded, dated, located, with its actors and counts.

It runs five passes, each a module with typed input and output:

1. trigger detection (`detect`): the sentences that tell of something that
   happened, their mentions and weapons -> `list[Told]`;
2. argument linking (`link`): one draft per happening in a sentence, with its
   type, place and time (asked of `sitrep.geo.locate` and
   `sitrep.temporal.anchor`), weapons and figures -> `Linked`;
3. joining across sentences (`join`): drafts of one happening become one
   -> `list[Happening]`;
4. coding (`code`): each happening as an `Event` with ACLED, PLOVER and CAMEO
   codes, date, place, actors and figures -> `list[Event]`;
5. document-level adjustments (`adjust`): places from the story, the forces of
   the place, the headline's events first, statements linked to their events;
6. relevance (`relevance`): a learned filter leaves out what is no real happening
   (a metaphor, a sports "clash", history told in passing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.adjust import adjust, headline_places
from sitrep.events.code import code
from sitrep.events.detect import find_mentions
from sitrep.events.join import join
from sitrep.events.lexicon import EventLexicon, event_lexicon
from sitrep.events.link import Told, link
from sitrep.events.relevance import THRESHOLD, RelevanceModel, real_events, relevance_model
from sitrep.events.weapons import find_weapons
from sitrep.nlp.syntax import headers
from sitrep.records import Article, Event, Place
from sitrep.stage import Work

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span


class EventStage:
    """Finds the events an analyst would code, in five passes (see the module)."""

    name = "events"
    requires: tuple[str, ...] = ("doc", "text", "published", "title", "times", "places",
                                 "statements", "title_places")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, relevance: float = THRESHOLD) -> None:
        self.lex = event_lexicon()
        self.relevance = relevance
        self.model = relevance_model() if relevance > 0 else None

    def __call__(self, work: Work) -> None:
        assert work.doc is not None
        article = work.article
        headline = headline_places(article.title, work.title_places)
        article.events = extract_events(work.doc, article, self.lex, headline=headline,
                                        model=self.model, threshold=self.relevance)


def extract_events(doc: Doc, article: Article, lex: EventLexicon, *,
                   headline: Sequence[Place] = (), model: RelevanceModel | None = None,
                   threshold: float = THRESHOLD) -> list[Event]:
    """The article's events in the order they are first told; statements get their links.
    `headline`: the title's places, which say where the main event is; `model`: the
    relevance filter (None keeps every event the rules find)."""
    told = detect(doc, lex)
    happenings = join(link(doc, told, article, lex), lex)
    events = code(happenings, doc, article, lex)
    adjust(events, happenings, article, headline, datelines=headers(doc))
    kept = real_events(events, article, doc.vocab, model, threshold=threshold)
    if len(kept) < len(events):
        ids = {e.id for e in kept}
        for statement in article.statements:
            statement.event_ids = [i for i in statement.event_ids if i in ids]
    return kept


def detect(doc: Doc, lex: EventLexicon) -> list[Told]:
    """Pass 1: the sentences that tell of events, with their mentions and weapons (a
    weapon named backs a weak trigger: "hit" beside "drones")."""
    weapons: dict[int, list[tuple[str, str, int]]] = {}  # read only where events are told

    def weapons_of(sent: Span) -> list[tuple[str, str, int]]:
        if sent.start not in weapons:
            weapons[sent.start] = [(w.name, w.category, w.start) for w in find_weapons(sent)]
        return weapons[sent.start]

    mentions = find_mentions(doc, lex, backed=lambda s: any(
        t.lower_ in lex.support for t in s) or bool(weapons_of(s)))
    told: dict[int, Told] = {}
    for mention in mentions:
        sent = mention.sent
        if sent.start not in told:
            told[sent.start] = Told(sent, [], weapons_of(sent))
        told[sent.start].mentions.append(mention)
    return list(told.values())
