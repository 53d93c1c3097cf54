"""Records built by hand for the export tests: each field set to what a test needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sitrep.records import AcledCode, Article, Event, Location, Range, Span

SHELLING = AcledCode("Explosions/Remote violence", "Shelling/artillery/missile attack")


def _event(sentence: str = "Artillery shells hit a market in Izium on Monday.",
           **fields: Any) -> Event:
    values: dict[str, Any] = {
        "id": "e1", "type": "shelling", "acled": SHELLING, "date": "2024-03-11",
        "location": Location("Izium", lat=49.2128, lon=37.2566, country="UKR",
                             admin1="Kharkiv", feature="city", precision=1),
        "fatalities": Range(2, 2), "injured": Range(5, 5),
        "evidence": [Span(0, len(sentence), sentence)], "confidence": 0.8}
    return Event(**(values | fields))


def _article(article_id: str = "a1", events: list[Event] | None = None,
             **fields: Any) -> Article:
    found = events if events is not None else [_event()]
    text = " ".join(s.text for e in found for s in e.evidence)
    return Article(id=article_id, published="2024-03-12", title="Market shelled", text=text,
                   events=found, **fields)


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """An event of shelling in Izium, Ukraine; keyword arguments replace its fields."""
    return _event


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """An article with the given events (else one shelling); keywords set its fields."""
    return _article
