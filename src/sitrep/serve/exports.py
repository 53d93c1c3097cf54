"""Exports of the page's current selection: one record per real-world event.

Each event is its cluster's merged record; ACLED's `source` column lists every
publisher that reported it, and the JSONL and GeoJSON exports carry the cluster's
sources, reports and contradictions too. Rows are streamed a chunk at a time,
so an export of 100k events holds one chunk in memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from sitrep.export.geojson import features
from sitrep.export.writers import AcledCsvWriter
from sitrep.records import Article, Cluster, from_dict
from sitrep.serve.query import EventQuery
from sitrep.store import Store

CHUNK = 1000
KINDS = {"csv": "text/csv", "geojson": "application/geo+json", "jsonl": "application/x-ndjson"}


def _records(store: Store, query: EventQuery) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """(cluster record, its publishers) for each selected event, newest first."""
    where, params = query.where()
    cur = store.con.execute(
        "SELECT c.record, (SELECT list(DISTINCT coalesce(a.source, a.url, a.id) ORDER BY "
        "coalesce(a.source, a.url, a.id)) FROM cluster_members m JOIN articles a ON "
        "a.id = m.article_id WHERE m.cluster_id = c.id) AS publishers "
        f"FROM clusters c{where} ORDER BY c.date DESC NULLS LAST, c.id", params)
    while rows := cur.fetchmany(CHUNK):
        for record, publishers in rows:
            yield json.loads(record), [str(p) for p in publishers or []]


def _as_article(record: dict[str, Any], publishers: list[str]) -> Article:
    """The cluster as an article holding its merged event, so the per-article exporters
    write it: its id is the cluster's, its source every publisher."""
    cluster = from_dict(Cluster, record)
    merged = cluster.merged
    return Article(id=cluster.id, text="", source="; ".join(publishers) or None,
                   published=merged.date if merged else None,
                   events=[merged] if merged else [])


def export(store: Store, query: EventQuery, fmt: str) -> Iterator[str]:
    """The selection in `fmt` (a key of KINDS), as chunks of text."""
    if fmt == "jsonl":
        for record, publishers in _records(store, query):
            yield json.dumps({**record, "publisher_names": publishers}, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = AcledCsvWriter(buffer)
        for n, (record, publishers) in enumerate(_records(store, query), start=1):
            writer.write(_as_article(record, publishers))
            if n % CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
    elif fmt == "geojson":
        yield '{"type": "FeatureCollection", "features": ['
        sep = "\n"
        for record, publishers in _records(store, query):
            for feature in features(_as_article(record, publishers)):
                props = feature["properties"]
                feature["id"] = props["id"] = record["id"]
                del props["article_id"], props["event_id"]  # the cluster's, not a report's
                props.update(event_ids=record.get("event_ids", []), sources=record.get("sources"),
                             reports=record.get("reports"), publishers=publishers)
                yield sep + json.dumps(feature, ensure_ascii=False)
                sep = ",\n"
        yield "\n]}\n"
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(KINDS)}")
