"""Records to and from plain JSON-ready dicts, and to pandas DataFrames."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas as pd

    from sitrep.records.schema import Article

T = TypeVar("T")


def to_dict(record: Any) -> dict[str, Any]:
    """A record as the contract's JSON object (nested records become dicts)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        out[f.name] = _plain(getattr(record, f.name))
    return out


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build record `cls` from its JSON object; unknown keys are ignored.

    >>> from sitrep.records.schema import Span
    >>> from_dict(Span, {"start": 0, "end": 4, "text": "Kyiv", "extra": 1})
    Span(start=0, end=4, text='Kyiv')
    """
    hints = _hints(typing.cast(Any, cls))
    kwargs = {name: _build(hints[name], data[name]) for name in hints if name in data}
    return cls(**kwargs)


@cache
def _hints(cls: Any) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def _build(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is list:
        (inner,) = typing.get_args(hint)
        return [_build(inner, v) for v in value]
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if dataclasses.is_dataclass(arg):
                return _build(arg, value)
        return value
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value


def to_dataframes(articles: Iterable[Article]) -> dict[str, pd.DataFrame]:
    """One DataFrame per record kind, each row keyed by `article_id`.

    >>> frames = to_dataframes([])
    >>> sorted(frames)
    ['articles', 'events', 'places', 'statements', 'times']
    """
    import pandas as pd

    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [], "times": [], "places": [], "statements": [], "events": []
    }
    for article in articles:
        flat = to_dict(article)
        for kind in ("times", "places", "statements", "events"):
            rows[kind].extend({"article_id": article.id, **item} for item in flat.pop(kind))
        rows["articles"].append(flat)
    return {kind: pd.DataFrame(items) for kind, items in rows.items()}
