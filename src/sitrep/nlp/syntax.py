"""Small walks over the dependency parse, shared by the stages that anchor things
(dates and places) to an event's trigger."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def clause_verb(token: Token, *, limit: int = 6) -> Token:
    """The nearest verb at or above `token` (the token itself when none is near)."""
    current = token
    for _ in range(limit):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def hops_to(token: Token, anchors: set[int], *, limit: int = 4) -> int | None:
    """How many steps up from `token` reach one of the `anchors` token indices, or None."""
    current = token
    for hops in range(limit + 1):
        if current.i in anchors:
            return hops
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def span_hops(doc: Doc, start: int, end: int, anchors: set[int]) -> int | None:
    """`hops_to` for the root of the characters start..end of `doc`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return hops_to(span.root, anchors)


TEXT_KEY = "sitrep.text"


def doc_text(doc: Doc) -> str:
    """The document's text, read once: spaCy's `Doc.text` joins every token each time."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


# A paragraph's opening dateline: a place in capitals with maybe its country and day,
# and the publisher in brackets, before a dash ("PESHAWAR, Pakistan, June 3 (Compass
# News) - ", "ODESA (Coastal Herald) - ", "KHARKIV - "), or the bracketed publisher
# alone ("(Valley Post) - "). (Not before a colon: "SMITH:" labels a transcript's
# speaker.)
_HEADER = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z'’.\-]+(?:[ /&][A-Z][A-Z'’.\-]+)*(?:,[^\n()]{1,60}?)?"
    r"(?:[ \t]*\([^()\n]{1,80}\))?|\([^()\n]{1,80}\))[ \t]*(?:--|[-–—])[ \t]")
HEADERS_KEY = "sitrep.headers"
# A label opening a paragraph: a word in capitals and a colon; it names a roundup
# item's place or topic ("KRAMATORSK: Two people were killed ...", "GRAIN: Two more
# ships left ..."), or, in a transcript, its speaker ("PENCE: Well, ...")
SECTION = re.compile(
    r"(?m)(?:\A|(?<=\n\n))[ \t]*([A-Z][A-Z'’.\-]+(?:[ /&][A-Z][A-Z'’.\-]+)*):[ \t]")
SECTIONS_KEY = "sitrep.sections"


def sections(doc: Doc) -> tuple[tuple[int, int], ...]:
    """The character spans of the labels (without their colon) that open a roundup's
    items: a paragraph that says after what it tells who said it ("KUPIANSK: Two people
    were killed, the mayor said"), as a report does and a transcript's turn does not
    ("SMITH: The minister said the border would open")."""
    spans = doc.user_data.get(SECTIONS_KEY)
    if spans is None:
        text = doc_text(doc)
        spans = doc.user_data[SECTIONS_KEY] = tuple(
            m.span(1) for m in SECTION.finditer(text) if _reported(doc, m.end(), text))
    return tuple(spans)


def _reported(doc: Doc, start: int, text: str) -> bool:
    """Whether the line from `start` has a speech verb with a subject that is no pronoun,
    after the clause it tells ("..., the mayor said")."""
    from sitrep.statements.lexicon import lexicon

    verbs, end = lexicon().verbs, text.find("\n", start)
    span = doc.char_span(start, len(text) if end < 0 else end, alignment_mode="contract")
    return span is not None and any(t.lemma_.lower() in verbs and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in t.children) and any(
        c.dep_ == "ccomp" and c.i < t.i for c in t.children) for t in span)


def in_dateline(token: Token) -> bool:
    """Whether a token is in a paragraph's dateline or section header: a place named
    there says where the story was filed, and is no one who acts or speaks.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["ODESA", "(", "Wire", ")", "-", "Russia", "said", "it"])
    >>> [t.text for t in doc if in_dateline(t)]
    ['ODESA', '(', 'Wire', ')', '-']
    """
    return any(start <= token.idx < end for start, end in headers(token.doc))


def past_dateline(doc: Doc, offset: int) -> int:
    """`offset`, or the end of the dateline it falls in: where what is said starts."""
    return next((end for start, end in headers(doc) if start <= offset < end), offset)


def headers(doc: Doc) -> tuple[tuple[int, int], ...]:
    """The doc's dateline spans, found once and kept with it."""
    spans = doc.user_data.get(HEADERS_KEY)
    if spans is None:
        spans = doc.user_data[HEADERS_KEY] = tuple(
            m.span() for m in _HEADER.finditer(doc_text(doc)))
    return tuple(spans)
