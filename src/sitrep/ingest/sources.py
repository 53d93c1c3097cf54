"""From paths (files, folders, stdin) to clean `Article` records, one at a time.

Every problem becomes a one-line `Notice` naming the file (and line); the
stream goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.clean import clean
from sitrep.ingest.decode import decode_file_lines, decode_noting
from sitrep.ingest.formats import (
    Notice,
    Raw,
    looks_like_html,
    read_html,
    read_json,
    read_jsonl,
    read_txt,
)
from sitrep.ingest.language import refusal
from sitrep.records import Article
from sitrep.settings import Settings

KINDS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
         ".html": "html", ".htm": "html"}
# Never articles, and not worth a line each when a folder is read: the operating
# system's litter and sitrep's own store.
_PASSED_OVER = {"thumbs.db", "ehthumbs.db", "desktop.ini"}
_OWN_SUFFIXES = (".duckdb", ".duckdb.wal")


@dataclass(slots=True)
class Ingested:
    """A clean article and where it came from ("file" or "file:line")."""

    article: Article
    origin: str


def read_paths(paths: Iterable[str], *, published: str | None = None,
               settings: Settings | None = None) -> Iterator[Ingested | Notice]:
    """Every article under `paths` ("-" is standard input), in a stable order."""
    settings = settings or Settings()
    for path in paths:
        if path == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "<stdin>", None, published, settings)
            continue
        yield from _read_path(Path(path), published, settings)


def _read_path(path: Path, published: str | None,
               settings: Settings) -> Iterator[Ingested | Notice]:
    if path.is_dir():
        for child in folder_files(path):
            yield from _read_path(child, published, settings)
        return
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        yield Notice(f"{path}: unknown file type {path.suffix or '(none)'!r}; "
                     f"expected one of {', '.join(sorted(KINDS))}: skipped")
        return
    try:
        size = path.stat().st_size
        if kind in ("txt", "html", "json") and size > settings.max_file_bytes:
            raise InputError(f"file of {size:,} bytes is over the limit of "
                             f"{settings.max_file_bytes:,} for one document: skipped",
                             source=str(path))
        if kind == "jsonl":
            yield from _read_jsonl_file(path, published, settings)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Notice(f"{path}: cannot read ({exc.strerror or exc}): skipped")
        return
    except InputError as exc:
        yield Notice.of(exc)
        return
    yield from _read_bytes(data, str(path), kind, published, settings)


def folder_files(folder: Path) -> list[Path]:
    """The files a folder's reading names, sorted; each one is read or reported.

    Passed over in silence: hidden files and folders (names starting with "."),
    the `NAME_files` folder a browser saves beside `NAME.html`, Thumbs.db and
    desktop.ini, and sitrep's own store (`*.duckdb`, `*.duckdb.wal`). Every
    other file of an unknown type gets its one line, as when named directly.
    """
    found: list[Path] = []
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        pages = {Path(f).stem for f in files if Path(f).suffix.lower() in (".html", ".htm")}
        dirs[:] = [d for d in dirs if not d.startswith(".")
                   and not (d.endswith("_files") and d[: -len("_files")] in pages)]
        found.extend(here / f for f in files if not _passed_over(f) and (here / f).is_file())
    return sorted(found)


def _passed_over(name: str) -> bool:
    lower = name.lower()
    return name.startswith(".") or lower in _PASSED_OVER or lower.endswith(_OWN_SUFFIXES)


def _read_jsonl_file(path: Path, published: str | None,
                     settings: Settings) -> Iterator[Ingested | Notice]:
    # Streamed line by line: a JSON Lines file may be larger than memory.
    with open(path, "rb") as fh:
        try:
            for item in read_jsonl(decode_file_lines(fh, source=str(path)), origin=str(path),
                                   published=published):
                if isinstance(item, Notice):
                    yield item
                else:
                    yield from _to_articles(item, settings)
        except InputError as exc:
            yield Notice.of(exc)


def read_bytes(data: bytes, *, origin: str, kind: str | None = None,
               published: str | None = None,
               settings: Settings | None = None) -> Iterator[Ingested | Notice]:
    """Articles from raw bytes of `kind` ("txt", "jsonl", "json", "html"; None: sniff)."""
    return _read_bytes(data, origin, kind, published, settings or Settings())


def _read_bytes(data: bytes, origin: str, kind: str | None, published: str | None,
                settings: Settings) -> Iterator[Ingested | Notice]:
    try:
        decoded = decode_noting(data, source=origin)
    except InputError as exc:
        yield Notice.of(exc)
        return
    for warning in decoded.warnings:
        yield Notice(f"{origin}: {warning}", skipped=False)
    text = decoded.text
    kind = kind or _sniff(text)
    for item in _parse(text, origin, kind, published):
        if isinstance(item, Notice):
            yield item
        else:
            yield from _to_articles(item, settings)


def _sniff(text: str) -> str:
    head = text.lstrip()[:1]
    if head in "[{":
        return "json"
    return "html" if looks_like_html(text) else "txt"


def _parse(text: str, origin: str, kind: str, published: str | None) -> Iterator[Raw | Notice]:
    try:
        if kind == "jsonl":
            yield from read_jsonl(text, origin=origin, published=published)
        elif kind == "json":
            yield from read_json(text, origin=origin, published=published)
        elif kind == "html":
            yield read_html(text, origin=origin, published=published)
        else:
            yield read_txt(text, origin=origin, published=published)
    except InputError as exc:
        yield Notice.of(exc)


def _to_articles(raw: Raw, settings: Settings) -> Iterator[Ingested | Notice]:
    where = raw.origin if raw.line is None else f"{raw.origin}:{raw.line}"
    for warning in raw.warnings:
        yield Notice(f"{where}: {warning}", skipped=False)
    try:
        yield from _build(raw, where, settings)
    except InputError as exc:
        yield Notice.of(exc)


def _build(raw: Raw, where: str, settings: Settings) -> Iterator[Ingested | Notice]:
    text = raw.text  # decoded and repaired already (JSON texts in read_json/read_jsonl)
    if looks_like_html(text):
        text = read_html(text, origin=where, published=raw.published).text
    cleaned = clean(text, title=raw.title)
    if not cleaned.text.strip():
        raise InputError("no article text (empty after cleaning): skipped", source=where)
    reason = refusal(cleaned.text, min_english=settings.min_english)
    if reason is not None:
        raise InputError(f"{reason}: skipped", source=where)
    base_id = raw.id or text_id(text)
    parts = split_long(cleaned.text, settings.max_chars)
    if len(parts) > 1:
        if settings.oversize == "refuse":
            raise InputError(f"text of {len(cleaned.text):,} characters is over the limit of "
                             f"{settings.max_chars:,}: skipped", source=where)
        yield Notice(f"{where}: text of {len(cleaned.text):,} characters split into "
                     f"{len(parts)} articles", skipped=False)
    for i, part in enumerate(parts, start=1):
        article = Article(
            id=base_id if len(parts) == 1 else f"{base_id}~{i}",
            text=part,
            published=raw.published,
            title=raw.title,
            byline=raw.byline or cleaned.byline,
            source=raw.source,
            url=raw.url,
            removed=cleaned.removed if i == 1 else [],
        )
        yield Ingested(article, where)


def text_id(text: str) -> str:
    """A stable id from the text alone (whitespace-insensitive).

    >>> text_id("Shelling  hit\\nthe port.") == text_id("Shelling hit the port.")
    True
    """
    canonical = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


# Where a long text may be cut, best first: a paragraph break, a line break, a
# sentence end, any space.
_BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"),
           re.compile(r"[.!?][\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])"), re.compile(r"\s"))


def split_long(text: str, limit: int) -> list[str]:
    """Split into pieces <= limit, each cut at the best break in its second half (a
    paragraph, else a line, a sentence end, a space; a text with none is cut at the
    limit).

    >>> split_long("One. Two three. Four five six.", 20)
    ['One. Two three.', 'Four five six.']
    """
    parts: list[str] = []
    while len(text) > limit:
        cut = _cut(text, limit)
        parts.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        parts.append(text)
    return [p for p in parts if p]


def _cut(text: str, limit: int) -> int:
    half = limit // 2
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, half, limit + 1):  # noqa: B007 - the last one
            pass
        if last is not None and last.end() > half:
            return min(last.end(), limit)
    return limit


def count_articles(paths: Iterable[str]) -> int | None:
    """A quick estimate of how many articles `paths` hold (for progress/ETA)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        files = [p] if p.is_file() else folder_files(p)
        for f in files:
            kind = KINDS.get(f.suffix.lower())
            if kind == "jsonl":
                with open(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif kind is not None:
                total += 1
    return total


__all__ = ["Ingested", "Notice", "count_articles", "folder_files", "read_bytes", "read_paths",
           "split_long", "text_id"]
