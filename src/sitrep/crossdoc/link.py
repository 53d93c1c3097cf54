"""Articles in, clusters and contradictions out: the crossdoc stage over a batch
(`--format json`) or, with the clusters already stored, over a store.

>>> from sitrep.records import Article, Event, Location
>>> def report(aid, killed):
...     from sitrep.records import Range
...     event = Event(id="e1", type="shelling", date="2024-03-12", fatalities=Range(killed,
...                   killed), location=Location(name="Kharkiv", lat=49.99, lon=36.23,
...                   country="UKR", precision=1), confidence=0.8)
...     return Article(id=aid, text="", published="2024-03-12", source=aid, events=[event])
>>> clusters, contradictions = link_articles([report("a", 2), report("b", 4)])
>>> [(c.sources, c.merged.fatalities.max) for c in clusters]
[(2, 4)]
>>> [(x.field, [s.value for s in x.sides]) for x in contradictions]
[('fatalities', ['2', '4'])]
"""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.crossdoc.cluster import Clusters, cluster_events
from sitrep.crossdoc.ledger import claims_about, contradictions, updates
from sitrep.crossdoc.merge import Report, in_order, merge
from sitrep.crossdoc.refs import event_ref, type_groups
from sitrep.crossdoc.sources import families, support
from sitrep.records import Article, Cluster, Contradiction, Event, Statement


def main_event(events: Sequence[Event]) -> Event | None:
    """The event an article is mainly about: the most confident that is not an
    aggregate, the first told on a tie."""
    told = [e for e in events if not e.aggregate] or list(events)
    return max(told, key=lambda e: e.confidence, default=None)


def link_articles(articles: Sequence[Article], clusters: Clusters | None = None, *,
                  new: set[str] | None = None) -> tuple[list[Cluster], list[Contradiction]]:
    """Cluster the articles' events (into `clusters`, if given) and build the records of
    every cluster that the articles in `new` (all, by default) touch."""
    by_id = {a.id: a for a in articles}
    refs = [event_ref(a, e) for a in articles for e in a.events]
    clusters = cluster_events(refs, clusters)
    touched = list(dict.fromkeys(c for r in refs if (new is None or r.article_id in new)
                                 and (c := clusters.cluster_of(r.key))))
    records, disputes = [], []
    for cluster_id in touched:
        members = clusters.by_id[cluster_id].members
        reports = [Report(m.article_id, m.publisher, _published(by_id, m.article_id),
                          _event(by_id, m.article_id, m.event_id)) for m in members
                   if m.article_id in by_id]
        record, found = cluster_record(cluster_id, reports, by_id)
        records.append(record)
        disputes.extend(found)
    return records, disputes


def cluster_record(cluster_id: str, reports: Sequence[Report], articles: dict[str, Article]
                   ) -> tuple[Cluster, list[Contradiction]]:
    def statements(article_id: str) -> Sequence[Statement]:
        article = articles.get(article_id)
        return article.statements if article else []

    def main(article_id: str) -> str | None:
        article = articles.get(article_id)
        event = main_event(article.events) if article else None
        return event.id if event else None

    def told_with(article_id: str, event: Event) -> set[str]:
        """The article's attributions of the same day and place ("police blame the
        Taliban", coded apart from the bombing)."""
        article = articles.get(article_id)
        place = event.location.name if event.location else None
        return {e.id for e in (article.events if article else [])
                if type_groups().get(e.type) == "attribution" and e.date == event.date
                and (e.location.name if e.location else None) == place}

    claims = claims_about(reports, statements, main, told_with)
    texts = {r.article_id: articles[r.article_id].text if r.article_id in articles else ""
             for r in in_order(reports)}
    family = families(texts)
    merged = merge(cluster_id, reports)
    record = Cluster(id=cluster_id, event_ids=[r.key for r in reports],
                     sources=len(set(family.values())), merged=merged,
                     publishers=len({r.publisher for r in reports}),
                     updates=updates(reports, claims), reports=len(texts),
                     support=support(merged, reports, family))
    return record, contradictions(cluster_id, reports, claims)


def _published(by_id: dict[str, Article], article_id: str) -> str | None:
    return by_id[article_id].published


def _event(by_id: dict[str, Article], article_id: str, event_id: str) -> Event:
    return next(e for e in by_id[article_id].events if e.id == event_id)


__all__ = ["cluster_record", "link_articles", "main_event"]
