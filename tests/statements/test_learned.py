"""The learned cue and content models (learned.tsv, trained by bench/quotes_train.py)
and the rules that place quotes around them: labels, lead-ins, short quotes.

All sentences here are made up. The spaCy model loads once per process.
"""

from __future__ import annotations

from importlib import resources

import pytest

from sitrep.statements.learned import WEIGHTS, cue_model
from sitrep.statements.lexicon import lexicon
from sitrep.statements.stage import attribute


def said(text: str) -> list[tuple[str, str, bool, str]]:
    """(speaker name, text, direct, cue) of each statement, checking offsets on the way."""
    found = attribute(text)
    for s in found:
        assert text[s.start:s.end] == s.text
    return [(s.speaker.name, s.text, s.direct, s.cue.text if s.cue else "") for s in found]


def test_learned_weights_load_small_and_complete() -> None:
    model = cue_model()
    assert set(model.weights) == {"cue", "content"}
    assert all(0 < model.threshold(name) < 1 for name in ("cue", "keep", "content"))
    shipped = resources.files("sitrep.statements").joinpath(WEIGHTS).read_bytes()
    assert len(shipped) < 2_000_000
    assert model.weights["cue"]["l=say"] > 0  # "say" is the commonest cue in PolNeAR


def test_learned_model_loads_once() -> None:
    assert cue_model() is cue_model()


@pytest.mark.parametrize(
    ("text", "speaker", "content", "cue", "lemma"),
    [
        ("The senator lamented that the talks had collapsed.",
         "senator", "the talks had collapsed", "lamented", "lament"),
        ("Mayor Anna Kowal complained that the bridge repairs were months behind schedule.",
         "Anna Kowal", "the bridge repairs were months behind schedule", "complained",
         "complain"),
        ("Peter Lind boasted that his district had the cleanest river in the region.",
         "Peter Lind", "his district had the cleanest river in the region", "boasted", "boast"),
    ],
    ids=["lamented", "complained", "boasted"],
)
def test_learned_cue_finds_a_verb_the_lexicon_lacks(text: str, speaker: str, content: str,
                                                    cue: str, lemma: str) -> None:
    assert lemma not in lexicon().verbs
    ((name, statement, direct, found_cue),) = said(text)
    assert (name, statement, direct, found_cue) == (speaker, content, False, cue)
    assert attribute(text)[0].stance == "other"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"The roads are still closed," Peter Lind went on.',
         [("Peter Lind", "The roads are still closed,", True, "went on")]),
        ('"The roads are still closed." Peter Lind went home.', []),
        ("Rain continued to fall on Tuesday.", []),
        ("Kenyan police fired tear gas at the protesters.", []),
        ("The army attacked the rebel positions at dawn.", []),
        ("The government imposed a curfew on the city.", []),
    ],
    ids=["bound-by-comma", "sentence-between", "bare-noun-subject", "deed-harming",
         "deed-attack", "deed-listed"],
)
def test_learned_cue_claims_only_what_ties_to_it(
        text: str, expected: list[tuple[str, str, bool, str]]) -> None:
    assert said(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Transcript follows.\n\n"LIND: The roads are still closed.\n\n'
         '"KOWAL: We will open them on Friday.',
         [("LIND", "The roads are still closed.", True, ":"),
          ("KOWAL", "We will open them on Friday.", True, ":")]),
        ('Peter Lind replied:\n\n"The roads are still closed until Friday."',
         [("Peter Lind", "The roads are still closed until Friday.", True, "replied")]),
        ('"The roads are still closed until Friday," Mr. Lind said.',
         [("Lind", "The roads are still closed until Friday,", True, "said")]),
        ('The flood was severe.\n\n"Absolutely," Peter Lind said.',
         [("Peter Lind", "Absolutely,", True, "said")]),
        ('"The roads are still closed until Friday." - Peter Lind. The river rose again.',
         [("Peter Lind", "The roads are still closed until Friday.", True, "-")]),
        ("The warden spoke briefly. - Peter Lind: “The roads are still closed until Friday.”",
         [("Peter Lind", "The roads are still closed until Friday.", True, ":")]),
    ],
    ids=["transcript-turns", "colon-then-paragraph", "mr-before-cue", "short-quote-bound",
         "dash-signature-in-sentence", "name-colon-quote"],
)
def test_attribute_places_quotes_by_their_labels(
        text: str, expected: list[tuple[str, str, bool, str]]) -> None:
    assert said(text) == expected


@pytest.mark.parametrize(
    "text",
    ['She wrote in the Daily Courier: "The roads are still closed until Friday."',
     'The flood was severe. "Absolutely." The river rose again.'],
    ids=["name-inside-a-phrase", "short-quote-alone"],
)
def test_attribute_keeps_labels_to_names_that_stand_alone(text: str) -> None:
    assert all(name not in ("Daily Courier", "Courier") for name, *_ in said(text))
    assert not any(s.text == "Absolutely." for s in attribute(text))
