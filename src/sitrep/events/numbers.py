"""How many: quantities in news text, read into a value and the bounds its words imply.

>>> read_number("at least 70")
Quantity(value=70, min=70, max=None, approximate=False)
>>> read_number("dozens")
Quantity(value=None, min=24, max=None, approximate=True)
>>> read_number("2023") is None
True

`value` is the figure the text states (None for vague words and ranges); `min` and
`max` are the bounds the words imply. Vague words get these floors (and ceilings):
a couple 2-3, a few 2-5, a handful 2-5, several 3+, many/numerous/multiple 2+,
dozens 24+, scores 40+, tens 20+, hundreds 200+, thousands 2,000+, millions
2,000,000+; "tens of thousands" multiplies (20,000+), "several hundred" is 300+.
Modifiers: at least N (min N), more than / over N (min N+1), up to / as many as N
(max N), fewer than / under N (max N-1), around / about / some / roughly N
(approximate), nearly / almost N (approximate, max N); "between A and B", "A-B",
"A to B", "A or B" are ranges.

Years, dates, times of day, ages, money, percentages, ordinals, phone numbers and
model numbers ("Shahed-136", "F-16") are not quantities. The words are in numbers.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from sitrep.nlp.syntax import doc_text
from sitrep.rules import WORDS, MapOf, Maybe, OneOf, Required, load_rules

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Span

HOW = OneOf("min", "above", "max", "below", "approx", "nearly")
_CONTEXT = ("currency_signs", "currency_codes", "currencies", "weights_or_currencies",
            "age_before", "age_units", "age_after", "labels", "percent", "times", "whole_times",
            "months", "one_after", "one_before", "ordinal_suffixes")
NUMBERS = {  # numbers.yaml
    "units": Required(WORDS), "tens": Required(WORDS), "scales": Required(MapOf(int)),
    "plurals": Required(MapOf(int)), "few": Required(MapOf([Maybe(int)])),
    "many": Required(WORDS), "before": Required(MapOf(HOW)), "after": Required(MapOf(HOW)),
    "not_counts": Required({key: Required(WORDS) for key in _CONTEXT}),
}


@cache
def number_words() -> dict[str, Any]:
    """numbers.yaml, validated."""
    return load_rules(__package__ or "", "numbers.yaml", schema=NUMBERS)


_RULES = number_words()
UNITS = {str(w): i for i, w in enumerate(_RULES["units"])}
TENS = {str(w): 10 * (i + 2) for i, w in enumerate(_RULES["tens"])}
SCALES = {str(w): int(n) for w, n in _RULES["scales"].items()}
# A plural scale word means at least two of its unit: "dozens" 24+, "scores" 40+.
PLURALS = {str(w): int(n) for w, n in _RULES["plurals"].items()}
# A small vague amount: (floor, ceiling); a scale word after it multiplies both.
FEW = {str(w): (int(low), high) for w, (low, high) in _RULES["few"].items()}
MANY = frozenset(str(w) for w in _RULES["many"])
# Modifier before the figure -> how it bounds it.
BEFORE = {str(w): str(how) for w, how in _RULES["before"].items()}
AFTER = {str(w): str(how) for w, how in _RULES["after"].items()}
_NOT = {key: [str(w) for w in words] for key, words in _RULES["not_counts"].items()}


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int | None
    min: int | None
    max: int | None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A quantity in a parsed text: `start`/`end` are character offsets in the Doc."""

    start: int
    end: int
    text: str
    quantity: Quantity


def _alt(words: Iterable[str]) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_UNIT, _TEN, _SCALE = _alt(UNITS), _alt(TENS), _alt(SCALES)
# Repeats are bounded (the longest figures in words run to some fifteen words): an
# unbounded one backtracks over a long chain ("one-one-one-...") in quadratic time.
_WORD = (rf"(?:a\s+(?:{_SCALE})|(?:{_UNIT}|{_TEN}))\b"
         rf"(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand))\s+and\s+)(?:{_UNIT}|{_TEN}|{_SCALE})\b)"
         rf"{{0,20}}")
_DIGIT = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+(?:{_SCALE})\b){{0,4}}"
_VAGUE = (rf"half\s+a\s+dozen|(?:{_alt(FEW)})(?:\s+(?:{_SCALE}))?|{_alt(MANY)}"
          rf"|(?:{_alt(PLURALS)})(?:\s+of\s+(?:{_alt(PLURALS)})){{0,4}}")
_CORE = rf"(?:{_VAGUE}|{_DIGIT}|{_WORD})"
_RANGE = (rf"(?:between\s+{_CORE}\s+and\s+{_CORE}"
          rf"|{_CORE}(?:\s*(?:-|–|—|\bto\b|\bor\b)\s*{_CORE})?)")
_BEFORE = rf"(?:{_alt(BEFORE)})"
# "or more", "plus" after a space; "-odd", "+" written against the figure
_AFTER = (rf"(?:\s+(?:{_alt(w for w in AFTER if w[0] not in '-+')})"
          rf"|{_alt(w for w in AFTER if w[0] in '-+')})")
QUANTITY = re.compile(
    rf"(?<![\w$€£¥#/:.,-])(?:{_BEFORE}\s+)?{_RANGE}{_AFTER}?(?![\w%]|[.,:/-]?\d|-[a-z])",
    re.IGNORECASE)
_STRIP_BEFORE = re.compile(rf"^({_BEFORE})\s+", re.IGNORECASE)
_STRIP_AFTER = re.compile(rf"{_AFTER}$", re.IGNORECASE)
_FULL_CORE = re.compile(_CORE, re.IGNORECASE)
_SPLIT = re.compile(rf"^between\s+({_CORE})\s+and\s+({_CORE})$"
                    rf"|^({_CORE})\s*(?:-|–|—|to|or)\s*({_CORE})$", re.IGNORECASE)


def _word_number(text: str) -> int | None:
    """'one hundred and twenty-five' -> 125; None when the words do not make a number."""
    total = current = 0
    last = ""
    for word in re.split(r"[\s-]+", text):
        small = UNITS.get(word, TENS.get(word))
        if word in ("a", "and"):
            current, last = (1, "a") if word == "a" else (current, last)
        elif small is not None:
            if last == "unit" or (last == "ten" and (word in TENS or small >= 10)):
                return None  # "two three", "twenty thirty": not one number
            current, last = current + small, "ten" if word in TENS else "unit"
        elif word in ("hundred", "dozen"):
            current, last = max(current, 1) * SCALES[word], "scale"
        else:
            total, current, last = total + max(current, 1) * SCALES[word], 0, "scale"
    return total + current


def _digits(text: str) -> int | None:
    parts = text.split()
    figure = float(parts[0].replace(",", ""))
    for scale in parts[1:]:
        figure *= SCALES[scale]
    if figure != int(figure):
        return None  # "3.5" alone is a measure, not a count of things
    return int(figure)


def _vague(text: str) -> Quantity | None:
    if text == "half a dozen":
        return Quantity(6, 6, 6, True)
    if text in MANY:
        return Quantity(None, 2, None, True)
    words = text.split()
    if words[0] in PLURALS:
        floor = 2 * PLURALS[words[0]]
        for word in words[2::2]:
            floor *= PLURALS[word]
        return Quantity(None, floor, None, True)
    scale = SCALES.get(words[-1], 1)
    low, high = FEW.get(" ".join(words[:-1]) if scale > 1 else text, (0, None))
    if low == 0:
        return None
    return Quantity(None, low * scale, high * scale if high else None, True)


def _core(text: str, *, year_ok: bool) -> Quantity | None:
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text[0].isdigit():
        if not year_ok and re.fullmatch(r"(1[89]|20)\d\d|2100", text):
            return None
        value = _digits(text)
    elif text.split()[0] in PLURALS or text in MANY or text.startswith((*FEW, "half a")):
        return _vague(text)
    else:
        value = _word_number(text)
    if value is None:
        return None
    return Quantity(value, value, value, "dozen" in text)


def _bounded(core: Quantity, how: str | None) -> Quantity:
    """Apply a modifier ("at least", "nearly"...) to a figure read without it."""
    if how is None:
        return core
    value = core.value
    if value is None:  # "at least dozens": the vague floor already says it
        return Quantity(None, core.min, core.max, True)
    table = {
        "min": Quantity(value, value, None), "above": Quantity(None, value + 1, None),
        "max": Quantity(value, None, value), "below": Quantity(None, None, value - 1),
        "approx": Quantity(value, None, None, True), "nearly": Quantity(value, None, value, True),
    }
    return table[how]


def _modifiers(text: str) -> tuple[str, str | None]:
    """The figure without its modifiers, and how they bound it."""
    how = None
    before = _STRIP_BEFORE.match(text)
    if before:
        how = BEFORE[re.sub(r"\s+", " ", before.group(1).lower())]
        text = text[before.end():]
    after = _STRIP_AFTER.search(text)
    if after:
        how = how or AFTER[re.sub(r"\s+", " ", after.group().lower()).strip()]
        text = text[:after.start()]
    return text, how


def read_number(words: str, *, year_ok: bool = False) -> Quantity | None:
    """The quantity `words` state, or None when they state none (or a year).

    >>> read_number("between 10 and 15")
    Quantity(value=None, min=10, max=15, approximate=False)
    >>> read_number("more than 20").min, read_number("3.5 million").value
    (21, 3500000)
    """
    text = words.strip()
    if not QUANTITY.fullmatch(text):
        return None
    text, how = _modifiers(text)
    if _FULL_CORE.fullmatch(text):  # before ranges: "twenty-five" is no range
        core = _core(text, year_ok=year_ok)
        if core is None or (how == "below" and core.value == 0):
            return None  # "fewer than zero" bounds no count
        return _bounded(core, how)
    pair = _SPLIT.match(text)
    if pair is None:
        return None
    low, high = (g for g in pair.groups() if g)
    return _range(_core(low, year_ok=year_ok), _core(high, year_ok=year_ok))


def _range(first: Quantity | None, second: Quantity | None) -> Quantity | None:
    if first is None or second is None or first.min is None or second.min is None:
        return None
    top = second.max if second.max is not None else second.min
    if top <= first.min:
        return None  # "3-1" is a score, not a range
    return Quantity(None, first.min, top, first.approximate or second.approximate)


# Context that makes a figure something else than a count (numbers.yaml `not_counts`).
_MONTH = rf"\b(?:{_alt(_NOT['months'])})\b\.?"
_NOT_BEFORE = [
    re.compile(rf"(?:[{''.join(map(re.escape, _NOT['currency_signs']))}]"
               rf"|\b(?:{_alt(_NOT['currency_codes'])})\$?)\s*$"),
    re.compile(rf"\b(?:{_alt(_NOT['age_before'])})\s+$", re.IGNORECASE),
    re.compile(_MONTH + r"\s*$"),
    re.compile(rf"\b(?:{_alt(_NOT['labels'])})\s*$", re.IGNORECASE),
]
_NOT_AFTER = [
    re.compile(rf"^\s*(?:{_alt(_NOT['percent'])})", re.IGNORECASE),
    re.compile(rf"^\s*(?:{_alt(_NOT['currencies'])}"
               rf"|(?:{_alt(_NOT['weights_or_currencies'])})\b(?! of))\b", re.IGNORECASE),
    re.compile(rf"^\s*[-‐–]?\s*(?:{_alt(_NOT['age_units'])})\s*[-‐–]?\s*"
               rf"(?:{_alt(_NOT['age_after'])})\b", re.IGNORECASE),
    re.compile(rf"^\s*(?:{_alt(_NOT['times'])}|(?:{_alt(_NOT['whole_times'])})\b)",
               re.IGNORECASE),
    re.compile(r"^\s*(?:of\s+)?" + _MONTH),
    re.compile(rf"^(?:{_alt(_NOT['ordinal_suffixes'])})\b"),
]
_ONE_NOT_A_COUNT = re.compile(rf"\b(?:{_alt(_NOT['one_after'])})\s+$", re.IGNORECASE)
_ONE_BEFORE = tuple(f" {w}" for w in _NOT["one_before"])
_PHONE = re.compile(r"\+\d[\d\s().-]{6,}\d|\(?\b0\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b")


def _excluded(text: str, start: int, end: int, found: str) -> bool:
    before, after = text[max(0, start - 24):start], text[end:end + 24]
    if any(p.search(before) for p in _NOT_BEFORE) or any(p.search(after) for p in _NOT_AFTER):
        return True
    if found.lower() == "one" and (_ONE_NOT_A_COUNT.search(before)
                                   or after.startswith(_ONE_BEFORE)):
        return True
    return _is_age_apposition(before, after, found)


def _is_age_apposition(before: str, after: str, found: str) -> bool:
    """'Ahmed Ali, 34, was shot': a bare figure between commas after a name is an age."""
    return (found.isdigit() and int(found) < 120 and re.search(r"[A-Z][a-z]+,\s*$", before)
            is not None and re.match(r"^\s*,", after) is not None)


def find_quantities(span: Span) -> list[QuantityMention]:
    """Every quantity in a spaCy span, with character offsets in its Doc."""
    text, base = doc_text(span.doc), span.start_char
    masked = _PHONE.sub(lambda m: "#" * len(m.group()), text[base:span.end_char])
    starts = [t.idx for t in span]  # found by bisection: a scan per figure is quadratic
    found: list[QuantityMention] = []
    for match in QUANTITY.finditer(masked):
        for start, end in _pieces(text, base + match.start(), base + match.end()):
            words = text[start:end]
            if _excluded(text, start, end, words):
                continue
            quantity = read_number(words, year_ok=_before_plural(span, starts, end))
            if quantity is not None:
                found.append(QuantityMention(start, end, words, quantity))
    return found


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'from 20 to 40' is a change between two figures, not a range of one."""
    split = re.search(r"\s+to\s+", text[start:end])
    if split is None or not re.search(r"\bfrom\s+$", text[max(0, start - 6):start]):
        return [(start, end)]
    return [(start, start + split.start()), (start + split.end(), end)]


def _before_plural(span: Span, starts: list[int], end: int) -> bool:
    """A bare four-digit figure before a plural noun ('1500 troops') is a count, not a year."""
    i = bisect_left(starts, end)  # the first token at or after `end`
    nxt = span[i] if i < len(starts) else None
    return nxt is not None and nxt.tag_ in ("NNS", "NNPS") and not re.match(_MONTH, nxt.text)
