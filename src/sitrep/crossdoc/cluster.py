"""Reports of one happening, across articles, gathered into clusters.

Each event joins the cluster it fits best, or starts its own, in the order events
are added; clusters already made never split or renumber, so adding an article
touches only the clusters its events join. Candidates come from blocking on the
event's group and day (a week around it) or, for an undated event, its place;
a cluster is a candidate only if no member rules the event out (another day,
another city, another kind of happening, the same article). Among candidates the
score is the best affinity with a member: same or next day, same place or near
it, same type, shared actors, weapons and words. An article's events join together
when they may be one happening (one place, one day, one type, or a protest's
dispersal and arrests), else a cluster holds at most one event of an article, so an
article that tells of several happenings feeds several clusters. Aggregates
("17 days of attacks") are not clustered.

>>> from datetime import date
>>> from sitrep.crossdoc.refs import EventRef
>>> def ref(article, day, place, lat):
...     return EventRef(article, "e1", article, day, "shelling", "violence", day, False,
...                     lat, 36.2, place, None, "UKR", 1, frozenset(), frozenset(),
...                     frozenset({"shelling", "killed"}))
>>> clusters = Clusters()
>>> for r in (ref("a", date(2024, 3, 12), "Kharkiv", 50.0), ref("b", date(2024, 3, 12),
...           "Kharkiv", 50.0), ref("c", date(2024, 3, 15), "Kharkiv", 50.0)):
...     _ = clusters.add(r)
>>> sorted(len(c.members) for c in clusters.all())
[1, 2]
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from sitrep.crossdoc.refs import EventRef
from sitrep.geo.rank import km

THRESHOLD = 3.0  # affinity an event needs with a member to join its cluster
FIGURE = 0.5  # a figure both reports give (the same number of the same kind)
UNDATED, MARGIN = 3.0, 0.5  # the same for a report with no day at all (see Clusters._best)
WINDOW = 3  # days around an event's day in which clusters are candidates
NEAR_KM, SAME_KM = 60.0, 15.0
APART_KM = 5.0  # two towns this far apart are two places, however near


@dataclass(slots=True)
class Cluster:
    id: str
    members: list[EventRef] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)  # the members' articles

    def add(self, ref: EventRef) -> None:
        self.members.append(ref)
        self.articles.add(ref.article_id)


class Clusters:
    """The clusters of a store or a batch, with their blocking indexes."""

    def __init__(self) -> None:
        self.by_id: dict[str, Cluster] = {}
        self._by_day: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        self._by_place: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._member_of: dict[str, str] = {}

    def all(self) -> list[Cluster]:
        return list(self.by_id.values())

    def cluster_of(self, key: str) -> str | None:
        return self._member_of.get(key)

    def add(self, ref: EventRef) -> str:
        """Put an event in its cluster (the same one again if it is already in one)."""
        return self.add_article([ref])[ref.key]

    def add_article(self, refs: Sequence[EventRef]) -> dict[str, str]:
        """Put one article's events in their clusters. Events the article tells of one
        place and day that may be one happening (a protest and the arrests at it; two
        shootings the extraction kept apart) go together, to the cluster the one that
        fits best joins. Returns each event's cluster."""
        placed = {r.key: known for r in refs if (known := self._member_of.get(r.key))}
        for bundle in _bundles([r for r in refs if r.key not in placed]):
            best = max((self._best(r) for r in bundle), key=lambda c: c[0])[1]
            if best is None:
                best = Cluster(_new_id(bundle[0]))
                self.by_id[best.id] = best
            for ref in bundle:
                self._put(best, ref)
                placed[ref.key] = best.id
        return placed

    def _best(self, ref: EventRef) -> tuple[float, Cluster | None]:
        """The cluster a report joins and how well it fits: the one it fits best, at
        THRESHOLD or more. A report with no day at all (an undated article that dates
        nothing) joins at UNDATED or more, and only a cluster that fits clearly better
        (by MARGIN) than any other: two shootings in one city, and a report that gives
        no day, stay apart."""
        if ref.aggregate:
            return -1.0, None
        scored = sorted(((found, cluster.id) for cluster in self._candidates(ref)
                         if (found := _cluster_affinity(cluster, ref)) is not None),
                        reverse=True)
        if not scored:
            return 0.0, None
        (top, cluster_id), rest = scored[0], scored[1:]
        if ref.when is not None:
            best = [c for s, c in scored if s == top]
            return (top, self.by_id[sorted(best)[-1]]) if top >= THRESHOLD else (0.0, None)
        if top >= UNDATED and (not rest or top - rest[0][0] >= MARGIN):
            return top, self.by_id[cluster_id]
        return 0.0, None

    def restore(self, cluster_id: str, ref: EventRef) -> None:
        """Put back a stored member, as it was."""
        cluster = self.by_id.setdefault(cluster_id, Cluster(cluster_id))
        self._put(cluster, ref)

    def _put(self, cluster: Cluster, ref: EventRef) -> None:
        cluster.add(ref)
        self._member_of[ref.key] = cluster.id
        if ref.when is not None:
            for area in _areas(ref, around=False):
                self._by_day[(ref.group, ref.when.toordinal(), area)].add(cluster.id)
        for name in _place_keys(ref):
            self._by_place[(ref.group, name)].add(cluster.id)

    def _candidates(self, ref: EventRef) -> Iterator[Cluster]:
        ids: set[str] = set()
        if ref.when is not None:
            day = ref.when.toordinal()
            areas = _areas(ref, around=True)
            for d in range(day - WINDOW, day + WINDOW + 1):
                for area in areas:
                    ids |= self._by_day.get((ref.group, d, area), set())
        else:  # no day: the clusters at its place, or naming a town it names
            for name in _place_keys(ref):
                ids |= self._by_place.get((ref.group, name), set())
        for cluster_id in sorted(ids):
            yield self.by_id[cluster_id]


def _areas(ref: EventRef, *, around: bool) -> list[str]:
    """Blocking keys for where a report is: the grid cell of a degree it lies in (with
    the eight around it, to find its neighbours); a report placed nowhere more precise
    than its country is kept under the country, and searched by every report there."""
    country = f"country:{ref.country or '?'}"
    names = [f"name:{n}" for n in sorted(ref.names)]  # a town two reports place apart
    if ref.lat is None or ref.lon is None:
        return [country, *names]
    row, col = math.floor(ref.lat), math.floor(ref.lon)
    steps = (-1, 0, 1) if around else (0,)
    cells = [f"cell:{row + i}:{col + j}" for i in steps for j in steps]
    return [*cells, country, *names] if around else [*cells, *names]


def _place_keys(ref: EventRef) -> set[str]:
    """A report's place and the towns it names, as the place index keys them."""
    return {*ref.names, *([ref.place.lower()] if ref.place else [])}


def _bundles(refs: Sequence[EventRef]) -> list[list[EventRef]]:
    """An article's events gathered where they may tell one happening: the same day
    (or none, or the same type told again on a fallback day), the same place, and the
    same type (any of a protest's: dispersal, arrests, riot; any of a capture's: "the
    army retook the town" and "the town changed hands"; an attack and its
    interception). Two events one with a third go together."""
    bundles: list[list[EventRef]] = []
    for ref in refs:  # one bundle for all it may be one with, whichever was told first
        homes = [i for i, b in enumerate(bundles) if any(_one_happening(m, ref) for m in b)]
        if not homes:
            bundles.append([ref])
            continue
        bundles[homes[0]] = [m for i in homes for m in bundles[i]] + [ref]
        bundles = [b for i, b in enumerate(bundles) if i not in homes[1:]]
    return bundles


def _one_happening(a: EventRef, b: EventRef) -> bool:
    if a.aggregate or b.aggregate or a.group != b.group:
        return False
    if a.day != b.day and not _redated(a, b):
        return False
    if a.type != b.type and a.group not in ANY_TYPE and "interception" not in (
            a.type, b.type):  # (drones shot down and those that got through: one attack)
        return False
    return _where(a, b) == 2.0


ANY_TYPE = ("demonstration", "capture")
"""Groups whose kinds an article may tell of one happening: a protest and the arrests at
it, a town retaken and the town changing hands."""


def _redated(a: EventRef, b: EventRef) -> bool:
    """One kind of happening at one place told twice in an article, once on the day the
    text gives and once on a day only the story's or the publication's ("a bomb hit
    the road" and, later, "the blast on Tuesday")."""
    return a.type == b.type and a.dated_by_text != b.dated_by_text and (
        a.day is None or b.day is None or abs((a.day - b.day).days) <= 2)


def _new_id(ref: EventRef) -> str:
    return "c" + hashlib.sha1(ref.key.encode("utf-8")).hexdigest()[:12]


def _cluster_affinity(cluster: Cluster, ref: EventRef) -> float | None:
    if ref.article_id in cluster.articles:
        return None
    best = 0.0
    for member in cluster.members:  # one member it cannot be one with rules it out
        score = affinity(member, ref)
        if score is None:
            return None
        best = max(best, score)
    # the best match, and a little more for a happening many reports already agree on
    return best + min(1.0, 0.25 * (len(cluster.members) - 1))


def affinity(a: EventRef, b: EventRef) -> float | None:
    """How strongly two reports look like one happening; None when they cannot be."""
    if a.article_id == b.article_id or a.group != b.group or a.aggregate or b.aggregate:
        return None
    when = _when(a, b)
    if when is None:
        return None
    where = _where(a, b)
    if where is None:
        return None
    score = when + where + (1.0 if a.type == b.type else 0.3)
    score += _jaccard(a.actors, b.actors) + 0.5 * _jaccard(a.weapons, b.weapons)
    score += FIGURE if a.figures & b.figures else 0.0  # "four killed" in both
    return score + 3.0 * _jaccard(a.words, b.words)


def _when(a: EventRef, b: EventRef) -> float | None:
    if a.day is not None and b.day is not None:
        gap = abs((a.day - b.day).days)
        if gap > 1 and not (a.dated_by_text and b.dated_by_text) and gap <= WINDOW:
            return 0.0  # a day that is only the story's or the publication's: no proof
        return None if gap > 1 else 2.0 if gap == 0 else 0.8
    if a.when is not None and b.when is not None:
        return None if abs((a.when - b.when).days) > WINDOW else 0.5
    return 0.0  # no day at all: only strong evidence of place and words can join them


def _where(a: EventRef, b: EventRef) -> float | None:
    if a.place and b.place and a.place.lower() == b.place.lower():
        return 2.0  # "Kherson" the city in one report, the province in another
    if a.names & b.names:
        return 2.0  # a town or street both name (one the gazetteer may lack)
    if (a.place and a.place == b.admin1) or (b.place and b.place == a.admin1):
        return 1.0  # a town in the province the other report names
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        if a.country and b.country and a.country != b.country:
            return None
        return 0.5 if a.place and a.place == b.place else 0.0
    apart = km(a.lat, a.lon, b.lat, b.lon)
    if apart > NEAR_KM and max(a.precision, b.precision) <= 2:
        return None  # two cities, each named as where it happened
    if apart <= SAME_KM:
        # (but two towns, each named as where it happened, are two places even when
        # near: Kramatorsk and Sloviansk; save a town that shares its name with its
        # province, which a report may mean: Gaza, of the Gaza Strip)
        return None if apart > APART_KM and _two_towns(a, b) else 2.0
    return 1.0 if apart <= NEAR_KM or (a.admin1 and a.admin1 == b.admin1) else 0.0


def _two_towns(a: EventRef, b: EventRef) -> bool:
    """Whether two reports name two different towns as where it happened."""
    def province_named(ref: EventRef) -> bool:
        return bool(ref.place and ref.admin1 and ref.admin1.lower().startswith(
            ref.place.lower()))
    return a.precision == b.precision == 1 and not (province_named(a) or province_named(b))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def cluster_events(refs: Iterable[EventRef], clusters: Clusters | None = None) -> Clusters:
    """Add events an article at a time, in order: by day reported, then article and
    event; reports of no day at all last, to join the clusters the dated ones made."""
    clusters = clusters or Clusters()
    ordered = sorted(refs, key=lambda r: (r.when is None, r.published or date.min,
                                          r.article_id, r.event_id))
    for _, article in groupby(ordered, key=lambda r: (r.when is None, r.article_id)):
        clusters.add_article(list(article))
    return clusters
