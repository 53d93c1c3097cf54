"""The syntax of an event mention's arguments that no upstream stage owns: which
clause sets a mention apart in time, whether a noun refers back, which country
an adjective names.

Where and when are asked of the geo and temporal stages (`sitrep.geo.locate`,
`sitrep.temporal.anchor`); who, of `sitrep.events.actors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.events.words import words
from sitrep.geo.gazetteer import demonym

if TYPE_CHECKING:
    from spacy.tokens import Token


def clause_key(head: Token) -> int | None:
    """The token that sets the mention's clause apart in time ("after Russia unleashed
    attacks", "follow 17 days of attacks"), so two happenings of one sentence stay two."""
    token = head
    if any(c.dep_ == "mark" and c.lower_ in words("separators") for c in head.children):
        return head.i
    for _ in range(12):
        if token.head is token:
            return None
        child, token = token, token.head
        if token.lower_ in words("separators") or (token.lemma_.lower() in words("separating_heads")
                                          and child.dep_ not in ("nsubj", "nsubjpass")):
            return token.i
        if any(c.dep_ in ("mark", "prep") and c.lower_ in words("separators") and c.i < token.i
               for c in token.children):
            return token.i
    return None


def definite(head: Token) -> bool:
    """Whether a noun trigger refers back ("the attacks", "these explosions")."""
    return head.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ in ("det", "poss") and c.lower_ in words("definite_determiners")
        for c in head.children) and not any(c.dep_ == "prep" and c.lower_ in ("on", "in", "at")
                                            for c in head.children)


def demonym_country(token: Token) -> str | None:
    """The country an adjective names ("Russian strikes"), not a maker ("Iranian-made")."""
    text = token.text
    if text.lower().endswith(tuple(words("maker_suffixes"))):
        return None
    return demonym(text)
