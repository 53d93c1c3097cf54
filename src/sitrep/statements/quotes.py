"""Quotations found by their marks, paragraph by paragraph.

Every style counts: “curly”, "straight", ‘single’ (British), «guillemets»,
„low-high“; a single quote inside a double one is part of it. An apostrophe
inside or after a word ("Russia's", "residents’") is not a mark. A quote left
open at the end of its paragraph ends there (`open_end`); when the next
paragraph opens with a mark it continues the same quotation (`continues`),
the old convention for quotes that run over several paragraphs. An unclosed
quote never swallows more than its paragraph, nor more than `MAX_OPEN` chars.

>>> [(q.text, q.open_end) for q in find_quotes('He said: "Go home." And ‘that’s it’.')]
[('Go home.', False), ('that’s it', False)]
>>> qs = find_quotes('She said: "First part.\\n\\n"Second part," she added.')
>>> [(q.text, q.open_end, q.continues) for q in qs]
[('First part.', True, None), ('Second part,', False, 0)]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

OPEN_DOUBLE = {"“": "”", "„": "“", "«": "»", '"': '"'}
OPEN_SINGLE = {"‘": "’", "'": "'", "‹": "›"}
MAX_OPEN = 1200  # an unclosed quote ends at a sentence end after this many chars
PAD = "\x01"  # stands for the second apostrophe of a '' mark while scanning


@dataclass(slots=True)
class Quote:
    """The text inside one pair of marks (the marks excluded)."""

    start: int
    end: int
    text: str
    paragraph: int
    open_end: bool = False  # no closing mark before the paragraph ended
    continues: int | None = None  # index of the quote this one carries on

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def title(self) -> bool:
        """Whether the quote reads as the title of a work or show ("Fox and Friends",
        "Contract with America"): one phrase of two words or more, each long one
        capitalised. In the first paragraph (a headline, itself in title case) no quote
        is taken for one."""
        words = re.findall(r"[^\W\d_][\w’'-]*", self.text)
        long = [w for w in words if len(w) > 4]  # title case leaves "with", "from" small
        return self.paragraph > 0 and len(words) >= 2 and bool(long) and all(
            w[0].isupper() for w in long) and words[0][0].isupper() and not re.search(
            r"[.!?] ", self.text)  # "The Donald. Big Daddy." is two sentences


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line run of `text`."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
            if m.group().strip()]


class Quotes(list[Quote]):
    """The quotes of a text in order, with look-ups by position that read only the
    quotes near it (a text of thousands of quotes is not scanned once per word).

    >>> qs = Quotes([Quote(4, 9, "a b c", 0), Quote(20, 30, "d e f g", 0)])
    >>> [q.start for q in qs.near(8, 21)], qs.position(qs[1]), qs.holding(21, 22).start
    ([4, 20], 1, 20)
    """

    def __init__(self, quotes: Iterable[Quote] = ()) -> None:
        super().__init__(quotes)
        order = sorted(range(len(self)), key=lambda i: self[i].start)
        self._order = order
        self._starts = [self[i].start for i in order]
        self._longest = max((q.end - q.start for q in self), default=0)
        self._positions = {id(q): i for i, q in enumerate(self)}

    def near(self, start: int, end: int) -> list[Quote]:
        """The quotes that touch [start, end] (q.start <= end and q.end >= start), in
        list order."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_right(self._starts, end)
        found = sorted(self._order[lo:hi])
        return [self[i] for i in found if self[i].end >= start]

    def holding(self, start: int, end: int) -> Quote | None:
        """The first quote that holds text[start:end], if one does."""
        return next((q for q in self.near(start, end) if q.start <= start and end <= q.end),
                    None)

    def position(self, quote: Quote) -> int:
        """The index of `quote` (by identity)."""
        return self._positions[id(quote)]


def indexed(quotes: list[Quote]) -> Quotes:
    """`quotes` with their position index (itself when it has one)."""
    return quotes if isinstance(quotes, Quotes) else Quotes(quotes)


def find_quotes(text: str) -> Quotes:
    """The top-level quotations of `text`, in order. Two apostrophes ('') are a
    double mark, as some newspapers print them.

    >>> [q.text for q in find_quotes("He said, ''It's done.'' Then left.")]
    ["It's done."]
    """
    quotes: list[Quote] = []
    shadow = text.replace("\'\'", '"' + PAD) if "\'\'" in text else text
    for number, (start, end) in enumerate(paragraphs(text)):
        for q_start, q_end, closed in _scan(shadow, start, end):
            if shadow[q_start:q_start + 1] == PAD:
                q_start += 1
            quote = _make(text, q_start, q_end, number, open_end=not closed)
            if quote is None:
                continue
            previous = quotes[-1] if quotes else None
            if (previous is not None and previous.open_end
                    and previous.paragraph == number - 1
                    and not text[start:q_start].strip(" \t" + "".join(OPEN_DOUBLE))):
                quote.continues = len(quotes) - 1
            quotes.append(quote)
    return Quotes(quotes)


def _make(text: str, start: int, end: int, paragraph: int, *, open_end: bool) -> Quote | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return Quote(start, end, text[start:end], paragraph, open_end=open_end)


def _scan(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(content start, content end, closed) of the top-level quotes in text[start:end]."""
    found: list[tuple[int, int, bool]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in OPEN_DOUBLE and _opens(text, i, start, end):
            close = _close_double(text, i + 1, end, OPEN_DOUBLE[ch])
        elif ch in OPEN_SINGLE and _opens(text, i, start, end):
            close = _close_single(text, i + 1, end, OPEN_SINGLE[ch])
            if close is None:  # an unmatched single mark is most often an apostrophe
                i += 1
                continue
        else:
            i += 1
            continue
        if close is None:
            stop = _open_stop(text, i + 1, end)
            found.append((i + 1, stop, False))
            i = stop
        else:
            found.append((i + 1, close, True))
            i = close + 1
    return found


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """Whether the mark at i can open a quote: not inside a word, not before a space."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if after.isspace() and text[i] != "«":  # French sets « quote » apart with spaces
        return False
    return not (before.isalnum() or before in ".,;:!?")


def _closes(text: str, i: int, end: int) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    return not after.isalnum()


def _close_double(text: str, i: int, end: int, mark: str) -> int | None:
    """Index of the closing double mark, skipping nested quotes. Web text mixes
    styles: “curly" and "straight” quotes close with either mark, and a “ after a
    sentence's punctuation closes too (“It's unusual,“ said X)."""
    closers = {mark, "”"} if mark == "“" else {mark}
    if mark in ('"', "”"):
        closers |= {'"', "”"}
    nested = 0  # straight quotes opened inside a curly one ('“He said "go" and left”')
    while i < end:
        ch = text[i]
        if (ch == "“" or (ch == '"' and mark == "”")) and mark in ('"', "”") and not _closes(
                text, i, end) and text[i - 1].isspace():
            nested += 1  # '“rather live in what he calls “hell” than ...”' is one quote
        elif ch in ('"', "”") and nested and _closes(text, i, end):
            nested -= 1
        elif ch in closers and text[i - 1] != "\\" and (_closes(text, i, end) or ch != '"'):
            return i
        if ch == "“" and mark in ('"', "”") and text[i - 1] in ",.?!" and (
                i + 1 >= end or text[i + 1] == " "):
            return i
        i += 1
    return None


def _close_single(text: str, i: int, end: int, mark: str) -> int | None:
    """Index of the closing single mark: one followed by no letter (not "it's")."""
    closers = {mark, "’"} if mark == "'" else {mark}
    while i < end:
        ch = text[i]
        if ch in OPEN_DOUBLE and ch != "'":
            return None  # a double mark inside: this single mark was an apostrophe
        if ch in closers and _closes(text, i, end) and not text[i - 1].isspace():
            return i
        i += 1
    return None


def _open_stop(text: str, i: int, end: int) -> int:
    """Where an unclosed quote from i stops: the paragraph end, or a sentence end
    after MAX_OPEN chars."""
    if end - i <= MAX_OPEN:
        return end
    match = re.compile(r"[.!?](\s|$)").search(text, i + MAX_OPEN, end)
    return match.end() if match else end


def inside(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that holds text[start:end], if one does."""
    return indexed(quotes).holding(start, end)
