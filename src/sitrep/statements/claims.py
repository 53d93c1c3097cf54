"""Which content and which quotes a cue frame claims: its own content spans (a span
mostly inside a quote is the quote), the quote beside its cue in the paragraph,
the quote that carries on one it claimed, and, when it has none of these, the
content the learned model picks (learned.py). A quote that reads as a title ("Fox and
Friends") or a word or two a cue names a thing with ("called it 'reckless'") is no
direct speech.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.statements.lexicon import Cue
from sitrep.statements.quotes import Quote, Quotes, indexed

if TYPE_CHECKING:
    from spacy.tokens import Token

MIN_QUOTE_WORDS = 3  # a shorter quote alone is a scare quote, not a statement
DASHES = ("―", "—", "–", "-")
DIRECT_SHARE = 0.8  # content this much inside quotation marks is direct speech


@dataclass(slots=True)
class Frame:
    cue: Token
    rule: Cue
    source: Token | None
    contents: list[tuple[int, int]] = field(default_factory=list)  # char spans
    channel: str | None = None
    via: str | None = None
    according: bool = False
    fallback: list[tuple[int, int]] = field(default_factory=list)  # the model's content
    learned: bool = False  # a cue of the learned model, not of the lexicon
    naming: bool = False  # its quote names a thing ("called it 'a disaster'"), see _content


Draft = tuple[Frame, int, int, bool]


def drafts(text: str, frames: list[Frame], quotes: list[Quote]) -> list[Draft]:
    """(frame, start, end, direct) for each piece of content and each claimed quote."""
    quotes = indexed(quotes)
    found = _Drafts()
    used: set[int] = set()
    for frame in frames:
        if frame.source is not None:  # else "no injuries have been reported": nobody's
            _content(frame, frame.contents, quotes, used, found)
    near = _Frames(frames, quotes)
    for index, quote in enumerate(quotes):
        if index in used:
            continue
        short = quote.words < MIN_QUOTE_WORDS or quote.title  # a scare quote, a title
        claimant = _beside(text, quote, quotes, near, short=short) or (
            None if short else _carried(text, quote, quotes, found, near))
        if claimant is not None:
            used.add(index)
            found.append((claimant, quote.start, quote.end, True))
    claimed = {id(d[0]) for d in found}
    for frame in frames:  # a cue with neither content nor quote: what the model picks
        if frame.source is not None and id(frame) not in claimed:
            _content(frame, frame.fallback, quotes, used, found)
    return list(found)


class _Drafts(list[Draft]):
    """The drafts so far, with the starts they have (looked up for each quote)."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: list[tuple[int, int]] = []  # (start, position), sorted

    def append(self, draft: Draft) -> None:
        insort(self.starts, (draft[1], len(self)))
        super().append(draft)

    def starting_in(self, start: int, end: int) -> list[Draft]:
        """The drafts whose start lies in [start, end], in the order they were made."""
        lo = bisect_left(self.starts, (start, -1))
        hi = bisect_right(self.starts, (end, len(self)))
        return [self[i] for i in sorted(p for _, p in self.starts[lo:hi])]


class _Frames:
    """The frames with what `_beside` asks of each, sorted by position, so that a quote
    reads only the frames that could stand beside it."""

    def __init__(self, frames: list[Frame], quotes: Quotes) -> None:
        self.all = frames
        self.quote_starts = sorted(q.start for q in quotes)
        self.spans: list[tuple[int, int]] = []
        for frame in frames:
            words = [frame.cue] if frame.source is None else [
                frame.cue, frame.source, frame.source.left_edge]
            self.spans.append((min(t.idx for t in words),
                               max(t.idx + len(t) for t in words[:2])))
        self.by_lo = sorted(range(len(frames)), key=lambda i: self.spans[i][0])
        self.los = [self.spans[i][0] for i in self.by_lo]
        self.widest = max((hi - lo for lo, hi in self.spans), default=0)
        self.by_cue = sorted(range(len(frames)), key=lambda i: frames[i].cue.idx)
        self.cues = [frames[i].cue.idx for i in self.by_cue]
        # a frame with content of its own in plain words claims no quote beside it
        self.plain = {i for i, f in enumerate(frames) if not all(
            _quote_of(quotes, s, e) for s, e in f.contents)}

    def beside(self, quote: Quote) -> list[tuple[Frame, int, int]]:
        """(frame, lo, hi) of the frames with no other quote between them and `quote`,
        in their order: past the next quote's start or before the last one's, a frame
        has one."""
        after = bisect_left(self.quote_starts, quote.end)
        nxt = next((s for s in self.quote_starts[after:after + 2] if s != quote.start), None)
        before = bisect_left(self.quote_starts, quote.start)
        prev = self.quote_starts[before - 1] if before else None
        lo = bisect_right(self.los, prev - self.widest) if prev is not None else 0
        hi = bisect_right(self.los, nxt) if nxt is not None else len(self.los)
        found = sorted(i for i in self.by_lo[lo:hi] if i not in self.plain and (
            prev is None or self.spans[i][1] > prev))
        return [(self.all[i], *self.spans[i]) for i in found]

    def cues_between(self, start: int, end: int) -> list[Frame]:
        """The frames whose cue lies strictly between `start` and `end`."""
        lo, hi = bisect_right(self.cues, start), bisect_left(self.cues, end)
        return [self.all[i] for i in self.by_cue[lo:hi]]


def _content(frame: Frame, spans: list[tuple[int, int]], quotes: Quotes, used: set[int],
             drafts: list[Draft]) -> None:
    """Drafts of a frame's content spans; a span mostly inside a quote is the quote."""
    for start, end in spans:
        quote = _quote_of(quotes, start, end)
        if quote is not None and quote.start <= frame.cue.idx < quote.end:
            drafts.append((frame, start, end, True))  # a turn of a quoted transcript
            used.add(quotes.position(quote))
            continue
        if quote is not None:
            index = quotes.position(quote)
            if index not in used:  # a word or two a cue names a thing with is no speech
                used.add(index)    # ("what lawmakers called 'fraud'")
                direct = not ((frame.naming and quote.words < MIN_QUOTE_WORDS) or quote.title)
                drafts.append((frame, quote.start, quote.end, direct))
            continue
        # a span cut inside a quote runs to its end ('questions such as, "Do you ..."')
        end = max([end, *(q.end for q in quotes.near(start, end)
                          if start < q.start < end < q.end)])
        near = quotes.near(start, end)
        inner = [q for q in near if start <= q.start and q.end <= end]
        quoted = sum(max(0, min(end, q.end) - max(start, q.start)) for q in near)
        direct = quoted >= DIRECT_SHARE * (end - start)
        drafts.append((frame, start, end, direct))  # 'said he would "stand firm"' is direct
        used.update(quotes.position(q) for q in inner)


def _quote_of(quotes: Quotes, start: int, end: int) -> Quote | None:
    """The quote that holds most of a content span (its marks may fall outside)."""
    for quote in quotes.near(start, end):
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap > 0.8 * (end - start):
            return quote
    return None


def _beside(text: str, quote: Quote, quotes: Quotes, frames: _Frames, *,
            short: bool = False) -> Frame | None:
    """The frame whose cue and subject stand next to the quote in its paragraph, with
    no sentence end and no other quote between. A short quote ('"Absolutely," he said')
    is speech only when punctuation ties it to a lexicon cue right beside it."""
    best: tuple[int, Frame] | None = None
    if quote.title:
        return None  # 'on CBS's "Face the Nation," Ryan said': the show is not said
    for frame, lo, hi in frames.beside(quote):
        if frame.according or frame.source is None:
            continue
        gap = text[quote.end:lo] if lo >= quote.end else text[hi:quote.start]
        if lo < quote.end and hi > quote.start:
            continue
        if ("\n" in gap and not _leads_in(gap)) or _sentence_end(gap) or any(
                q is not quote and (quote.end <= q.start < lo or hi <= q.start < quote.start)
                for q in quotes.near(min(hi, quote.end), max(lo, quote.start))):
            continue
        if hi <= quote.start and _between(frame, quote, frames):
            continue
        if (frame.learned or short) and not _bound(quote, gap, after=lo >= quote.end):
            continue
        if frame.cue.text[-1:] in DASHES and lo < quote.end:
            continue  # a signature ('"..." ― Jane Doe') signs the quote before it
        if short and (frame.learned or len(gap.strip(" \"”’'")) > 1):
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), frame)
    return best[1] if best else None


def _bound(quote: Quote, gap: str, *, after: bool) -> bool:
    """Whether punctuation ties a quote to the cue after it ('"...," he went on') or
    before it ('he went on: "..."'); a learned cue claims no quote without it."""
    if after:
        return quote.text.rstrip()[-1:] in (",", "?", "!", "—", "–")
    return gap.strip(" \"“'‘«")[-1:] in (":", ",")


def _leads_in(gap: str) -> bool:
    """Whether a gap from a cue to a quote is only a colon and a paragraph break
    ("X responded:" closing one paragraph, the quote opening the next)."""
    return gap.strip(" \t\n\"“'‘«") == ":" and gap.count("\n") <= 2


def _sentence_end(gap: str) -> bool:
    stripped = gap.strip(" \"“”'‘’«»")
    return any(stripped[i] in ".!?" and (i + 1 == len(stripped) or stripped[i + 1] == " ")
               for i in range(len(stripped)) if i > 0 or len(stripped) > 1)


def _carried(text: str, quote: Quote, quotes: Quotes, drafts: _Drafts,
             frames: _Frames) -> Frame | None:
    """The frame of the quote this one carries on: one left open in the paragraph before,
    or one that closed that paragraph when this one opens the next with no cue."""
    k = quotes.position(quote)
    while k > 1 and quotes[k - 1].paragraph == quote.paragraph and (quotes[
            k - 1].words < MIN_QUOTE_WORDS or quotes[k - 1].title) and not drafts.starting_in(
            quotes[k - 1].start, quotes[k - 1].start):
        k -= 1  # a title between ('"A," he told NBC's "Today." "B."') breaks no run
    previous = quotes[k - 1] if k else None
    if quote.continues is not None:
        before = quotes[quote.continues]
    elif previous is not None and previous.paragraph == quote.paragraph - 1 and _alone(
            text, previous, quote):
        before = previous
    elif previous is not None and previous.paragraph == quote.paragraph:
        before = previous  # '"A," said X, the minister. "B."': B is X's too
    else:
        return None
    for frame, start, end, direct in drafts.starting_in(before.start, before.end):
        if direct and _turn(frame, before, start, end) and quote.continues is not None:
            return frame  # a transcript turn ('"PENCE: ...') running over paragraphs
        if direct and start == before.start and end == before.end and (
                before is not previous or previous.paragraph != quote.paragraph
                or before.end <= frame.cue.idx < quote.start) and not _between(
                frame, quote, frames):
            return frame
    return None


def _turn(frame: Frame, quote: Quote, start: int, end: int) -> bool:
    """Whether a draft is the turn of a quoted transcript: a labelled span in `quote`
    whose label (the cue) stands in the quote too ('"PENCE: Well, look, ...')."""
    return quote.start <= frame.cue.idx < quote.end and quote.start <= start and end <= quote.end


def _between(frame: Frame, quote: Quote, frames: _Frames) -> bool:
    """Whether another cue between a frame's cue and a quote has content that runs into
    the quote ('"A," X said, suggesting questions such as "B"': B is the suggestion's,
    not what X said)."""
    return any(f is not frame and any(a < quote.start < b for a, b in f.contents or f.fallback)
               for f in frames.cues_between(frame.cue.idx, quote.start))


def _alone(text: str, before: Quote, quote: Quote) -> bool:
    """Whether `before` ends its paragraph and `quote` begins the next."""
    marks = " \t\"“”'‘’«».,"
    return not text[before.end:quote.start].strip(marks + "\n")
