"""Which order a publisher writes all-numeric dates in (conventions.yaml)."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlparse

from sitrep.rules import WORDS, Required, load_rules

# conventions.yaml: per order, names (substrings of `source`) and host endings
CONVENTIONS = {order: Required({"sources": Required(WORDS), "domains": WORDS})
               for order in ("mdy", "dmy")}


@cache
def _table() -> dict[str, Any]:
    return load_rules(__package__ or "", "conventions.yaml", schema=CONVENTIONS)


def date_order(source: str | None, url: str | None) -> str | None:
    """"MDY", "DMY" or None (unknown) for a publisher.

    >>> date_order("bbc", None), date_order(None, "https://example.co.uk/a")
    ('DMY', 'DMY')
    >>> date_order("nyt", None), date_order("a blog", None)
    ('MDY', None)
    """
    table = _table()
    name = (source or "").lower()
    host = urlparse(url).hostname or "" if url else ""
    for order in ("mdy", "dmy"):
        entry = table[order]
        if name and any(s in name for s in entry["sources"]):
            return order.upper()
        if host and any(host.endswith(d) for d in entry.get("domains", [])):
            return order.upper()
    return None
