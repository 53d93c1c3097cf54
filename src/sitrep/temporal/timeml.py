"""Read TimeML `.tml` files (the TempEval-3 format): text, creation time, gold TIMEX3."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from sitrep.errors import InputError

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> TimeMLDoc:
    """The `<TEXT>` body with its tags removed, the DCT day and the gold TIMEX3 in the body."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct_match = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', raw)
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body_match is None:
        raise InputError("no <TEXT> element: not a TimeML file", source=str(path))
    text, timexes = _strip(body_match.group(1))
    dct = dct_match.group(1)[:10] if dct_match else None
    return TimeMLDoc(path.stem, dct, text, timexes)


def _strip(body: str) -> tuple[str, list[GoldTimex]]:
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        piece = unescape(body[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(out)[start:length]
            timexes.append(GoldTimex(start, length, text, attrs.get("type", ""),
                                     attrs.get("value", "")))
            open_timex = None
    out.append(unescape(body[pos:]))
    return "".join(out), timexes


def read_folder(folder: Path) -> list[TimeMLDoc]:
    """Every `.tml` file under `folder`, sorted by name."""
    return [read_tml(p) for p in sorted(folder.rglob("*.tml"))]
