"""The page's queries: filtered, paged and aggregated in DuckDB, never in Python.

Every list, map and timeline answer reads the `clusters` table (one row per
real-world event) through one `EventQuery`, so the map, the timeline, the table
and the exports always show the same selection.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from sitrep.records import Article, to_dict
from sitrep.store import Filters, Store
from sitrep.store.clusters import statement_texts
from sitrep.store.duck import like_contains, natural, where_sql

MAX_MARKERS = 5000
"""The map never gets more markers than this: past it, the smallest groups are left out
and the answer says so (`truncated`)."""

SUMMARY = ("id, date, type, acled_event_type, acled_sub_event_type, location, country, lat, "
           "lon, fatalities, injured, actors, sources, publishers, contradictions")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """The filters of the page: all optional, all combined with AND.

    `bbox` is (west, south, east, north) in degrees; west > east crosses the
    antimeridian. Text filters match a substring in any case.
    """

    since: str | None = None
    until: str | None = None
    place: str | None = None
    type: str | None = None
    actor: str | None = None
    source: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        Filters(since=self.since, until=self.until)  # checks the days, raises ValueError
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not all(math.isfinite(v) for v in self.bbox):
                raise ValueError("bbox: give four finite numbers west,south,east,north")
            if not (-180 <= west <= 180 and -180 <= east <= 180):
                raise ValueError("bbox: west and east are longitudes, -180 to 180")
            if not (-90 <= south <= north <= 90):
                raise ValueError("bbox: south and north are latitudes, -90 to 90, "
                                 "south not above north")

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause over `clusters c` (or "") and its parameters."""
        sql, params = where_sql(
            Filters(since=self.since, until=self.until, place=self.place, type=self.type),
            date="c.date", place=("c.location", "c.country", "c.admin1"),
            kinds=("c.type", "c.acled_event_type", "c.acled_sub_event_type"))
        where = [sql.removeprefix(" WHERE ")] if sql else []
        if self.actor:
            where.append("c.actors ILIKE ? ESCAPE '\\'")
            params.append(like_contains(self.actor))
        if self.source:
            where.append("EXISTS (SELECT 1 FROM cluster_members m JOIN articles a ON "
                         "a.id = m.article_id WHERE m.cluster_id = c.id AND "
                         "coalesce(a.source, a.url, '') ILIKE ? ESCAPE '\\')")
            params.append(like_contains(self.source))
        if self.q:
            where.append("c.search LIKE ? ESCAPE '\\'")
            params.append(like_contains(self.q.lower()))
        if self.bbox is not None:
            west, south, east, north = self.bbox
            lon = ("c.lon BETWEEN ? AND ?" if west <= east else "(c.lon >= ? OR c.lon <= ?)")
            where.append(f"c.lat BETWEEN ? AND ? AND {lon}")
            params += [south, north, west, east]
        return (f" WHERE {' AND '.join(where)}" if where else ""), params


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _day(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    for key in keys:
        if row.get(key) is not None:
            row[key] = str(row[key])
    return row


def events(store: Store, query: EventQuery, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of real-world events (clusters), newest first, and how many match."""
    where, params = query.where()
    cur = store.con.execute(f"SELECT {', '.join('c.' + c for c in SUMMARY.split(', '))}, "
                            f"count(*) OVER () AS total FROM clusters c{where} "
                            f"ORDER BY c.date DESC NULLS LAST, c.id LIMIT ? OFFSET ?",
                            [*params, limit, offset])
    items = [_day(r, "date") for r in _dicts(cur)]
    if items:
        total = int(items[0]["total"])
    else:  # past the last page: count apart
        row = store.con.execute(f"SELECT count(*) FROM clusters c{where}", params).fetchone()
        total = int(row[0]) if row else 0
    for item in items:
        del item["total"]
    return {"total": total, "offset": offset, "limit": limit, "items": items}


def markers(store: Store, query: EventQuery, *, zoom: float) -> dict[str, Any]:
    """The map's markers at `zoom` (1 shows the world): events within one grid cell of
    about 8/zoom degrees become one marker at their mean point, sized by their summed
    fatalities; a marker of one event carries its id, and `spot` says whether all its
    events are at one point (zooming in never splits those: list them instead)."""
    cell = 8.0 / max(1.0, zoom)
    where, params = query.where()
    located = "c.lat IS NOT NULL AND c.lon IS NOT NULL"
    where = f"{where} AND {located}" if where else f" WHERE {located}"
    cur = store.con.execute(
        "SELECT CASE WHEN count(*) = 1 THEN any_value(c.id) END AS id, avg(c.lat) AS lat, "
        "avg(c.lon) AS lon, count(*) AS n, sum(coalesce(c.fatalities, 0)) AS fatalities, "
        "mode(c.acled_event_type) AS type, any_value(c.location) AS location, "
        "any_value(c.date) AS date, count(*) OVER () AS cells, "
        "min(c.lat) = max(c.lat) AND min(c.lon) = max(c.lon) AS spot "
        f"FROM clusters c{where} GROUP BY floor(c.lat / ?), floor(c.lon / ?) "
        "ORDER BY n DESC, id LIMIT ?", [*params, cell, cell, MAX_MARKERS])
    rows = _dicts(cur)
    cells = int(rows[0]["cells"]) if rows else 0
    out = []
    for r in rows:
        n = int(r["n"])
        label = (f"{r['location'] or 'unknown place'}, {r['date'] or 'undated'}: "
                 f"{r['type'] or 'event'}" if n == 1 else f"{n} events" + (
                     f" at {r['location']}" if r["spot"] and r["location"] else ""))
        out.append({"id": r["id"], "lat": round(float(r["lat"]), 5),
                    "lon": round(float(r["lon"]), 5), "n": n,
                    "fatalities": int(r["fatalities"] or 0), "type": r["type"], "label": label,
                    "spot": bool(r["spot"])})
    return {"cell": cell, "truncated": cells > len(out), "markers": out}


def timeline(store: Store, query: EventQuery) -> dict[str, Any]:
    """Events per day and ACLED type (undated events are counted apart)."""
    where, params = query.where()
    cur = store.con.execute(
        f"SELECT c.date AS day, c.acled_event_type AS type, count(*) AS n FROM clusters c"
        f"{where} GROUP BY ALL ORDER BY day NULLS LAST, type NULLS LAST", params)
    rows = [_day(r, "day") for r in _dicts(cur)]
    return {"days": [r for r in rows if r["day"] is not None],
            "undated": sum(int(r["n"]) for r in rows if r["day"] is None)}


def facets(store: Store) -> dict[str, Any]:
    """What the filters can offer: types, the span of days, publishers, counts."""
    con = store.con
    types = con.execute("SELECT acled_event_type, count(*) FROM clusters WHERE acled_event_type "
                        "IS NOT NULL GROUP BY ALL ORDER BY 2 DESC, 1").fetchall()
    span = con.execute("SELECT min(date), max(date), count(*) FROM clusters").fetchone()
    sources = con.execute("SELECT source, count(*) FROM articles WHERE source IS NOT NULL "
                          "GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 50").fetchall()
    articles = con.execute("SELECT count(*) FROM articles").fetchone()
    return {"types": [{"type": t, "n": int(n)} for t, n in types],
            "since": str(span[0]) if span and span[0] else None,
            "until": str(span[1]) if span and span[1] else None,
            "events": int(span[2]) if span else 0,
            "articles": int(articles[0]) if articles else 0,
            "sources": [{"source": s, "n": int(n)} for s, n in sources]}


def event(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """One real-world event: its merged record, its reports (each article's own values
    and evidence), the statements about it and the claims ledger, with the words of
    each statement a side cites."""
    row = store.con.execute("SELECT record FROM clusters WHERE id = ?", [cluster_id]).fetchone()
    if row is None:
        return None
    record = json.loads(row[0])
    disputes = [json.loads(r[0]) for r in store.con.execute(
        "SELECT record FROM contradictions WHERE cluster_id = ? ORDER BY idx",
        [cluster_id]).fetchall()]
    keys = [str(k) for k in record.get("event_ids", [])]
    reports = []
    articles = store.get({k.rpartition(":")[0] for k in keys})
    statements: list[dict[str, Any]] = []
    for key in keys:
        article_id, _, event_id = key.rpartition(":")
        article = articles.get(article_id)
        found = next((e for e in article.events if e.id == event_id), None) if article else None
        if article is None or found is None:
            continue
        reports.append({"article": _article_head(article), "event": to_dict(found)})
        statements += [{**to_dict(s), "article_id": article.id} for s in article.statements
                       if event_id in s.event_ids]
    cited = [i for d in disputes for side in d["sides"] for i in side["statement_ids"]]
    return {"cluster": record, "contradictions": disputes, "reports": reports,
            "statements": statements, "cited": statement_texts(store, cited)}


def _article_head(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "published": a.published, "source": a.source,
            "url": a.url, "byline": a.byline}


def articles(store: Store, *, q: str | None, source: str | None, limit: int,
             offset: int) -> dict[str, Any]:
    """One page of stored articles, newest first."""
    where, params = [], []
    if q:
        where.append("(coalesce(title, '') ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params += [like_contains(q)] * 2
    if source:
        where.append("coalesce(source, url, '') ILIKE ? ESCAPE '\\'")
        params.append(like_contains(source))
    sql = f" WHERE {' AND '.join(where)}" if where else ""
    total = store.con.execute(f"SELECT count(*) FROM articles{sql}", params).fetchone()
    cur = store.con.execute(
        "SELECT id, published, title, source, url, n_words, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM statements s WHERE s.article_id = a.id) AS statements "
        f"FROM articles a{sql} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, limit, offset])
    return {"total": int(total[0]) if total else 0, "offset": offset, "limit": limit,
            "items": [_day(r, "published") for r in _dicts(cur)]}


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One stored article's whole record, and the cluster each of its events is in."""
    found = store.get([article_id]).get(article_id)
    if found is None:
        return None
    rows = store.con.execute("SELECT event_id, cluster_id FROM cluster_members WHERE "
                             "article_id = ?", [article_id]).fetchall()
    return {"article": to_dict(found), "clusters": {str(e): str(c) for e, c in rows}}


def statements(store: Store, *, speaker: str | None, stance: str | None, q: str | None,
               since: str | None, until: str | None, limit: int, offset: int) -> dict[str, Any]:
    """One page of statements (who said what), newest article first, in text order."""
    where, params = where_sql(Filters(since=since, until=until, type=stance, speaker=speaker),
                              date="a.published", place=("", "", ""), kinds=("s.stance",),
                              speaker="s.speaker")
    if q:
        where += (" AND " if where else " WHERE ") + "s.text ILIKE ? ESCAPE '\\'"
        params.append(like_contains(q))
    joined = f"FROM statements s JOIN articles a ON a.id = s.article_id{where}"
    total = store.con.execute(f"SELECT count(*) {joined}", params).fetchone()
    rows = store.con.execute(
        f"SELECT s.record, a.id, a.published, a.title {joined} ORDER BY a.published DESC "
        f"NULLS LAST, a.id, {natural('s.id')} LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    items = [{**json.loads(r[0]), "article": {"id": r[1], "published": str(r[2]) if r[2] else
                                               None, "title": r[3]}} for r in rows]
    return {"total": int(total[0]) if total else 0, "offset": offset, "limit": limit,
            "items": items}
