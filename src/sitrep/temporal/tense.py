"""The tense of the clause a span sits in: past, present, future or unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
_PAST_AUX = {"had", "did", "was", "were", "'d"}
_PERFECT_AUX = {"has", "have", "'ve", "'s"}
# Verbs whose infinitive complement happens later: "plans to meet on Friday".
_PROSPECTIVE = {"plan", "expect", "schedule", "intend", "hope", "aim", "vow", "promise",
                "threaten", "want", "agree", "prepare", "set", "due", "likely", "go"}


def governing_verb(token: Token) -> Token:
    """The nearest verb above `token` (or the sentence's root)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            break
        current = current.head
    return token.sent.root


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """"past", "present", "future" or None (unknown), from the verb's tag and auxiliaries."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX or (verb.tag_ == "MD" and verb.lower_ in _FUTURE_AUX):
        return "future"
    if verb.tag_ == "VB" and "to" in aux:
        return _infinitive_tense(verb, depth)
    if verb.lemma_ in _PROSPECTIVE and verb.tag_ in ("VBD", "VBN"):
        return None  # "planned a rally on Saturday": the rally may still be ahead
    if verb.tag_ == "VBD" or aux & _PAST_AUX:
        return "past"
    if verb.tag_ == "VBN":
        return "past" if aux & _PERFECT_AUX or not aux else "present"
    if verb.tag_ == "VBG" and aux & {"is", "are", "'re", "am"}:
        return "future" if verb.lemma_ == "go" else "present"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def present_perfect(verb: Token) -> bool:
    """Whether a verb is told in the present perfect ("have been killed", "has hit")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in _PERFECT_AUX
                                      for c in verb.children)


def _infinitive_tense(verb: Token, depth: int) -> str | None:
    """ "is to resume", "plans to meet", "would be ready to leave", "had been due to expire"."""
    head = verb.head
    if head.i == verb.i or depth >= 4:
        return None
    if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
        return "future"
    if head.lemma_ in _PROSPECTIVE or head.pos_ == "ADJ":
        outer = verb_tense(governing_verb(head.head) if head.pos_ == "ADJ" else head, depth + 1)
        return "future" if outer in ("present", "future", None) else None
    if head.pos_ in ("VERB", "AUX"):
        return verb_tense(head, depth + 1)
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """Tense of the clause that governs the characters start..end of `doc`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return verb_tense(governing_verb(span.root))
