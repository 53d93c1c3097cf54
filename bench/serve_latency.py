"""How fast `sitrep serve` answers over a store of N real-world events (default 100,000).

A synthetic store is built first (or reused): N articles of one to three sentences,
each with one event that is its own cluster, written by the store's own code
(`Store.add`, then `sitrep.store.clusters._write`). Its shape follows real use: days
over three years, ~2,000 places around 40 conflict-prone cities (jittered points, a
fifth of them named after the city), the six ACLED event types and their sub-types,
fatalities mostly none with a long tail, one to three actors from a short list per
country, ~200 publishers. Everything is drawn from a fixed seed.

Then each main query of the HTTP API runs `--requests` times with varied parameters
(fixed seed) through FastAPI's TestClient, after a few warm-up requests that are not
counted, and its wall time per request (whole body read) is kept. The baseline, in
the same process, is the bare `SELECT count(*) FROM clusters` on a plain DuckDB
cursor; each query's p95 is given as a ratio to its p95. Results go to
bench/results/serve_latency.json.

    .venv/bin/python bench/serve_latency.py                      # 100,000 events
    .venv/bin/python bench/serve_latency.py --events 10000 --requests 20
    .venv/bin/python bench/serve_latency.py --db /tmp/events.duckdb   # build once, reuse

Without --db the store is kept in the temporary folder, one file per N, and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import random
import re
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sitrep._version import __version__
from sitrep.records import (
    AcledCode,
    Actor,
    Article,
    Cluster,
    Count,
    Event,
    Location,
    Place,
    Range,
    Span,
    Support,
    Time,
    from_dict,
)
from sitrep.records.schema import SpeakerKind
from sitrep.store import Store
from sitrep.store.clusters import _write

RESULTS = Path(__file__).parent / "results" / "serve_latency.json"
SEED = 20240601
BATCH = 5_000
WARMUP = 3
FIRST_DAY, DAYS = date(2022, 1, 1), 3 * 365 + 1
N_PLACES, N_PUBLISHERS = 2_000, 200

# name, ISO3 country, admin1, lat, lon
CITIES: list[tuple[str, str, str, float, float]] = [
    ("Kharkiv", "UKR", "Kharkiv Oblast", 49.9935, 36.2304),
    ("Kyiv", "UKR", "Kyiv City", 50.4501, 30.5234),
    ("Odesa", "UKR", "Odesa Oblast", 46.4825, 30.7233),
    ("Donetsk", "UKR", "Donetsk Oblast", 48.0159, 37.8028),
    ("Zaporizhzhia", "UKR", "Zaporizhzhia Oblast", 47.8388, 35.1396),
    ("Belgorod", "RUS", "Belgorod Oblast", 50.5997, 36.5983),
    ("Khartoum", "SDN", "Khartoum State", 15.5007, 32.5599),
    ("El Fasher", "SDN", "North Darfur", 13.6279, 25.3494),
    ("Gaza City", "PSE", "Gaza Governorate", 31.5017, 34.4668),
    ("Khan Younis", "PSE", "Khan Yunis Governorate", 31.3462, 34.3060),
    ("Jenin", "PSE", "Jenin Governorate", 32.4610, 35.2950),
    ("Beirut", "LBN", "Beirut Governorate", 33.8938, 35.5018),
    ("Damascus", "SYR", "Damascus Governorate", 33.5138, 36.2765),
    ("Aleppo", "SYR", "Aleppo Governorate", 36.2021, 37.1343),
    ("Idlib", "SYR", "Idlib Governorate", 35.9306, 36.6339),
    ("Baghdad", "IRQ", "Baghdad Governorate", 33.3152, 44.3661),
    ("Mosul", "IRQ", "Nineveh", 36.3350, 43.1189),
    ("Sanaa", "YEM", "Amanat Al Asimah", 15.3694, 44.1910),
    ("Aden", "YEM", "Aden Governorate", 12.7855, 45.0187),
    ("Kabul", "AFG", "Kabul Province", 34.5553, 69.2075),
    ("Peshawar", "PAK", "Khyber Pakhtunkhwa", 34.0151, 71.5249),
    ("Quetta", "PAK", "Balochistan", 30.1798, 66.9750),
    ("Karachi", "PAK", "Sindh", 24.8607, 67.0011),
    ("Mogadishu", "SOM", "Banaadir", 2.0469, 45.3182),
    ("Goma", "COD", "North Kivu", -1.6792, 29.2228),
    ("Bunia", "COD", "Ituri", 1.5594, 30.2522),
    ("Bamako", "MLI", "Bamako District", 12.6392, -8.0029),
    ("Ouagadougou", "BFA", "Centre Region", 12.3714, -1.5197),
    ("Niamey", "NER", "Niamey Region", 13.5116, 2.1254),
    ("Maiduguri", "NGA", "Borno", 11.8311, 13.1510),
    ("Lagos", "NGA", "Lagos State", 6.5244, 3.3792),
    ("Nairobi", "KEN", "Nairobi County", -1.2921, 36.8219),
    ("Addis Ababa", "ETH", "Addis Ababa City", 9.0300, 38.7400),
    ("Port-au-Prince", "HTI", "Ouest", 18.5944, -72.3074),
    ("Yangon", "MMR", "Yangon Region", 16.8409, 96.1735),
    ("Mandalay", "MMR", "Mandalay Region", 21.9588, 96.0891),
    ("Bogota", "COL", "Bogota D.C.", 4.7110, -74.0721),
    ("Culiacan", "MEX", "Sinaloa", 24.8091, -107.3940),
    ("Manila", "PHL", "Metro Manila", 14.5995, 120.9842),
    ("Dhaka", "BGD", "Dhaka Division", 23.8103, 90.4125),
]

# the armed actors of each country (name, kind), and everywhere GENERIC_ACTORS
ACTORS: dict[str, list[tuple[str, SpeakerKind]]] = {
    "UKR": [("Russian forces", "military"), ("Ukrainian forces", "military")],
    "RUS": [("Ukrainian forces", "military"), ("Russian forces", "military")],
    "SDN": [("Rapid Support Forces", "military"), ("Sudanese Armed Forces", "military")],
    "PSE": [("Israeli forces", "military"), ("Hamas", "organisation"),
            ("Palestinian Islamic Jihad", "organisation")],
    "LBN": [("Israeli forces", "military"), ("Hezbollah", "organisation")],
    "SYR": [("Syrian government forces", "military"), ("Hayat Tahrir al-Sham", "organisation"),
            ("Islamic State", "organisation")],
    "IRQ": [("Iraqi security forces", "military"), ("Islamic State", "organisation")],
    "YEM": [("Houthis", "organisation"), ("Yemeni government forces", "military")],
    "AFG": [("Taliban", "government"), ("Islamic State", "organisation")],
    "PAK": [("Pakistani security forces", "military"),
            ("Tehrik-i-Taliban Pakistan", "organisation"),
            ("Baloch Liberation Army", "organisation")],
    "SOM": [("al-Shabaab", "organisation"), ("Somali National Army", "military")],
    "COD": [("M23", "organisation"), ("FARDC", "military"), ("ADF", "organisation")],
    "MLI": [("JNIM", "organisation"), ("Malian army", "military")],
    "BFA": [("JNIM", "organisation"), ("Burkinabe army", "military")],
    "NER": [("Islamic State Sahel", "organisation"), ("Nigerien army", "military")],
    "NGA": [("Boko Haram", "organisation"), ("Nigerian army", "military"),
            ("bandits", "organisation")],
    "KEN": [("police", "government")],
    "ETH": [("Fano militia", "organisation"), ("Ethiopian National Defense Force", "military")],
    "HTI": [("Viv Ansanm gangs", "organisation"), ("Haitian National Police", "government")],
    "MMR": [("Myanmar military", "military"), ("People's Defence Force", "organisation")],
    "COL": [("ELN", "organisation"), ("Colombian army", "military")],
    "MEX": [("Sinaloa Cartel", "organisation"), ("Mexican army", "military")],
    "PHL": [("Philippine National Police", "government"), ("New People's Army", "organisation")],
    "BGD": [("police", "government")],
}
GENERIC_ACTORS: list[tuple[str, SpeakerKind]] = [("gunmen", "unknown"),
                                                  ("security forces", "military")]

# ACLED event type, its share of events, and its sub-types as (sitrep type, ACLED
# sub-type, what happened: {a} and {b} are actors, {p} the place)
TYPES: list[tuple[str, float, list[tuple[str, str, str]]]] = [
    ("Explosions/Remote violence", 0.30, [
        ("drone_strike", "Air/drone strike", "a drone strike by {a} hit {p}"),
        ("air_strike", "Air/drone strike", "an air strike by {a} hit {p}"),
        ("shelling", "Shelling/artillery/missile attack", "{a} shelled {p}"),
        ("remote_explosive", "Remote explosive/landmine/IED", "a roadside bomb hit {a} in {p}"),
        ("suicide_bombing", "Suicide bomb", "a suicide bomber attacked a checkpoint in {p}"),
        ("grenade_attack", "Grenade", "{a} threw a grenade into a market in {p}")]),
    ("Battles", 0.25, [
        ("armed_clash", "Armed clash", "{a} clashed with {b} near {p}"),
        ("government_regains_territory", "Government regains territory",
         "{a} retook {p} from {b}"),
        ("non_state_takes_territory", "Non-state actor overtakes territory",
         "{a} seized {p} from {b}")]),
    ("Violence against civilians", 0.15, [
        ("attack", "Attack", "{a} attacked villagers in {p}"),
        ("abduction", "Abduction/forced disappearance", "{a} abducted travellers near {p}"),
        ("sexual_violence", "Sexual violence", "{a} were accused of assaulting women in {p}")]),
    ("Protests", 0.18, [
        ("peaceful_protest", "Peaceful protest", "protesters marched through {p}"),
        ("protest_with_intervention", "Protest with intervention",
         "police dispersed a protest in {p}"),
        ("force_against_protesters", "Excessive force against protesters",
         "{a} opened fire on protesters in {p}")]),
    ("Riots", 0.05, [
        ("violent_demonstration", "Violent demonstration", "rioters torched vehicles in {p}"),
        ("mob_violence", "Mob violence", "a mob beat a suspected thief to death in {p}")]),
    ("Strategic developments", 0.07, [
        ("arrest", "Arrests", "{a} arrested dozens of people in {p}"),
        ("agreement", "Agreement", "{a} and {b} agreed a local ceasefire in {p}"),
        ("interception", "Disrupted weapons use", "{a} shot down drones over {p}"),
        ("weapons_seizure", "Disrupted weapons use", "{a} seized a weapons cache in {p}"),
        ("base_established", "Headquarters or base established", "{a} set up a base near {p}"),
        ("looting", "Looting/property destruction", "{a} looted shops in {p}")]),
]
VIOLENT = {"Explosions/Remote violence", "Battles", "Violence against civilians", "Riots"}
WEAPONS = {"drone_strike": "drone", "air_strike": "aircraft", "shelling": "artillery",
           "remote_explosive": "IED", "grenade_attack": "grenade"}
SAID = ["officials said", "local media reported", "witnesses said", "a spokesman said",
        "the regional governor said", "a monitoring group said"]
MORE = ["Residents said several houses were damaged.",
        "The claim could not be independently verified.",
        "It was the third such incident in the area this month.",
        "Aid groups said hundreds of families had fled since the weekend.",
        "Neither side commented on the reports.",
        "Roads into the area remained closed on the following day."]
AGENCIES = ["Reuters", "AFP", "Associated Press", "Al Jazeera", "BBC News", "Anadolu Agency",
            "Xinhua", "dpa", "EFE", "The Guardian", "The New York Times", "Le Monde",
            "Kyiv Independent", "Sudan Tribune", "Dawn", "Premium Times", "Daily Nation",
            "Haiti Libre", "The Irrawaddy", "Rappler"]
PAPER = ["Times", "Post", "Herald", "Tribune", "Daily", "News", "Observer", "Gazette",
         "Monitor", "Express", "Chronicle", "Courier", "Voice", "Today", "24"]
SYLLABLES = ["ka", "ba", "li", "mo", "ra", "su", "ne", "to", "vi", "da", "ha", "ze", "ko",
             "ma", "ri", "lo", "sa", "ye", "du", "ni", "an", "el", "or", "us"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# -- the synthetic store -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spot:
    """A place events happen at: a point near a city."""

    name: str
    city: int
    lat: float
    lon: float
    geonameid: int


def spots(rng: random.Random) -> list[Spot]:
    """~2,000 points around the cities, more around the busier ones; a fifth carry
    the city's name, the rest a village's."""
    weights = city_weights()
    out: list[Spot] = []
    for k in range(N_PLACES):
        city = rng.choices(range(len(CITIES)), weights)[0]
        name, _, _, lat, lon = CITIES[city]
        near = rng.random() < 0.2
        spread = 0.05 if near else 0.4
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        out.append(Spot(name if near else word.capitalize() + rng.choice(["", "", "ka", "ia"]),
                        city, round(lat + rng.gauss(0, spread), 5),
                        round(lon + rng.gauss(0, spread), 5), 1_000_000 + k))
    return out


def city_weights() -> list[float]:
    """Busier cities first: the k-th city has weight 1/k^0.8."""
    return [1 / (k + 1) ** 0.8 for k in range(len(CITIES))]


def publishers(rng: random.Random) -> list[str]:
    """~200 publishers: the agencies and big titles, then local papers."""
    out = list(AGENCIES)
    while len(out) < N_PUBLISHERS:
        city = rng.choice(CITIES)[0]
        name = f"{city} {rng.choice(PAPER)}" if rng.random() < 0.7 else \
            f"The {rng.choice(SYLLABLES).capitalize()}{rng.choice(SYLLABLES)} {rng.choice(PAPER)}"
        if name not in out:
            out.append(name)
    return out


def toll(rng: random.Random, violent: bool) -> int:
    """Mostly none; a long (Pareto) tail up to 500."""
    if rng.random() > (0.4 if violent else 0.03):
        return 0
    return min(500, int(rng.paretovariate(1.1)))


@dataclass(slots=True)
class World:
    """What the events are drawn from."""

    rng: random.Random
    spots: list[Spot]
    publishers: list[str]
    publisher_weights: list[float]


def world(seed: int) -> World:
    rng = random.Random(seed)
    names = publishers(rng)
    return World(rng, spots(rng), names, [1 / (k + 1) for k in range(len(names))])


def article(w: World, k: int) -> tuple[Article, Cluster]:
    """The k-th synthetic article, with its one event, and that event's cluster."""
    rng = w.rng
    spot = rng.choice(w.spots)
    city, country, admin1, _, _ = CITIES[spot.city]
    acled_type, _, subs = rng.choices(TYPES, [t[1] for t in TYPES])[0]
    kind, sub_type, happened = rng.choice(subs)
    own, count = ACTORS.get(country, GENERIC_ACTORS), rng.choice([1, 1, 2, 2, 3])
    picked = rng.sample(own, min(len(own), count))
    picked += rng.sample(GENERIC_ACTORS, count - len(picked))
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    dated = rng.random() > 0.01
    killed, hurt = toll(rng, acled_type in VIOLENT), toll(rng, acled_type in VIOLENT)
    source = rng.choices(w.publishers, w.publisher_weights)[0]

    a_name = picked[0][0]
    b_name = picked[1][0] if len(picked) > 1 else "unidentified gunmen"
    what = happened.format(a=a_name, b=b_name, p=spot.name)
    weekday = WEEKDAYS[day.weekday()]
    text, start, sentence = write_up(rng, f"{what[0].upper()}{what[1:]} on {weekday}",
                                     killed, hurt, f"{city.upper()}, {day:%B} {day.day} "
                                     f"({source}) - ")
    at = text.index(spot.name, start)
    when = text.index(weekday, start)

    location = Location(name=spot.name, geonameid=spot.geonameid, lat=spot.lat, lon=spot.lon,
                        country=country, admin1=admin1,
                        feature="city" if spot.name == city else "other", precision=1)
    actors = [Actor(role="perpetrator" if i == 0 else "target", name=name, kind=kind_,
                    country=country if kind_ in ("military", "government") else None,
                    attribution="asserted")
              for i, (name, kind_) in enumerate(picked)]
    event = Event(
        id="e1", type=kind, acled=AcledCode(acled_type, sub_type),
        date=day.isoformat() if dated else None, date_source="text" if dated else None,
        location=location, actors=actors,
        weapons=[WEAPONS[kind]] if kind in WEAPONS else [],
        counts=[c for c in (Count("killed", killed, killed, killed) if killed else None,
                            Count("injured", hurt, hurt, hurt) if hurt else None) if c],
        fatalities=Range(killed, killed) if killed else None,
        injured=Range(hurt, hurt) if hurt else None,
        evidence=[Span(start, start + len(sentence), sentence)],
        confidence=round(rng.uniform(0.5, 0.95), 2))
    article_id = hashlib.sha256(f"serve-latency:{k}".encode()).hexdigest()[:16]
    published = day + timedelta(days=rng.choice([0, 0, 1, 1, 2]))
    slug = re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-")
    doc = Article(
        id=article_id, published=published.isoformat(), title=f"{what[0].upper()}{what[1:]}",
        text=text, source=source,
        url=f"https://www.{re.sub(r'[^a-z0-9]', '', source.lower())}.com/"
            f"{published:%Y/%m}/{slug}-{k}",
        places=[Place(at, at + len(spot.name), spot.name, spot.name, spot.geonameid, spot.lat,
                      spot.lon, country, admin1, location.feature)],
        times=[Time(when, when + len(weekday), weekday, "DATE", day.isoformat())],
        events=[event])
    return doc, cluster_of(article_id, event)


def write_up(rng: random.Random, what: str, killed: int, hurt: int,
             dateline: str) -> tuple[str, int, str]:
    """The article's text (the dateline, the event's sentence, up to two more), where
    the event's sentence starts, and that sentence (the event's evidence)."""
    figures = ", ".join(x for x in (f"killing {killed}" if killed else "",
                                    f"wounding {hurt}" if hurt else "") if x)
    sentence = f"{what}{', ' + figures if figures else ''}, {rng.choice(SAID)}."
    text = " ".join([dateline + sentence, *rng.sample(MORE, rng.randint(0, 2))])
    return text, len(dateline), sentence


def cluster_of(article_id: str, event: Event) -> Cluster:
    """The one-report cluster of an event, as the linker would write it."""
    key = f"{article_id}:{event.id}"
    fields = {"type": True, "date": event.date is not None, "location": True,
              "fatalities": event.fatalities is not None, "injured": event.injured is not None,
              "perpetrator": bool(event.actors)}
    return Cluster(id="c" + hashlib.sha1(key.encode()).hexdigest()[:12], event_ids=[key],
                   sources=1, merged=event, publishers=1, reports=1,
                   support=[Support(name, 1) for name, has in fields.items() if has])


def batches(n: int, seed: int) -> Iterator[tuple[list[Article], list[Cluster]]]:
    w = world(seed)
    for first in range(0, n, BATCH):
        pairs = [article(w, k) for k in range(first, min(n, first + BATCH))]
        yield [p[0] for p in pairs], [p[1] for p in pairs]


def build(path: Path, n: int, seed: int) -> float:
    """Write the synthetic store to `path` (via a temporary file, so a store that
    is there is whole); returns the seconds it took."""
    partial = path.with_name(path.name + ".partial")
    for stale in (partial, partial.with_name(partial.name + ".wal")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(partial) as store:
        with store.transaction():
            for done, (articles, clusters) in enumerate(batches(n, seed), start=1):
                store.add(articles)
                _write(store, clusters, [])
                took = time.perf_counter() - started
                print(f"  {min(n, done * BATCH):>9,} events, {took:6.1f} s", flush=True)
        store.con.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    partial.replace(path)
    return seconds


def stored_events(path: Path) -> int | None:
    """How many clusters (with as many articles) the store holds; None when the counts
    differ or it is not a store. A store of an older schema is migrated first."""
    with Store(path) as store:
        clusters = store.con.execute("SELECT count(*) FROM clusters").fetchone()[0]
        articles = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        record, text = store.con.execute(
            "SELECT c.record, a.record FROM clusters c JOIN cluster_members m ON "
            "m.cluster_id = c.id JOIN articles a ON a.id = m.article_id LIMIT 1").fetchone()
    from_dict(Cluster, json.loads(record))  # both load back as records
    from_dict(Article, json.loads(text))
    return int(clusters) if clusters == articles else None


def prepare(path: Path, n: int, seed: int) -> float | None:
    """Build the store unless `path` holds one of `n` events; returns the build seconds
    (None when reused)."""
    if path.exists():
        found = stored_events(path)
        if found == n:
            print(f"reusing {path} ({n:,} events)")
            return None
        held = f"{found:,} events" if found is not None else "unequal counts of events"
        raise SystemExit(f"{path} holds {held}, not {n:,}: remove it or pass another --db")
    print(f"building {path} ({n:,} events)")
    return build(path, n, seed)


def size_on_disk(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


# -- the requests ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One query of the API: its name and the URLs to time (one per request)."""

    name: str
    urls: list[str]


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    example: str
    ms: list[float]
    mean_bytes: int

    def row(self, base_p95: float) -> dict[str, Any]:
        return {"query": self.name, "example": self.example, "n": len(self.ms),
                "p50_ms": round(statistics.median(self.ms), 2),
                "p95_ms": round(p95(self.ms), 2), "max_ms": round(max(self.ms), 2),
                "p95_ratio": round(p95(self.ms) / base_p95, 1), "mean_bytes": self.mean_bytes}


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def url(path: str, **params: Any) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def bbox(lat: float, lon: float, dlat: float, dlon: float) -> str:
    return f"{lon - dlon:.4f},{lat - dlat:.4f},{lon + dlon:.4f},{lat + dlat:.4f}"


@dataclass(frozen=True, slots=True)
class Pools:
    """The stored values requests draw their parameters from."""

    ids: list[str]
    sources: list[str]
    words: list[str]
    months: list[date]
    export_places: list[str]


def pools(con: Any, client: Any, n: int) -> Pools:
    ids = [r[0] for r in con.execute("SELECT id FROM clusters ORDER BY id").fetchall()]
    sources = [r[0] for r in con.execute(
        "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1").fetchall()]
    texts = [r[0] for r in con.execute(
        "SELECT text FROM evidence ORDER BY article_id LIMIT 5000").fetchall()]
    words = sorted({w for t in texts for w in re.findall(r"[A-Za-z]{5,}", t)})
    months = sorted({date(d.year, d.month, 1) for d in
                     (FIRST_DAY + timedelta(days=k) for k in range(0, DAYS, 28))})
    # places whose export is a few hundred rows (as the page would show for a city)
    totals = {city: client.get(url("/api/events", place=city, limit=1)).json()["total"]
              for city, *_ in CITIES}
    wanted = max(50, n // 500)
    fits = [c for c, t in totals.items() if wanted <= t <= 4 * wanted]
    return Pools(ids, sources, words, months,
                 fits or sorted(totals, key=lambda c: abs(totals[c] - wanted))[:5])


def month_range(first: date) -> tuple[str, str]:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first.isoformat(), (following - timedelta(days=1)).isoformat()


def cases(p: Pools, rng: random.Random, k: int, n: int) -> list[Case]:
    """Each query with `k` varied parameter sets."""
    types = [t[0] for t in TYPES]
    actors = sorted({a for group in ACTORS.values() for a, _ in group})

    def city_box(dlat: float, dlon: float) -> str:
        _, _, _, lat, lon = rng.choice(CITIES)
        return bbox(lat, lon, dlat, dlon)

    def each(make: Callable[[int], str]) -> list[str]:
        return [make(i) for i in range(k)]

    ev = "/api/events"
    return [
        Case("events", each(lambda i: ev)),
        Case("events type=Battles", each(lambda i: url(ev, type="Battles",
                                                        offset=100 * rng.randrange(10)))),
        Case("events since/until month", each(lambda i: url(
            ev, **dict(zip(("since", "until"), month_range(rng.choice(p.months)), strict=True))))),
        Case("events bbox city", each(lambda i: url(ev, bbox=city_box(0.5, 0.7)))),
        Case("events q=word", each(lambda i: url(ev, q=rng.choice(p.words)))),
        Case("events source=", each(lambda i: url(ev, source=rng.choice(p.sources)))),
        Case("events actor=", each(lambda i: url(ev, actor=rng.choice(actors)))),
        Case("events deep offset", each(lambda i: url(
            ev, offset=rng.randrange(int(n * 0.4), max(int(n * 0.4) + 1, int(n * 0.6)))))),
        Case("map zoom=1", each(lambda i: url("/api/map", zoom=1))),
        Case("map zoom=8 bbox", each(lambda i: url("/api/map", zoom=8,
                                                    bbox=city_box(1.5, 2.5)))),
        Case("map zoom=1 type", each(lambda i: url("/api/map", zoom=1, type=types[i % 6]))),
        Case("timeline", each(lambda i: "/api/timeline")),
        Case("timeline type", each(lambda i: url("/api/timeline", type=types[i % 6]))),
        Case("facets", each(lambda i: "/api/facets")),
        Case("event by id", each(lambda i: f"/api/events/{rng.choice(p.ids)}")),
        Case("export csv place=city", each(lambda i: url("/api/export/csv",
                                                          place=rng.choice(p.export_places)))),
    ]


def timed(client: Any, case: Case) -> Timing:
    """The case's requests, each timed from sending to the last byte of the answer."""
    for warm in case.urls[:WARMUP]:
        client.get(warm)
    ms, sizes = [], []
    for address in case.urls:
        started = time.perf_counter()
        answer = client.get(address)
        ms.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"{address}: {answer.status_code} {answer.text[:300]}")
        sizes.append(len(answer.content))
    return Timing(case.name, case.urls[0], ms, int(statistics.mean(sizes)))


def baseline(con: Any, k: int) -> list[float]:
    """The bare `SELECT count(*) FROM clusters` on a plain cursor, in ms."""
    cursor = con.cursor()
    try:
        for _ in range(WARMUP):
            cursor.execute("SELECT count(*) FROM clusters").fetchone()
        ms = []
        for _ in range(k):
            started = time.perf_counter()
            cursor.execute("SELECT count(*) FROM clusters").fetchone()
            ms.append((time.perf_counter() - started) * 1000)
        return ms
    finally:
        cursor.close()


# -- the report --------------------------------------------------------------------


def table(rows: list[dict[str, Any]], base: dict[str, Any]) -> str:
    head = f"{'query':<26} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'p95/base':>9}"
    lines = [head, "-" * len(head)]
    lines += [f"{r['query']:<26} {r['n']:>4} {r['p50_ms']:>9.1f} {r['p95_ms']:>9.1f} "
              f"{r['max_ms']:>9.1f} {r['p95_ratio']:>9.0f}" for r in rows]
    lines.append(f"{'baseline: count(*) cursor':<26} {base['n']:>4} {base['p50_ms']:>9.3f} "
                 f"{base['p95_ms']:>9.3f} {base['max_ms']:>9.3f} {1:>9}")
    return "\n".join(lines)


def save(result: dict[str, Any]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    partial = RESULTS.with_name(RESULTS.name + ".tmp")
    partial.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    partial.replace(RESULTS)


def measure(db: Path, n: int, k: int, seed: int) -> tuple[list[dict[str, Any]],
                                                            dict[str, Any]]:
    """Time every case and the baseline against the store at `db`."""
    with warnings.catch_warnings():  # starlette's advice to move off httpx: not ours
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient

    from sitrep.serve.app import create_app

    app = create_app(str(db))
    con = app.state.server.store.con
    rng = random.Random(seed)
    with TestClient(app) as client:
        p = pools(con, client, n)
        timings = []
        for case in cases(p, rng, k, n):
            timings.append(timed(client, case))
            print(f"  {case.name:<26} p95 {p95(timings[-1].ms):8.1f} ms", flush=True)
    base_ms = baseline(con, max(k, 100))
    base = {"query": "SELECT count(*) FROM clusters (plain DuckDB cursor)", "n": len(base_ms),
            "p50_ms": round(statistics.median(base_ms), 4), "p95_ms": round(p95(base_ms), 4),
            "max_ms": round(max(base_ms), 4)}
    app.state.server.store.close()
    return [t.row(p95(base_ms)) for t in timings], base


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="real-world events")
    parser.add_argument("--db", type=Path, help="the store to build or reuse")
    parser.add_argument("--requests", type=int, default=60, help="timed requests a query")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    db: Path = args.db or Path(tempfile.gettempdir()) / f"sitrep-serve-latency-{args.events}.duckdb"
    build_seconds = prepare(db, args.events, args.seed)
    size = size_on_disk(db)
    rows, base = measure(db, args.events, args.requests, args.seed)
    print()
    print(table(rows, base))
    built = f"{build_seconds:.1f} s" if build_seconds is not None else "reused"
    print(f"\nstore {db}: {args.events:,} events, {size / 2**20:,.1f} MB on disk; build {built}")
    save({"events": args.events, "requests": args.requests, "warmup": WARMUP,
          "seed": args.seed, "store": {"path": str(db), "bytes": size,
                                       "build_seconds": None if build_seconds is None
                                       else round(build_seconds, 1)},
          "baseline": base, "queries": rows, "sitrep_version": __version__,
          "python": platform.python_version(), "cpus": os.cpu_count(),
          "machine": platform.machine()})
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
