"""Clusters in the store: new articles join the clusters already there.

`link(store, articles)` clusters the events of articles just stored. Only the
stored reports that could share a cluster with them are read back (same group of
event, a week around their days, or the same place for undated ones); clusters
keep their ids; only clusters the new events join are rewritten, with their
merged record and contradictions. Linking the same articles again changes nothing.

(tests/store/test_clusters.py shows it on two cities.)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sitrep.crossdoc.cluster import WINDOW, Clusters
from sitrep.crossdoc.link import link_articles
from sitrep.crossdoc.refs import event_ref
from sitrep.records import Article, Cluster, Contradiction, Event, to_dict
from sitrep.store.duck import Filters, Store, like_literal, limit_sql, where_sql


def link(store: Store, articles: Sequence[Article]) -> list[Cluster]:
    """Cluster the events of `articles` (already stored) with the stored ones; returns
    the clusters they touched, as now stored."""
    fresh = [a for a in articles if a.events]
    if not fresh:
        return []
    refs = [event_ref(a, e) for a in fresh for e in a.events]
    days = [r.when for r in refs if r.when is not None]
    places = sorted({r.place for r in refs if r.place})
    rows = _members_near(store, days, places)
    old_ids = sorted({aid for aid, _, _ in rows} - {a.id for a in fresh})
    old = store.get(old_ids)
    known = Clusters()
    for article_id, event_id, cluster_id in rows:
        article = old.get(article_id) or next((a for a in fresh if a.id == article_id), None)
        event = next((e for e in article.events if e.id == event_id), None) if article else None
        if article is not None and event is not None:
            known.restore(cluster_id, event_ref(article, event))
    records, disputes = link_articles([*old.values(), *fresh], known,
                                      new={a.id for a in fresh})
    _write(store, records, disputes)
    return records


def _members_near(store: Store, days: list[Any], places: list[str]) -> list[tuple[str, str, str]]:
    """Stored members whose event falls in the window of the new days, or shares a place."""
    where, params = [], []
    if days:
        where.append("COALESCE(e.date, a.published) BETWEEN ? AND ?")
        params += [min(days) - timedelta(days=WINDOW), max(days) + timedelta(days=WINDOW)]
    if places:
        where.append("list_contains(?, e.location)")
        params.append(places)
    if not where:
        return []
    rows = store.con.execute(
        "SELECT m.article_id, m.event_id, m.cluster_id FROM cluster_members m "
        "JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id "
        f"JOIN articles a ON a.id = m.article_id WHERE {' OR '.join(where)} "
        "ORDER BY m.article_id, m.event_id", params).fetchall()
    return [(str(a), str(e), str(c)) for a, e, c in rows]


def _write(store: Store, records: list[Cluster], disputes: list[Contradiction]) -> None:
    """Replace the clusters `records` name, their members and contradictions: one frame a
    table (a statement a row costs DuckDB milliseconds: 100k clusters would take minutes)."""
    import pandas as pd

    ids = [c.id for c in records]
    clusters = []
    for c in records:
        merged = c.merged
        loc = merged.location if merged else None
        clusters.append((c.id, merged.date if merged else None, merged.type if merged else None,
                         loc.name if loc else None, loc.country if loc else None, c.sources,
                         c.publishers, sum(d.cluster_id == c.id for d in disputes),
                         json.dumps(to_dict(c), ensure_ascii=False), *_columns(merged)))
    members = {(article_id, event_id): c.id for c in records for article_id, _, event_id
               in (key.rpartition(":") for key in c.event_ids)}
    frames = {
        "clusters": pd.DataFrame(clusters, columns=CLUSTER_COLUMNS.split(", ")),
        "cluster_members": pd.DataFrame([(a, e, c) for (a, e), c in members.items()],
                                        columns=["article_id", "event_id", "cluster_id"]),
        "contradictions": pd.DataFrame(
            [(d.cluster_id, n, d.field, json.dumps(to_dict(d), ensure_ascii=False))
             for n, d in enumerate(disputes)], columns=["cluster_id", "idx", "field", "record"]),
    }
    with store.transaction():
        con = store.con
        for table, key in (("clusters", "id"), ("contradictions", "cluster_id"),
                           ("cluster_members", "cluster_id")):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, {key})", [ids])
        for table, frame in frames.items():
            if len(frame):
                # a member moved from a cluster not rewritten here replaces its old row
                verb = "INSERT OR REPLACE" if table == "cluster_members" else "INSERT"
                con.register("_rows", frame)
                try:
                    con.execute(f"{verb} INTO {table} ({', '.join(frame.columns)}) "
                                f"SELECT * FROM _rows")
                finally:
                    con.unregister("_rows")


CLUSTER_COLUMNS = ("id, date, type, location, country, sources, publishers, contradictions, "
                   "record, lat, lon, acled_event_type, acled_sub_event_type, fatalities, "
                   "injured, actors, admin1, search")


def _columns(merged: Event | None) -> list[Any]:
    """The merged record's plain columns: lat, lon, ACLED type and sub-type, fatalities,
    injured, actors' names, region and search text (as migrations 4 and 5 fill them in
    older stores)."""
    if merged is None:
        return [None] * 9
    loc, acled = merged.location, merged.acled
    return [loc.lat if loc else None, loc.lon if loc else None,
            acled.event_type if acled else None, acled.sub_event_type if acled else None,
            merged.fatalities.min if merged.fatalities else None,
            merged.injured.min if merged.injured else None,
            "; ".join(a.name for a in merged.actors) or None,
            loc.admin1 if loc else None, search_text(merged)]


def search_text(merged: Event) -> str | None:
    """What a word search over events reads: the merged event's type, place, region,
    country, actors, weapons and evidence, in lower case."""
    loc = merged.location
    parts = [merged.type, loc.name if loc else None, loc.admin1 if loc else None,
             loc.country if loc else None, " ".join(a.name for a in merged.actors),
             " ".join(merged.weapons), " ".join(s.text for s in merged.evidence)]
    return " ".join(p for p in parts if p).lower() or None


def clusters(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored clusters (the contract's cluster objects), newest first."""
    sql = "SELECT record FROM clusters ORDER BY date DESC NULLS LAST, id"
    sql += f" LIMIT {int(limit)}" if limit else ""
    return [json.loads(r[0]) for r in store.con.execute(sql).fetchall()]


def ledger(store: Store, cluster_id: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """One cluster and its contradictions; the cluster is None when there is none such
    (an id may be given by its first characters, or as an event's "article:e1")."""
    con = store.con
    article_id, _, event_id = cluster_id.rpartition(":")
    # three lookups an index can answer, in turn, rather than one OR over a join
    row = (con.execute("SELECT id, record FROM clusters WHERE id = ?", [cluster_id]).fetchone()
           or con.execute("SELECT id, record FROM clusters WHERE id LIKE ? ESCAPE '\\' "
                          "ORDER BY id LIMIT 1", [like_literal(cluster_id) + "%"]).fetchone()
           or con.execute("SELECT c.id, c.record FROM cluster_members m JOIN clusters c ON "
                          "c.id = m.cluster_id WHERE m.article_id = ? AND m.event_id = ?",
                          [article_id, event_id]).fetchone())
    if row is None:
        return None, []
    found = store.con.execute("SELECT record FROM contradictions WHERE cluster_id = ? "
                              "ORDER BY idx", [row[0]]).fetchall()
    return json.loads(row[1]), [json.loads(r[0]) for r in found]


def clusters_of(store: Store, article_ids: Sequence[str]) -> list[str]:
    """The ids of the clusters the articles' events belong to."""
    if not article_ids:
        return []
    rows = store.con.execute("SELECT DISTINCT cluster_id FROM cluster_members WHERE "
                             "list_contains(?, article_id) ORDER BY cluster_id",
                             [list(article_ids)]).fetchall()
    return [str(r[0]) for r in rows]


def cluster_rows(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Stored clusters that pass the filters (day, place, type), newest first, each
    with its count of contradictions. They match as `Store.events` matches the reports:
    on the merged event's type, ACLED types, place, country and admin1."""
    where, params = where_sql(
        filters, date="date", place=("location", "country", "admin1"),
        kinds=("type", "acled_event_type", "acled_sub_event_type"))
    sql = (f"SELECT record, contradictions FROM clusters{where} "
           f"ORDER BY date DESC NULLS LAST, id{limit_sql(filters)}")
    return [{**json.loads(r[0]), "contradictions": int(r[1] or 0)}
            for r in store.con.execute(sql, params).fetchall()]


def unlinked(store: Store) -> list[str]:
    """The ids of stored articles with an event in no cluster, in order."""
    rows = store.con.execute(
        "SELECT DISTINCT e.article_id FROM events e LEFT JOIN cluster_members m ON "
        "m.article_id = e.article_id AND m.event_id = e.id WHERE m.cluster_id IS NULL "
        "ORDER BY e.article_id").fetchall()
    return [str(r[0]) for r in rows]


def statement_texts(store: Store, keys: Sequence[str]) -> dict[str, str]:
    """The words of statements given as "article id:statement id"."""
    if not keys:
        return {}
    rows = store.con.execute(
        "SELECT article_id, id, text FROM statements WHERE list_contains(?, article_id || ':' "
        "|| id)", [list(keys)]).fetchall()
    return {f"{a}:{i}": str(t) for a, i, t in rows}
