"""Character spans of parse pieces for the statements stage: a content clause, the
clause a parenthetical cue interrupts, a subtree without its edge punctuation, a
leading "that" or a closing aside; and the document text read once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

TAIL_DEPS = {"relcl", "appos"}  # asides that may close a content span

TEXT_KEY = "sitrep.statements.text"


def doc_text(token: Token) -> str:
    """The text of the token's document, read once per document."""
    doc = token.doc
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def apart(a: Token, b: Token) -> bool:
    """Whether a paragraph break lies between two tokens."""
    lo, hi = (a, b) if a.idx <= b.idx else (b, a)
    return "\n" in doc_text(lo)[lo.idx:hi.idx]


def around(token: Token) -> list[tuple[int, int]]:
    """The clause a parenthetical cue interrupts, without the cue's own words: one span
    on each side ("[Officials], he said, [should be vigilant]")."""
    head, lo, hi = token.head, token.left_edge.i, token.right_edge.i
    spans = []
    for before in (True, False):
        side = [t for t in head.subtree if (t.i < lo) == before and not lo <= t.i <= hi]
        words = trimmed([t for t in side if t.dep_ != "cc" or t.i != side[0].i])
        if words:
            spans.append((words[0].idx, end_of(words[-1])))
    return spans or [(head.idx, head.idx + len(head))]


def trimmed(words: list[Token]) -> list[Token]:
    """Words without punctuation and spaces at either end."""
    while words and (words[0].is_punct or words[0].is_space):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].is_space) and words[-1].text not in "?!":
        words = words[:-1]
    return words


def clauses(token: Token) -> list[tuple[int, int]]:
    """A content clause, split at coordinated clauses of their own ("said X, and that Y")."""
    own = [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
           and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)]
    if not own:
        return [extent(token)]
    cut = {t.i for c in own for t in c.subtree}
    words = [t for t in token.subtree if t.i not in cut]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    spans = [(words[0].idx, words[-1].idx + len(words[-1]))] if words else []
    for c in own:
        spans.extend(clauses(c))
    return spans


def extent(token: Token, *, drop_head: bool = False) -> tuple[int, int]:
    """The characters of a token's subtree, without a leading "that" and edge punctuation
    (and without the token itself when it leads, as "for" in "blamed X for Y")."""
    words = [t for t in token.subtree if not (drop_head and t.i == token.i)
             and not apart(t, token)]
    while words and (words[0].is_punct or words[0].is_space or (
            words[0].dep_ == "mark" and words[0].lower_ in ("that", "whether", "if"))):
        words.pop(0)
    while len(words) > 1 and (words[-1].is_space or (
            words[-1].is_punct and words[-1].text not in "\"”’'?!")):
        words.pop()
    words = untailed(words)
    if not words:
        return token.idx, token.idx + len(token)
    return words[0].idx, words[-1].idx + len(words[-1])


def untailed(words: list[Token]) -> list[Token]:
    """Words without an aside that closes them after a comma: a relative clause ("the
    reality of climate change, which makes him ..."), an apposition ("Mr. Trump, the
    presumed Putin favorite") or a participle ("5 million people, focusing on ...")."""
    ids = {t.i for t in words}
    for k, comma in enumerate(words[1:-1], 1):
        if comma.text != ",":
            continue
        tail = words[k + 1:]
        roots = [t for t in tail if t.head.i not in ids or t.head.i < tail[0].i]
        if len(roots) == 1 and roots[0].dep_ in TAIL_DEPS and not _quoted_tail(tail):
            return words[:k]
    return words


def _quoted_tail(tail: list[Token]) -> bool:
    return any(t.text in "\"“”‘’'«»" for t in tail)


def end_of(token: Token) -> int:
    last = token.right_edge
    return last.idx + len(last)
