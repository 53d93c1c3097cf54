"""The word lists of words.yaml: what each one is for is said there.

>>> "drone" in words("armed_means")
True
"""

from __future__ import annotations

from functools import cache

from sitrep.rules import WORDS, Required, load_rules

# every list is required: a missing one is a broken install, not an empty list
WORD_LISTS = {key: Required(WORDS) for key in (
    "particles", "title_entities", "persons", "impersonal", "occur_verbs",
    "armed_means", "forces", "means", "referring_pronouns", "unresolved", "place_words",
    "countrywide", "state_forces", "not_home",
    "separators", "separating_heads", "definite_determiners", "maker_suffixes", "lasting",
    "doing_verbs", "kind_verbs", "kind_states", "tally_words", "trend_verbs")}


@cache
def words(key: str) -> frozenset[str]:
    """A list of words.yaml, as a set (entity labels as written, words in lower case)."""
    if key not in WORD_LISTS:
        raise KeyError(f"words.yaml has no list '{key}'")
    raw = _words_file()
    return frozenset(w if key == "title_entities" else w.lower() for w in raw[key])


@cache
def _words_file() -> dict[str, list[str]]:
    return load_rules(__package__ or "", "words.yaml", schema=WORD_LISTS)
