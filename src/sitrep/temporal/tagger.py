"""Find temporal expressions in a text and normalise them (TIMEX3).

Steps:
1. every rule's regex proposes spans;
2. overlaps are settled: longest first, then the earlier rule; a span whose
   normaliser refuses it, or that a check on the parse rejects (the verb "may"),
   makes way for the next candidate;
3. in reading order, each span is normalised against the creation day, the
   tense of its clause and the narrative's current day, which the spans
   before it move along.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.nlp.syntax import SECTION
from sitrep.records import Time
from sitrep.temporal.grammar import Rule, lexicon, rules
from sitrep.temporal.normalize import NORMALISERS, Context, Value, spelled_year
from sitrep.temporal.tense import tense_at

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str | None]


# Creation days outside these years are placeholders; they also keep the
# calendar's arithmetic ("the next century", "10,000 weeks") inside years 1-9999.
_ANCHORS = (1000, 8999)


def candidates(text: str) -> list[Candidate]:
    found = []
    lower = text.lower()
    same = len(lower) == len(text)  # (lower() lengthens a few letters: "İ")
    for rule in rules():
        folded = same and rule.folded is not None
        regex = rule.folded if folded and rule.folded is not None else rule.regex
        for m in regex.finditer(lower if folded else text):
            # the groups as the text has them, not in lower case
            groups = {k: text[m.start(k):m.end(k)] if m.start(k) >= 0 else None
                      for k in regex.groupindex} if folded else m.groupdict()
            if groups.get("syear") and not groups.get("year"):  # "January nineteen ninety-seven"
                groups["year"] = str(spelled_year(groups["syear"] or ""))
            found.append(Candidate(m.start(), m.end(), rule, groups))
    return found


def tag(text: str, *, dct: dt.date | None, doc: Doc | None = None,
        date_order: str = "MDY") -> list[Time]:
    """Every temporal expression of `text`, normalised against creation day `dct`.

    >>> [(t.text, t.value) for t in tag("It was hit on Tuesday at 6:24am.",
    ...                                  dct=dt.date(2023, 5, 31))]
    [('Tuesday', '2023-05-30'), ('6:24am', '2023-05-30T06:24')]
    """
    if dct is not None and not _ANCHORS[0] <= dct.year <= _ANCHORS[1]:
        dct = None  # a placeholder (0001-01-01, 9999-12-31), not a day to count from
    chosen = _settle(text, candidates(text), dct, doc)
    ctx = Context(dct=dct, date_order=date_order)
    times = []
    labels = [m.start() for m in SECTION.finditer(text)]
    for i, cand in enumerate(chosen):
        if any(chosen[i - 1].end <= at < cand.start for at in labels if i):
            # a roundup's item is told afresh from the day of the roundup: "SLOVIANSK:
            # ... on Tuesday. / NIKOPOL: Shells hit the town overnight"
            ctx.ref_day = ctx.story_day = ctx.ref_period = None
        ctx.tense = tense_at(doc, cand.start, cand.end) if doc is not None else _tense_guess(
            text, cand.start)
        ctx.before = text[max(0, cand.start - 40) : cand.start]
        ctx.after = text[cand.end : cand.end + 40]
        in_quote = _inside_quote(text, cand.start)
        saved = ctx.dct, ctx.ref_day, ctx.story_day
        if in_quote and ctx.ref_day is not None:
            ctx.dct = ctx.ref_day  # "this morning" in a quote is the speaker's morning
        if cand.rule.type == "TIME" and i + 1 < len(chosen):
            following = _following_day(text, cand, chosen[i + 1], ctx)
            if following is not None:
                ctx.ref_day = ctx.story_day = following
        value = NORMALISERS[cand.rule.value](cand.groups, ctx)
        ctx.dct, ctx.ref_day, ctx.story_day = saved
        if value is None:
            continue
        times.append(_record(text, cand, value, ctx))
        if value.day is not None and value.type in ("DATE", "TIME") and not in_quote:
            # (a day inside a quote is no speaker's day: "gunfire on Friday and
            # Saturday morning" both count from the day the quote was said)
            ctx.ref_day = value.day
            if not _SAID_ON.search(ctx.before):
                # the day a thing was said dates "overnight", not a clock time: "killed
                # four late on Saturday, police said on Sunday. They opened fire at
                # 11.30 p.m." is Saturday's
                ctx.story_day = value.day
        ctx.ref_period = _period_named(value) or ctx.ref_period
    return times


_SAID_ON = re.compile(r"\b(?:said|says|told|announced|added|stated|reported|confirmed)"
                      r"(?:\s+\w+)?\s+(?:on|late on|early on)\s*$", re.I)
_PERIOD = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def _period_named(value: Value) -> tuple[dt.date, str] | None:
    """A calendar year, month or day that a DATE or TIME value names: "1995", "1998-06"."""
    m = _PERIOD.match(value.value)
    if value.type not in ("DATE", "TIME") or m is None or not (
            m.end() == len(value.value) or value.value[m.end()] == "T"):
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    grain = "day" if day else "month" if month else "year"
    try:
        return dt.date(int(year), int(month or 1), int(day or 1)), grain
    except ValueError:
        return None


def _following_day(text: str, cand: Candidate, nxt: Candidate, ctx: Context) -> dt.date | None:
    """The day a time of day is given on right after it: "5 p.m. EST Nov. 9", "6am on Tuesday"."""
    gap = text[cand.end : nxt.start]
    if not re.fullmatch(r"\s*(?:,|on|,\s*on)?\s*", gap) or nxt.rule.type != "DATE":
        return None
    value = NORMALISERS[nxt.rule.value](nxt.groups, ctx)
    return value.day if value is not None else None


def _settle(text: str, found: list[Candidate], dct: dt.date | None,
            doc: Doc | None) -> list[Candidate]:
    found.sort(key=lambda c: (-(c.end - c.start), c.rule.priority, c.start))
    taken: list[Candidate] = []
    probe = Context(dct=dct)
    for cand in found:
        if any(c.start < cand.end and cand.start < c.end for c in taken):
            continue
        probe.before = text[max(0, cand.start - 40) : cand.start]
        if not _plausible(text, cand, doc):
            continue
        if NORMALISERS[cand.rule.value](cand.groups, probe) is None:
            continue
        taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


_ABBREVIATED = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                "dec"}
_NUMERIC_ENTS = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
_YEAR_CUES = re.compile(r"(?:\b(?:in|since|by|until|till|of|from|to|during|before|after|early|"
                        r"late|mid|fiscal|the|between|and|through|for|'s)\s*|-)$", re.I)


def _plausible(text: str, cand: Candidate, doc: Doc | None) -> bool:
    """Checks that need the words around the span or the parse."""
    g = cand.groups
    month = (g.get("month") or "").lower().rstrip(".")
    if month in lexicon()["ambiguous_months"] and not (g.get("day") or g.get("year")):
        word = g.get("month") or ""
        if not word[:1].isupper() or _tag(doc, cand.start) in ("MD", "VB", "VBP", "VBZ"):
            return False
    # "fall" and "spring" are verbs too: a bare season needs "the" or a noun tag.
    if (g.get("season") and not (g.get("rel") or g.get("mod") or g.get("year"))
            and not text[cand.start : cand.end].lower().startswith("the ")
            and _pos(doc, cand.start) not in ("NOUN", "PROPN")):
        return False
    if cand.rule.name == "year":
        before = text[max(0, cand.start - 12) : cand.start]
        if re.search(r"[$£€#]\s*$|\bNo\.\s*$|\d[,.]?\s*$", before):
            return False
        if _ent(doc, cand.start) in _NUMERIC_ENTS and not _YEAR_CUES.search(before):
            return False
    if cand.rule.name in ("duration", "vague_duration", "plural_duration"):
        # Ages ("a 6-year-old", "52 years old") are not times.
        if g.get("old") == "old" or re.match(r"[- ](?:old|of age)\b",
                                              text[cand.end : cand.end + 8], re.I):
            return False
        if (g.get("unit") or "").lower().startswith("quarter") and not g.get("dpos"):
            return False  # "three-quarters" is a fraction
    # A bare "Jan" or "Mar" with no day, year or period is a name more often than a month.
    return not (month in _ABBREVIATED and not (g.get("day") or g.get("year"))
                and "." not in (g.get("month") or ""))


def _token(doc: Doc | None, char: int):  # type: ignore[no-untyped-def]
    if doc is None:
        return None
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _tag(doc: Doc | None, char: int) -> str:
    tok = _token(doc, char)
    return str(tok.tag_) if tok is not None else ""


def _pos(doc: Doc | None, char: int) -> str:
    tok = _token(doc, char)
    return str(tok.pos_) if tok is not None else ""


def _ent(doc: Doc | None, char: int) -> str:
    tok = _token(doc, char)
    return str(tok.ent_type_) if tok is not None else ""


def _tense_guess(text: str, start: int) -> str | None:
    """Without a parse: "will"/"would" before the span in its sentence means future."""
    sentence = re.split(r"[.!?]\s", text[:start])[-1].lower()
    if re.search(r"\b(?:will|would|shall|'ll)\b", sentence):
        return "future"
    if re.search(r"\b(?:was|were|had|did|said|\w+ed)\b", sentence):
        return "past"
    return None


_QUOTES = re.compile(r"[\"“”«»]")


def _inside_quote(text: str, pos: int) -> bool:
    paragraph_start = text.rfind("\n", 0, pos) + 1
    before = text[paragraph_start:pos]
    opened = len(_QUOTES.findall(before)) % 2 == 1
    # A paragraph that opens with a quote mark and never closes it continues a quote.
    return opened


def _record(text: str, cand: Candidate, value: Value, ctx: Context) -> Time:
    time = Time(cand.start, cand.end, text[cand.start : cand.end], value.type,  # type: ignore[arg-type]
                value.value)
    time.mod = value.mod
    time.zone = value.zone
    time.ambiguous = value.ambiguous
    if value.type == "DURATION":
        time.range_start, time.range_end = _range(value, ctx)
    return time


_UNIT_DAYS = {"day": 1, "night": 1, "week": 7}


def _range(value: Value, ctx: Context) -> tuple[str | None, str | None]:
    """Past spans counted in days ("17 days of attacks") end on the story's current day."""
    unit, n, pos = value.extra.get("unit"), value.extra.get("n"), value.extra.get("pos", "")
    end = ctx.ref_day or ctx.dct
    if (end is None or unit not in _UNIT_DAYS or not n or ctx.tense == "future"
            or pos in ("next", "coming", "following", "first")):
        return None, None
    days = int(float(n)) * _UNIT_DAYS[unit]
    return (end - dt.timedelta(days=days - 1)).isoformat(), end.isoformat()
