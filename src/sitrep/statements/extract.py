"""Statements from a parsed text: cue frames, their content, quotes and speakers.

A frame is a cue (a speech verb from cues.yaml, or "according to") with its
source (the verb's subject, climbing through "went on to call" and "and
added") and its content (the clause it governs, the quote beside it, or for
some verbs its object). Quotes come from their marks (quotes.py): a quote is
direct speech of the frame it touches in its paragraph ("...," he said, "..."),
or carries on the quote of the paragraph before. A quote no frame claims is
left out: sitrep reports only speech it can attribute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.records import Place, Speaker, Statement
from sitrep.records import Span as TextSpan
from sitrep.statements.lexicon import Cue, Lexicon
from sitrep.statements.quotes import Quote, find_quotes, inside
from sitrep.statements.speakers import Resolver, side_from_context
from sitrep.statements.stance import judge

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLAUSE_DEPS = {"ccomp", "parataxis"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "pcomp"}
# stances whose verb may take what is said as an infinitive or gerund ("denied being")
XCOMP_STANCES = {"deny", "intend", "threaten", "appeal", "reject", "claim", "accuse"}
MIN_QUOTE_WORDS = 3  # a shorter quote alone is a scare quote, not a statement
CHARGES = ("for", "of", "over", "with")  # "blamed X for Y", "accused X of Y"


@dataclass(slots=True)
class Frame:
    cue: Token
    rule: Cue
    source: Token | None
    contents: list[tuple[int, int]] = field(default_factory=list)  # char spans
    channel: str | None = None
    via: str | None = None
    according: bool = False


def extract(doc: Doc, *, places: list[Place], lex: Lexicon) -> list[Statement]:
    """The statements of one parsed text, in text order."""
    text = doc.text
    doc.user_data[TEXT_KEY] = text  # Doc.text joins every token each time it is read
    quotes = find_quotes(text)
    frames = [f for f in (_frame(t, lex, quotes) for t in doc) if f is not None]
    frames = _relays(frames, lex)
    resolver = Resolver(doc, places, lex)
    drafts = _drafts(text, frames, quotes)
    statements = []
    for frame, start, end, direct in sorted(drafts, key=lambda d: d[1]):
        if end <= start or not text[start:end].strip():
            continue  # a parse that crosses itself leaves nothing to report
        for source in _sources(frame):
            speaker = resolver.speaker(source) if source is not None else Speaker("unknown")
            statement = Statement(
                id="", start=start, end=end, text=text[start:end], direct=direct,
                speaker=speaker, cue=_cue_span(frame), channel=frame.channel, via=frame.via)
            statements.append((frame, statement))
    side_from_context([s for _, s in statements])
    judge(doc, statements, lex, resolver)
    return [s for _, s in statements]


def _sources(frame: Frame) -> list[Token | None]:
    """The frame's subject and its conjuncts ("Washington and Kyiv deny")."""
    if frame.source is None:
        return [None]
    return [frame.source, *(c for c in frame.source.conjuncts
                            if c.i > frame.source.i and c.pos_ in ("PROPN", "NOUN"))]


# frames -------------------------------------------------------------------

TEXT_KEY = "sitrep.statements.text"


def _text(token: Token) -> str:
    """The text of the token's document, read once per document."""
    doc = token.doc
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def _apart(a: Token, b: Token) -> bool:
    """Whether a paragraph break lies between two tokens."""
    lo, hi = (a, b) if a.idx <= b.idx else (b, a)
    return "\n" in _text(lo)[lo.idx:hi.idx]


def _frame(token: Token, lex: Lexicon, quotes: list[Quote]) -> Frame | None:
    if inside(quotes, token.idx, token.idx + len(token)):
        return None  # speech reported inside a quote is the quoted speaker's
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return _according(token, lex)
    if token.text in (":", "―", "—") and token.i > 0:
        return _label(token, lex)
    if token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
        return _noun(token, lex)
    rule = lex.verbs.get(token.lemma_.lower())
    if rule is None or token.pos_ not in ("VERB", "AUX") or _negated(token, rule):
        return None
    frame = Frame(token, rule, _subject(token))
    for child in token.children:
        if _apart(child, token):
            continue  # the parser joined two paragraphs: what is said stays in its own
        if child.dep_ in CLAUSE_DEPS:
            frame.contents.extend(_clauses(child))
        elif (child.dep_ == "xcomp" and rule.stance in XCOMP_STANCES) or (
                child.dep_ == "dobj" and rule.content == "object"):
            frame.contents.append(_extent(child))
        elif child.dep_ == "prep" and rule.content == "charge" and child.lower_ in CHARGES \
                and not frame.contents:
            frame.contents.append(_extent(child, drop_head=True))
        elif child.dep_ == "dobj" and rule.content == "charge" and not frame.contents:
            prep = next((c for c in child.children if c.dep_ == "prep"
                         and c.lower_ in CHARGES), None)  # parsed onto the object
            if prep is not None:
                frame.contents.append(_extent(prep, drop_head=True))
        elif child.dep_ == "prep":
            frame.channel = frame.channel or _channel(child, lex)
    if rule.content == "quote":
        _quoted_or_named(frame, quotes)
    if not frame.contents and token.dep_ == "parataxis" and token.head.pos_ in ("VERB", "AUX"):
        frame.contents.append(_around(token))  # "Officials, he said, should be vigilant."
    return frame


def _quoted_or_named(frame: Frame, quotes: list[Quote]) -> None:
    """What "call" and its kind say: the quote in their phrase ("called it 'a crime'"),
    else the object and its name ("called X a liar"); "called for"/"called on" appeal."""
    token = frame.cue
    frame.contents = [(q.start, q.end) for q in quotes
                      if token.left_edge.idx <= q.start and q.end <= _end(token)]
    if frame.contents:
        return
    named = [c for c in token.children if c.dep_ in ("dobj", "oprd")]
    if len(named) == 2:
        frame.contents.append((named[0].left_edge.idx, _end(named[1])))
        return
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "on")
                 and c.i == token.i + 1), None)
    if prep is not None:
        frame.rule = Cue("appeal", "object")
        words = _trimmed([t for t in token.subtree if t.i > prep.i])
        if words:
            frame.contents.append((words[0].idx, _end(words[-1])))


def _around(token: Token) -> tuple[int, int]:
    """The clause a parenthetical cue interrupts, without the cue's own words."""
    head, lo, hi = token.head, token.left_edge.i, token.right_edge.i
    side = [t for t in head.subtree if (t.i < lo) == (head.i < lo) and not lo <= t.i <= hi]
    words = _trimmed([t for t in side if t.dep_ != "cc" or t.i != side[0].i])
    if not words:
        return head.idx, head.idx + len(head)
    return words[0].idx, _end(words[-1])


def _trimmed(words: list[Token]) -> list[Token]:
    """Words without punctuation and spaces at either end."""
    while words and (words[0].is_punct or words[0].is_space):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].is_space) and words[-1].text not in "?!":
        words = words[:-1]
    return words


def _according(token: Token, lex: Lexicon) -> Frame | None:
    to = next(c for c in token.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    head = token.head
    skip = {t.i for t in token.subtree}
    words = _trimmed([t for t in head.subtree if t.i not in skip and not _apart(t, token)])
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    frame = Frame(token, lex.verbs["say"], source, according=True)
    frame.contents.append((start, end))
    return frame


def _label(token: Token, lex: Lexicon) -> Frame | None:
    """A name that labels what follows or precedes it: "PENCE: Well, look, ..."
    opening a paragraph (a transcript, a headline), or '"..." ― Jane Doe' closing one."""
    doc, text = token.doc, _text(token)
    if token.text == ":":
        start = text.rfind("\n", 0, token.idx) + 1
        while start < token.idx and text[start] in " \"“'‘(":
            start += 1
        if not text[start:token.idx].strip():
            return None
        name = doc.char_span(start, token.idx, alignment_mode="contract")
        if name is None or not 0 < len(name) <= 4 or not _is_name(name):
            return None
        end = text.find("\n", token.idx)
        end = len(text) if end < 0 else end
        frame = Frame(token, lex.verbs["say"], name.root)
        words = text[token.idx + 1:end]
        if words.strip():
            lead = len(words) - len(words.lstrip(" \"“'‘"))
            frame.contents.append((token.idx + 1 + lead, end - (len(words) - len(words.rstrip()))))
        return frame
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    if len(text[token.idx + 1:end].strip()) < 2:
        return None
    name = doc.char_span(token.idx + 1, end, alignment_mode="contract")
    before = text[:token.idx].rstrip()
    if name is None or not 0 < len(name) <= 6 or not before or before[-1] not in "”\"’'":
        return None
    return Frame(token, lex.verbs["say"], name.root) if _is_name(name) else None


def _is_name(span: object) -> bool:
    """Every word a capitalised name, or the whole in capitals ("PENCE")."""
    words = [t for t in span if not t.is_punct]  # type: ignore[attr-defined]
    return bool(words) and all(t.pos_ == "PROPN" or t.is_upper or t.ent_type_ in (
        "PERSON", "ORG") for t in words) and any(t.text[:1].isupper() for t in words)


def _noun(token: Token, lex: Lexicon) -> Frame | None:
    """"Trump's claim that ...", "the ministry's statement that ...": the clause the noun
    governs, said by its possessor."""
    clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp") and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    source = next((c for c in token.children if c.dep_ == "poss"), None)
    if clause is None or source is None or source.lower_ in ("its", "their"):
        return None
    frame = Frame(token, Cue(lex.nouns[token.lemma_.lower()]), source)
    frame.contents.append(_extent(clause))
    return frame


def _negated(token: Token, rule: Cue) -> bool:
    """'did not say' is no statement; 'did not deny' is none of denial either."""
    return any(c.dep_ == "neg" for c in token.children)


def _subject(token: Token) -> Token | None:
    """The cue's subject, or the subject of the verb it hangs from ("went on to call",
    "said ... and added"); for "officials noting ..." the noun."""
    seen = 0
    while seen < 4:
        for child in token.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i or _apart(token,
                                                                               token.head):
            return None
        token = token.head
        seen += 1
    return None


def _clauses(token: Token) -> list[tuple[int, int]]:
    """A content clause, split at coordinated clauses of their own ("said X, and that Y")."""
    own = [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
           and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)]
    if not own:
        return [_extent(token)]
    cut = {t.i for c in own for t in c.subtree}
    words = [t for t in token.subtree if t.i not in cut]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    spans = [(words[0].idx, words[-1].idx + len(words[-1]))] if words else []
    for c in own:
        spans.extend(_clauses(c))
    return spans


def _extent(token: Token, *, drop_head: bool = False) -> tuple[int, int]:
    """The characters of a token's subtree, without a leading "that" and edge punctuation
    (and without the token itself when it leads, as "for" in "blamed X for Y")."""
    words = [t for t in token.subtree if not (drop_head and t.i == token.i)
             and not _apart(t, token)]
    while words and (words[0].is_punct or words[0].is_space or (
            words[0].dep_ == "mark" and words[0].lower_ in ("that", "whether", "if"))):
        words.pop(0)
    while len(words) > 1 and (words[-1].is_space or (
            words[-1].is_punct and words[-1].text not in "\"”’'?!")):
        words.pop()
    if not words:
        return token.idx, token.idx + len(token)
    return words[0].idx, words[-1].idx + len(words[-1])


def _end(token: Token) -> int:
    last = token.right_edge
    return last.idx + len(last)


def _channel(prep: Token, lex: Lexicon) -> str | None:
    words = lex.channels.get(prep.lower_)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if not words or obj is None:
        return None
    phrase = prep.doc[obj.left_edge.i:obj.i + 1].text
    bare = phrase.lower().removeprefix("the ")
    if bare in words or obj.lemma_.lower() in words or bare.removeprefix("a ").removeprefix(
            "an ") in words:
        return phrase
    return None


def _relays(frames: list[Frame], lex: Lexicon) -> list[Frame]:
    """"According to Reuters, the ministry said": the ministry speaks, Reuters relays.
    "Reports suggested X, according to Sobyanin": Sobyanin speaks."""
    by_cue = {f.cue.i: f for f in frames if not f.according}
    out = []
    for frame in frames:
        inner = by_cue.get(frame.cue.head.i) if frame.according else None
        if inner is None or frame.source is None:
            out.append(frame)
            continue
        relay = frame.source.text.lower().removeprefix("the ")
        if relay in lex.media or (frame.source.lemma_.lower() in lex.kinds and \
                lex.kinds[frame.source.lemma_.lower()] == "media"):
            inner.via = frame.source.text
        else:
            inner.via = inner.source.text if inner.source is not None else None
            inner.source = frame.source
    return out


# statements ------------------------------------------------------------------

Draft = tuple[Frame, int, int, bool]


def _drafts(text: str, frames: list[Frame], quotes: list[Quote]) -> list[Draft]:
    """(frame, start, end, direct) for each piece of content and each claimed quote."""
    drafts: list[Draft] = []
    used: set[int] = set()
    for frame in frames:
        if frame.source is None:
            continue  # "no injuries have been reported": nobody to attribute it to
        for start, end in frame.contents:
            quote = _quote_of(quotes, start, end)
            if quote is not None:
                index = quotes.index(quote)
                if index not in used:
                    used.add(index)
                    drafts.append((frame, quote.start, quote.end, True))
                continue
            drafts.append((frame, start, end, False))
            used.update(i for i, q in enumerate(quotes) if start <= q.start and q.end <= end)
    for index, quote in enumerate(quotes):
        if index in used or quote.words < MIN_QUOTE_WORDS:
            continue
        claimant = _beside(text, quote, quotes, frames) or _carried(text, quote, quotes, drafts)
        if claimant is not None:
            used.add(index)
            drafts.append((claimant, quote.start, quote.end, True))
    return drafts


def _quote_of(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that holds most of a content span (its marks may fall outside)."""
    for quote in quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap > 0.8 * (end - start):
            return quote
    return None


def _beside(text: str, quote: Quote, quotes: list[Quote], frames: list[Frame]) -> Frame | None:
    """The frame whose cue and subject stand next to the quote in its paragraph, with
    no sentence end and no other quote between."""
    best: tuple[int, Frame] | None = None
    for frame in frames:
        if frame.according or frame.source is None or not all(
                _quote_of(quotes, s, e) for s, e in frame.contents):
            continue  # a frame with content of its own in plain words
        words = [frame.cue] + ([frame.source] if frame.source is not None else [])
        lo = min(t.idx for t in words)
        hi = max(t.idx + len(t) for t in words)
        gap = text[quote.end:lo] if lo >= quote.end else text[hi:quote.start]
        if lo < quote.end and hi > quote.start:
            continue
        if "\n" in gap or _sentence_end(gap) or any(q is not quote and (
                quote.end <= q.start < lo or hi <= q.start < quote.start) for q in quotes):
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), frame)
    return best[1] if best else None


def _sentence_end(gap: str) -> bool:
    stripped = gap.strip(" \"“”'‘’«»")
    return any(stripped[i] in ".!?" and (i + 1 == len(stripped) or stripped[i + 1] == " ")
               for i in range(len(stripped)) if i > 0 or len(stripped) > 1)


def _carried(text: str, quote: Quote, quotes: list[Quote], drafts: list[Draft]) -> Frame | None:
    """The frame of the quote this one carries on: one left open in the paragraph before,
    or one that closed that paragraph when this one opens the next with no cue."""
    index = quotes.index(quote)
    previous = quotes[index - 1] if index else None
    if quote.continues is not None:
        before = quotes[quote.continues]
    elif previous is not None and previous.paragraph == quote.paragraph - 1 and _alone(
            text, previous, quote):
        before = previous
    elif previous is not None and previous.paragraph == quote.paragraph:
        before = previous  # '"A," said X, the minister. "B."': B is X's too
    else:
        return None
    for frame, start, end, direct in drafts:
        if direct and start == before.start and end == before.end and (
                before is not previous or previous.paragraph != quote.paragraph
                or before.end <= frame.cue.idx < quote.start):
            return frame
    return None


def _alone(text: str, before: Quote, quote: Quote) -> bool:
    """Whether `before` ends its paragraph and `quote` begins the next."""
    marks = " \t\"“”'‘’«».,"
    return not text[before.end:quote.start].strip(marks + "\n")


def _cue_span(frame: Frame) -> TextSpan:
    token = frame.cue
    if frame.according:
        to = next(c for c in token.children if c.lower_ == "to")
        return TextSpan(token.idx, to.idx + len(to), _text(token)[token.idx:to.idx + len(to)])
    end = token.idx + len(token)
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is not None and particle.i == token.i + 1:
        end = particle.idx + len(particle)
    return TextSpan(token.idx, end, _text(token)[token.idx:end])
