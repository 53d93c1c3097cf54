"""Load the temporal lexicon and rules (YAML) and compile the rules' patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import ConfigError

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    type: str
    value: str
    regex: re.Pattern[str]
    priority: int
    # the same rule for text already in lower case, matched case-sensitively (twice as
    # fast); None when the pattern has capitals of its own ("T" in an ISO time)
    folded: re.Pattern[str] | None = None


def _load(name: str) -> Any:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text())


@cache
def lexicon() -> dict[str, Any]:
    """The lexicon, with plural unit names folded in."""
    lex: dict[str, Any] = _load("lexicon.yaml")
    for key in ("months", "weekdays", "numbers", "ordinals", "units", "seasons", "day_parts",
                "references", "holidays", "plurals"):
        if not isinstance(lex.get(key), dict):
            raise ConfigError(f"temporal lexicon.yaml: '{key}' must be a mapping")
    return lex


def _alternation(words: list[str], *, abbreviations: frozenset[str] = frozenset()) -> str:
    """A regex alternation, longest first; an abbreviation ("jan") also matches "jan."."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(w.rstrip(".")).replace(r"\ ", r"\s+").replace("'", "['’]")
        parts.append(escaped + (r"\." if w.endswith(".") else r"\.?" if w in abbreviations
                                else ""))
    return "|".join(parts)


def _abbreviations(table: dict[str, int]) -> frozenset[str]:
    """Keys with a longer key of the same value: "sept" (for "september"), not "may"."""
    return frozenset(k for k, v in table.items()
                     if any(len(other) > len(k) and table[other] == v for other in table))


@cache
def placeholders() -> dict[str, str]:
    lex = lexicon()
    numbers = _alternation([str(k) for k in lex["numbers"]])
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    teens = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
             "nineteen")
    num = (rf"\d+(?:\.\d+)?|(?:{tens})[- ](?:{ones})|{numbers}|"
           + _alternation(lex["vague_numbers"]))
    units = list(lex["units"]) + list(lex["plurals"])
    return {
        "MONTH": "(?P<month>" + _alternation(
            list(lex["months"]), abbreviations=_abbreviations(lex["months"])) + ")",
        "WEEKDAY": f"(?P<weekday>{_alternation(list(lex['weekdays']))})",
        "DAY": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)",
        "YEAR": r"(?P<year>(?:1[6-9]|20)\d\d)",
        # A year in words: "nineteen ninety-six", "two thousand and one".
        "SYEAR": (rf"(?P<syear>(?:nineteen|twenty)[- ](?:{teens}|{tens})(?:[- ](?:{ones}))?"
                  rf"|two thousand(?:(?: and)? (?:{teens}|{ones}))?)"),
        "NUM": f"(?P<num>{num})",
        "UNIT": f"(?P<unit>{_alternation(units)})",
        "SEASON": f"(?P<season>{_alternation(list(lex['seasons']))})",
        "PART": f"(?P<part>{_alternation(list(lex['day_parts']))})",
        "ORD": (f"(?P<ord>{_alternation([str(k) for k in lex['ordinals']])}"
                r"|[1-9]\d?(?:st|nd|rd|th))"),
        "REF": f"(?P<ref>{_alternation(list(lex['references']))})",
        "HOLIDAY": f"(?P<holiday>{_alternation(list(lex['holidays']))})",
        "MOVABLE": f"(?P<movable>{_alternation(list(lex['movable_holidays']))})",
        "ZONE": _alternation(lex["zones"]),
        "REL": "(?P<rel>last|next|this|coming|past|previous|following|same|that)",
        "MOD": ("(?P<mod>early|earlier|late|later|mid|the end of|the beginning of|"
                "the start of|the middle of|the first half of|the second half of|the turn of)"),
        "CLOCK": (r"(?P<hour>[0-2]?\d)(?:(?P<sep>[:.])(?P<minute>[0-5]\d))?\s?"
                  r"(?P<ampm>[ap]\.m\.|[ap]m\b|[ap]\.m\b|o'clock|h\b|hrs\b)?"),
    }


@cache
def rules() -> tuple[Rule, ...]:
    """The compiled rules, validated: a broken rule stops start-up with its name."""
    slots = placeholders()
    out = []
    for i, raw in enumerate(_load("rules.yaml")["rules"]):
        name = raw.get("name", f"#{i}")
        try:
            pattern = re.sub(r"\{([A-Z]+)\}", lambda m: slots[m.group(1)], raw["pattern"])
            # Word boundaries on both sides; a hyphen may not continue the word.
            bounded = rf"(?<![\w'’-])(?:{pattern})(?![\w-])"
            regex = re.compile(bounded, re.IGNORECASE)
            bare = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)|\\[A-Za-z]", "", bounded)
            folded = None if re.search("[A-Z]", bare) else re.compile(bounded)
        except (KeyError, re.error) as exc:
            raise ConfigError(f"temporal rules.yaml rule {name!r}: {exc}") from exc
        if raw.get("type") not in TYPES:
            raise ConfigError(f"temporal rules.yaml rule {name!r}: type must be one of {TYPES}")
        out.append(Rule(name, raw["type"], raw["value"], regex, i, folded))
    return tuple(out)
