"""PolNeAR gold for `sitrep eval quotes`: the brat reader, quotation marks, trimming.

PolNeAR (Newell et al. 2018) annotates attributions in news in the brat
standoff format: a Source (who), a Cue ("said") and a Content (what), tied by
an event line. Its content spans keep the quotation marks and the
complementiser, which sitrep's statements do not; `trim` takes them off.
Spans are tuples of fragments, (start, end) pairs in text order (`Frag`).
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import InputError

log = logging.getLogger(__name__)

Frag = tuple[int, int]

QUOTE_MARKS = "\"'“”‘’«»„‹›"
TRAILING = ".,;:"
DIRECT_SHARE = 0.8
"""A gold content is direct when this share of its characters lies inside quotation marks."""
_T_LINE = re.compile(r"(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"(E\d+)\t(\S.*)")
_OTHER_LINE = re.compile(r"[ARMN#*]\d*\t")
CLOSER = {"“": "”", "«": "»", "‘": "’", '"': '"', "''": "''"}
_MARK = re.compile(r"''|[“”«»‘’\"]")
_THAT = re.compile(r"that\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One attribution: offsets into the text, fragments in text order."""

    id: str
    """The event id ("E3"); "E3/Content2" for an event's second content."""
    content: tuple[Frag, ...]
    cue: tuple[Frag, ...]
    source: tuple[Frag, ...] | None
    """None for PolNeAR's Attribution-no-source events."""
    direct: bool = False
    """The content lies inside quotation marks (see `is_direct`)."""


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    published: str | None = None
    publisher: str | None = None
    annotator: str = ""
    attributions: list[GoldAttribution] = field(default_factory=list)


# ---------------------------------------------------------------- readers

def read_polnear(folder: Path) -> list[GoldDoc]:
    """The documents of a PolNeAR split folder (holding text/ and attributions/).

    Where several annotators' files exist for a text (NAME_ANNOT.ann), only
    the first in sorted order is read; texts without one are left out.
    Published date and publisher come from metadata.tsv beside the folder or
    one level up. Discard and Discuss spans, notes and malformed lines are
    skipped, the latter with a logged warning; so are unreadable files.
    Example: `read_polnear(Path("../shared/data/quotes/polnear/dev"))`.
    """
    texts, anns = folder / "text", folder / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError("no text/ and attributions/ folders; give a PolNeAR split "
                         "folder such as polnear/dev", source=str(folder))
    meta = _metadata(folder)
    chosen: dict[str, Path] = {}
    for path in sorted(anns.glob("*.ann")):
        chosen.setdefault(path.stem.rpartition("_")[0] or path.stem, path)
    docs = []
    for name, path in chosen.items():
        try:
            text = _read(texts / f"{name}.txt")
            gold = read_ann(path, text)
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("%s: cannot read it or its text (%s); skipped", path, exc)
            continue
        row = meta.get(name, {})
        docs.append(GoldDoc(name, text, row.get("publication_date") or None,
                            row.get("publisher") or None, path.stem.rpartition("_")[2], gold))
    return docs


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:  # brat offsets count "\r" too
        return f.read()


def _metadata(folder: Path) -> dict[str, dict[str, str]]:
    """metadata.tsv rows by filename, from the folder or its parent."""
    for path in (folder / "metadata.tsv", folder.parent / "metadata.tsv"):
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as f:
                rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                return {r["filename"]: r for r in reversed(list(rows)) if r.get("filename")}
    return {}


def read_ann(path: Path, text: str) -> list[GoldAttribution]:
    """The attributions of one brat .ann file over `text`.

    An annotation's text may span lines; the lines it continues on are skipped.
    """
    spans: dict[str, tuple[Frag, ...]] = {}
    events: list[tuple[int, str, str]] = []
    lines = _read(path).splitlines()
    skip = 0
    for n, line in enumerate(lines, 1):
        if skip:  # continuation of the previous annotation's text
            skip -= 1
            continue
        if not line.strip() or _OTHER_LINE.match(line):
            continue
        if t := _T_LINE.match(line):
            frags = _frags(t.group(3), len(text))
            if frags is None:
                log.warning("%s:%d: offsets outside the text; skipped", path, n)
                continue
            spans[t.group(1)] = frags
            skip = sum(text[a:b].count("\n") for a, b in frags)
        elif e := _E_LINE.match(line):
            events.append((n, e.group(1), e.group(2)))
        else:
            log.warning("%s:%d: not a brat annotation line; skipped: %.60r", path, n, line)
    quoted, out = quoted_stretches(text), []
    for n, eid, args in events:
        out += _attributions(path, n, eid, args, spans, text, quoted)
    return out


def _frags(offsets: str, size: int) -> tuple[Frag, ...] | None:
    """"3 9;12 20" as ((3, 9), (12, 20)); None when one lies outside the text."""
    frags = []
    for part in offsets.split(";"):
        a, b = (int(x) for x in part.split())
        if not 0 <= a < b <= size:
            return None
        frags.append((a, b))
    return tuple(sorted(frags))


def _attributions(path: Path, n: int, eid: str, args: str,
                  spans: dict[str, tuple[Frag, ...]], text: str,
                  quoted: Sequence[Frag]) -> list[GoldAttribution]:
    """One event line as attributions: one per Content role (Content, Content2 ...)."""
    roles: dict[str, tuple[Frag, ...]] = {}
    for arg in args.split():
        role, _, tid = arg.partition(":")
        if tid not in spans:
            log.warning("%s:%d: %s refers to unknown %r; role skipped", path, n, eid, tid)
            continue
        roles[role] = spans[tid]
    contents = sorted(r for r in roles if r.startswith("Content"))
    if not contents and len(args.split()) > 1:  # a lone trigger is a brat leftover: no warning
        log.warning("%s:%d: %s has no content; skipped", path, n, eid)
    return [GoldAttribution(eid if role == "Content" else f"{eid}/{role}", roles[role],
                            roles.get("Cue", ()), roles.get("Source"),
                            is_direct(text, roles[role], quoted))
            for role in contents]


# ---------------------------------------------------------------- quotations

def quoted_stretches(text: str) -> list[Frag]:
    """The stretches of `text` inside quotation marks, marks excluded.

    Quotes open with “ « ‘ " or '' (two apostrophes, as in the New York
    Times texts) and close with the matching mark. Curly quotes nest (“a “b”
    c” is one stretch); marks of another kind inside a quote are ignored. A ‘
    after a letter, or a ’ before one, is an apostrophe (Russia’s, don’t).
    Straight single quotes are not read: they are too often apostrophes. A
    quote still open at a paragraph's end goes on when the next paragraph
    opens with a quotation mark (newspaper style), else ends there.

    >>> t = 'He said “it’s ‘fine’ now” and left.'
    >>> [t[a:b] for a, b in quoted_stretches(t)]
    ['it’s ‘fine’ now']
    """
    out: list[Frag] = []
    opener, depth, opened, last_end = "", 0, 0, 0
    for start, end in _paragraphs(text):
        marks = [(m.start(), m.group()) for m in _MARK.finditer(text, start, end)
                 if not _apostrophe(text, m.start(), m.group())]
        if depth and marks and marks[0][0] == start:
            marks = marks[1:]  # the mark that reopens the running quote
        elif depth:
            out.append((opened, last_end))
            depth = 0
        for i, mark in marks:
            if not depth and mark in CLOSER:
                opener, depth, opened = mark, 1, i + len(mark)
            elif depth and mark == CLOSER[opener]:
                depth -= 1
                if not depth:
                    out.append((opened, i))
            elif depth and mark == opener:
                depth += 1
        last_end = end
    if depth:
        out.append((opened, last_end))
    return out


def _apostrophe(text: str, i: int, mark: str) -> bool:
    return (mark == "‘" and _letter(text, i - 1)) or (mark == "’" and _letter(text, i + 1))


def _paragraphs(text: str) -> Iterable[Frag]:
    """(start, end) of each line with something on it, blanks trimmed."""
    for m in re.finditer(r"[^\n]+", text):
        body = m.group().strip()
        if body:
            start = m.start() + m.group().index(body)
            yield start, start + len(body)


def _letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def trim(text: str, start: int, end: int) -> Frag:
    """`start, end` without blanks, quotation marks, trailing .,;: or a leading "that ".

    >>> text = 'He said that “it was calm.”'
    >>> a, b = trim(text, 8, len(text)); text[a:b]
    'it was calm'
    """
    while True:
        before = start, end
        while start < end and (text[start].isspace() or text[start] in QUOTE_MARKS):
            start += 1
        while start < end and (text[end - 1].isspace() or text[end - 1] in QUOTE_MARKS
                               or text[end - 1] in TRAILING):
            end -= 1
        if end - start > 5 and _THAT.match(text, start):
            start += 5
        if (start, end) == before:
            return start, end


def clip(frags: Iterable[Frag], start: int, end: int) -> tuple[Frag, ...]:
    """The parts of the fragments inside `start, end`."""
    return tuple((max(a, start), min(b, end)) for a, b in frags if min(b, end) > max(a, start))


def is_direct(text: str, content: Sequence[Frag], quoted: Sequence[Frag] | None = None) -> bool:
    """At least `DIRECT_SHARE` of the trimmed content lies inside quotation marks."""
    if not content:
        return False
    quoted = quoted_stretches(text) if quoted is None else quoted
    frags = clip(content, *trim(text, content[0][0], content[-1][1]))
    size = length(frags)
    inside = sum(shared_chars(frags, quoted))
    return size > 0 and inside >= DIRECT_SHARE * size


def shared_chars(a: Iterable[Frag], b: Iterable[Frag]) -> Iterable[int]:
    """The characters each fragment of `a` shares with each of `b`; sum them."""
    bs = list(b)
    return (max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in bs)


def length(frags: Iterable[Frag]) -> int:
    """Characters in the fragments."""
    return sum(b - a for a, b in frags)
