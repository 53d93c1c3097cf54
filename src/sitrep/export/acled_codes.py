"""ACLED's coded columns that sitrep derives: region, numeric ISO code, actor types
("inter" codes) and their interaction, and the scale of the sources. The lists behind
them are data: `acled.yaml` and `acled_regions.yaml` next to this module.

>>> region("UKR"), iso_numeric("UKR")
('Europe', 804)
>>> interaction(1, 7), interaction(8, 1), interaction(6, None), interaction(None, 7)
(17, 18, 60, '')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlparse

import pycountry

from sitrep.errors import ConfigError
from sitrep.events.lexicon import event_lexicon
from sitrep.records import Actor, Article, Event
from sitrep.rules import WORDS, Check, MapOf, Maybe, Required, at, load_rules

# ACLED's region names, as its API guide lists them
ACLED_REGIONS = ("Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa",
                 "Northern Africa", "South Asia", "Southeast Asia", "Middle East", "Europe",
                 "Caucasus and Central Asia", "Central America", "South America", "Caribbean",
                 "East Asia", "North America", "Oceania", "Antarctica")
PERSON_ENDINGS = ("er", "or", "ist", "man", "men")

ACLED = {  # acled.yaml
    "inter": Required({
        "words": Required([{"code": Required(int), "words": Required(WORDS)}]),
        "kinds": Required(MapOf(int)),
        "abroad": Required(int)}),
    "source_scale": Required({
        "order": Required(WORDS),
        "agencies": Required(MapOf(Maybe(str))),  # name -> home country (null: international)
        "domains": Required(MapOf(str)),
        "generic_domains": Required(WORDS),
        "new_media": Required(WORDS)}),
    "actor_nouns": Required(WORDS),
}


ISO3 = Check(lambda code: None if isinstance(code, str) and len(code) == 3
             else f"{code!r} is no ISO 3166-1 alpha-3 code", "a three-letter ISO 3166-1 code")
# acled_regions.yaml: ACLED's region names only, each with its countries
ACLED_REGION_CODES = {name: [ISO3] for name in ACLED_REGIONS}


@dataclass(frozen=True, slots=True)
class AcledRules:
    inter_words: tuple[tuple[int, re.Pattern[str]], ...]
    inter_kinds: dict[str, int]
    abroad: int
    scale_order: tuple[str, ...]
    agencies: dict[str, str | None]  # lower-case name -> home country (None: international)
    domains: dict[str, str]
    generic_domains: frozenset[str]
    new_media: frozenset[str]
    actor_nouns: frozenset[str]


@cache
def acled_rules() -> AcledRules:
    """`acled.yaml`, loaded and checked against ACLED once."""
    raw = load_rules(__package__ or "", "acled.yaml", schema=ACLED)
    inter, scale = raw["inter"], raw["source_scale"]
    words = tuple((int(rule["code"]), _words_pattern(rule["words"])) for rule in inter["words"])
    return AcledRules(
        words, {str(k): int(v) for k, v in inter["kinds"].items()}, int(inter["abroad"]),
        tuple(scale["order"]),
        {str(k).lower(): v and str(v) for k, v in scale["agencies"].items()},
        {str(k): str(v) for k, v in scale["domains"].items()},
        frozenset(scale["generic_domains"]), frozenset(w.lower() for w in scale["new_media"]),
        frozenset(raw["actor_nouns"]))


def _words_pattern(words: list[Any]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(str(w).lower()) for w in words)
    return re.compile(rf"\b(?:{alternatives})\b")


@cache
def regions() -> dict[str, str]:
    """ISO3 -> ACLED's region, from acled_regions.yaml (checked: ACLED's names only,
    each country once)."""
    found: dict[str, str] = {}
    raw = load_rules(__package__ or "", "acled_regions.yaml", schema=ACLED_REGION_CODES)
    for name, codes in raw.items():
        for i, code in enumerate(codes):
            if code in found:
                raise ConfigError(f"{at(codes, i, default='acled_regions.yaml')}: {code} is in "
                                  f"both {found[code]!r} and {name!r}")
            found[code] = name
    return found


def region(iso3: str | None) -> str:
    """ACLED's region of a country; "" when unknown."""
    return regions().get(iso3 or "", "")


@cache
def iso_numeric(iso3: str | None) -> int | str:
    """ISO 3166-1 numeric code (ACLED's `iso`); "" when there is none (Kosovo)."""
    found = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return int(found.numeric) if found is not None else ""


def inter_code(actor: Actor, where: str | None) -> int | str:
    """ACLED's actor type for an actor of an event in country `where`; "" when the
    record does not tell (acled.yaml says how)."""
    rules = acled_rules()
    name = actor.name.lower()
    code = next((c for c, pattern in rules.inter_words if pattern.search(name)), None)
    if code is None and actor.country:
        code = rules.inter_kinds.get(actor.kind)
    if code is None:
        return ""
    if code == 1 and actor.country and where and actor.country != where:
        return rules.abroad
    return code


def interaction(inter1: int | str | None, inter2: int | str | None) -> int | str:
    """ACLED's interaction: the two codes in order (17), or the one code and 0 when
    there is one actor (60: protesters alone); "" without a first actor's code."""
    if not isinstance(inter1, int):
        return ""
    if not isinstance(inter2, int):
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def names_an_actor(name: str) -> bool:
    """False for a name that is a happening, not an actor ("Shelling", "Russian
    strikes"): its last word is an event trigger noun naming no doer (acled.yaml)."""
    words = re.findall(r"[^\W\d_][\w-]*", name.lower())
    if not words:
        return False
    last = words[-1]
    lex = event_lexicon()
    doers = frozenset().union(*lex.doers_only.values()) | acled_rules().actor_nouns
    for form in (last, last.removesuffix("s"), last.removesuffix("es")):
        if form in lex.nouns:
            return form in doers or last in doers or form.endswith(PERSON_ENDINGS)
    return True


def source_scale(article: Article, event: Event, agencies: list[str]) -> str:
    """ACLED's source_scale of the event's sources (the rule is in acled.yaml):
    "National", "International", "National-International", ... or ""."""
    rules = acled_rules()
    where = event.location.country if event.location else None
    scales = {_scale(_publisher_country(article), where)}
    scales |= {_scale(rules.agencies.get(a.lower(), "?"), where) for a in agencies}
    if any((s.channel or "").lower() in rules.new_media for s in article.statements
           if event.id in s.event_ids):
        scales.add("New media")
    return "-".join(s for s in rules.scale_order if s in scales)


def _scale(home: str | None, where: str | None) -> str:
    """A source's scale from its home country: None an international source, "?" one
    of no known home."""
    if home == "?":
        return ""
    if home is None:
        return "International"
    return "National" if home == where else ("International" if where else "")


def _publisher_country(article: Article) -> str | None:
    """The publisher's home: an agency's (None: international), else the country of its
    web host's country-code domain; "?" when neither tells."""
    rules = acled_rules()
    if article.source and article.source.lower() in rules.agencies:
        return rules.agencies[article.source.lower()]
    host = urlparse(article.url).hostname if article.url else None
    suffix = host.rsplit(".", 1)[-1] if host and "." in host else ""
    if len(suffix) != 2 or suffix in rules.generic_domains:
        return "?"
    if suffix in rules.domains:
        return rules.domains[suffix]
    found = pycountry.countries.get(alpha_2=suffix.upper())
    return found.alpha_3 if found is not None else "?"
