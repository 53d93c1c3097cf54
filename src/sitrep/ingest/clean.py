"""Keep the story, drop what is not: captions, bylines, embeds, page furniture.

Cleaning works on whole lines, so every kept line is the input verbatim and
the cleaned text is what all later offsets index into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitrep.errors import ConfigError
from sitrep.records import Removed
from sitrep.rules import OneOf, Required, at
from sitrep.rules import load_rules as read_rules

CLEAN_RULES = {"rules": [{  # clean_rules.yaml
    "kind": Required(str), "pattern": Required(str), "max_chars": int, "first": int,
    "flags": OneOf("i")}]}


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    max_chars: int
    first: int | None


@dataclass(slots=True)
class Cleaned:
    text: str
    byline: str | None
    removed: list[Removed]


@cache
def load_rules() -> tuple[Rule, ...]:
    """Read `clean_rules.yaml`, checked against CLEAN_RULES (once per process)."""
    raw = read_rules(__package__ or "", "clean_rules.yaml", schema=CLEAN_RULES)
    rules = []
    for i, item in enumerate(raw.get("rules", [])):
        try:
            flags = re.IGNORECASE if "i" in item.get("flags", "") else 0
            rules.append(
                Rule(
                    kind=str(item["kind"]),
                    pattern=re.compile(item["pattern"], flags),
                    max_chars=int(item.get("max_chars", 500)),
                    first=item.get("first"),
                )
            )
        except re.error as exc:
            raise ConfigError(f"{at(item, 'pattern', default='clean_rules.yaml')}: rule {i}: "
                              f"{exc}; fix the rule") from exc
    return tuple(rules)


def clean(body: str, *, title: str | None = None) -> Cleaned:
    """Drop non-story lines and the repeated headline; take the byline.

    >>> c = clean("By Jo Bloggs\\n\\nShells hit the port. Picture: Getty\\n\\nShells hit the port.")
    >>> c.text, c.byline
    ('Shells hit the port.', 'Jo Bloggs')
    """
    kept: list[str] = []
    removed: list[Removed] = []
    byline: str | None = None
    seen = 0
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        seen += 1
        kind = _kind(stripped, seen, title)
        if kind is None:
            kept.append(line.rstrip())
            continue
        removed.append(Removed(kind=kind, text=stripped))
        if kind == "byline" and byline is None:
            byline = _byline_name(stripped)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    if not text and removed and removed[0].kind == "headline":
        # A headline-only item: the headline is all the story there is.
        text = removed.pop(0).text
    return Cleaned(text=text, byline=byline, removed=removed)


def _kind(line: str, position: int, title: str | None) -> str | None:
    if position <= 2 and title and _same_headline(line, title):
        return "headline"
    for rule in load_rules():
        if len(line) > rule.max_chars or (rule.first is not None and position > rule.first):
            continue
        if rule.pattern.search(line):
            return rule.kind
    return None


def _same_headline(line: str, title: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return norm(line) == norm(title)


def _byline_name(line: str) -> str:
    name = re.sub(r"^By\s+", "", line)
    return name.split(",")[0].strip()
