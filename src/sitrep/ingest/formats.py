"""Readers for each input kind of CONTRACT.md: .txt, .json/.jsonl, .html.

Each reader turns decoded text into `Raw` items (or raises InputError for the
part it cannot read); cleaning and ids come later, in `sitrep.ingest.sources`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.decode import nul_warning, repair

_DATELINE = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*))?$")


@dataclass(frozen=True, slots=True)
class Notice:
    """A problem with one input, reported on one line; `skipped` if it was not read."""

    message: str
    skipped: bool = True

    @classmethod
    def of(cls, exc: InputError) -> Notice:
        return cls(str(exc), skipped=True)


@dataclass(slots=True)
class Raw:
    """One article as read, before cleaning."""

    text: str
    origin: str
    line: int | None = None
    id: str | None = None
    published: str | None = None
    title: str | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()


def valid_date(value: object) -> str | None:
    """An ISO day "YYYY-MM-DD" (a longer timestamp is cut to its day), or None.

    >>> valid_date("2023-05-31T08:00:00Z"), valid_date("2023-02-30"), valid_date(20230531)
    ('2023-05-31', None, None)
    """
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    day = value.strip()[:10]
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return None
    return day


def read_txt(text: str, *, origin: str, published: str | None) -> Raw:
    """Plain text, with an optional `date YYYY-MM-DD headline` first line."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        match = _DATELINE.match(lines[first])
        if match:
            day = valid_date(match.group(1))
            bad = f"dateline date {match.group(1)!r} is not a real day; ignored"
            warnings = () if day else (bad,)
            title = (match.group(2) or "").strip() or None
            body = "\n".join(lines[first + 1 :])
            return Raw(body, origin, published=day or published, title=title, warnings=warnings)
    return Raw(text, origin, published=published)


def read_jsonl(text: str | Iterable[str], *, origin: str,
               published: str | None) -> Iterator[Raw | Notice]:
    """One JSON article per line; a bad line is reported and skipped."""
    lines = text.split("\n") if isinstance(text, str) else text
    empty = True
    for number, line in enumerate(lines, start=1):
        if line.strip():
            empty = False
            yield _json_line(line, origin=origin, number=number, published=published)
    if empty:
        yield Notice.of(InputError("empty file: nothing to read", source=origin))


def _json_line(line: str, *, origin: str, number: int, published: str | None) -> Raw | Notice:
    # Raw NUL bytes are stray, as in a text file (JSON forbids them unescaped).
    nuls = line.count("\x00")
    line = line.replace("\x00", "") if nuls else line
    try:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg}): line skipped", source=origin,
                             line=number) from exc
        except RecursionError as exc:  # '[[[[...' a thousand deep
            raise InputError("JSON nested too deeply: line skipped", source=origin,
                             line=number) from exc
        except ValueError as exc:  # a number of over 4,300 digits
            raise InputError("JSON number too long: line skipped", source=origin,
                             line=number) from exc
        raw = _from_object(obj, origin=origin, line=number, published=published)
    except InputError as exc:
        return Notice.of(exc)
    if nuls:
        raw.warnings = (nul_warning(nuls), *raw.warnings)
    return raw


def read_json(text: str, *, origin: str, published: str | None) -> Iterator[Raw | Notice]:
    """A JSON list of articles, `{"articles": [...]}`, or one article object."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n{" in text:  # JSON Lines saved under .json
            yield from read_jsonl(text, origin=origin, published=published)
            return
        yield Notice.of(InputError(f"invalid JSON at line {exc.lineno} ({exc.msg}): skipped",
                                   source=origin))
        return
    except RecursionError:  # '[[[[...' a thousand deep
        yield Notice.of(InputError("JSON nested too deeply: skipped", source=origin))
        return
    except ValueError:  # a number of over 4,300 digits
        yield Notice.of(InputError("JSON number too long: skipped", source=origin))
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    items = obj if isinstance(obj, list) else [obj]
    for number, item in enumerate(items, start=1):
        try:
            yield _from_object(item, origin=origin, line=number if len(items) > 1 else None,
                               published=published)
        except InputError as exc:
            yield Notice.of(exc)


def _from_object(obj: Any, *, origin: str, line: int | None, published: str | None) -> Raw:
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}: skipped",
                         source=origin, line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        got = "no 'text'" if text is None else f"'text' is {type(text).__name__}, not a string"
        raise InputError(f"{got}: skipped", source=origin, line=line)
    warnings: list[str] = []
    day = published
    if obj.get("published") not in (None, ""):
        day = valid_date(obj["published"])
        if day is None:
            warnings.append(f"'published' {obj['published']!r} is not a YYYY-MM-DD day; ignored")
            day = published
    return Raw(
        repair(text),  # JSON escapes ("\u0000", "\r") get past the decoding's repair
        origin,
        line=line,
        id=_opt_str(obj.get("id")),
        published=day,
        title=_opt_str(obj.get("title")),
        source=_opt_str(obj.get("source")),
        url=_opt_str(obj.get("url")),
        warnings=tuple(warnings),
    )


def _opt_str(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def looks_like_html(text: str) -> bool:
    """True for markup rather than prose (several block tags near the start)."""
    head = text[:5000].lower()
    return head.lstrip().startswith(("<!doctype html", "<html")) or len(
        re.findall(r"<(?:p|div|br|span|a|li|td|script|style)\b", head)
    ) >= 5


def read_html(text: str, *, origin: str, published: str | None) -> Raw:
    """A saved web page: main text, title, author and date from the page."""
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        raise InputError("HTML page has no main text that could be extracted: skipped",
                         source=origin)
    day = valid_date(getattr(doc, "date", None)) or valid_date(
        find_date(text, extensive_search=False, outputformat="%Y-%m-%d")
    )
    return Raw(
        body,
        origin,
        published=day or published,
        title=_opt_str(getattr(doc, "title", None)),
        byline=_opt_str(getattr(doc, "author", None)),
        source=_opt_str(getattr(doc, "sitename", None)),
        url=_opt_str(getattr(doc, "url", None)),
    )
