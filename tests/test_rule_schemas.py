"""Every rule file the package ships is read through `sitrep.rules.load_rules` with the
schema its reader declares: the files fit their schemas, the readers pass them, and an
unknown key or a wrong type is named with its file and line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import sitrep
from sitrep import rules
from sitrep.actors import lexicon as actors_lexicon
from sitrep.crossdoc import ledger
from sitrep.errors import ConfigError
from sitrep.eval import events_read
from sitrep.events import counts, numbers, weapons
from sitrep.events import lexicon as events_lexicon
from sitrep.events import words as event_words
from sitrep.export import acled_codes
from sitrep.geo import gazetteer, gazetteer_build, rank, recognize
from sitrep.ingest import clean, language
from sitrep.rules import load_rules
from sitrep.statements import lexicon as statements_lexicon
from sitrep.temporal import conventions, grammar

# (package, file) -> the schema its reader declares
SCHEMAS: dict[tuple[str, str], dict[str, Any]] = {
    ("sitrep.actors", "actors.yaml"): actors_lexicon.ACTORS,
    ("sitrep.crossdoc", "targets.yaml"): ledger.TARGETS,
    ("sitrep.eval", "case2021.yaml"): events_read.CASE_LABELS,
    ("sitrep.eval", "events_names.yaml"): events_read.EVENT_NAMES,
    ("sitrep.events", "counts.yaml"): counts.COUNTS,
    ("sitrep.events", "numbers.yaml"): numbers.NUMBERS,
    ("sitrep.events", "triggers.yaml"): events_lexicon.TRIGGERS,
    ("sitrep.events", "types.yaml"): events_lexicon.TYPES,
    ("sitrep.events", "weapons.yaml"): weapons.WEAPONS,
    ("sitrep.events", "words.yaml"): event_words.WORD_LISTS,
    ("sitrep.export", "acled.yaml"): acled_codes.ACLED,
    ("sitrep.export", "acled_regions.yaml"): acled_codes.ACLED_REGION_CODES,
    ("sitrep.geo", "country_points.yaml"): gazetteer_build.COUNTRY_POINTS,
    ("sitrep.geo", "demonyms.yaml"): gazetteer.DEMONYMS,
    ("sitrep.geo", "exonyms.yaml"): gazetteer_build.EXONYMS,
    ("sitrep.geo", "rank_weights.yaml"): rank.RANK_WEIGHTS,
    ("sitrep.geo", "regions.yaml"): gazetteer_build.REGIONS,
    ("sitrep.geo", "rules.yaml"): recognize.RULES,
    ("sitrep.ingest", "clean_rules.yaml"): clean.CLEAN_RULES,
    ("sitrep.ingest", "english.yaml"): language.ENGLISH,
    ("sitrep.ingest", "languages.yaml"): language.LANGUAGES,
    ("sitrep.statements", "cues.yaml"): statements_lexicon.CUES,
    ("sitrep.statements", "stance.yaml"): statements_lexicon.STANCE_WORDS,
    ("sitrep.temporal", "conventions.yaml"): conventions.CONVENTIONS,
    ("sitrep.temporal", "lexicon.yaml"): grammar.LEXICON,
    ("sitrep.temporal", "rules.yaml"): grammar.RULES,
}


def _shipped() -> list[tuple[str, str]]:
    """(package, file) of every YAML file in the sitrep source tree."""
    root = Path(sitrep.__file__).parent
    found = []
    for path in root.rglob("*.y*ml"):
        if path.suffix in (".yaml", ".yml"):
            package = ".".join(("sitrep", *path.parent.relative_to(root).parts))
            found.append((package, path.name))
    return sorted(found)


SHIPPED = _shipped()


def test_the_walk_finds_the_rule_files() -> None:
    assert len(SHIPPED) >= 26
    assert ("sitrep.temporal", "rules.yaml") in SHIPPED and ("sitrep.geo", "rules.yaml") in SHIPPED


@pytest.mark.parametrize(("package", "name"), SHIPPED, ids=[f"{p}/{n}" for p, n in SHIPPED])
def test_every_shipped_rule_file_has_a_schema_it_fits(package: str, name: str) -> None:
    assert (package, name) in SCHEMAS, (
        f"{package}/{name} has no schema: declare one next to its reader, read it with "
        "sitrep.rules.load_rules(..., schema=...) and list it in SCHEMAS here")
    raw = load_rules(package, name, schema=SCHEMAS[package, name])
    # what the schema lets through is the file as YAML reads it, unchanged
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    assert raw == yaml.safe_load(text)
    assert raw, f"{package}/{name} is empty"


def test_every_schema_listed_is_of_a_shipped_file() -> None:
    assert set(SCHEMAS) == set(SHIPPED)


# -- the readers pass the schemas listed above

# module, the name it imports load_rules as, its readers (called in this order)
READERS: list[tuple[ModuleType, str, list[Callable[[], object]]]] = [
    (actors_lexicon, "load_rules", [actors_lexicon.actor_lexicon]),
    (ledger, "load_rules", [ledger._target_words]),
    (events_read, "load_rules", [events_read.load_case_labels, events_read._names]),
    (acled_codes, "load_rules", [acled_codes.acled_rules, acled_codes.regions]),
    (gazetteer, "load_rules", [gazetteer._demonyms]),
    (gazetteer_build, "load_rules", [gazetteer_build._country_points,
                                     gazetteer_build.load_regions, gazetteer_build.load_exonyms]),
    (rank, "load_rules", [rank.model]),
    (recognize, "load_rules", [recognize.rules]),
    (clean, "read_rules", [clean.load_rules]),
    (language, "load_rules", [language._lexicon]),
    (statements_lexicon, "load_rules", [statements_lexicon.lexicon]),
    (conventions, "load_rules", [conventions._table]),
    (grammar, "load_rules", [grammar.lexicon, grammar.rules]),
]


def _clear(readers: list[Callable[[], object]]) -> None:
    for reader in readers:
        clear = getattr(reader, "cache_clear", None)
        if clear is not None:
            clear()


@pytest.fixture
def fresh_readers() -> Iterator[None]:
    """The readers' caches emptied before and after (they are read again when next used)."""
    everything = [reader for _, _, readers in READERS for reader in readers]
    _clear(everything)
    yield
    _clear(everything)


def test_readers_pass_their_schemas(monkeypatch: pytest.MonkeyPatch,
                                    fresh_readers: None) -> None:
    passed: dict[tuple[str, str], object] = {}

    def spy(package: str, name: str, *, schema: dict[str, Any] | None = None
            ) -> dict[str, Any]:
        passed[package, name] = schema
        return rules.load_rules(package, name, schema=schema)

    for module, attribute, _ in READERS:
        monkeypatch.setattr(module, attribute, spy)
    for _, _, readers in READERS:
        for reader in readers:
            assert reader()  # each reader gives its (non-empty) data
    expected = {key for key in SCHEMAS if key[0] != "sitrep.events"}
    assert set(passed) == expected
    for key in expected:
        assert passed[key] is SCHEMAS[key], f"{key} read with another schema"


# -- an unknown key or a wrong type in a shipped file is named at its line

def _edited(package: str, name: str, old: str, new: str, marker: str) -> tuple[str, int]:
    """The shipped file with its first `old` replaced by `new`, and the line `marker`
    (a text in `new`) is on."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    assert old in text, f"{package}/{name} no longer has {old!r}: update this test"
    start = text.index(old)
    line = text[:start].count("\n") + new[:new.index(marker)].count("\n") + 1
    return text.replace(old, new, 1), line


def _error(rule_package: Callable[..., str], key: tuple[str, str],
           edited: str) -> str:
    package = rule_package(edited, name=key[1])
    with pytest.raises(ConfigError) as caught:
        load_rules(package, key[1], schema=SCHEMAS[key])
    return str(caught.value)


@pytest.mark.parametrize(("key", "old", "new", "unknown", "where"), [
    # a key at the top
    (("sitrep.actors", "actors.yaml"), "\ncollective:", "\ncolective: [junta]\ncollective:",
     "colective", "the top"),
    (("sitrep.ingest", "english.yaml"), "\nsuffixes:", "\nprefixes: [un]\nsuffixes:",
     "prefixes", "the top"),
    # in a nested mapping
    (("sitrep.export", "acled.yaml"), "  abroad: 8\n", "  abroad: 8\n  abroads: 9\n",
     "abroads", "inter"),
    (("sitrep.temporal", "conventions.yaml"), "mdy:\n", "mdy:\n  hosts: [.com]\n",
     "hosts", "mdy"),
    (("sitrep.geo", "rank_weights.yaml"), "    lone: 0.0\n", "    lone: 0.0\n    lonely: 1.0\n",
     "lonely", "first.weights"),
    # in an entry of a mapping keyed by names
    (("sitrep.geo", "regions.yaml"), "names: [the Sahel]}", "names: [the Sahel], name: Sahel}",
     "name", "Sahel"),
    (("sitrep.temporal", "lexicon.yaml"), "fortnight: {code: W, times: 2}",
     "fortnight: {code: W, times: 2, every: 2}", "every", "units.fortnight"),
    # in an item of a list
    (("sitrep.temporal", "rules.yaml"), "{name: iso_date, type: DATE,",
     "{name: iso_date, kind: DATE, type: DATE,", "kind", r"rules\[0\]"),
    (("sitrep.ingest", "clean_rules.yaml"), "    flags: i\n", "    flags: i\n    flag: i\n",
     "flag", r"rules\[\d+\]"),
    (("sitrep.eval", "events_names.yaml"), "\ncameo_countries:\n",
     "\ncameo:\n  JAP: JPN\ncameo_countries:\n", "cameo", "the top"),
])
def test_an_unknown_key_is_named_at_its_line(tmp_path: Path, rule_package: Callable[..., str],
                                             key: tuple[str, str], old: str, new: str,
                                             unknown: str, where: str) -> None:
    edited, line = _edited(*key, old, new, f"{unknown}:")
    message = _error(rule_package, key, edited)
    assert re.search(rf"{re.escape(key[1])}:\d+: unknown key", message), message
    assert re.search(rf"/{re.escape(key[1])}:{line}: unknown key '{unknown}' in {where} "
                     r"\(expected one of ", message), message
    assert str(tmp_path) in message  # the copy is named, not the shipped file


@pytest.mark.parametrize(("key", "old", "new", "marker", "expected"), [
    # YAML 1.1 reads a bare no as false: the word list catches it
    (("sitrep.ingest", "english.yaml"), "'no', between", "no, between", "no, between",
     r"function_words\[\d+\] must be a string, not true or false"),
    (("sitrep.ingest", "languages.yaml"), "  French: [le,", "  French: [on, le,", "on, le",
     r"languages\.French\[0\] must be a string, not true or false"),
    (("sitrep.actors", "actors.yaml"), "kremlin: [RUS, government]", "kremlin: [RUS, govt]",
     "kremlin", r"institutions\.kremlin: \['RUS', 'govt'\] is not \[ISO3 or null, kind\]"),
    (("sitrep.temporal", "lexicon.yaml"), "second: {code: S, time: true}",
     "second: {code: S, time: often}", "second: {", r"units\.second\.time must be true or false"),
    (("sitrep.temporal", "lexicon.yaml"), "christmas day: 12-25", "christmas day: 25-12",
     "christmas day", r"holidays\.christmas day: '25-12' is not a date MM-DD"),
    (("sitrep.temporal", "rules.yaml"), "{name: iso_date, type: DATE,",
     "{name: iso_date, type: DAY,", "name: iso_date", r"rules\[0\]\.type must be one of 'DATE'"),
    (("sitrep.statements", "cues.yaml"), "  statement: report\n", "  statement: speech\n",
     "statement", r"nouns\.statement must be one of 'accuse', .* not 'speech'"),
    (("sitrep.statements", "cues.yaml"), "    veto: REJECT\n", "    veto: VETO\n",
     "veto: VETO", r"plover\.cues\.veto must be one of 'AGREE', .* not 'VETO'"),
    (("sitrep.statements", "cues.yaml"), "    appeal: DEMAND\n", "    plea: DEMAND\n",
     "plea: DEMAND", r"unknown key 'plea' in plover\.stances \(expected one of accuse, "),
    (("sitrep.export", "acled_regions.yaml"), "Middle Africa: [AGO,", "Middle Africa: [AO,",
     "Middle Africa", r"Middle Africa\[0\]: 'AO' is no ISO 3166-1 alpha-3 code"),
    (("sitrep.geo", "demonyms.yaml"), "Afghan: AFG", "Afghan: AFX", "Afghan",
     r"Afghan: 'AFX' is not an ISO 3166-1 alpha-3 code or null"),
    (("sitrep.geo", "country_points.yaml"), "USA: [39.76, -98.5]", "USA: [39.76]", "USA",
     r"USA: \[39\.76\] is not \[latitude, longitude\]"),
    (("sitrep.eval", "case2021.yaml"), "GRENADE: [Explosions/Remote violence, Grenade]",
     "GRENADE: [Grenade]", "GRENADE", r"acled\.GRENADE: give \[event type, sub-event type\]"),
])
def test_a_wrong_value_is_named_at_its_line(tmp_path: Path, rule_package: Callable[..., str],
                                            key: tuple[str, str], old: str, new: str,
                                            marker: str, expected: str) -> None:
    edited, line = _edited(*key, old, new, marker)
    message = _error(rule_package, key, edited)
    assert re.search(rf"/{re.escape(key[1])}:{line}: {expected}", message), message


@pytest.mark.parametrize(("key", "remove"), [
    (("sitrep.crossdoc", "targets.yaml"), "civilian"),
    (("sitrep.statements", "stance.yaml"), "harming"),
    (("sitrep.ingest", "languages.yaml"), "name_particles"),
])
def test_a_missing_list_is_named(tmp_path: Path, rule_package: Callable[..., str],
                                 key: tuple[str, str], remove: str) -> None:
    text = resources.files(key[0]).joinpath(key[1]).read_text(encoding="utf-8")
    edited = re.sub(rf"(?m)^{remove}:", f"x_{remove}:", text, count=1)
    assert edited != text
    schema = {**SCHEMAS[key], f"x_{remove}": rules.WORDS}  # the renamed list is allowed
    package = rule_package(edited, name=key[1])
    with pytest.raises(ConfigError, match=rf"{re.escape(key[1])}:\d+: {remove} is required$"):
        load_rules(package, key[1], schema=schema)


def test_the_text_readers_check_against_the_same_schemas() -> None:
    # demonyms and exonyms may be given as text (not a package file): checked the same way,
    # named by the source given
    with pytest.raises(ConfigError, match=r"^mine\.yaml: Afghan: 'AFX' is not an ISO 3166-1"):
        gazetteer.load_demonyms("Afghan: AFX\n", "mine.yaml")
    assert gazetteer.load_demonyms("Afghans: AFG\nKurdish: null\n") == {
        "afghans": "AFG", "kurdish": None}
    with pytest.raises(ConfigError, match=r"^mine\.yaml: places\.Kyiv, UKR: 'Kiev' must be a "
                                          r"list of names$"):
        gazetteer_build.load_exonyms("places: {'Kyiv, UKR': Kiev}\n", "mine.yaml")
    exonyms = gazetteer_build.load_exonyms("countries: {USA: [the US]}\nplaces:\n", "mine.yaml")
    assert exonyms.countries == {"USA": ("the US",)} and exonyms.places == {}
