"""The Python API for notebooks and scripts."""

from __future__ import annotations

from functools import cache

from sitrep.errors import InputError
from sitrep.ingest.clean import clean
from sitrep.ingest.decode import repair
from sitrep.ingest.formats import valid_date
from sitrep.ingest.sources import text_id
from sitrep.pipeline import Pipeline
from sitrep.records import Article
from sitrep.settings import Settings


@cache
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def extract(text: str, *, published: str | None = None, title: str | None = None,
            id: str | None = None, settings: Settings | None = None) -> Article:
    """The records of one article, cleaned and run through every stage.

    >>> article = extract("By Jo Bloggs\\n\\nShelling hit Kharkiv.", published="2024-03-05")
    >>> article.byline, article.text
    ('Jo Bloggs', 'Shelling hit Kharkiv.')
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, not {type(text).__name__}", source="extract()")
    day = valid_date(published) if published is not None else None
    if published is not None and day is None:
        raise InputError(f"published {published!r} is not a YYYY-MM-DD day", source="extract()")
    text = repair(text)
    cleaned = clean(text, title=title)
    article = Article(id=id or text_id(text), text=cleaned.text, published=day, title=title,
                      byline=cleaned.byline, removed=cleaned.removed)
    done = _pipeline(settings or Settings()).process([article])
    if not done:
        raise InputError("the pipeline failed on this text (see the log)", source="extract()")
    return done[0]
