"""Load the temporal lexicon and rules (YAML) and compile the rules' patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep.errors import ConfigError
from sitrep.rules import WORDS, Check, Either, MapOf, OneOf, Required, at, load_rules

TYPES = ("DATE", "TIME", "DURATION", "SET")


def _month_day(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", value):
        return None
    return f"{value!r} is not a date MM-DD"


def _nth_weekday(value: object) -> str | None:
    if (isinstance(value, list) and len(value) == 3
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        return None
    return f"{value!r} is not [month, ISO weekday, n]"


LEXICON = {  # lexicon.yaml
    **{key: Required(MapOf(int)) for key in ("months", "weekdays", "numbers", "ordinals")},
    **{key: Required(WORDS) for key in ("ambiguous_months", "vague_numbers", "zones")},
    "units": Required(MapOf({"code": Required(str), "time": bool, "times": int})),
    "plurals": Required(MapOf(str)),
    **{key: Required(MapOf(str)) for key in ("seasons", "day_parts")},  # TIMEX3 codes
    "references": Required(MapOf(OneOf("PRESENT_REF", "PAST_REF", "FUTURE_REF"))),
    "holidays": Required(MapOf(Check(_month_day, "a date MM-DD"))),
    "movable_holidays": Required(MapOf(Either(
        OneOf("easter", "good friday"), Check(_nth_weekday, "[month, ISO weekday, n]")))),
}
RULES = {"rules": Required([{  # rules.yaml
    "name": str, "pattern": Required(str), "type": Required(OneOf(*TYPES)),
    "value": Required(str)}])}


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


@cache
def lexicon() -> dict[str, Any]:
    """The lexicon (lexicon.yaml), checked against LEXICON."""
    return load_rules(__package__ or "", "lexicon.yaml", schema=LEXICON)


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
    for i, raw in enumerate(load_rules(__package__ or "", "rules.yaml", schema=RULES)["rules"]):
        name = raw.get("name", f"#{i}")
        try:
            pattern = re.sub(r"\{([A-Z]+)\}", lambda m: slots[m.group(1)], raw["pattern"])
            # Word boundaries on both sides; a hyphen may not continue the word.
            bounded = rf"(?<![\w'’-])(?:{pattern})(?![\w-])"
            regex = re.compile(bounded, re.IGNORECASE)
            bare = re.sub(r"\(\?P<\w+>|\(\?P=\w+\)|\\[A-Za-z]", "", bounded)
            folded = None if re.search("[A-Z]", bare) else re.compile(bounded)
        except (KeyError, re.error) as exc:
            raise ConfigError(f"{at(raw, 'pattern', default='temporal rules.yaml')}: rule "
                              f"{name!r}: {exc}") from exc
        out.append(Rule(name, raw["type"], raw["value"], regex, i, folded))
    return tuple(out)
