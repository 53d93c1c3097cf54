"""Independent sources: the same story published twice is one source.

A wire story re-published by another outlet (a new headline, a sentence cut, a
word changed), or the same text ingested under two names, shares most of its
word sequences with the first copy; a report written anew shares few. Articles
whose five-word sequences overlap by `SAME_STORY` or more (of the shorter one's)
are one source. A cluster then counts its independent sources, and for each field
of its merged record how many of them back it.

>>> text = "Shelling killed three people at a market in Kherson on Monday, officials said."
>>> families({"a": text, "b": "Updated: " + text, "c": "Three died in Kherson."})
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping, Sequence

from sitrep.crossdoc.merge import Report
from sitrep.records import Event, Range, Support

SAME_STORY = 0.6
SIZE = 5  # words in a sequence


def shingles(text: str) -> frozenset[int]:
    """The hashes of a text's five-word sequences (lower case, words only)."""
    words = re.findall(r"\w+", text.lower())
    spans = [words[i:i + SIZE] for i in range(max(1, len(words) - SIZE + 1))] if words else []
    return frozenset(zlib.crc32(" ".join(span).encode("utf-8")) for span in spans)


def families(texts: Mapping[str, str]) -> dict[str, str]:
    """Each article's source family: the first article (in the order given) whose text
    it repeats, else itself."""
    seen: list[tuple[str, frozenset[int]]] = []
    family: dict[str, str] = {}
    for article_id, text in texts.items():
        mine = shingles(text)
        family[article_id] = next((first for first, theirs in seen if _same(mine, theirs)),
                                  article_id)
        if family[article_id] == article_id:
            seen.append((article_id, mine))
    return family


def _same(a: frozenset[int], b: frozenset[int]) -> bool:
    small = min(len(a), len(b))
    return bool(small) and len(a & b) / small >= SAME_STORY


def support(merged: Event, reports: Sequence[Report], family: Mapping[str, str]
            ) -> list[Support]:
    """For each field of the merged record that has a value, the independent sources
    whose report gives that value (type, date, place, killed, injured, doer)."""
    checks: dict[str, Callable[[Event], bool]] = {
        "type": lambda e: e.type == merged.type,
        "date": lambda e: merged.date is not None and e.date == merged.date,
        "location": lambda e: merged.location is not None and e.location is not None
        and e.location.name == merged.location.name,
        "fatalities": lambda e: _same_figure(e.fatalities, merged.fatalities),
        "injured": lambda e: _same_figure(e.injured, merged.injured),
        "perpetrator": lambda e: bool(_doers(merged)) and bool(_doers(e) & _doers(merged)),
    }
    out = []
    for name, agrees in checks.items():
        backing = {family.get(r.article_id, r.article_id) for r in reports if agrees(r.event)}
        if backing:
            out.append(Support(name, len(backing)))
    return out


def _same_figure(a: Range | None, b: Range | None) -> bool:
    return a is not None and b is not None and (a.min, a.max) == (b.min, b.max)


def _doers(event: Event) -> set[str]:
    return {a.name for a in event.actors if a.role == "perpetrator"}
