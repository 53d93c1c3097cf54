"""Casualty and other counts in parsed sentences, and merging an article's counts.

All sentences are made up.
"""

from __future__ import annotations

import pytest

from sitrep.events.counts import CountMention, find_counts, merge_counts
from sitrep.nlp import load_model
from sitrep.settings import Settings

Row = tuple[str, int | None, int | None, int | None, bool, str | None]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_model(Settings().model)


def counts(nlp, text: str) -> list[CountMention]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = [c for sent in doc.sents for c in find_counts(sent)]
    assert all(doc.text[c.start:c.end] == c.text for c in found)
    return found


def rows(found: list[CountMention]) -> list[Row]:
    return [(c.what, c.value, c.min, c.max, c.approximate, c.of) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast killed 12 people in the market.", [("killed", 12, 12, 12, False, "people")]),
        ("12 people were killed when the roof fell.", [("killed", 12, 12, 12, False, "people")]),
        ("The raid left 12 dead.", [("killed", 12, 12, 12, False, None)]),
        ("The death toll rose to 40 on Sunday.", [("killed", 40, 40, 40, False, None)]),
        ("About 6,000 people took part in the march.",
         [("participants", 6000, None, None, True, "people")]),
        ("More than 15,000 people joined the protest.",
         [("participants", None, 15001, None, False, "people")]),
        ("The toll from the strike rose to five dead and 16 wounded, the governor said.",
         [("killed", 5, 5, 5, False, None), ("injured", 16, 16, 16, False, None)]),
        ("The shelling injured at least 30 villagers.",
         [("injured", 30, 30, None, False, "villager")]),
        ("Two people had been injured by debris.", [("injured", 2, 2, 2, False, "people")]),
        ("One individual was hospitalised.", [("hospitalised", 1, 1, 1, False, "individual")]),
        # brought or treated with wounds: the wounded
        ("Nine people were brought to hospital with gunshot wounds.",
         [("injured", 9, 9, 9, False, "people")]),
        ("Twelve villagers were treated for injuries.",
         [("injured", 12, 12, 12, False, "villager")]),
        ("Six wounded soldiers were admitted to the hospital.",
         [("injured", 6, 6, 6, False, "soldier")]),
        ("The number of injured people has risen to 27.",
         [("injured", 27, 27, 27, False, None)]),
        ("Fourteen drones were sent towards the city.",
         [("launched", 14, 14, 14, False, "drone")]),
        ("Four more people died, taking the toll to 11.",
         [("killed", 4, 4, 4, False, "people"), ("killed", 11, 11, 11, False, None)]),
        # a toll that does not say what it counts counts what the sentence did
        ("Five more people were wounded, raising the total to 20.",
         [("injured", 5, 5, 5, False, "people"), ("injured", 20, 20, 20, False, None)]),
        # the nth of them: n in all
        ("A fourth policeman died of his wounds.", [("killed", 4, 4, 4, False, "policeman")]),
        # some of a count, counted for another deed: what the others did not
        ("Three drones were launched at the plant and two of them were downed.",
         [("launched", 3, 3, 3, False, "drone"), ("shot_down", 2, 2, 2, False, None)]),
        ("The bus carried 12 passengers, and two of them were killed.",
         [("killed", 2, 2, 2, False, None)]),
        ("Three of them were suppressed by electronic warfare.",
         [("suppressed", 3, 3, 3, False, None)]),
        ("Another five drones were shot down.", [("shot_down", 5, 5, 5, False, "drone")]),
        ("Around 20 Iranian-made Shahed drones launched by Russia had been destroyed by air "
         "defence.", [("destroyed", 20, None, None, True, "drone")]),
        ("The army launched eight drones at the airfield.",
         [("launched", 8, 8, 8, False, "drone")]),
        ("Two men were wounded, one of whom was hospitalised.",
         [("injured", 2, 2, 2, False, "man"), ("hospitalised", 1, 1, 1, False, "man")]),
        ("The navy fired 30 missiles, 25 of which were intercepted.",
         [("launched", 30, 30, 30, False, "missile"),
          ("intercepted", 25, 25, 25, False, "missile")]),
        ("Thousands of protesters marched to the square.",
         [("participants", None, 2000, None, True, "protester")]),
        ("More than 20 soldiers died and three are missing.",
         [("killed", None, 21, None, False, "soldier"), ("missing", 3, 3, 3, False, None)]),
        ("Police arrested 45 students.", [("detained", 45, 45, 45, False, "student")]),
        ("Gunmen abducted 17 pupils from the school.",
         [("abducted", 17, 17, 17, False, "pupil")]),
        ("Nearly 3,000 residents were evacuated from the valley.",
         [("evacuated", 3000, None, 3000, True, "resident")]),
        ("More than 6,000 people fled their homes.",
         [("displaced", None, 6001, None, False, "people")]),
        ("The storm damaged 14 houses.", [("damaged", 14, 14, 14, False, "house")]),
        ("The clashes caused 18 deaths.", [("killed", 18, 18, 18, False, None)]),
        ("Twelve soldiers were killed or wounded in the ambush.",
         [("casualties", 12, 12, 12, False, "soldier")]),
        ("A civilian was killed in the crossfire.", [("killed", 1, 1, 1, False, "civilian")]),
        ("The war has left 6,000 dead and wounded.",
         [("casualties", 6000, 6000, 6000, False, None)]),
        ("The clashes left 40 people dead or injured.",
         [("casualties", 40, 40, 40, False, "people")]),
        ("There were 300 dead and wounded in the attack.",
         [("casualties", 300, 300, 300, False, None)]),
        ("The blast left 12 dead and the market in ruins.",
         [("killed", 12, 12, 12, False, None)]),
        ("12 people were killed and 30 injured in the attack.",
         [("killed", 12, 12, 12, False, "people"), ("injured", 30, 30, 30, False, None)]),
        ("The blast killed dozens and wounded 10 to 15 others.",
         [("killed", None, 24, None, True, None), ("injured", None, 10, 15, False, None)]),
    ],
)
def test_find_counts_patterns(nlp, text: str, expected: list[Row]) -> None:  # type: ignore[no-untyped-def]
    assert rows(counts(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There were no casualties.", [("killed", 0), ("injured", 0)]),
        ("No one was hurt.", [("injured", 0)]),
        ("Nobody was killed.", [("killed", 0)]),
        ("No civilians were killed.", [("killed", 0)]),
        ("No one was killed or injured.", [("killed", 0), ("injured", 0)]),
        ("There were no serious injuries.", []),
        ("There were no immediate reports of casualties.", []),
        ("No one could be evacuated.", []),
        ("The convoy passed without casualties.", [("killed", 0), ("injured", 0)]),
    ],
)
def test_find_counts_stated_zeros(nlp, text: str, expected: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    assert [(c.what, c.value) for c in counts(nlp, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The rebels threatened to kill 100 hostages.",
        "Officials warned the strikes could kill thousands of civilians.",
        "The soldiers did not kill 12 people, the ministry said.",
        "If 500 people were evacuated, the town would be empty.",
        "A 34-year-old man spoke in 2023 about the $5 million fund.",
        "About 40% of the 1999 budget went to 12 hospitals.",
        "The war lasted 12 years and the siege 40 days.",
        "A Shahed-136 and two F-16s flew past.",
        "They will evacuate 2,000 people next week.",
    ],
)
def test_find_counts_not_counts(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert rows(counts(nlp, text)) == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Five drones were shot down and two soldiers were killed.", ["weapon", "person"]),
        ("Rebels captured two villages and killed seven farmers.", ["person"]),
        ("The shelling destroyed 12 houses.", ["object"]),
    ],
)
def test_find_counts_kind_of_counted(nlp, text: str, kinds: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [c.kind for c in counts(nlp, text)] == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Twelve people were killed. Later, 12 people were killed, the agency said.",
         [("killed", 12)]),
        ("Police said 12 people were killed. Medics said 15 people were killed.",
         [("killed", 12), ("killed", 15)]),
        ("12 people were killed in the blast. The death toll later rose to 40.",
         [("killed", 40)]),
        ("The death toll rose to 42, up from an earlier toll of 17.", [("killed", 42),
                                                                      ("killed", 17)]),
        # a second source's toll in the same sentence stands beside the first figure
        ("At least 9 people died in the fire, police said; medics put the toll at 11.",
         [("killed", 9), ("killed", 11)]),
        # ... and a toll only told, in a later sentence, is another source's figure
        ("Nine people were killed, a hospital director said. Police said the official "
         "toll stood at seven.", [("killed", 9), ("killed", 7)]),
        ("The number of dead rose to 10, rescuers said. A monitoring group put the toll "
         "at 11.", [("killed", 10), ("killed", 11)]),
        # the speakers after the figure are not counted ("a local official ... said")
        ("Gunmen abducted 14 people, a local official and a transport union said.",
         [("abducted", 14)]),
        # a toll that rose supersedes, in its own sentence or one after ("had risen")
        ("Three people were killed on Monday, and the toll later rose to six.",
         [("killed", 6)]),
        ("Three people were killed on Monday. By night the toll had risen to six.",
         [("killed", 6)]),
        ("Five drones were shot down and five missiles were shot down.",
         [("shot_down", 5), ("shot_down", 5)]),
    ],
)
def test_merge_counts_article(nlp, text: str, expected: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    assert [(c.what, c.value) for c in merge_counts(counts(nlp, text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counts.yaml `parts`: a part of a count already made is no count of its own
        ("Three were killed, among them a woman.", [("killed", 3, None, False)]),
        # `ones`: a single counted thing
        ("Another drone was shot down.", [("shot_down", 1, "drone", False)]),
        # `tolls.past`: "had given" is an old toll, not the latest
        ("A hospital had given a toll of 17.", [("killed", 17, None, False)]),
        ("The death toll rose to 40.", [("killed", 40, None, True)]),
        # `stand_ins`: "them" stands for the cue's own kind, but a count needs a figure
        ("Rebels killed them.", []),
    ],
)
def test_find_counts_function_words(nlp, text: str,  # type: ignore[no-untyped-def]
                                    expected: list[tuple[str, int, str | None, bool]]) -> None:
    assert [(c.what, c.value, c.of, c.toll) for c in counts(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said three passers-by had been wounded, one of them a guard.",
         [("injured", 3, 3, 3, False, "passer-by")]),
        ("The drone killed two people and wounded a passer-by.",
         [("killed", 2, 2, 2, False, "people"), ("injured", 1, 1, 1, False, "passer-by")]),
        ("Five people were killed, two of them children.",
         [("killed", 5, 5, 5, False, "people")]),
    ],
)
def test_find_counts_hyphened_people_and_parts_of_a_count(  # type: ignore[no-untyped-def]
        nlp, text: str, expected: list[Row]) -> None:
    assert rows(counts(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parse hangs "people" on "said"; the verb right before the figure counts
        ("Government aircraft bombed the village of Mulenge in the east on Monday, killing "
         "at least 12 people, a local chief and witnesses said.",
         [("killed", 12, 12, None, False, "people")]),
        ("Two gunmen on a motorcycle shot dead three men at a market in Kadoma on Friday, "
         "police said.", [("killed", 3, 3, 3, False, "man")]),
        # "to 11" hangs on "killed"; the toll verb above it raises the number
        ("Two more policemen died in hospital, raising the number of people killed in the "
         "bombing of the market in Mulenge to 11, police said.",
         [("killed", 2, 2, 2, False, "policeman"), ("killed", 11, 11, 11, False, None)]),
        # the parse hangs "killed" on "number", not on "people"
        ("The number of people killed in a shooting at a bar in Kadoma on Saturday has "
         "risen to six, police said.", [("killed", 6, 6, 6, False, None)]),
        ("Police revised the number of wounded to five, up from the three first reported.",
         [("injured", 5, 5, 5, False, None)]),
        # the parse hangs "detained" on "raised" (and may tag it a past): the participle
        # right after "people" still says what the count counts
        ("The interior ministry raised its count of people detained that night to 26, from "
         "23 announced earlier.", [("detained", 26, 26, 26, False, None)]),
    ],
)
def test_find_counts_when_the_parse_hangs_the_figure_elsewhere(  # type: ignore[no-untyped-def]
        nlp, text: str, expected: list[Row]) -> None:
    assert rows(counts(nlp, text)) == expected
