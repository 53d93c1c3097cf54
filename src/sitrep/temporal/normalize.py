"""From a rule's match to a TIMEX3 type and value.

Each normaliser takes the match's groups and the context (creation day,
tense of the clause, the narrative's current day) and returns a `Value`, or
None to refuse the match. Without a creation day, relative expressions keep
X placeholders ("XXXX-XX-XX") rather than being resolved against today.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sitrep.temporal.calendar import (
    add_months,
    easter,
    nth_weekday,
    pick_year,
    quarter,
    valid_day,
    week,
    weekday_near,
)
from sitrep.temporal.grammar import lexicon

Groups = dict[str, str | None]


@dataclass(slots=True)
class Context:
    dct: dt.date | None
    tense: str | None = None
    ref_day: dt.date | None = None
    story_day: dt.date | None = None  # the last day named that no saying is dated by
    ref_period: tuple[dt.date, str] | None = None  # the last period named, and its grain
    quarter: tuple[int, int] | None = None
    before: str = ""
    after: str = ""  # the words just after the expression
    date_order: str = "MDY"


@dataclass(slots=True)
class Value:
    type: str
    value: str
    mod: str | None = None
    zone: str | None = None
    ambiguous: bool = False
    day: dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict)


Normaliser = Callable[[Groups, Context], Value | None]
NORMALISERS: dict[str, Normaliser] = {}


def normaliser(fn: Normaliser) -> Normaliser:
    NORMALISERS[fn.__name__.removeprefix("n_")] = fn
    return fn


# -- lexicon look-ups ---------------------------------------------------------

def _key(word: str | None) -> str:
    return re.sub(r"\s+", " ", (word or "").lower().replace("’", "'")).strip()


def month_of(word: str | None) -> int:
    return int(lexicon()["months"][_key(word).rstrip(".")])


def weekday_of(word: str | None) -> int:
    lex = lexicon()["weekdays"]
    key = _key(word)
    return int(lex.get(key, lex.get(key + ".", 0)))


def number_of(word: str | None) -> float | None:
    """A number in digits or words; None for a vague one ("several")."""
    key = _key(word)
    if re.fullmatch(r"\d+(?:\.\d+)?", key):
        return float(key)
    numbers = lexicon()["numbers"]
    if key in numbers:
        return float(numbers[key])
    parts = re.split(r"[- ]", key)
    if len(parts) == 2 and all(p in numbers for p in parts):
        return float(numbers[parts[0]] + numbers[parts[1]])
    return None


def unit_of(word: str | None) -> str:
    key = _key(word)
    return str(lexicon()["plurals"].get(key, key))


def ordinal_of(word: str | None) -> int:
    key = _key(word)
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", key):  # "20th"
        return int(key[:-2])
    return int(lexicon()["ordinals"][key])


_MODS = {"early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
         "mid-": "MID", "the end of": "END", "the beginning of": "START",
         "the start of": "START", "the middle of": "MID", "the first half of": "START",
         "the second half of": "END", "the turn of": "START",
         "nearly": "LESS_THAN", "almost": "LESS_THAN", "about": "APPROX", "some": "APPROX",
         "over": "MORE_THAN", "less than": "LESS_THAN",
         "fewer than": "LESS_THAN", "more than": "MORE_THAN", "at least": "EQUAL_OR_MORE",
         "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS"}


def _mod(g: Groups, *keys: str) -> str | None:
    for k in keys:
        if g.get(k):
            return _MODS.get(_key(g[k]))
    return None


def _fmt_day(day: dt.date) -> str:
    return day.isoformat()


def _shift(day: dt.date, unit: str, n: int) -> str:
    """`day` moved by n units, formatted at the unit's granularity (years in four
    digits: "0523"); OverflowError when the move leaves the years 1 to 9999."""
    if unit in ("day", "night"):
        return _fmt_day(day + dt.timedelta(days=n))
    if unit in ("week", "weekend", "fortnight"):
        moved = day + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))
        return week(moved) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        moved = add_months(day, n)
        return f"{moved.year:04d}-{moved.month:02d}"
    if unit == "quarter":
        moved = add_months(day, 3 * n)
        return f"{moved.year:04d}-Q{quarter(moved)}"
    years = {"year": 1, "decade": 10, "century": 100}.get(unit)
    if years is None:
        return _fmt_day(day)
    year = day.year + n * years
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"{day} moved by {n} {unit}s is out of the calendar")
    digits = {"year": 4, "decade": 3, "century": 2}[unit]
    return f"{year // years:0{digits}d}"


_UNKNOWN = {"day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
            "decade": "XXX", "century": "XX", "fortnight": "XXXX-WXX"}


# -- absolute dates -------------------------------------------------------------

@normaliser
def n_iso(g: Groups, ctx: Context) -> Value | None:
    day = valid_day(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    if day is None:
        return None
    if g.get("hh"):
        return Value("TIME", f"{day.isoformat()}T{g['hh']}:{g['mm']}", day=day)
    return Value("DATE", day.isoformat(), day=day)


@normaliser
def n_slash(g: Groups, ctx: Context) -> Value | None:
    a, b, y = int(g["a"] or 0), int(g["b"] or 0), int(g["y"] or 0)
    if y < 100:
        pivot = (ctx.dct.year % 100 + 1) if ctx.dct else 30
        y += 2000 if y <= pivot else 1900
    if a > 12 >= b:
        order = "DMY"
    elif b > 12 >= a:
        order = "MDY"
    else:
        order = ctx.date_order
    month, day_n = (a, b) if order == "MDY" else (b, a)
    day = valid_day(y, month, day_n)
    if day is None:
        return None
    return Value("DATE", day.isoformat(), day=day, ambiguous=a <= 12 and b <= 12 and a != b)


@normaliser
def n_ymd(g: Groups, ctx: Context) -> Value | None:
    year, month, day_n = int(g["year"] or 0), month_of(g["month"]), int(g["day"] or 0)
    day = valid_day(year, month, day_n)
    if day is None:  # "February 30, 2023": keep what is real, the month
        return Value("DATE", f"{year}-{month:02d}") if 1 <= day_n <= 31 else None
    return Value("DATE", day.isoformat(), day=day)


@normaliser
def n_md(g: Groups, ctx: Context) -> Value | None:
    month, day_n = month_of(g["month"]), int(g["day"] or 0)
    if not 1 <= day_n <= 31:
        return None
    if ctx.dct is None:
        return Value("DATE", f"XXXX-{month:02d}-{day_n:02d}")
    year = pick_year(ctx.dct, month, day_n, ctx.tense)
    day = valid_day(year, month, day_n)
    if day is None:
        return Value("DATE", f"{year}-{month:02d}")
    return Value("DATE", day.isoformat(), day=day)


@normaliser
def n_ym(g: Groups, ctx: Context) -> Value | None:
    return Value("DATE", f"{g['year']}-{month_of(g['month']):02d}", mod=_mod(g, "mod"))


@normaliser
def n_month(g: Groups, ctx: Context) -> Value | None:
    month = month_of(g["month"])
    if ctx.dct is None:
        return Value("DATE", f"XXXX-{month:02d}", mod=_mod(g, "mod"))
    if g.get("yrel"):  # "October this year"
        year = ctx.dct.year + _REL_STEP[_key(g["yrel"])]
        return Value("DATE", f"{year}-{month:02d}", mod=_mod(g, "mod"))
    rel = _key(g.get("rel"))
    if rel in ("last", "past", "previous"):  # the latest such month before this one
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming", "following"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        year = ctx.dct.year
    else:
        year = pick_year(ctx.dct, month, None, ctx.tense)
    return Value("DATE", f"{year}-{month:02d}", mod=_mod(g, "mod"))


@normaliser
def n_year(g: Groups, ctx: Context) -> Value | None:
    return Value("DATE", str(g["year"]), mod=_mod(g, "mod"))


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def spelled_year(words: str) -> int:
    """A year in words, as the rules' {SYEAR} match it.

    >>> spelled_year("nineteen ninety-six"), spelled_year("two thousand and one")
    (1996, 2001)
    """
    parts = [p for p in re.split(r"[- ]+", _key(words)) if p != "and"]
    if parts[:2] == ["two", "thousand"]:
        rest = parts[2:]
        return 2000 + (_TENS.get(rest[0]) or int(number_of(rest[0]) or 0) if rest else 0)
    century = 19 if parts[0] == "nineteen" else 20
    tens = _TENS[parts[1]] + (int(number_of(parts[2]) or 0) if len(parts) > 2 else 0)
    return century * 100 + tens


@normaliser
def n_spelled_year(g: Groups, ctx: Context) -> Value | None:
    words = _key(g["syear"])
    if words.startswith("two thousand") and not g.get("theyear"):
        return None  # "two thousand troops": a number unless "the year two thousand"
    return Value("DATE", str(spelled_year(words)))


@normaliser
def n_decade(g: Groups, ctx: Context) -> Value | None:
    if g.get("dec"):
        digits = str(g["dec"]).lstrip("'")
        if len(digits) == 2:  # '90s
            century = (ctx.dct.year // 100) if ctx.dct else 19
            if ctx.dct and int(digits) > ctx.dct.year % 100:
                century -= 1
            return Value("DATE", f"{century}{digits[0]}", mod=_mod(g, "mod"))
        return Value("DATE", digits[:3], mod=_mod(g, "mod"))
    words = _key(g.get("decw"))
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}[words.split()[-1].split("-")[-1]]
    return Value("DATE", f"19{tens}", mod=_mod(g, "mod"))


@normaliser
def n_century(g: Groups, ctx: Context) -> Value | None:
    n = ordinal_of(g["ord"])
    if n < 1:
        return None
    return Value("DATE", f"{n - 1:02d}", mod=_mod(g, "mod"))


@normaliser
def n_holiday(g: Groups, ctx: Context) -> Value | None:
    mm, dd = (int(x) for x in str(lexicon()["holidays"][_key(g["holiday"])]).split("-"))
    if g.get("year"):
        return Value("DATE", f"{g['year']}-{mm:02d}-{dd:02d}")
    if ctx.dct is None:
        return Value("DATE", f"XXXX-{mm:02d}-{dd:02d}")
    rel = _key(g.get("rel"))
    tense = "past" if rel in ("last", "past", "previous") else (
        "future" if rel in ("next", "coming") else ctx.tense)
    year = pick_year(ctx.dct, mm, dd, tense)
    return Value("DATE", f"{year}-{mm:02d}-{dd:02d}")


def _movable(name: str, year: int) -> dt.date:
    rule = lexicon()["movable_holidays"][name]
    if rule == "easter":
        return easter(year)
    if rule == "good friday":
        return easter(year) - dt.timedelta(days=2)
    month, weekday, n = rule
    return nth_weekday(year, int(month), int(weekday), int(n))


@normaliser
def n_movable_holiday(g: Groups, ctx: Context) -> Value | None:
    name = _key(g["movable"])
    if g.get("year"):
        day = _movable(name, int(g["year"] or 0))
        return Value("DATE", day.isoformat(), day=day)
    if ctx.dct is None:
        return Value("DATE", "XXXX-XX-XX")
    rel = _key(g.get("rel"))
    options = [_movable(name, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if rel in ("last", "past", "previous") or (not rel and ctx.tense == "past"):
        options = [d for d in options if d <= ctx.dct] or options
        day = max(options)
    elif rel in ("next", "coming") or ctx.tense == "future":
        options = [d for d in options if d >= ctx.dct] or options
        day = min(options)
    else:
        dct = ctx.dct
        day = min(options, key=lambda d: abs((d - dct).days))
    return Value("DATE", day.isoformat(), day=day)


# -- quarters, halves, seasons -----------------------------------------------------

def _last_full_quarter(dct: dt.date) -> tuple[int, int]:
    q = quarter(dct) - 1
    return (dct.year, q) if q else (dct.year - 1, 4)


@normaliser
def n_quarter(g: Groups, ctx: Context) -> Value | None:
    latest = _key(g.get("latest"))
    if latest in ("year-ago", "year-earlier", "comparable"):
        if ctx.quarter:
            return Value("DATE", f"{ctx.quarter[0] - 1}-Q{ctx.quarter[1]}")
        return Value("DATE", "XXXX-QX") if ctx.dct is None else Value(
            "DATE", f"{_last_full_quarter(ctx.dct)[0] - 1}-Q{_last_full_quarter(ctx.dct)[1]}")
    if g.get("ord") and ordinal_of(g["ord"]) in (1, 2, 3, 4):
        q = ordinal_of(g["ord"])
        year = _year_for(g, ctx, q)
        if year is None:
            return Value("DATE", f"XXXX-Q{q}")
        if g.get("ago"):  # "the year-ago third quarter": a comparison, not the story's quarter
            return Value("DATE", f"{year - 1}-Q{q}")
        if not (g.get("qyear") or g.get("year")) and ctx.quarter is None:
            # The story's quarter is the first one named: later ones are comparisons
            # ("after a flat second quarter") or outlooks ("a fourth-quarter charge").
            ctx.quarter = (year, q)
        return Value("DATE", f"{year}-Q{q}")
    if g.get("qyear"):  # "the 1988 period": that year's instance of the story's quarter
        story_q = ctx.quarter[1] if ctx.quarter else (
            _last_full_quarter(ctx.dct)[1] if ctx.dct else None)
        return Value("DATE", f"{g['qyear']}-Q{story_q}" if story_q else str(g["qyear"]))
    rel = _key(g.get("rel"))
    if ctx.dct is None:
        return Value("DATE", "XXXX-QX")
    if rel in ("this", "current") or latest == "current":
        return Value("DATE", f"{ctx.dct.year}-Q{quarter(ctx.dct)}")
    if rel == "next":
        moved = add_months(ctx.dct, 3)
        return Value("DATE", f"{moved.year}-Q{quarter(moved)}")
    if ctx.quarter and rel not in ("last", "previous", "past"):
        return Value("DATE", f"{ctx.quarter[0]}-Q{ctx.quarter[1]}")
    year, q = _last_full_quarter(ctx.dct)
    return Value("DATE", f"{year}-Q{q}")


def _year_for(g: Groups, ctx: Context, q: int) -> int | None:
    if g.get("year") or g.get("qyear"):
        return int(g.get("year") or g.get("qyear") or 0)
    if ctx.dct is None:
        return None
    qrel = _key(g.get("qrel") or g.get("qrel2"))
    if qrel:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[qrel]
    if ctx.tense == "past" and q > quarter(ctx.dct):
        return ctx.dct.year - 1
    return ctx.dct.year


@normaliser
def n_half(g: Groups, ctx: Context) -> Value | None:
    n = ordinal_of(g["ord"])
    if n == -1 and not (g.get("year") or g.get("qrel")):
        return None  # "the last half of the '80s": the decade is the expression
    n = 2 if n == -1 else n  # "the last half of 1989"
    if n not in (1, 2):
        return None
    if g.get("year"):
        return Value("DATE", f"{g['year']}-H{n}")
    if ctx.dct is None:
        return Value("DATE", f"XXXX-H{n}")
    qrel = _key(g.get("qrel"))
    year = ctx.dct.year + {"": 0, "this": 0, "last": -1, "next": 1}[qrel]
    return Value("DATE", f"{year}-H{n}")


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@normaliser
def n_season(g: Groups, ctx: Context) -> Value | None:
    code = str(lexicon()["seasons"][_key(g["season"])])
    if g.get("year"):
        return Value("DATE", f"{g['year']}-{code}", mod=_mod(g, "mod"))
    if ctx.dct is None:
        return Value("DATE", f"XXXX-{code}", mod=_mod(g, "mod"))
    rel = _key(g.get("rel"))
    start = _SEASON_START[code]
    # The latest instance of this season to have begun on or before the creation day.
    latest = ctx.dct.year if ctx.dct.month >= start else ctx.dct.year - 1
    ongoing = (ctx.dct.year * 12 + ctx.dct.month) - (latest * 12 + start) < 3
    if rel == "this" and code != "WI":  # "this summer" in March: the one ahead
        year = ctx.dct.year
    elif rel in ("last", "past", "previous"):
        year = latest - 1 if ongoing else latest
    elif rel in ("next", "coming", "following") or (ctx.tense == "future" and not ongoing):
        year = latest + 1
    else:
        year = latest
    return Value("DATE", f"{year}-{code}", mod=_mod(g, "mod"))


# -- relative to the creation day ------------------------------------------------

_DEIXIS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
           "the day before yesterday": -2, "the day after tomorrow": 2, "this": 0, "last": -1}
_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
         "overnight": "NI", "midday": "MI", "daytime": "DT"}


@normaliser
def n_deictic(g: Groups, ctx: Context) -> Value | None:
    word = _key(g["deixis"])
    part = _key(g.get("part2") or g.get("part")) or ("night" if word == "tonight" else "")
    if word == "last" and part not in ("night", "evening"):
        return None  # "last morning" is not said; "last night" is
    if ctx.dct is None:
        return Value("TIME" if part else "DATE", "XXXX-XX-XX" + (f"T{_PART[part]}" if part else ""))
    day = ctx.dct + dt.timedelta(days=_DEIXIS[word])
    if part:
        return Value("TIME", f"{day.isoformat()}T{_PART[part]}", day=day)
    return Value("DATE", day.isoformat(), day=day)


@normaliser
def n_overnight(g: Groups, ctx: Context) -> Value | None:
    if g.get("weekday"):
        return n_weekday({**g, "part": None, "rel": None}, ctx)
    base = ctx.ref_day or ctx.dct
    if base is None:
        return Value("TIME", "XXXX-XX-XXTNI")
    # "Overnight" is the night that ends on the story's day: it began the day before.
    day = base - dt.timedelta(days=1)
    return Value("TIME", f"{day.isoformat()}TNI")


@normaliser
def n_weekday(g: Groups, ctx: Context) -> Value | None:
    wd = weekday_of(g["weekday"])
    part = _key(g.get("part"))
    code = f"T{_PART[part]}" if part else ""
    if ctx.dct is None:
        return Value("TIME" if part else "DATE", f"XXXX-WXX-{wd}{code}")
    rel = _key(g.get("rel"))
    direction = {"last": "past_strict", "past": "past_strict", "previous": "past_strict",
                 "next": "future_strict", "coming": "future", "following": "future_strict",
                 }.get(rel)
    if direction is None:
        direction = {"past": "past", "future": "future"}.get(ctx.tense or "", "nearest")
    # "the previous Friday", "the following Monday" count from the story's day.
    anchor = ctx.ref_day if rel in ("previous", "following") and ctx.ref_day else ctx.dct
    if rel == "this":
        monday = ctx.dct - dt.timedelta(days=ctx.dct.isoweekday() - 1)
        day = monday + dt.timedelta(days=wd - 1)
    else:
        day = weekday_near(anchor, wd, direction)
    return Value("TIME" if part else "DATE", day.isoformat() + code, day=day)


_REL_STEP = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1,
             "this": 0, "same": 0, "that": 0}


@normaliser
def n_rel_unit(g: Groups, ctx: Context) -> Value | None:
    unit = unit_of(g["unit"]).replace("fiscal year", "year")
    rel = _key(g.get("rel"))
    mod = _mod(g, "mod2")
    if ctx.dct is None:
        return Value("DATE", _UNKNOWN.get(unit, "XXXX"), mod=mod)
    base = ctx.dct
    if rel in ("same", "that", "following", "previous"):
        # Anaphoric: "that year", "the following month" count from the period last named.
        base = _named_period(ctx, unit) or (ctx.ref_day if rel in ("same", "that") and
                                            ctx.ref_day else ctx.dct)
    return Value("DATE", _shift(base, unit, _REL_STEP.get(rel, 0)), mod=mod)


_GRAIN = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5, "century": 6}


def _named_period(ctx: Context, unit: str) -> dt.date | None:
    """The period the story last named, if it is at least as fine as `unit`."""
    if ctx.ref_period is None:
        return None
    day, grain = ctx.ref_period
    return day if _GRAIN[grain] <= _GRAIN.get(unit, 0) else None


@normaliser
def n_rel_day(g: Groups, ctx: Context) -> Value | None:
    base = ctx.ref_day or ctx.dct
    if base is None:
        return Value("DATE", "XXXX-XX-XX")
    day = base + dt.timedelta(days=_REL_STEP.get(_key(g.get("rel")), 0))
    part = _key(g.get("part"))
    if part and part != "day":
        return Value("TIME", f"{day.isoformat()}T{_PART[part]}", day=day)
    return Value("DATE", day.isoformat(), day=day)


@normaliser
def n_the_unit(g: Groups, ctx: Context) -> Value | None:
    unit = unit_of(g["unit"])
    # "for the year" is a stretch; "over the weekend" is the weekend just gone.
    span_words = "for" if unit == "weekend" else "for|during|over|throughout|within"
    if re.search(rf"\b(?:{span_words})\s*$", ctx.before, re.I) and (
            g.get("whole") or "").lower() != "full" and not (
            unit == "weekend" and _modifies(ctx.after)):
        return Value("DURATION", {"year": "P1Y", "month": "P1M", "week": "P1W",
                                  "weekend": "P2D"}[unit])
    if ctx.dct is None:
        return Value("DATE", _UNKNOWN[unit])
    if unit == "weekend":
        direction = -1 if ctx.tense == "past" else (1 if ctx.tense == "future" else 0)
        return Value("DATE", _shift(ctx.dct, "weekend", direction if ctx.dct.isoweekday() < 6
                                    else 0))
    return Value("DATE", _shift(ctx.dct, unit, 0))


def _modifies(after: str) -> bool:
    """Whether an expression is a noun's modifier, the word after it a content word:
    "for the weekend raid" is the raid of the weekend, not a stretch of two days."""
    from spacy.lang.en.stop_words import STOP_WORDS

    m = re.match(r" ([a-z]+)\b", after)
    return m is not None and m.group(1) not in STOP_WORDS


@normaliser
def n_year_end(g: Groups, ctx: Context) -> Value | None:
    """ "by year-end": the end of the current year; "since year-end", of the last one."""
    if ctx.dct is None:
        return Value("DATE", "XXXX", mod="END")
    back = re.search(r"\bsince\s*$", ctx.before, re.I) is not None
    return Value("DATE", str(ctx.dct.year - back), mod="END")


@normaliser
def n_ago(g: Groups, ctx: Context) -> Value | None:
    unit = unit_of(g["unit"])
    n = number_of(g["num"])
    if n is not None and n > 10_000:
        return None  # as for durations: "99999999 days ago" is no stretch of time
    direction = _key(g["dir"])
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if n is None and direction in ("after", "before", "later", "earlier"):
        return Value("DURATION", _period(None, unit))  # "a few days later"
    if n is None:
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if direction in ("after", "before", "later"):
        # "two days after the vote": the expression is the stretch; "after" only links it.
        return Value("DURATION", _period(n, unit), extra={"n": str(n), "unit": unit,
                                                           "pos": "following"})
    # "ago" and "from now" count from the creation day; "earlier" from the story's day.
    base = ctx.dct if direction in ("ago", "from now", "hence") else (ctx.ref_day or ctx.dct)
    if base is None or n != int(n):
        return Value("DATE", _UNKNOWN.get(unit, "XXXX-XX-XX"))
    if unit in ("hour", "minute", "second"):
        return Value("DATE", _fmt_day(base))
    try:
        value = _shift(base, unit, sign * int(n))
    except OverflowError:  # "5000 years ago": before the calendar's first year
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    day = dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None
    return Value("DATE", value, day=day, mod=_mod(g, "dmod"))


@normaliser
def n_year_earlier(g: Groups, ctx: Context) -> Value | None:
    # In results reporting, "a year earlier" is the same quarter of the year before.
    if ctx.quarter:
        return Value("DATE", f"{ctx.quarter[0] - 1}-Q{ctx.quarter[1]}")
    if ctx.dct is None:
        return Value("DATE", "XXXX")
    return Value("DATE", str(ctx.dct.year - 1))


@normaliser
def n_reference(g: Groups, ctx: Context) -> Value | None:
    if g.get("pl"):  # "recent years": an unspecified stretch of years
        return Value("DURATION", _period(None, unit_of(g["plunit"])))
    return Value("DATE", str(lexicon()["references"][_key(g["ref"])]))


# -- durations and sets -----------------------------------------------------------

_IN_YEARS = {"decade": 10, "century": 100}


def _period(n: float | None, unit: str) -> str:
    """ "P3D", "PT2H", "PXY"; decades and centuries in years ("P40Y"), as TimeBank writes them."""
    info = lexicon()["units"][unit]
    code = info["code"] if unit != "weekend" else "WE"
    if unit in _IN_YEARS and n is not None:
        n, code = n * _IN_YEARS[unit], "Y"
    count = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if n is not None and info.get("times"):
        count = str(int(n * info["times"]))
    prefix = "PT" if info.get("time") else "P"
    return f"{prefix}{count}{code}"


@normaliser
def n_duration(g: Groups, ctx: Context) -> Value | None:
    if g.get("bare"):
        return Value("DURATION", _period(None, unit_of(g["bare"])))
    unit = unit_of(g["unit"])
    if g.get("whole") or g.get("halfa") or g.get("num2"):
        return _half(g, unit)
    num = _key(g.get("num"))
    if num in ("a", "an") and unit == "second":
        return None  # "a second attack"
    if num in ("a", "an") and re.search(r"\d[\d,.]*\s*(?:%|percent|[a-z]+)?\s*(?:[a-z]+\s+)?$",
                                       ctx.before, re.I):
        return None  # a rate, "$2 million a year", "four flights a week", not a stretch of time
    n = None if g.get("vague") else number_of(num)
    if n is None and not g.get("vague") and num not in lexicon()["vague_numbers"]:
        return None
    if n is not None and (n <= 0 or n > 10_000):
        return None
    return Value("DURATION", _period(n, unit), mod=_mod(g, "dmod"),
                 extra={"n": str(n) if n is not None else "", "unit": unit,
                        "pos": _key(g.get("dpos"))})


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
            "DE": ("Y", 10), "CE": ("Y", 100)}


def _half(g: Groups, unit: str) -> Value | None:
    """ "2 1/2 years" = P2Y6M, "an hour and a half" = PT1H30M, "half an hour" = PT30M."""
    if g.get("halfa"):
        whole = 0.0
    elif g.get("whole"):
        whole = float(g["whole"] or 0)
    else:
        whole = number_of(g.get("num2")) or 1.0
    info = lexicon()["units"][unit]
    code = info["code"]
    small, per = ("S", 60) if unit == "minute" else _SMALLER.get(code, ("", 0))
    if not small:
        return None
    prefix = "PT" if info.get("time") else "P"
    half = per // 2
    if code in ("DE", "CE"):
        return Value("DURATION", f"P{int(whole * per + half)}Y", mod=_mod(g, "dmod"))
    parts = (f"{int(whole)}{code}" if whole else "") + (
        f"T{half}{small}" if small == "H" and prefix == "P" else f"{half}{small}")
    return Value("DURATION", prefix + parts, mod=_mod(g, "dmod"))


@normaliser
def n_running(g: Groups, ctx: Context) -> Value | None:
    n = ordinal_of(g["ord"])
    if n < 1:
        return None
    unit = unit_of(g["unit"])
    return Value("DURATION", _period(float(n), unit),
                 extra={"n": str(n), "unit": unit, "pos": "running"})


_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
         "annually": "P1Y", "yearly": "P1Y", "nightly": "P1D", "hourly": "PT1H",
         "biweekly": "P2W"}


@normaliser
def n_set_word(g: Groups, ctx: Context) -> Value | None:
    return Value("SET", _SETS[_key(g["setw"])])


@normaliser
def n_set_every(g: Groups, ctx: Context) -> Value | None:
    every = _key(g["every"])
    if every == "per" and not re.search(r"(?:\d|times|once|twice|\$|dollars?|euros?)\W*$",
                                       ctx.before, re.I):
        return None
    if g.get("weekday"):
        return Value("SET", f"XXXX-WXX-{weekday_of(g['weekday'])}")
    unit = _key(g["unit"])
    if unit in ("morning", "evening"):
        return Value("SET", f"T{_PART[unit]}")
    n = 2 if g.get("other") else 1
    return Value("SET", _period(float(n), unit_of(unit)))


# -- times of day -------------------------------------------------------------------

@normaliser
def n_clock(g: Groups, ctx: Context) -> Value | None:
    hour = int(g["hour"] or 0)
    minute = int(g["minute"] or 0)
    ampm = _key(g.get("ampm")).replace(".", "")
    if not g.get("minute") and not ampm:
        return None  # a bare number is not a time
    if g.get("sep") == "." and not ampm:
        return None  # "1.18" is a number
    if ampm in ("pm",) and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or (ampm in ("am", "pm") and int(g["hour"] or 0) > 12):
        return None
    zone = "local" if g.get("lt") else (_key(g.get("zone")) or None)
    day = _day_for_time(g, ctx)
    clock = f"T{hour:02d}:{minute:02d}"
    value = (day.isoformat() if day else "XXXX-XX-XX") + clock
    return Value("TIME", value, zone="local" if zone in ("local", "local time") else zone,
                 day=day)


@normaliser
def n_noon(g: Groups, ctx: Context) -> Value | None:
    clock = {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[_key(g["noon"])]
    day = _day_for_time(g, ctx)
    return Value("TIME", (day.isoformat() if day else "XXXX-XX-XX") + clock, day=day)


def _day_for_time(g: Groups, ctx: Context) -> dt.date | None:
    if g.get("weekday"):
        wd = n_weekday({"weekday": g["weekday"]}, ctx)
        return wd.day if wd else None
    if g.get("month") and g.get("day"):  # "5 p.m. EST Nov. 9"
        md = n_md({"month": g["month"], "day": g["day"]}, ctx)
        return md.day if md else None
    return ctx.story_day or ctx.ref_day or ctx.dct
