"""A cheap guard: is this text English at all? (sitrep's models read English.)"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _function_words() -> frozenset[str]:
    raw = yaml.safe_load(resources.files(__package__).joinpath("english.yaml").read_text())
    return frozenset(str(w).lower() for w in raw["function_words"])


def english_share(text: str, *, sample: int = 4000) -> float | None:
    """Share of words that are common English function words; None when too short to tell.

    >>> round(english_share("The strike hit the city and the port was closed by the army.") or 0, 2)
    0.54
    >>> english_share("Удары беспилотников по Москве продолжаются уже третий день подряд.")
    0.0
    """
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 8:
        return None
    vocab = _function_words()
    return sum(w in vocab for w in words) / len(words)
