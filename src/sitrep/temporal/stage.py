"""The temporal stage: fills `times` from the parse and the publication day."""

from __future__ import annotations

import datetime as dt

from sitrep.stage import Work
from sitrep.temporal.conventions import date_order
from sitrep.temporal.tagger import tag


class TemporalStage:
    """Finds and normalises every temporal expression of an article.

    Without a publication day, relative expressions stay unresolved ("XXXX-XX-XX"),
    never resolved against today.
    """

    name = "temporal"
    requires: tuple[str, ...] = ("doc", "text", "published", "source", "url")
    assigns: tuple[str, ...] = ("times",)

    def __init__(self, *, date_order: str = "MDY") -> None:
        self.date_order = date_order

    def __call__(self, work: Work) -> None:
        published = work.article.published
        dct = dt.date.fromisoformat(published) if published else None
        known = date_order(work.article.source, work.article.url)
        times = tag(work.article.text, dct=dct, doc=work.doc, date_order=known or self.date_order)
        if known:  # the publisher's convention settles the order of 5/6/2023
            for time in times:
                time.ambiguous = False
        work.article.times = times
