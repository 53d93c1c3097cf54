"""Weapon names found in text, normalised and categorised. All sentences are made up."""

from __future__ import annotations

import pytest

from sitrep.events.weapons import find_weapons, weapon_lexicon
from sitrep.nlp import load_model
from sitrep.settings import Settings


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(Settings().model)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iranian-made Shahed drones flew over the port.",
         [("Shahed drones", "Shahed drone", "drone")]),
        ("Two Shahed-136 kamikaze drones and a Geran-2 were seen.",
         [("Shahed-136 kamikaze drones", "Shahed drone", "drone"),
          ("Geran-2", "Geran drone", "drone")]),
        ("An unmanned aerial vehicle and three UAVs crossed.",
         [("unmanned aerial vehicle", "drone", "drone"), ("UAVs", "drone", "drone")]),
        ("Kalibr cruise missiles, an Iskander and two Kh-101s were fired.",
         [("Kalibr cruise missiles", "Kalibr missile", "missile"),
          ("Iskander", "Iskander missile", "missile"), ("Kh-101s", "Kh-101 missile", "missile")]),
        ("ATACMS and Storm Shadow missiles, then HIMARS rockets.",
         [("ATACMS", "ATACMS missile", "missile"),
          ("Storm Shadow missiles", "Storm Shadow missile", "missile"),
          ("HIMARS rockets", "HIMARS rocket", "missile")]),
        ("A Pantsir S system, a Pantsir-S1, S300 batteries and an IRIS-T.",
         [("Pantsir S system", "Pantsir", "air_defence"), ("Pantsir-S1", "Pantsir", "air_defence"),
          ("S300 batteries", "S-300", "air_defence"), ("IRIS-T", "IRIS-T", "air_defence")]),
        ("Patriot missiles, NASAMS and the Iron Dome.",
         [("Patriot missiles", "Patriot", "air_defence"), ("NASAMS", "NASAMS", "air_defence"),
          ("Iron Dome", "Iron Dome", "air_defence")]),
        ("Electronic warfare jammed the signal.",
         [("Electronic warfare", "electronic warfare", "electronic_warfare")]),
        ("Grad rockets, MLRS fire and mortar shells hit the town after heavy shelling.",
         [("Grad rockets", "Grad rocket", "artillery"),
          ("MLRS", "multiple rocket launcher", "artillery"),
          ("mortar shells", "mortar", "artillery"), ("shelling", "artillery", "artillery")]),
        ("Warplanes and helicopters dropped barrel bombs after an air strike.",
         [("Warplanes", "warplane", "aircraft"), ("helicopters", "helicopter", "aircraft"),
          ("barrel bombs", "barrel bomb", "aircraft"), ("air strike", "airstrike", "aircraft")]),
        ("Gunfire from AK-47 rifles was heard.",
         [("Gunfire", "gunfire", "small_arms"), ("AK-47 rifles", "rifle", "small_arms")]),
        ("An IED, a car bomb and a landmine.",
         [("IED", "explosive device", "explosive"), ("car bomb", "car bomb", "explosive"),
          ("landmine", "landmine", "explosive")]),
        ("A hand grenade and a suicide vest.",
         [("hand grenade", "grenade", "grenade"),
          ("suicide vest", "suicide bomb", "suicide_bomb")]),
        ("Chlorine and sarin were found.",
         [("Chlorine", "chlorine", "chemical"), ("sarin", "sarin", "chemical")]),
        ("Police used tear gas, rubber bullets, a water cannon and stun grenades.",
         [("tear gas", "tear gas", "crowd_control"),
          ("rubber bullets", "rubber bullet", "crowd_control"),
          ("water cannon", "water cannon", "crowd_control"),
          ("stun grenades", "stun grenade", "crowd_control")]),
        ("Knives and a Molotov cocktail.",
         [("Knives", "knife", "melee"), ("Molotov cocktail", "arson", "arson")]),
    ],
)
def test_find_weapons_names(nlp, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = find_weapons(doc[:])
    assert [(w.text, w.name, w.category) for w in found] == expected
    assert all(doc.text[w.start:w.end] == w.text for w in found)


@pytest.mark.parametrize(
    ("text", "origin"),
    [("Iranian-made Shahed drones were used.", "Iranian"),
     ("US-supplied Patriot missiles were fired.", "US"),  # weapons.yaml `origin_words`
     ("Turkish-built Bayraktar drones flew.", "Turkish"),
     ("They fired Russian Kalibr missiles.", "Russian"),
     ("They fired Kalibr missiles.", None)],
)
def test_find_weapons_origin(nlp, text: str, origin: str | None) -> None:  # type: ignore[no-untyped-def]
    assert find_weapons(nlp(text)[:])[0].origin == origin


@pytest.mark.parametrize(
    "text",
    ["Sam went to the grad school.", "The patriot sang; the lancet report was mine.",
     "She reads The Lancet on the train."],
)
def test_find_weapons_common_words_are_not_weapons(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert find_weapons(nlp(text)[:]) == []


def test_weapon_lexicon_categories_hint_acled_sub_events() -> None:
    categories = weapon_lexicon().categories
    assert categories["drone"].acled == "Air/drone strike"
    assert categories["air_defence"].acled == "Disrupted weapons use"
    assert categories["electronic_warfare"].acled == "Disrupted weapons use"
    assert categories["explosive"].acled == "Remote explosive/landmine/IED"
    assert categories["suicide_bomb"].acled == "Suicide bomb"
    assert categories["grenade"].acled == "Grenade"
    assert categories["chemical"].acled == "Chemical weapon"
    assert categories["missile"].acled == categories["artillery"].acled
