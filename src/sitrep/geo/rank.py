"""Rank a name's gazetteer candidates with a small learned linear model.

Each candidate gets a row of features (its population, kind of place, the
article's countries and states, an admin1 named right after the mention, how
near it lies to the article's other places); a logistic model's weights, kept
in `rank_weights.yaml` beside this file, turn the row into a score and the best
score wins. The weights are data: `bench/geo_train_ranker.py` fits them on one
dev set and reports them on the others.

Two passes: "first" without the proximity to the other names' choices, then
"second" with it (the choices of the first pass).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from sitrep.errors import ConfigError
from sitrep.geo.gazetteer import Entry, normalise
from sitrep.rules import Required, at, load_rules

_KINDS = ("country", "admin1", "admin2", "city", "region")

FIRST = ("log_pop", "log_pop_gap", "top_pop", *(f"is_{k}" for k in _KINDS), "is_minor",
         "capital", "main_name", "alias_only", "shares_division_name", "country_votes",
         "country_named", "region_share", "admin1_named", "cue", "cluster", "lone")
"""Features of the first pass, in the order the weights list them."""
SECOND = (*FIRST, "near", "near_city", "beside")
"""Features of the second pass: the first's and the proximity to the other choices."""

_ALIAS, _SHARES = FIRST.index("alias_only"), FIRST.index("shares_division_name")
_CLUSTER_CELL = 1.0  # degrees: the grid that finds other names' candidates nearby
_NEAR_KM = 400.0
_BESIDE_KM = 50.0


@dataclass(slots=True)
class Context:
    """What the article says around the names: the evidence every candidate is
    scored against."""

    votes: dict[str, float]  # ISO3 -> unambiguous mentions in that country
    regions: dict[str, float]  # admin1 name -> weight of the evidence for it
    named_countries: dict[str, set[str]]  # ISO3 -> keys of names that are that country
    named_admin1: dict[str, set[str]]  # admin1 name -> keys of names that are that admin1
    cues: dict[str, set[str]]  # key -> the normalised words after its mentions
    grid: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # cell -> keys
    keys: int = 1  # names in the article


def features(key: str, cands: Sequence[Entry], ctx: Context,
             chosen: dict[str, Entry | None] | None = None) -> list[list[float]]:
    """One row per candidate: FIRST's features, or SECOND's when `chosen` is given."""
    if not cands:
        return []
    top = max(e.population for e in cands)
    mains = {normalise(e.name) == key for e in cands}
    divisions = {normalise(e.name) for e in cands if e.feature in ("country", "admin1")}
    # (provinces among the candidates, which may answer to their capital's name: "Mykolaiv")
    provinces = {(e.name, e.country) for e in cands if e.feature == "admin1"}
    total_votes = sum(ctx.votes.values()) or 1.0
    total_regions = sum(ctx.regions.values()) or 1.0
    others = ([e for k, e in chosen.items() if k != key and e is not None]
              if chosen is not None else [])
    rows = []
    for e in cands:
        row = _first(e, key, top, total_votes, total_regions, ctx, len(cands))
        main = normalise(e.name) == key
        row[_ALIAS] = float(not main and True in mains)
        row[_SHARES] = float(e.feature == "city" and (normalise(e.name) in divisions
                                                      or (e.admin1, e.country) in provinces))
        if chosen is not None:
            row += _proximity(e, others)
        rows.append(row)
    return rows


def _first(e: Entry, key: str, top: int, total_votes: float, total_regions: float,
           ctx: Context, n: int) -> list[float]:
    minor = e.feature in ("district", "other")
    region = (ctx.regions.get(e.admin1, 0.0) / total_regions
              if e.admin1 and e.feature != "admin1" else 0.0)
    admin1_named = bool(e.admin1 and e.feature != "admin1"
                        and ctx.named_admin1.get(e.admin1, set()) - {key})
    country_named = bool(e.country and e.feature != "country"
                         and ctx.named_countries.get(e.country, set()) - {key})
    return [
        math.log10(e.population + 10) / 3,
        (math.log10(e.population + 10) - math.log10(top + 10)) / 3,
        float(e.population == top),
        *(float(e.feature == k) for k in _KINDS),
        float(minor),
        float(e.feature_code == "PPLC"),
        float(normalise(e.name) == key),
        0.0,  # alias_only, set by the caller
        0.0,  # shares_division_name, set by the caller
        ctx.votes.get(e.country or "", 0.0) / total_votes,
        float(country_named),
        region,
        float(admin1_named),
        float(_cue_matches(e, ctx.cues.get(key, set()))),
        _cluster(e, key, ctx),
        float(n == 1),
    ]


def _proximity(e: Entry, others: list[Entry]) -> list[float]:
    local = [o for o in others if o.feature in ("city", "admin2", "district")]
    if not local:
        return [0.0, 0.0, 0.0]
    closest = min(km(e.lat, e.lon, o.lat, o.lon) for o in local)
    near = max(0.0, 1.0 - closest / _NEAR_KM)
    beside = max(0.0, 1.0 - closest / _BESIDE_KM)
    return [near, near if e.feature in ("city", "admin2", "district") else 0.0, beside]


def _cue_matches(e: Entry, cues: set[str]) -> bool:
    if not cues or (not e.admin1 and not e.country):
        return False
    admin = normalise(e.admin1 or "")
    forms = {admin, normalise(e.country or "")} | (
        {admin[:2], admin[:3], admin[:4]} if admin else set())
    return any(c in forms or c.rstrip(".") in forms for c in cues)


def cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CLUSTER_CELL), math.floor(lon / _CLUSTER_CELL)


def _cluster(e: Entry, key: str, ctx: Context) -> float:
    """Share of the article's other names with a candidate within about a degree."""
    if ctx.keys < 2 or e.feature in ("country", "region"):
        return 0.0
    r, c = cell(e.lat, e.lon)
    near: set[str] = set()
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            near |= ctx.grid.get((r + dr, c + dc), set())
    near.discard(key)
    return len(near) / (ctx.keys - 1)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 12_742.0 * math.asin(min(1.0, math.sqrt(h)))


def scores(rows: list[list[float]], weights: Sequence[float]) -> list[float]:
    """Linear scores of feature rows: `model()["first"]` or `["second"]` weights."""
    return [sum(w * x for w, x in zip(weights, row, strict=True)) for row in rows]


def _weights(names: tuple[str, ...]) -> Required:
    return Required({"weights": Required({name: Required(float) for name in names})})


# rank_weights.yaml (written by bench/geo_train_ranker.py): each pass's feature weights
RANK_WEIGHTS = {"about": str, "first": _weights(FIRST), "second": _weights(SECOND)}


@cache
def model() -> dict[str, list[float]]:
    """The weights of both passes from rank_weights.yaml, checked against the features."""
    raw = load_rules(__package__ or "", "rank_weights.yaml", schema=RANK_WEIGHTS)
    out = {}
    for which, names in (("first", FIRST), ("second", SECOND)):
        given = raw[which]["weights"]
        if list(given) != list(names):
            raise ConfigError(f"{at(given, default='rank_weights.yaml')}: '{which}' lists "
                              f"{list(given)}, the code computes {list(names)}; retrain with "
                              "bench/geo_train_ranker.py")
        out[which] = [float(given[n]) for n in names]
    return out
