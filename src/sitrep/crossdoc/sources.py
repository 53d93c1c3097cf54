"""Independent sources: the same story published twice is one source.

A wire story re-published by another outlet (a new headline, a sentence cut, a
word changed), or the same text ingested under two names, shares most of its
word sequences with the first copy; a report written anew shares few. Articles
whose five-word sequences overlap by `SAME_STORY` or more (of the shorter one's)
are one source. A cluster then counts its independent sources, and for each field
of its merged record how many of them back it.

In a large cluster (more than `EXACT` articles) an article is compared only with the
earlier stories that MinHash locality-sensitive hashing puts in a bucket with it
(128 hash functions in 64 bands of 2): two texts whose sequences have a Jaccard
similarity of 0.3 (one is the other cut by a third and reworded a little) meet in a
bucket with probability 1 - (1 - 0.3**2)**64 = 0.998, and the cost grows with the
articles, not with their pairs (bench/near_duplicates.py).

>>> text = "Shelling killed three people at a market in Kherson on Monday, officials said."
>>> families({"a": text, "b": "Updated: " + text, "c": "Three died in Kherson."})
{'a': 'a', 'b': 'a', 'c': 'c'}
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import cache

import numpy as np

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
    return _families_hashed(texts) if len(texts) > EXACT else _families_exact(texts)


def _families_exact(texts: Mapping[str, str]) -> dict[str, str]:
    """`families` comparing each article with every earlier story."""
    seen: list[tuple[str, frozenset[int]]] = []
    family: dict[str, str] = {}
    for article_id, text in texts.items():
        mine = shingles(text)
        family[article_id] = next((first for first, theirs in seen if _same(mine, theirs)),
                                  article_id)
        if family[article_id] == article_id:
            seen.append((article_id, mine))
    return family


EXACT = 64  # articles up to which every pair is compared
PERMUTATIONS, ROWS = 128, 2


def _families_hashed(texts: Mapping[str, str]) -> dict[str, str]:
    """`families` with candidates from MinHash buckets instead of every earlier story."""
    heads: list[frozenset[int]] = []  # the stories seen, by the order they came in
    buckets: dict[bytes, list[int]] = defaultdict(list)
    family: dict[str, str] = {}
    names: list[str] = []
    for article_id, text in texts.items():
        mine = shingles(text)
        keys = _bands(mine) if mine else []
        candidates = sorted({i for key in keys for i in buckets.get(key, ())})
        found = next((i for i in candidates if _same(mine, heads[i])), None)
        if found is not None:
            family[article_id] = names[found]
            continue
        family[article_id] = article_id
        for key in keys:
            buckets[key].append(len(heads))
        heads.append(mine)
        names.append(article_id)
    return family


def signature(hashes: frozenset[int]) -> np.ndarray:
    """The MinHash signature of a set of 32-bit hashes: for each of PERMUTATIONS
    multiply-shift hash functions, the least value it gives a member."""
    a, b = _coefficients()
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the hash
        mixed = (values[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)
    least: np.ndarray = mixed.min(axis=0)
    return least


def _bands(hashes: frozenset[int]) -> list[bytes]:
    sig = signature(hashes)
    return [bytes([band]) + sig[band * ROWS:(band + 1) * ROWS].tobytes()
            for band in range(PERMUTATIONS // ROWS)]


@cache
def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20261206)  # fixed: the same buckets on every run
    high = np.iinfo(np.uint64).max
    a = rng.integers(1, high, PERMUTATIONS, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, high, PERMUTATIONS, dtype=np.uint64, endpoint=True)
    return a, b


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
