"""`sitrep eval crossdoc`: B-cubed F1 of the clusters on a gold set of articles.

The set is a folder with `articles/*.txt` and `gold.yaml` (events, each with the
files that report it; see tests/crossdoc/data/README.md). Items are (article, gold
event) pairs. Each event sitrep extracts is mapped to the gold event of its article
that it reports: a kindred kind (a strike, a shelling and a clash are all violence;
a protest and arrests at it are one family), the gold city among its location,
province or sub-locations (or, for a village the gazetteer lacks, its location the
province or district the gold's detail names, or the town a district is named
after), and its day within a day of the gold date (a day the article did not give, the
publication day's, up to three days after it). An item's
system cluster is the cluster of the event mapped to it (a miss is a singleton);
events mapped to no item are counted as spurious. An undated event (its article
gave no day) reports a gold event on kind and place alone.

Disagreements: each gold event's `claims` of kind `update` or `contradiction` on a
field sitrep keeps (figures: fatalities, injured and counts such as detained or
shot_down; perpetrator, outside support, target) are looked for in the clusters
its items went to: a contradiction is kept when one of those clusters has a
contradiction on the field, an update when it has the field's updates and no
contradiction on it (else the update was reported as a contradiction). A
contradiction sitrep reports that no gold claim of its event names is false.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sitrep.crossdoc.cluster import WINDOW
from sitrep.crossdoc.link import link_articles
from sitrep.crossdoc.refs import type_groups
from sitrep.errors import InputError
from sitrep.geo.gazetteer import Entry, default_gazetteer
from sitrep.geo.rank import km
from sitrep.records import Article, Cluster, Contradiction, Event

# gold kinds (words in them) -> the groups of sitrep's types they may be
KINDS = (("abduct", {"abduction"}), ("captur", {"capture", "withdrawal"}),
         ("ceasefire", {"agreement"}), ("agreement", {"agreement"}),
         ("protest", {"demonstration", "arrest"}), ("arrest", {"arrest", "demonstration"}),
         ("riot", {"demonstration", "violence"}),  # a violent demonstration or mob violence
         ("intercept", {"violence", "shootdown"}), ("", {"violence", "shootdown"}))


# gold claim fields -> the field sitrep's ledger gives them
FIELDS = {"fatalities": "fatalities", "killed": "fatalities", "injured": "injured",
          "wounded": "injured", "detained": "detained", "arrested": "detained",
          "abducted": "abducted", "shot_down": "shot_down", "interceptions": "shot_down",
          "intercepted": "shot_down", "launched": "launched", "participants": "participants",
          "perpetrator": "perpetrator", "outside support": "outside support",
          "target": "target", "victims": "target", "perpetrator_target": "target"}


@dataclass(frozen=True, slots=True)
class GoldClaim:
    field: str  # sitrep's name for it (FIELDS)
    kind: str  # "update" or "contradiction"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    kind: str
    day: date
    city: str
    country: str | None
    files: tuple[str, ...]
    detail: str = ""  # the place's finer or wider names ("Kajuru area, Kaduna state")
    claims: tuple[GoldClaim, ...] = ()


def read_gold(folder: Path) -> list[GoldEvent]:
    path = folder / "gold.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [GoldEvent(str(e["id"]), str(e["kind"]), date.fromisoformat(str(e["date"])),
                          str(e["place"]["city"]), e["place"].get("country"),
                          tuple(str(a["file"]) for a in e["articles"]),
                          str(e["place"].get("detail") or ""), gold_claims(e.get("claims")))
                for e in raw["events"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a crossdoc gold file ({exc})", source=str(path)) from exc


def gold_claims(raw: Any) -> tuple[GoldClaim, ...]:
    """The claims sitrep can be scored on: a known field, of kind update, contradiction
    or both ("contradiction and update": a figure one side revises and another disputes)."""
    found = []
    for claim in raw or []:
        field = FIELDS.get(str(claim.get("field", "")).lower())
        kind = str(claim.get("kind", ""))
        found += [GoldClaim(field, k) for k in ("contradiction", "update") if field and k in kind]
    return tuple(dict.fromkeys(found))


def _groups(kind: str) -> set[str]:
    return next(groups for word, groups in KINDS if word in kind.lower())


def reports(event: Event, gold: GoldEvent) -> bool:
    """Whether an extracted event tells of a gold event (kind, city, day)."""
    if type_groups().get(event.type, event.type) not in _groups(gold.kind):
        return False
    if event.date is not None and not _on_day(event, gold):
        return False
    loc = event.location
    names = [*event.sub_locations, *([loc.name, loc.admin1 or ""] if loc else [])]
    if any(_key(gold.city) == _key(_bare(n)) for n in names if n):
        return True
    if loc is None:
        return False
    if loc.feature in ("admin1", "region") and _key(loc.name) \
            and _key(loc.name) in _key(gold.detail):
        return True  # the province the gold names, for a village the gazetteer lacks
    if _district(loc.name, gold.detail):
        return True  # the district the gold names, or the town it is named after
    city = _geocode(gold.city, gold.country)
    if city is None or loc.lat is None or loc.lon is None:
        return False
    near = km(city.lat, city.lon, loc.lat, loc.lon) <= NEAR_KM
    return near or (loc.feature in ("admin1", "region") and _key(loc.name) == _key(city.admin1))


NEAR_KM = 50.0


def _on_day(event: Event, gold: GoldEvent) -> bool:
    """Within a day of the gold's; or, for an event its article gave no day for (dated
    by its publication, `date_source` "published"), published within the days clusters
    look across (`WINDOW`) after the gold's: such a report is scored, like an undated
    one, on how it is linked, not on a day nobody wrote."""
    gap = (date.fromisoformat((event.date or "")[:10]) - gold.day).days
    return abs(gap) <= 1 or (event.date_source == "published" and 0 <= gap <= WINDOW)


def _district(name: str, detail: str) -> bool:
    """Whether the gold's detail names a district by this name ("village in Kankara
    local government area", "Douentza circle"): an event placed at it, or at the town
    it is named after, is placed as precisely as the gazetteer allows."""
    key = _key(_bare(name))
    return bool(key) and any(_key(m.group(1)) == key for m in _DISTRICT.finditer(detail))


_DISTRICT = re.compile(r"([A-Z][\w'-]*(?:[ -][A-Z][\w'-]*){0,2})\s+(?:circle|cercle|territory|"
                       r"local government area|district|department|township|county)\b")


def _bare(name: str) -> str:
    """A place's name without a last word that says what it is ("Mulenge district")."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in GENERIC else name


GENERIC = frozenset({"area", "district", "town", "village", "city"})


def _key(name: str | None) -> str:
    """A name without accents, case, articles and punctuation ("Khān Yūnis" ~ "Khan Yunis")."""
    flat = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", flat.lower().replace("al-", ""))


@cache
def _geocode(city: str, country: str | None) -> Entry | None:
    """The gold's city: a town of the name before a province of it ("Zaporizhzhia" is
    the city, not Zaporizka oblast, whose point lies 80 km away)."""
    found = [e for e in default_gazetteer().lookup(city)
             if country is None or e.country == country]
    return max(found, key=lambda e: (e.feature == "city", e.population), default=None)


def bcubed(system: dict[tuple[str, str], str], gold: Sequence[GoldEvent]) -> dict[str, float]:
    """B-cubed P/R/F1 over the items (file, gold event id); `system` gives an item's
    cluster (items missing from it are singletons)."""
    items = [(f, g.id) for g in gold for f in g.files]
    cluster = {i: system.get(i, f"missed:{i}") for i in items}
    p = r = 0.0
    for item in items:
        same_sys = {j for j in items if cluster[j] == cluster[item]}
        same_gold = {j for j in items if j[1] == item[1]}
        both = len(same_sys & same_gold)
        p += both / len(same_sys)
        r += both / len(same_gold)
    p, r = p / len(items), r / len(items)
    return {"items": len(items), "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score(folder: Path, articles: Sequence[Article]) -> dict[str, Any]:
    """Cluster the processed articles (their ids are the file names) and score them."""
    gold = read_gold(folder)
    clusters, disputes = link_articles(articles)
    cluster_of = {key: c.id for c in clusters for key in c.event_ids}
    system: dict[tuple[str, str], str] = {}
    spurious = mapped = 0
    for article in articles:
        golds = [g for g in gold if article.id in g.files]
        # dated events first: an undated one maps only where no dated one did;
        # aggregates ("17 days of attacks") join no cluster and map to nothing
        for event in sorted(article.events, key=lambda e: e.date is None):
            target = None if event.aggregate else next(
                (g for g in golds if (article.id, g.id) not in system and reports(event, g)),
                None)
            if target is None:
                spurious += not event.aggregate
                continue
            mapped += 1
            system[(article.id, target.id)] = cluster_of.get(f"{article.id}:{event.id}",
                                                             f"{article.id}:{event.id}")
    out: dict[str, Any] = dict(bcubed(system, gold))
    out.update({"articles": len(articles), "gold_events": len(gold), "clusters": len(clusters),
                "mapped": mapped, "spurious": spurious, "contradictions": len(disputes)})
    out["disagreements"] = score_claims(gold, system, clusters, disputes)
    return out


def score_claims(gold: Sequence[GoldEvent], system: dict[tuple[str, str], str],
                 clusters: Sequence[Cluster], disputes: Sequence[Contradiction]
                 ) -> dict[str, Any]:
    """Gold disagreements kept, updates reported as contradictions, false contradictions
    (see the module docstring)."""
    updated = {(c.id, u.field) for c in clusters for u in c.updates}
    disputed = {(x.cluster_id, x.field) for x in disputes}
    owner: dict[str, set[str]] = {}  # cluster -> the gold events it holds items of
    for (_, gold_id), cluster_id in system.items():
        owner.setdefault(cluster_id, set()).add(gold_id)
    kept = missed = as_contradiction = 0
    lost: list[str] = []
    for event in gold:
        mine = {c for (_, g), c in system.items() if g == event.id}
        for claim in event.claims:
            if claim.kind == "contradiction":
                ok = any((c, claim.field) in disputed for c in mine)
            else:
                ok = any((c, claim.field) in updated for c in mine)
                wrong = any((c, claim.field) in disputed for c in mine) and not any(
                    x.field == claim.field and x.kind == "contradiction" for x in event.claims)
                as_contradiction += wrong
                ok = ok and not wrong
            kept += ok
            missed += not ok
            if not ok:
                lost.append(f"{event.id} {claim.field} {claim.kind}")
    named = {(g.id, c.field) for g in gold for c in g.claims if c.kind == "contradiction"}
    false = [f"{x.cluster_id} {x.field}" for x in disputes
             if not any((g, x.field) in named for g in owner.get(x.cluster_id, ()))]
    total = kept + missed
    return {"gold": total, "kept": kept, "share_kept": round(kept / total, 4) if total else 1.0,
            "updates_as_contradictions": as_contradiction, "false_contradictions": len(false),
            "lost": lost, "false": false}


def evaluate_folder(folder: Path) -> dict[str, Any]:
    """Run sitrep on the set's articles (each known by its file name) and score it.
    Example: `evaluate_folder(Path("tests/crossdoc/data"))`."""
    from sitrep.ingest.sources import Ingested, read_paths
    from sitrep.pipeline import Pipeline

    paths = sorted((folder / "articles").glob("*.txt"))
    if not paths:
        raise InputError("no articles/*.txt here; give a crossdoc set folder", source=str(folder))
    articles = []
    for path in paths:
        for item in read_paths([str(path)]):
            if isinstance(item, Ingested):
                item.article.id = path.name
                articles.append(item.article)
    return score(folder, list(Pipeline().pipe(articles)))
