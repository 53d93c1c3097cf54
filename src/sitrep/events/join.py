"""Pass 3, joining mentions across sentences: drafts become the article's happenings.

A draft joins the latest happening of its group that is at the same place (or a
place containing it, or no place yet) on a compatible day; a draft with no
place joins the most told happening of its group on a compatible day;
aggregates ("17 days of attacks") stay apart. Orphan figures ("One individual
was hospitalised") go to the draft told just before them, if it can own them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Span

from sitrep.events.lexicon import EventLexicon
from sitrep.events.link import Draft, Linked, Orphan, count_owner
from sitrep.geo.locate import finer
from sitrep.geo.rank import km
from sitrep.records import Place
from sitrep.temporal.anchor import When

ORPHAN_REACH = 600  # characters from the draft's sentence an orphan figure may be


@dataclass(slots=True)
class Happening:
    """An event of the article while its drafts are gathered."""

    group: str
    drafts: list[Draft] = field(default_factory=list)
    place: Place | None = None
    when: When | None = None
    taken: list[Draft] = field(default_factory=list)  # another group's, taken in (`_taker`)

    @property
    def aggregate(self) -> bool:
        return self.when is not None and self.when.aggregate

    @property
    def day(self) -> str | None:
        return self.when.date if self.when is not None else None

    def add(self, draft: Draft) -> None:
        self.drafts.append(draft)
        if draft.place is not None and (self.place is None or finer(draft.place, self.place)):
            self.place = draft.place
        if self.when is None or (self.when.date and self.when.time is None
                                 and draft.when is not None and draft.when.date == self.when.date
                                 and draft.when.time):
            self.when = draft.when or self.when


def join(linked: Linked, lex: EventLexicon) -> list[Happening]:
    """The article's happenings, in the order they are first told."""
    events: list[Happening] = []
    takes = _takes(lex)
    for draft in linked.drafts:
        group = lex.families[draft.families[0]].group
        target = _target(events, draft, group)
        if target is None:
            target = _taker(events, draft, group, takes)
            if target is not None:
                target.taken.append(draft)
        if target is None:
            target = Happening(group)
            events.append(target)
        target.add(draft)
    _adopt(linked.orphans, linked.drafts, lex)
    return events


def _adopt(orphans: list[Orphan], drafts: list[Draft], lex: EventLexicon) -> None:
    """Figures in a sentence with no event of its own ("One individual was
    hospitalised") belong to the event told just before, if it is close."""
    for orphan in orphans:
        if orphan.after == 0:
            continue
        last = drafts[orphan.after - 1]
        for count in orphan.counts:
            if count_owner([last], count, lex) is not None and \
                    count.start - last.sent.end_char < ORPHAN_REACH:
                last.counts.append(count)


def _takes(lex: EventLexicon) -> dict[str, frozenset[str]]:
    """Each group's groups whose mentions it takes in ("clashes": their gunfire)."""
    takes: dict[str, frozenset[str]] = {}
    for family in lex.families.values():
        takes[family.group] = takes.get(family.group, frozenset()) | family.absorbs_generic
    return takes


def _target(events: list[Happening], draft: Draft, group: str) -> Happening | None:
    aggregate = draft.when is not None and draft.when.aggregate
    day = draft.when.date if draft.when is not None else None
    kin = {group, *FELLOWS.get(group, ())}
    candidates = [e for e in reversed(events) if e.group in kin and e.aggregate == aggregate
                  and (day is None or e.day is None or _same_day(e.when, draft.when))]
    if day is not None:  # a dated draft joins an undated event only at its place
        candidates = [e for e in candidates if _same_day(e.when, draft.when) or (
            draft.place is not None and _same_place(e.place, draft.place))]
    if draft.place is None and not aggregate:
        if day is None and _pointed(draft):  # "nine died in that attack": the one just told
            return max(candidates, key=lambda e: max(d.start for d in e.drafts), default=None)
        # "the attacks": the event of its kind its paragraph tells (a killing in the
        # fighting a roundup's item tells), else the most told of its group, else the latest
        mine_at = _paragraph(draft.sent)
        here = [e for e in candidates if any(_paragraph(d.sent) == mine_at for d in e.drafts)]
        mine = [e for e in candidates if e.group == group]
        return max(here or mine, key=lambda e: (e.group == group, len(e.drafts)), default=None)
    # ("its drones destroyed the port in an attack that was repelled": one happening
    # told in one sentence at one place, though two groups' words tell it)
    candidates = [e for e in candidates if e.group == group or any(
        d.sent.start == draft.sent.start and _same_place(d.place, draft.place) for d in e.drafts)]
    if aggregate:
        return next((e for e in candidates if _same_place(e.place, draft.place)), None)
    for event in candidates:
        if event.place is None or _same_place(event.place, draft.place):
            return event
    return None


def _pointed(draft: Draft) -> bool:
    """Whether a mention points back at the happening told just before it ("that
    attack", "those raids"), not at the story's own."""
    return any(c.dep_ == "det" and c.lower_ in ("that", "those")
               for m in draft.mentions for c in m.head.children)


def _taker(events: list[Happening], draft: Draft, group: str,
           takes: dict[str, frozenset[str]]) -> Happening | None:
    """For a mention with no place, no day and no happening of its group to join,
    the most told happening that takes its group in ("gunfire and explosions were
    heard": the clash the story is about)."""
    if draft.place is not None or draft.when is not None:
        return None
    takers = [e for e in events if group in takes.get(e.group, ()) and not e.aggregate]
    return max(takers, key=lambda e: len(e.drafts), default=None)


# groups whose mentions may tell one happening ("an attack on a post ... four soldiers
# were killed in the fighting")
FELLOWS = {"violence": ("clash",), "clash": ("violence",)}


def _paragraph(sent: Span) -> int:
    """Where a sentence's paragraph starts (a roundup's items are paragraphs)."""
    return sent.doc.text.rfind("\n\n", 0, sent.start_char)


def _same_day(a: When | None, b: When | None) -> bool:
    """The same day, or a night and the morning after ("overnight", "at 2am")."""
    if a is None or b is None or a.date is None or b.date is None:
        return False
    if a.date == b.date:
        return True
    first, second = sorted((a, b), key=lambda w: w.date or "")
    try:
        gap = date.fromisoformat(second.date or "") - date.fromisoformat(first.date or "")
    except ValueError:
        return False
    return first.night and gap == timedelta(days=1)


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is b
    names = {a.name, a.parent} & {b.name, b.parent} - {None}
    if names:
        return True
    if a.country == b.country and "country" in (a.feature, b.feature):
        return True
    return _adjoining(a, b)


ADJOINING_KM = 8.0  # a town this close to another is one place (a suburb, a district
# the gazetteer holds as its own town: Delmas in Port-au-Prince)
TOWNS = ("city", "district", "street")


def _adjoining(a: Place, b: Place) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    if a.feature not in TOWNS or b.feature not in TOWNS or a.country != b.country:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= ADJOINING_KM
