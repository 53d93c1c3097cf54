"""The resolver's fallbacks and the ranker's weights file."""

from __future__ import annotations

import pytest

from sitrep.geo import rank
from sitrep.geo.gazetteer_build import _short_forms
from sitrep.geo.resolve import _expand, _shorter_names


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Port of Los Angeles", "Los Angeles"),
        ("St. Louis-based", "St. Louis"),
        ("Northeast Georgia", "Georgia"),
        ("Metro Vancouver", "Vancouver"),
        ("Walker County Fairgrounds", "Walker County"),
    ],
)
def test_resolve_shorter_names_most_specific_first(text: str, first: str) -> None:
    assert _shorter_names(text)[0] == first


@pytest.mark.parametrize(("text", "expanded"),
                         [("W.Va.", "West Virginia"), ("W.Va", "West Virginia"), ("Ohio", "Ohio")])
def test_resolve_expand_state_abbreviations(text: str, expanded: str) -> None:
    assert _expand(text) == expanded


@pytest.mark.parametrize(
    ("name", "short"),
    [("Dagestan, Respublika", ["Dagestan"]), ("Western Province", []),
     ("National Capital Region", []), ("Ontario", [])],
)
def test_gazetteer_build_division_short_forms(name: str, short: list[str]) -> None:
    assert _short_forms(name) == short


def test_rank_weights_match_the_features() -> None:
    weights = rank.model()
    assert len(weights["first"]) == len(rank.FIRST)
    assert len(weights["second"]) == len(rank.SECOND)
    # evidence for a candidate never counts against it (see bench/geo_train_ranker.py)
    assert weights["second"][rank.SECOND.index("cue")] >= 0
