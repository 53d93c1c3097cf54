from __future__ import annotations

import pytest

from sitrep.ingest.clean import clean, load_rules


def test_clean_rules_load_and_validate() -> None:
    kinds = {r.kind for r in load_rules()}
    assert {"caption", "byline", "embed", "boilerplate"} <= kinds


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Damage could be seen on buildings in the capital. Picture: Alamy / LBC", "caption"),
        ("Rescuers at the scene. Photo: Handout", "caption"),
        ("Troops near the front line. (AFP via Getty Images)", "caption"),
        ("Scott Olson via Getty Images.", "caption"),
        ("By Kit Heren", "byline"),
        ("By Jane Doe and John Roe, BBC News", "byline"),
        ("Videos of the attack pic.twitter.com/AbC123 — Monitor (@monitor) May 30, 2023", "embed"),
        ("Footage shared online — Some Name (@handle) June 1, 2024", "embed"),
        ('<tweet id="672138506081275904" author="@x">', "embed"),
        ("Share this article", "boilerplate"),
        ("Follow us on Twitter", "boilerplate"),
        ("Sign up to get an email from our reporter.", "boilerplate"),
        ("Reporting by Jo Bloggs; Editing by Sam Roe", "boilerplate"),
    ],
)
def test_clean_drops_non_story_lines(line: str, kind: str) -> None:
    body = f"{line}\n\nShelling hit the port on Monday, officials said."
    cleaned = clean(body)
    assert cleaned.text == "Shelling hit the port on Monday, officials said."
    assert [r.kind for r in cleaned.removed] == [kind]


@pytest.mark.parametrize(
    "line",
    [
        "According to a Reuters/Ipsos poll, the two candidates are in a dead heat nationally.",
        "By Tuesday the army had retaken the village, residents said.",
        "The footage was credited to Reuters/Libya and showed fighters with heavy weapons in the"
        " streets of the city during the night.",
        "Follow-up talks are expected in Geneva next week.",
        "Pictures of the damage circulated widely on social media after the strike.",
    ],
)
def test_clean_keeps_story_lines_that_look_alike(line: str) -> None:
    cleaned = clean(f"Intro sentence.\n\n{line}")
    assert line in cleaned.text
    assert cleaned.removed == []


def test_clean_takes_byline_and_repeated_headline() -> None:
    cleaned = clean("Fighting flares in Khartoum.\n\nBy Yusuf Adam\n\nHeavy fighting broke out.",
                    title="Fighting flares in Khartoum")
    assert cleaned.byline == "Yusuf Adam"
    assert cleaned.text == "Heavy fighting broke out."
    assert [r.kind for r in cleaned.removed] == ["headline", "byline"]


def test_clean_byline_only_near_the_top() -> None:
    body = "\n\n".join(["Para one."] * 8 + ["By Jo Bloggs"])
    assert clean(body).byline is None


def test_clean_keeps_headline_only_items() -> None:
    cleaned = clean("Remains found on beach.", title="Remains found on beach")
    assert cleaned.text == "Remains found on beach."
