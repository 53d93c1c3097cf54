"""`sitrep eval geo`: geoparsing scores on LGL, GeoVirus and GeoWebNews XML.

Recognition is precision/recall/F1 with overlap matching: a predicted span
and a gold toponym match when they share a character, one-to-one, pairing
the largest overlaps first. Resolution is scored on the recognised gold
toponyms that have coordinates: accuracy within 161 km (100 miles), median
and mean great-circle error, and the AUC of the log error curve (Gritta et
al. 2018; 0 is perfect, 1 is always the far side of the earth). A matched
prediction without coordinates counts as the worst error, `MAX_ERROR_KM`.
GeoNames ids are compared where both the gold and the prediction have one.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import InputError
from sitrep.geo.gazetteer import demonym
from sitrep.records import Place

ACCURACY_KM = 161.0
"""A resolution is right when it lies within this many km (100 miles) of the gold."""
MAX_ERROR_KM = 20038.0
"""Half the earth's equatorial circumference: the error of a place without coordinates."""
EARTH_RADIUS_KM = 6371.0088

# GeoWebNews types (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing
# Evaluation"). Literal toponyms: Literal, Mixed, Coercion, Literal_Modifier,
# Embedded_Literal; associative ones: Metonymic ("Moscow said"),
# Non_Literal_Modifier ("a US official"), Embedded_Non_Lit ("US Army").
# All of them count for recognition; `GoldToponym.kind` tells them apart.
GWN_TOPONYM_KINDS = frozenset({
    "Literal", "Mixed", "Coercion", "Literal_Modifier", "Embedded_Literal",
    "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit",
})
# Not toponyms in that scheme: demonyms ("Russians"), languages, homonyms
# (place-like names of people or things), other names, and common-noun
# location expressions ("the city"). They go to `GeoDoc.excluded`; a
# prediction on one of them is a false positive. Unknown types are excluded too.
GWN_EXCLUDED_KINDS = frozenset({
    "Demonym", "Language", "Homonym", "Non_Toponym",
    "Literal_Expression", "Non_Lit_Expression",
})
GEOVIRUS_SHIFT = 1
"""GeoVirus offsets are one character too far right; readers subtract this first."""
BASELINE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold place name; `text == doc.text[start:end]`."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str
    """The GeoWebNews type ("Literal", "Metonymic", ...); "toponym" in LGL and GeoVirus."""
    name: str | None = None
    """The gazetteer or normalised name the annotators gave, if any."""
    modifier: str = ""
    """GeoWebNews modifierType: "Adjective", "Noun" or ""."""


@dataclass(slots=True)
class GeoDoc:
    name: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    excluded: list[GoldToponym] = field(default_factory=list)
    """GeoWebNews gold spans that are not toponyms (see `GWN_EXCLUDED_KINDS`)."""


@dataclass(slots=True)
class AlignStats:
    """How gold offsets were made to fit the text (see `align_span`)."""

    exact: int = 0
    shifted: int = 0
    searched: int = 0
    dropped: int = 0


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class Predicted(Span, Protocol):
    """What a geoparser returns per place; `sitrep.records.Place` is one."""

    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def geonameid(self) -> int | None: ...


Geoparser = Callable[[str], Sequence[Predicted]]


# ---------------------------------------------------------------- readers

def align_span(text: str, start: int, end: int, phrase: str,
               stats: AlignStats) -> tuple[int, int] | None:
    """Offsets where `text` holds `phrase`: as given, shifted by up to 3, or nearest.

    >>> align_span("in Paris.", 4, 9, "Paris", AlignStats())
    (3, 8)
    """
    if not phrase or text[start:end] == phrase:
        stats.exact += 1
        return start, end
    n = len(phrase)
    for d in (-1, 1, -2, 2, -3, 3):
        if start + d >= 0 and text[start + d:start + d + n] == phrase:
            stats.shifted += 1
            return start + d, start + d + n
    hits = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not hits:
        stats.dropped += 1
        return None
    stats.searched += 1
    s = min(hits, key=lambda h: abs(h - start))
    return s, s + n


def _num(el: ET.Element | None, tag: str) -> float | None:
    value = el.findtext(tag) if el is not None else None
    return float(value) if value and value.strip() else None


def _id(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _span(el: ET.Element, shift: int = 0) -> tuple[int, int] | None:
    start, end = _id(el.findtext("start")), _id(el.findtext("end"))
    return None if start is None or end is None else (start - shift, end - shift)


def _lgl(el: ET.Element) -> GoldToponym | None:
    span, gaz = _span(el), el.find("gaztag")
    if span is None:
        return None
    return GoldToponym(*span, el.findtext("phrase") or "", _num(gaz, "lat"), _num(gaz, "lon"),
                       _id(gaz.get("geonameid")) if gaz is not None else None, "toponym",
                       name=gaz.findtext("name") if gaz is not None else None)


def _geovirus(el: ET.Element) -> GoldToponym | None:
    span = _span(el, GEOVIRUS_SHIFT)
    if span is None:
        return None
    return GoldToponym(*span, el.findtext("name") or "", _num(el, "lat"), _num(el, "lon"),
                       None, "toponym", name=el.findtext("altName") or el.findtext("name"))


def _geowebnews(el: ET.Element) -> GoldToponym | None:
    span = _span(el)
    if span is None:
        return None
    return GoldToponym(*span, el.findtext("extractedName") or "", _num(el, "latitude"),
                       _num(el, "longitude"), _id(el.findtext("geonamesID")),
                       el.findtext("type") or "", name=el.findtext("normalisedName") or None,
                       modifier=el.findtext("modifierType") or "")


# format -> (annotation element, reader of one annotation)
FORMATS: dict[str, tuple[str, Callable[[ET.Element], GoldToponym | None]]] = {
    "LGL": ("toponym", _lgl),
    "GeoVirus": ("location", _geovirus),
    "GeoWebNews": ("toponym", _geowebnews),
}


def detect_format(root: ET.Element) -> str | None:
    """"LGL", "GeoVirus" or "GeoWebNews" from the annotation elements, else None."""
    for tp in root.iter("toponym"):
        return "GeoWebNews" if tp.find("extractedName") is not None else "LGL"
    return "GeoVirus" if root.find(".//locations") is not None else None


def read_corpus(path: Path, stats: AlignStats | None = None) -> list[GeoDoc]:
    """The documents of an LGL, GeoVirus or GeoWebNews XML file, gold spans aligned.

    Demonyms are excluded from the gold toponyms of every format: GeoWebNews'
    Demonym type and adjective modifiers, and in LGL and GeoVirus the forms in
    sitrep's demonym list.

    Dropped (`stats.dropped`): spans whose phrase is not in the text and spans
    without offsets or with negative ones (five in GeoWebNews, in the title).
    """
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(f"cannot read XML: {exc}", source=str(path)) from exc
    fmt = detect_format(root)
    if fmt is None:
        raise InputError("neither LGL, GeoVirus nor GeoWebNews XML "
                         "(no <toponym> or <locations> elements)", source=str(path))
    tag, reader = FORMATS[fmt]
    stats = stats if stats is not None else AlignStats()
    docs = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        doc = GeoDoc(art.get("docid") or art.get("file") or str(i), text)
        for el in art.iter(tag):
            gold = _aligned(text, reader(el), stats)
            if gold is not None and (gold.modifier == "Adjective" or (
                    fmt != "GeoWebNews" and demonym(gold.text))):
                # Adjectival forms ("Russian troops") are demonyms, which the task
                # excludes: LGL marks them as toponyms, GeoWebNews as adjective modifiers.
                gold = replace(gold, kind="Demonym")
            if gold is not None:
                keep = gold.kind in GWN_TOPONYM_KINDS if fmt == "GeoWebNews" else (
                    gold.kind != "Demonym")
                (doc.toponyms if keep else doc.excluded).append(gold)
        docs.append(doc)
    return docs


def _aligned(text: str, gold: GoldToponym | None, stats: AlignStats) -> GoldToponym | None:
    if gold is None:
        stats.dropped += 1
        return None
    span = align_span(text, gold.start, gold.end, gold.text, stats)
    if span is None:
        return None
    return replace(gold, start=span[0], end=span[1], text=text[span[0]:span[1]])


# ---------------------------------------------------------------- scoring

def overlap(a: Span, b: Span) -> int:
    """Characters two spans share (0 when disjoint)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: one-to-one, largest overlap first."""
    cands = sorted((-overlap(g, p), i, j) for i, g in enumerate(gold)
                   for j, p in enumerate(pred) if overlap(g, p))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(0, 0, 0, 1), 1)
    111.2
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_km(gold: GoldToponym, pred: Predicted) -> float:
    """Distance from gold to prediction; `MAX_ERROR_KM` if the prediction has no coordinates."""
    assert gold.lat is not None and gold.lon is not None
    if pred.lat is None or pred.lon is None:
        return MAX_ERROR_KM
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)


@dataclass(slots=True)
class Tally:
    """Counts summed over documents; `summary()` turns them into scores."""

    documents: int = 0
    predicted: int = 0
    errors_km: list[float] = field(default_factory=list)
    gold_with_coords: int = 0
    unresolved: int = 0
    ids: Counter[bool] = field(default_factory=Counter)
    gold_kinds: Counter[str] = field(default_factory=Counter)
    found_kinds: Counter[str] = field(default_factory=Counter)
    excluded: Counter[str] = field(default_factory=Counter)
    predicted_on_excluded: Counter[str] = field(default_factory=Counter)
    mistakes: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, doc: GeoDoc, pred: Sequence[Predicted]) -> None:
        """Count one document's predictions against its gold."""
        self.documents += 1
        self.predicted += len(pred)
        pairs = match(doc.toponyms, pred)
        for i, j in pairs:
            self._resolved(doc.toponyms[i], pred[j])
        self.gold_kinds.update(g.kind for g in doc.toponyms)
        self.excluded.update(g.kind for g in doc.excluded)
        self.gold_with_coords += sum(g.lat is not None and g.lon is not None
                                     for g in doc.toponyms)
        hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
        self.mistakes.update(("missed", g.text) for i, g in enumerate(doc.toponyms)
                             if i not in hit_g)
        spurious = [p for j, p in enumerate(pred) if j not in hit_p]
        self.mistakes.update(("spurious", doc.text[p.start:p.end]) for p in spurious)
        for p in spurious:
            kinds = {g.kind for g in doc.excluded if overlap(g, p)}
            self.predicted_on_excluded.update(kinds)

    def _resolved(self, gold: GoldToponym, pred: Predicted) -> None:
        self.found_kinds[gold.kind] += 1
        if gold.geonameid is not None and pred.geonameid is not None:
            self.ids[gold.geonameid == pred.geonameid] += 1
        if gold.lat is None or gold.lon is None:
            return
        err = error_km(gold, pred)
        self.errors_km.append(err)
        if pred.lat is None or pred.lon is None:
            self.unresolved += 1
            self.mistakes["unresolved", gold.text] += 1
        elif err > ACCURACY_KM:
            self.mistakes["far", gold.text] += 1

    def summary(self, errors: int = 0) -> dict[str, Any]:
        """Scores as a JSON-ready dict; with `errors`, the commonest mistakes too."""
        found = sum(self.found_kinds.values())
        out: dict[str, Any] = {
            "documents": self.documents,
            "recognition": _prf(found, self.predicted, sum(self.gold_kinds.values())),
            "resolution": _resolution(self.errors_km, self.gold_with_coords, self.unresolved),
            "geonameid": {"compared": sum(self.ids.values()),
                          "match_rate": _ratio(self.ids[True], sum(self.ids.values()))},
            "recall_by_kind": {k: {"gold": n, "recall": _ratio(self.found_kinds[k], n)}
                               for k, n in self.gold_kinds.most_common()},
            "excluded": {k: {"gold": n, "predicted": self.predicted_on_excluded[k]}
                         for k, n in self.excluded.most_common()},
        }
        if errors:
            out["errors"] = [{"error": kind, "text": text, "count": n}
                             for (kind, text), n in self.mistakes.most_common(errors)]
        return out


def _ratio(num: float, den: float) -> float:
    return round(num / den, 4) if den else 0.0


def _prf(matched: int, predicted: int, gold: int) -> dict[str, Any]:
    return {"gold": gold, "predicted": predicted, "matched": matched,
            "precision": _ratio(matched, predicted), "recall": _ratio(matched, gold),
            "f1": _ratio(2 * matched, predicted + gold)}


def _resolution(errs: list[float], with_coords: int, unresolved: int) -> dict[str, Any]:
    """Accuracy@161 km, median/mean km and AUC over the errors of recognised gold."""
    out: dict[str, Any] = {"gold_with_coords": with_coords, "scored": len(errs),
                           "unresolved": unresolved}
    if not errs:
        return out | {"acc161": None, "median_km": None, "mean_km": None, "auc": None}
    auc = statistics.fmean(math.log1p(e) for e in errs) / math.log1p(MAX_ERROR_KM)
    return out | {"acc161": _ratio(sum(e <= ACCURACY_KM for e in errs), len(errs)),
                  "median_km": round(statistics.median(errs), 1),
                  "mean_km": round(statistics.fmean(errs), 1), "auc": round(auc, 4)}


def score(docs: Iterable[GeoDoc], geoparse: Geoparser, *, limit: int | None = None,
          errors: int = 0) -> dict[str, Any]:
    """Run `geoparse` on each document's text (the first `limit` ones) and score it.

    Keys: documents, recognition (gold, predicted, matched, precision, recall,
    f1), resolution (gold_with_coords, scored, unresolved, acc161, median_km,
    mean_km, auc), geonameid (compared, match_rate), recall_by_kind, excluded
    (GeoWebNews non-toponym kinds: gold count, predictions on them) and, with
    `errors`, the N commonest mistakes (missed, spurious, far, unresolved).
    Predictions without lat/lon count as `MAX_ERROR_KM` off in resolution.
    """
    tally = Tally()
    for n, doc in enumerate(docs):
        if limit is not None and n >= limit:
            break
        tally.add(doc, geoparse(doc.text))
    return tally.summary(errors)


def ner_baseline(model: str) -> Geoparser:
    """spaCy's GPE/LOC/FAC entities as places without coordinates (recognition only)."""
    from sitrep.nlp.model import load_model

    nlp = load_model(model)

    def parse(text: str) -> list[Place]:
        return [Place(e.start_char, e.end_char, e.text, e.text)
                for e in nlp(text).ents if e.label_ in BASELINE_LABELS]

    return parse
