"""Readers for the event evaluations' gold data, and the label and name tables.

Each reader raises InputError naming the file when the file as a whole cannot be
read (missing, not UTF-8, not the expected columns or JSON shape) and skips a
malformed row with a logged warning naming the file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError, InputError
from sitrep.geo.gazetteer import normalise
from sitrep.records import AcledCode
from sitrep.rules import WORDS, Check, MapOf, Maybe, Required, load_rules, validate

log = logging.getLogger(__name__)

CASE_COLUMNS = ("id", "EventSnippet", "SubType")
FAKES_COLUMNS = ("unit_id", "article_content", "date", "location")
SKIPPED_PLOVER_EVENTS = frozenset({"DOCUMENT"})
"""PLOVER records that document the file rather than code a sentence."""


@dataclass(frozen=True, slots=True)
class CaseSnippet:
    """One CASE 2021 snippet and its label code ("AIR_STRIKE", "NATURAL_DISASTER")."""

    id: str
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class FakesArticle:
    """One FA-KES article; rows repeating an id add their locations here."""

    id: str
    text: str
    published: str | None
    locations: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class PloverSentence:
    """One PLOVER gold record: ISO3 codes of its source and target countries."""

    id: str
    text: str
    event_type: str
    mode: str | None = None
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


# ---------------------------------------------------------------- files

def _open_text(path: Path) -> str:
    """The file's text, or InputError: missing, unreadable or not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror or exc})", source=str(path)) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start}); re-save it as UTF-8",
                         source=str(path)) from exc


def _csv_rows(path: Path, columns: tuple[str, ...], *,
              delimiter: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of a CSV/TSV file with a header holding `columns`."""
    # StringIO, not splitlines(): a snippet may hold U+2028 or a form feed.
    reader = csv.DictReader(io.StringIO(_open_text(path), newline=""), delimiter=delimiter)
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"no column {', '.join(missing)} in the header "
                         f"(expected {', '.join(columns)})", source=str(path), line=1)
    try:
        for row in reader:
            if None in row or None in row.values():
                log.warning("%s:%d: not %d fields; row skipped", path, reader.line_num,
                            len(reader.fieldnames or []))
                continue
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({exc})", source=str(path),
                         line=reader.line_num) from exc


# ---------------------------------------------------------------- CASE 2021

def _acled_pair(pair: object) -> str | None:
    if isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair):
        return None
    return f"give [event type, sub-event type], got {pair!r}"


# case2021.yaml: label code -> [ACLED event type, sub-event type]; the non-ACLED codes
CASE_LABELS = {"acled": Required(MapOf(Check(_acled_pair, "[event type, sub-event type]"))),
               "no_acled": Required(WORDS)}


def read_case(path: Path, *, labels: dict[str, AcledCode | None] | None = None,
              ) -> list[CaseSnippet]:
    """The snippets of a CASE 2021 task 2 TSV (id, EventSnippet, SubType).

    Rows with an empty snippet, a label that `labels` (default: case2021.yaml)
    does not know, or an id seen before are skipped with a warning.
    Example: `read_case(Path("../shared/data/events/case2021-acled-subtypes.dev.tsv"))`.
    """
    known = load_case_labels() if labels is None else labels
    out: list[CaseSnippet] = []
    seen: set[str] = set()
    for line, row in _csv_rows(path, CASE_COLUMNS, delimiter="\t"):
        sid, text, label = row["id"].strip(), row["EventSnippet"].strip(), row["SubType"].strip()
        problem = ("no snippet" if not text else f"unknown label {label!r}" if label not in known
                   else f"id {sid!r} seen before" if sid in seen else None)
        if problem:
            log.warning("%s:%d: %s; row skipped", path, line, problem)
            continue
        seen.add(sid)
        out.append(CaseSnippet(sid, text, label))
    return out


def load_case_labels(path: Path | None = None) -> dict[str, AcledCode | None]:
    """CASE 2021 label code -> its ACLED code, None for the non-ACLED kinds.

    >>> load_case_labels()["AIR_STRIKE"]
    AcledCode(event_type='Explosions/Remote violence', sub_event_type='Air/drone strike')
    >>> load_case_labels()["NATURAL_DISASTER"] is None
    True
    """
    source = str(path or "case2021.yaml")
    if path is None:
        raw = load_rules(__package__ or "", "case2021.yaml", schema=CASE_LABELS)
    else:
        raw = _yaml(path, "case2021.yaml")
        validate(raw, CASE_LABELS, source)
    out = {str(code): AcledCode(pair[0], pair[1]) for code, pair in raw["acled"].items()}
    if len({c.sub_event_type for c in out.values()}) != len(out):
        raise ConfigError(f"{source}: two codes map to the same ACLED sub-event type")
    return {**out, **{str(code): None for code in raw["no_acled"]}}


# ---------------------------------------------------------------- FA-KES

def read_fakes(path: Path) -> list[FakesArticle]:
    """The articles of a FA-KES CSV (unit_id, article_title, article_content,
    source, date, location, labels), in file order.

    Rows sharing a unit_id are one article with several gold locations. Dates
    are month/day/year ("4/16/2017"); an unreadable one becomes None with a
    warning. Rows without text or location are skipped with a warning.
    Example: `read_fakes(Path("../shared/data/events/fa-kes.dev.csv"))`.
    """
    found: dict[str, FakesArticle] = {}
    for line, row in _csv_rows(path, FAKES_COLUMNS, delimiter=","):
        aid, place = row["unit_id"].strip(), row["location"].strip()
        if not row["article_content"].strip() or not place:
            log.warning("%s:%d: no article text or no location; row skipped", path, line)
            continue
        old = found.get(aid)
        if old is not None:
            if place not in old.locations:
                found[aid] = _with_location(old, place)
            continue
        found[aid] = FakesArticle(aid, row["article_content"].strip(),
                                  _mdy(row["date"], f"{path}:{line}"), (place,),
                                  (row.get("article_title") or "").strip())
    return list(found.values())


def _with_location(article: FakesArticle, place: str) -> FakesArticle:
    return FakesArticle(article.id, article.text, article.published,
                        (*article.locations, place), article.title)


def _mdy(text: str, where: str) -> str | None:
    """"4/16/2017" -> "2017-04-16"; None (with a warning) when it is no such date."""
    try:
        return dt.datetime.strptime(text.strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        log.warning("%s: date %r is not month/day/year; left out", where, text)
        return None


# ---------------------------------------------------------------- PLOVER

def read_plover(path: Path) -> list[PloverSentence]:
    """The coded sentences of a PLOVER gold standard records JSON file (a list).

    The DOCUMENT record is left out; records without text or event are skipped
    with a warning. Actor codes become ISO3 country codes by `country_code`;
    codes that name no country (IGO, NGO...) are dropped.
    Example: `read_plover(Path("../shared/data/events/plover-gsr.json"))`.
    """
    try:
        records = json.loads(_open_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg})", source=str(path), line=exc.lineno) from exc
    if not isinstance(records, list):
        raise InputError("expected a JSON list of PLOVER records", source=str(path))
    out = []
    for i, rec in enumerate(records):
        if isinstance(rec, dict) and rec.get("event") in SKIPPED_PLOVER_EVENTS:
            continue
        sentence = _plover_record(rec)
        if sentence is None:
            log.warning("%s: record %d has no text or no event; skipped", path, i)
        else:
            out.append(sentence)
    return out


def _plover_record(rec: Any) -> PloverSentence | None:
    if not isinstance(rec, dict):
        return None
    text, event = rec.get("text"), rec.get("event")
    if not isinstance(text, str) or not text.strip() or not isinstance(event, str) or not event:
        return None
    mode = rec.get("mode")
    return PloverSentence(str(rec.get("id", "")), text.strip(), event.upper(),
                          mode if isinstance(mode, str) and mode else None,
                          _countries(rec.get("source")), _countries(rec.get("target")))


def _countries(actors: Any) -> tuple[str, ...]:
    """The distinct country codes of a PLOVER source or target list, in order."""
    if not isinstance(actors, list):  # absent, "" or a stray word
        return ()
    codes = (country_code(str(a.get("code", ""))) for a in actors if isinstance(a, dict))
    return tuple(dict.fromkeys(c for c in codes if c))


def country_code(code: str) -> str | None:
    """A PLOVER/CAMEO actor code as an ISO3 country code, None if it names no country.

    >>> country_code("JAP"), country_code("usa"), country_code("IGO")
    ('JPN', 'USA', None)
    """
    import pycountry

    code = code.strip().upper()
    code = _names().cameo.get(code, code)
    return code if len(code) == 3 and pycountry.countries.get(alpha_3=code) else None


# ---------------------------------------------------------------- place names

def place_key(name: str) -> str:
    """The form FA-KES gold names and predicted place names are compared in:
    `normalise`d, apostrophes dropped, known variants mapped to the gold spelling.

    >>> place_key("Dayr az Zawr"), place_key("Dar‘ā"), place_key("Ḩamāh")
    ('deir ezzor', 'daraa', 'hama')
    """
    key = _fold(name)
    return _names().places.get(key, key)


def place_variants(name: str) -> tuple[str, ...]:
    """The spellings events_names.yaml lists for the place `name` is a spelling of.

    >>> place_variants("Idleb")
    ('Idleb', 'Idlib Governorate')
    """
    return _names().spellings.get(place_key(name), ())


def _fold(name: str) -> str:
    return normalise(name).replace("'", "")


@dataclass(frozen=True, slots=True)
class _Names:
    places: dict[str, str]
    """Folded spelling -> folded gold name."""
    spellings: dict[str, tuple[str, ...]]
    """Folded gold name -> its listed spellings."""
    cameo: dict[str, str]
    """CAMEO country code -> ISO3."""


# events_names.yaml: a FA-KES gold place -> its other spellings; CAMEO code -> ISO3
EVENT_NAMES = {"places": Required(MapOf(Maybe(WORDS))), "cameo_countries": Required(MapOf(str))}


@cache
def _names() -> _Names:
    """events_names.yaml as lookup tables."""
    raw = load_rules(__package__ or "", "events_names.yaml", schema=EVENT_NAMES)
    places, cameo = raw["places"], raw["cameo_countries"]
    spellings = {_fold(str(gold)): tuple(str(v) for v in vs or []) for gold, vs in places.items()}
    folded = {_fold(v): gold for gold, vs in spellings.items() for v in vs}
    folded.update({gold: gold for gold in spellings})
    return _Names(folded, spellings, {str(k): str(v) for k, v in cameo.items()})


def _yaml(path: Path | None, packaged: str) -> dict[str, Any]:
    """A YAML mapping from `path`, else the file packaged beside this module."""
    source = str(path or packaged)
    try:
        text = path.read_text("utf-8") if path else (
            resources.files(__package__).joinpath(packaged).read_text("utf-8"))
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{source}: cannot read it ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a YAML mapping")
    return data
