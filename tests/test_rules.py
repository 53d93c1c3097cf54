"""Rule files are data with a schema: errors name the file and line, the shipped files
of the events package validate, and the general trigger constraints do what the
per-case keys they replaced did. The sentences are made up."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest

from sitrep.errors import ConfigError
from sitrep.events import counts, detect, lexicon, numbers, weapons
from sitrep.events import words as event_words
from sitrep.geo import recognize
from sitrep.rules import WORDS, Either, MapOf, Maybe, OneOf, Required, load_rules, validate

SCHEMA = {"families": MapOf({"verbs": WORDS, "group": Required(str), "weak": Maybe(bool)}),
          "mode": OneOf("fast", "slow"), "size": Either(int, OneOf("auto"))}


def _error(package: str, schema: dict[str, Any], name: str = "rules.yaml") -> str:
    with pytest.raises(ConfigError) as caught:
        load_rules(package, name, schema=schema)
    return str(caught.value)


def test_unknown_key_names_file_line_and_expected_keys(tmp_path, rule_package) -> None:  # type: ignore[no-untyped-def]
    package = rule_package("families:\n  strike:\n    group: violence\n"
                                              "    verbs: [attack]\n    not_verbs: [kill]\n")
    message = _error(package, SCHEMA)
    assert re.fullmatch(r".*/rules\.yaml:5: unknown key 'not_verbs' in families\.strike "
                        r"\(expected one of verbs, group, weak\)", message), message


def test_unknown_top_key_is_named_at_its_line(tmp_path, rule_package) -> None:  # type: ignore[no-untyped-def]
    package = rule_package("# a comment\n\nmode: fast\nspeed: 3\n")
    assert _error(package, SCHEMA).endswith(
        "rules.yaml:4: unknown key 'speed' in the top (expected one of families, mode, size)")


@pytest.mark.parametrize(("text", "expected"), [
    # a string where a list of words goes
    ("families:\n  strike:\n    group: violence\n    verbs: attack\n",
     "rules.yaml:4: families.strike.verbs must be a list of strings, not a string"),
    # one item of a list, at the item's own line
    ("families:\n  strike:\n    group: violence\n    verbs:\n      - attack\n      - 12\n",
     "rules.yaml:6: families.strike.verbs[1] must be a string, not a whole number"),
    # YAML 1.1 reads a bare `off` as false: a word list catches it
    ("families:\n  strike:\n    group: violence\n    verbs: [go, off]\n",
     "rules.yaml:4: families.strike.verbs[1] must be a string, not true or false"),
    ("families:\n  strike: [attack]\n",
     "rules.yaml:2: families.strike must be a mapping, not a list"),
    ("families:\n  strike:\n    verbs: [attack]\n",
     "rules.yaml:2: families.strike.group is required"),  # where strike starts
    ("mode: quick\n", "rules.yaml:1: mode must be one of 'fast', 'slow', not 'quick'"),
    ("size: big\n", "rules.yaml:1: size must be a whole number or one of 'auto', not a string"),
    ("families:\n  strike:\n    group: violence\n    weak: maybe\n",
     "rules.yaml:4: families.strike.weak must be true or false or null, not a string"),
])
def test_wrong_types_name_file_and_line(tmp_path, rule_package, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    package = rule_package(text)
    message = _error(package, SCHEMA)
    assert message.endswith(expected), message
    assert str(tmp_path) in message


def test_fitting_file_loads_as_plain_mappings(tmp_path, rule_package) -> None:  # type: ignore[no-untyped-def]
    package = rule_package("families:\n  strike:\n    group: violence\n"
                                              "    verbs: &v [attack]\n  clash:\n"
                                              "    group: clash\n    verbs: *v\n"
                                              "mode: slow\nsize: auto\n")
    raw = load_rules(package, "rules.yaml", schema=SCHEMA)
    assert raw == {"families": {"strike": {"group": "violence", "verbs": ["attack"]},
                                "clash": {"group": "clash", "verbs": ["attack"]}},
                   "mode": "slow", "size": "auto"}
    assert raw["families"]["clash"].at("verbs").endswith("rules.yaml:7")


def test_callers_without_a_schema_still_get_their_mapping(tmp_path, rule_package) -> None:  # type: ignore[no-untyped-def]
    package = rule_package("anything: [goes]\n")
    assert load_rules(package, "rules.yaml") == {"anything": ["goes"]}
    package = rule_package("- a list\n", name="list.yaml")
    with pytest.raises(ConfigError, match=r"list\.yaml: expected a mapping at the top"):
        load_rules(package, "list.yaml")
    rule_package("a: [b\n", name="broken.yaml")
    with pytest.raises(ConfigError, match=r"broken\.yaml: not valid YAML"):
        load_rules(package, "broken.yaml")


def test_validate_without_a_file_names_the_given_place() -> None:
    with pytest.raises(ConfigError, match=r"^here: families must be a mapping, not a list$"):
        validate({"families": []}, SCHEMA, "here")


# -- the shipped rule files of the events package

SCHEMAS = {"triggers.yaml": lexicon.TRIGGERS, "types.yaml": lexicon.TYPES,
           "counts.yaml": counts.COUNTS, "weapons.yaml": weapons.WEAPONS,
           "words.yaml": event_words.WORD_LISTS, "numbers.yaml": numbers.NUMBERS}


def test_every_events_rule_file_has_a_schema_and_fits_it() -> None:
    shipped = {p.name for p in resources.files("sitrep.events").iterdir()
               if p.name.endswith(".yaml")}
    assert shipped == set(SCHEMAS), "a rule file of sitrep.events without a schema here"
    for name, schema in SCHEMAS.items():
        load_rules("sitrep.events", name, schema=schema)
    lex = lexicon.event_lexicon()
    assert lex.constraints and lex.adopters
    assert counts.count_lexicon().words["ones"] and weapons.weapon_lexicon().made
    assert detect.words("particles") == {"out", "back", "down", "off", "over", "up"}


def test_every_word_list_the_events_code_names_is_in_words_yaml() -> None:
    raw = load_rules("sitrep.events", "words.yaml")
    assert set(raw) == set(event_words.WORD_LISTS)
    assert "un " in event_words.words("not_home")  # the space is kept: "unit" is not the UN
    with pytest.raises(KeyError, match="no list 'weapons'"):
        event_words.words("weapons")


def test_geo_rules_have_a_schema_that_names_file_and_line(
        rule_package: Callable[..., str]) -> None:
    text = resources.files("sitrep.geo").joinpath("rules.yaml").read_text()
    assert "off" in recognize.rule_words("locative") and "on" in recognize.rule_words("locative")
    package = rule_package(text.replace("carry_out:", "carry_ot:"),
                       name="rules.yaml")
    with pytest.raises(ConfigError, match=r"rules\.yaml:\d+: unknown key 'carry_ot'"):
        load_rules(package, "rules.yaml", schema=recognize.RULES)


def test_every_role_triggers_yaml_may_name_has_a_reader() -> None:
    assert set(detect.READERS) == set(lexicon.ROLES)


def _triggers_with(rule_package: Callable[..., str], extra: str) -> str:
    text = resources.files("sitrep.events").joinpath("triggers.yaml").read_text()
    text = text.replace("  constraints:\n", "  constraints:\n" + extra, 1)  # strike's
    return rule_package(text, name="triggers.yaml")


@pytest.mark.parametrize(("extra", "expected"), [
    ("    - {role: objekt, words: [website], effect: not_event}\n",
     r"'objekt' is no role: one of subject, .*preposition:WORD"),
    ("    - {role: object, words: [website], effect: not_an_event}\n",
     r"effect must be one of 'not_event', .* not 'not_an_event'"),
    ("    - {role: object, word: [website], effect: not_event}\n",
     r"unknown key 'word' in strike\.constraints\[0\]"),
    ("    - {role: object, words: [website]}\n", r"strike\.constraints\[0\]\.effect is required"),
])
def test_a_bad_constraint_is_named_at_its_line(tmp_path, rule_package, extra: str,  # type: ignore[no-untyped-def]
                                               expected: str) -> None:
    package = _triggers_with(rule_package, extra)
    line = resources.files("sitrep.events").joinpath("triggers.yaml").read_text() \
        .split("\n").index("  constraints:") + 2  # the inserted line
    message = _error(package, lexicon.TRIGGERS, "triggers.yaml")
    assert f"triggers.yaml:{line}: " in message, message
    assert re.search(expected, message), message


def test_names_a_constraint_uses_are_checked_at_its_line(tmp_path, rule_package) -> None:  # type: ignore[no-untyped-def]
    families = {"strike": None, "arrest": None}
    for extra, expected in [
        ("    - {role: subject, words: [$weapons], effect: not_event}\n", "unknown list 'weapons'"),
        ("    - {role: object, words: [camp], effect: turn, to: kapture}\n", "no family 'kapture'"),
        ("    - {role: object, words: [camp], effect: turn}\n", "`to` goes with effect turn"),
    ]:
        package = _triggers_with(rule_package, extra)
        raw = load_rules(package, "triggers.yaml", schema=lexicon.TRIGGERS)
        with pytest.raises(ConfigError, match=re.escape(expected)) as caught:
            lexicon._constraints("strike", raw["strike"], families)  # type: ignore[arg-type]
        assert re.search(r"triggers\.yaml:\d+: ", str(caught.value))


# -- what the general constraints do (each stands for a key of one family before)

@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from sitrep.nlp import load_model
    from sitrep.settings import Settings

    return load_model(Settings().model)


@pytest.mark.parametrize(("text", "expected"), [
    ("A bomb went off in the market.", [("bomb", "explosion", False),
                                        ("went off", "explosion", False)]),  # event_only: kept
    ("The winger went off injured.", []),  # event_only: a person goes off
    ("Police arrested two gunmen.", [("arrested", "arrest", False)]),  # object_of: doers only
    ("Forces struck rebel positions.", [("struck", "strike", False)]),  # strong
    ("Troops captured two camps.", [("captured", "capture", False)]),  # turn
    ("The missile was destroyed by air defence.", [("destroyed", "shootdown", False)]),  # adopt
    ("Troops seized nine pistols.", [("seized", "seizure", False)]),  # not_family, then adopt
    ("They defused a bomb.", [("defused", "seizure", False)]),
    ("The airline came under fire for its remarks.", []),  # preposition, on a phrase
    ("Workers blocked the site in protest.", []),  # object_of, bare
    ("He demonstrated a new cap.", []),  # complement
    ("Sales exploded last year.", []),  # subject
    # patient: the dead found and evidence gathered are no seizure
    ("Police said two bodies were found after a shooting outside a shop.",
     [("shooting", "strike", False)]),
    ("Officers recovered 40 shell casings after the shooting.", [("shooting", "strike", False)]),
    # qualified: who was shot at, not a protest
    ("Gunmen opened fire on a group of men gathered outside a shop, police said.",
     [("Gunmen", "strike", True), ("opened fire", "strike", False)]),
    # patient: a gathering held detains no one; people held by police are detained
    ("Funeral prayers were held at police lines in Kadoma on Wednesday for five policemen "
     "killed when a bomb hit their van.",
     [("killed", "strike", False), ("bomb", "explosion", False), ("hit", "strike", True)]),
    ("Police held talks with the suspects' families.", [("talks", "agreement", False)]),
    ("Police held two suspects after the raid.",
     [("held", "arrest", True), ("raid", "strike", False)]),
    # described: what a thing is about, not a crime told
    ("Soldiers raided a camp run by a drug trafficking network.", [("raided", "strike", False)]),
    ("Police arrested a man for drug trafficking.",
     [("arrested", "arrest", False), ("drug trafficking", "crime", False)]),
])
def test_constraints_decide_mentions(nlp, text: str, expected: list[tuple[str, str, bool]]) -> None:  # type: ignore[no-untyped-def]
    found = detect.find_mentions(nlp(text), lexicon.event_lexicon())
    assert [(m.text, m.family, m.weak) for m in found] == expected


def test_a_predicate_may_hang_on_the_object(nlp) -> None:  # type: ignore[no-untyped-def]
    # "fighting left 14 people dead", as a parse may read it: "dead" on "people", not on
    # "left"; what the fighting left is no withdrawal either way
    from spacy.tokens import Doc

    words = ["Fighting", "left", "14", "people", "dead", "in", "the", "town", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 3, 1, 7, 5, 1],
              deps=["nsubj", "ROOT", "nummod", "dobj", "amod", "prep", "det", "pobj", "punct"],
              tags=["NN", "VBD", "CD", "NNS", "JJ", "IN", "DT", "NN", "."],
              pos=["NOUN", "VERB", "NUM", "NOUN", "ADJ", "ADP", "DET", "NOUN", "PUNCT"],
              lemmas=["fighting", "leave", "14", "people", "dead", "in", "the", "town", "."],
              sent_starts=[True] + [False] * 8)
    found = detect.find_mentions(doc, lexicon.event_lexicon())
    assert [(m.text, m.family) for m in found] == [("Fighting", "clash")]
