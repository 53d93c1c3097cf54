"""Flatten an article's records into the store's table rows."""

from __future__ import annotations

import json
from typing import Any

from sitrep._version import __version__
from sitrep.records import Article, to_dict

Row = tuple[Any, ...]


def article_rows(article: Article) -> dict[str, list[Row]]:
    """Rows for every table, keyed by table name, in the tables' column order."""
    a = article
    record = json.dumps(to_dict(a), ensure_ascii=False)
    rows: dict[str, list[Row]] = {
        "articles": [(a.id, a.published, a.title, a.byline, a.source, a.url, a.text,
                      len(a.text.split()), __version__, record)],
        "times": [(a.id, i, t.start, t.end, t.text, t.type, t.value)
                  for i, t in enumerate(a.times)],
        "places": [(a.id, i, p.start, p.end, p.text, p.name, p.geonameid, p.lat, p.lon,
                    p.country, p.admin1, p.feature, p.metonymic, p.parent)
                   for i, p in enumerate(a.places)],
        "statements": [
            (a.id, s.id, s.start, s.end, s.text, s.direct, s.speaker.name, s.speaker.role,
             s.speaker.affiliation, s.speaker.kind, s.stance, s.target, s.channel,
             json.dumps(to_dict(s), ensure_ascii=False))
            for s in a.statements
        ],
        "events": [],
        "evidence": [],
    }
    for e in a.events:
        loc = e.location
        rows["events"].append((
            a.id, e.id, e.type,
            e.acled.event_type if e.acled else None, e.acled.sub_event_type if e.acled else None,
            e.plover.event_type if e.plover else None, e.plover.mode if e.plover else None,
            e.date, e.date_end, e.time,
            loc.name if loc else None, loc.country if loc else None, loc.admin1 if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
            e.fatalities.min if e.fatalities else None, e.fatalities.max if e.fatalities else None,
            e.injured.min if e.injured else None, e.injured.max if e.injured else None,
            e.confidence, json.dumps(to_dict(e), ensure_ascii=False),
        ))
        rows["evidence"].extend((a.id, e.id, i, s.start, s.end, s.text)
                                for i, s in enumerate(e.evidence))
    return rows


ARTICLE_COLUMNS = ("id, published, title, byline, source, url, text, n_words, "
                   "sitrep_version, record")
