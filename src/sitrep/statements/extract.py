"""Statements from a parsed text: cue frames, their content, quotes and speakers.

A frame is a cue (a speech verb from cues.yaml, or "according to") with its
source (the verb's subject, climbing through "went on to call" and "and
added") and its content (the clause it governs, the quote beside it, or for
some verbs its object). Quotes come from their marks (quotes.py): a quote is
direct speech of the frame it touches in its paragraph ("...," he said, "..."),
or carries on the quote of the paragraph before. A quote no frame claims is
left out: sitrep reports only speech it can attribute.

A learned layer (learned.py) complements the lexicon: it adds frames for cue words
the lexicon lacks ("lamented that", "went on"), drops lexicon verbs that govern no
clause where they are no cue ("the storm is expected to ..."), and picks the content
of a cue whose rules find none ("tweeted a chart"). Labels mark speech without a
verb: a name and a colon ("PENCE: ...", "- Pew Research: “...”") or a signature
dash ('"..." ― Jane Doe'); claims.py decides which frame each quote belongs to.
A thought, wish or naming inside another cue's content ("she said she expects X")
is part of that content, not a statement of its own (cues.yaml `inner`). The
character spans of parse pieces come from spans.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.actors.resolve import Resolver, side_from_context
from sitrep.nlp.syntax import in_dateline, past_dateline, sections
from sitrep.records import Place, Speaker, Statement
from sitrep.records import Span as TextSpan
from sitrep.statements.claims import DASHES, Draft, Frame, drafts
from sitrep.statements.learned import (
    CUE_POS,
    candidates,
    content_features,
    content_tokens,
    cue_features,
    cue_model,
)
from sitrep.statements.lexicon import Cue, Lexicon
from sitrep.statements.quotes import Quote, find_quotes, inside
from sitrep.statements.spans import (
    TEXT_KEY,
    apart,
    around,
    clauses,
    doc_text,
    end_of,
    extent,
    trimmed,
    untailed,
)
from sitrep.statements.stance import judge

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLAUSE_DEPS = {"ccomp", "parataxis"}
CLIMB_DEPS = {"xcomp", "conj", "advcl", "pcomp"}
# stances whose verb may take what is said as an infinitive or gerund ("denied being")
XCOMP_STANCES = {"deny", "intend", "threaten", "appeal", "reject", "claim", "accuse"}
CHARGES = ("for", "of", "over", "with")  # "blamed X for Y", "accused X of Y"
# clauses of a cue that say more than it: a quote in them is not what "called" names
OWN_CLAUSES = {"advcl", "conj", "ccomp", "xcomp", "parataxis"}
SPEAKING_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
OTHER = Cue("other")  # the stance of a learned cue: the lexicon does not know the word


def extract(doc: Doc, *, places: list[Place], lex: Lexicon) -> list[Statement]:
    """The statements of one parsed text, in text order."""
    text = doc.text
    doc.user_data[TEXT_KEY] = text  # Doc.text joins every token each time it is read
    quotes = find_quotes(text)
    ruled = [f for f in (_frame(t, lex, quotes) for t in doc) if f is not None]
    # the learned layer drops weak lexicon frames and adds cues the lexicon lacks
    frames = [f for f in ruled if _kept(f, quotes, lex)] + _learned(doc, ruled, quotes, lex)
    frames = _relays(frames, lex)
    resolver = Resolver(doc, places, lex.actors)
    statements = []
    found = drafts(text, frames, quotes)
    for frame, start, end, direct in sorted(_own(found, lex), key=lambda d: d[1]):
        start = past_dateline(doc, start)  # "KHARKIV (Wire) - " is not what was said
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


def _own(found: list[Draft], lex: Lexicon) -> list[Draft]:
    """Drafts without those of a thought, wish or stand inside another's content: in "she
    said she expects X" or "they say they support Y" it is part of what was said, not a
    statement of its own; a learned cue there is as weak. Speech inside speech ("said the
    army denied X") stays a statement."""
    spans = [(id(f), s, e) for f, s, e, _ in found]
    return [d for d in found if not (
        (d[0].learned or d[0].cue.lemma_.lower() in lex.inner)
        and any(k != id(d[0]) and s <= d[0].cue.idx < e for k, s, e in spans))]


def _sources(frame: Frame) -> list[Token | None]:
    """The frame's subject and its conjuncts ("Washington and Kyiv deny")."""
    source = frame.source
    if source is not None and in_dateline(source):
        # "ODESA (Wire) - Russia said": the dateline's place is where it was filed
        source = next((c for c in source.head.children if c.dep_ == source.dep_
                       and c.i > source.i and not in_dateline(c)), None)
        if source is None:
            return []  # a misparse: the dateline is all the subject it has
    if source is None:
        return [None]
    return [source, *(c for c in source.conjuncts
                      if c.i > source.i and c.pos_ in ("PROPN", "NOUN"))]


# frames -------------------------------------------------------------------

def _frame(token: Token, lex: Lexicon, quotes: list[Quote]) -> Frame | None:
    """The frame a cue starts (a verb, a noun, "according to", a label's colon), or None."""
    lemma = token.lemma_.lower()
    if lemma not in lex.verbs and lemma not in lex.nouns and token.text != ":" \
            and token.lower_ != "according" and not signature(token):
        return None  # no cue word: the checks below could find nothing (the cheap test first)
    quote = inside(quotes, token.idx, token.idx + len(token))
    if quote is not None:  # speech reported inside a quote is the quoted speaker's, but a
        # transcript may quote whole turns: '"PENCE: Well, look, ...'
        return _label(token, lex) if token.text == ":" and _opens(doc_text(token), quote) else None
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return _according(token, lex)
    if (token.text == ":" or signature(token)) and token.i > 0:
        return _label(token, lex)
    if token.pos_ == "NOUN" and token.lemma_.lower() in lex.nouns:
        return _noun(token, lex)
    return _verb(token, lex, quotes)


def _verb(token: Token, lex: Lexicon, quotes: list[Quote]) -> Frame | None:
    """The frame of a lexicon verb that is not negated: its subject, what its
    dependants say and, failing them, the words around it or the model's choice."""
    rule = lex.verbs.get(token.lemma_.lower())
    if rule is None or token.pos_ not in ("VERB", "AUX") or _negated(token, rule):
        return None
    frame = Frame(token, rule, _subject(token, quotes))
    _dependants(frame, lex)
    if rule.content == "quote":
        _quoted_or_named(frame, quotes)
    if not frame.contents and token.dep_ == "parataxis" and token.head.pos_ in (
            "VERB", "AUX") and not _after_quote(token, quotes):
        frame.contents += around(token)  # "Officials, he said, should be vigilant."
    if not frame.contents:
        frame.fallback = _chosen(token, quotes)
    return frame


def _dependants(frame: Frame, lex: Lexicon) -> None:
    """The contents a verb's dependants say (its clauses, its object, what it charges
    someone with) and the channel a preposition names ("said on television")."""
    token, rule = frame.cue, frame.rule
    ands = [c.i for c in token.children if c.dep_ == "cc" and c.i > token.i]
    for child in token.children:
        if apart(child, token) or any(a < child.left_edge.i for a in ands):
            continue  # another paragraph, or a clause after "said, and ...": not what is said
        if child.dep_ in CLAUSE_DEPS:
            frame.contents.extend(clauses(child))
        elif (child.dep_ == "xcomp" and rule.stance in XCOMP_STANCES) or (
                child.dep_ == "dobj" and rule.content == "object"):
            frame.contents.append(extent(child))
        elif rule.content == "charge" and not frame.contents and (
                child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in CHARGES)):
            prep = child if child.dep_ == "prep" else next(
                (c for c in child.children if c.dep_ == "prep" and c.lower_ in CHARGES),
                None)  # "blamed X for Y"; "accused X of Y" may be parsed onto the object
            if prep is not None:
                frame.contents.append(extent(prep, drop_head=True))
        elif child.dep_ == "prep":
            frame.channel = frame.channel or _channel(child, lex)


def _after_quote(token: Token, quotes: list[Quote]) -> bool:
    """Whether a cue's phrase follows a quote with only its marks between ('"...," Mr. X
    said, adding ...'): the quote is what it says, not the clause the parse hangs it on."""
    text = doc_text(token)
    lo = next(t.idx for t in token.subtree if not t.is_punct or t.i == token.i)
    return any(q.end <= lo and not text[q.end:lo].strip(" ,\"”’'") for q in quotes)


def _learned(doc: Doc, frames: list[Frame], quotes: list[Quote], lex: Lexicon) -> list[Frame]:
    """Frames of the cues the learned model finds where the lexicon has no word
    ("lamented that ...", "seemed to ..."), with the dependants it picks as content.
    Their subject must be able to speak: a name, a person or body, a pronoun."""
    model, text = cue_model(), doc_text(doc[0]) if len(doc) else ""
    taken = {f.cue.i for f in frames}
    found = []
    for token in doc:
        if not _open_word(token, taken, quotes, lex) or model.prob(
                "cue", cue_features(token, text, quotes, lex.verbs)) < model.threshold("cue"):
            continue
        frame = Frame(token, OTHER, _subject(token, quotes), learned=True)
        if frame.source is not None and _can_speak(frame.source, lex):
            frame.contents = _chosen(token, quotes, before=False)
            found.append(frame)
    return found


def _open_word(token: Token, taken: set[int], quotes: list[Quote], lex: Lexicon) -> bool:
    """Whether the learned model may judge a word: not a lexicon word nor a deed ("fired",
    "attacked"), not negated, not quoted, and not leading to a lexicon cue ("went on to
    call" is the call's)."""
    lemma = token.lemma_.lower()
    return not (token.pos_ not in CUE_POS or token.i in taken or lemma in lex.verbs
                or lemma in lex.nouns or lemma in lex.deeds or lemma in lex.harming
                or inside(quotes, token.idx, token.idx + len(token))
                or any(c.dep_ == "neg" or (c.dep_ in ("xcomp", "advcl") and c.i in taken)
                       for c in token.children))


def _can_speak(source: Token, lex: Lexicon) -> bool:
    """A name, a pronoun, a person or body, or a determined noun ("the survey", "his ad");
    not a bare noun ("Rain continued to fall"), even one the tagger takes for a name at
    the head of a sentence with no entity's type."""
    lemma = source.lemma_.lower()
    name = source.pos_ == "PROPN" and bool(source.ent_type_ or not source.is_sent_start)
    return (name or source.pos_ == "PRON" or source.ent_type_ in SPEAKING_ENTS
            or lemma in lex.actors.kinds or lemma in lex.actors.collective
            or source.tag_ == "NNS" or any(c.dep_ in ("det", "poss") for c in source.children))


def _opens(text: str, quote: Quote) -> bool:
    """Whether a quote opens its paragraph."""
    return not text[text.rfind("\n", 0, quote.start) + 1:quote.start].strip(" \t\"“'‘«")


def _kept(frame: Frame, quotes: list[Quote], lex: Lexicon) -> bool:
    """Whether a lexicon verb that governs no content is a cue where it stands, by the
    learned model ("expected" in "the storm is expected" is not); where the rules found
    content ("denied the reports", "said that ...") they stand."""
    token, model = frame.cue, cue_model()
    if frame.contents or token.pos_ not in CUE_POS or frame.rule is not lex.verbs.get(
            token.lemma_.lower()):
        return True
    features = cue_features(token, doc_text(token), quotes, lex.verbs)
    return model.prob("cue", features) >= model.threshold("keep")


def _chosen(token: Token, quotes: list[Quote], *, before: bool = True) -> list[tuple[int, int]]:
    """The dependants of a cue the learned model takes for its content, as one span on
    each side of the cue; without `before`, no clause before the cue: a learned cue is
    too weak to claim one ("The talks failed, the envoy lamented" is for the lexicon)."""
    model, spans = cue_model(), []
    chosen = [c for c in candidates(token) if not apart(c, token) and model.prob(
        "content", content_features(token, c, quotes)) >= model.threshold("content")
        and (before or c.i > token.i or c.dep_ not in CLAUSE_DEPS)]
    for side in ([c for c in chosen if c.i < token.i], [c for c in chosen if c.i > token.i]):
        words = trimmed(sorted((t for c in side for t in content_tokens(c)), key=lambda t: t.i))
        if words and words[0].dep_ == "mark" and words[0].lower_ in ("that", "whether", "if"):
            words = words[1:]
        words = untailed(words)
        if words:
            spans.append((words[0].idx, words[-1].idx + len(words[-1])))
    return spans


def _quoted_or_named(frame: Frame, quotes: list[Quote]) -> None:
    """What "call" and its kind say: "called for"/"called on" appeal for what follows;
    else the quote in their phrase with what it names ("called him 'a genius'",
    "described as 'unhinged'"), else the object and its name ("called X a liar")."""
    token = frame.cue
    if _appeal(frame):
        return
    clauses_ = [c for c in token.children if c.dep_ in OWN_CLAUSES]
    quoted = [q for q in quotes if token.left_edge.idx <= q.start and q.end <= end_of(token)
              and not any(c.left_edge.idx <= q.start < end_of(c) for c in clauses_)]
    frame.naming = bool(quoted)  # a quote of a word or two names; it is no speech
    named = next((c for c in token.children if c.dep_ == "dobj" and token.i < c.i
                  and quoted and end_of(c) <= quoted[0].start), None)
    if named is not None:  # "called him 'a genius'": what is said names him
        end = quoted[-1].end
        end += doc_text(token)[end:end + 1] in "”’\"'»"
        frame.contents = [(named.left_edge.idx, end)]
    elif quoted:
        frame.contents = [(q.start, q.end) for q in quoted]
    else:
        named_ = [c for c in token.children if c.dep_ in ("dobj", "oprd")]
        if len(named_) == 2:
            frame.contents.append((named_[0].left_edge.idx, end_of(named_[1])))


def _appeal(frame: Frame) -> bool:
    """"called for X", "called on Y to Z": an appeal, its content what follows."""
    token = frame.cue
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "on")
                 and c.i == token.i + 1), None)
    if prep is None:
        return False
    frame.rule = Cue("appeal", "object")
    words = trimmed([t for t in token.subtree if t.i > prep.i])
    if words:
        frame.contents.append((words[0].idx, end_of(words[-1])))
    return True


def _according(token: Token, lex: Lexicon) -> Frame | None:
    to = next(c for c in token.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    head = token.head
    skip = {t.i for t in token.subtree}
    words = trimmed([t for t in head.subtree if t.i not in skip and not apart(t, token)])
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    frame = Frame(token, lex.verbs["say"], source, according=True)
    frame.contents.append((start, end))
    return frame


def _label(token: Token, lex: Lexicon) -> Frame | None:
    """A name that labels what follows or precedes it: "PENCE: Well, look, ..."
    opening a paragraph (a transcript, a headline), or '"..." ― Jane Doe' closing one
    (the dash may stick to the mark: '"...”― Jane Doe')."""
    doc, text = token.doc, doc_text(token)
    if token.text == ":":
        return _colon(token, lex)
    at = token.idx + len(token) - 1  # the dash
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    stops = [text.find(mark, at, end) for mark in (". ", "“", '"')]
    end = min([end, *(stop for stop in stops if stop > 0)])  # '"A" - Sanders. He said' or
    # a row of signed quotes: '“A.” ― Jane Doe “B.” ― John Roe'
    end = len(text[:end].rstrip())
    if len(text[at + 1:end].strip()) < 2:
        return None
    name = doc.char_span(at + 1, end, alignment_mode="contract")
    before = text[:at].rstrip()
    if name is None or not 0 < len(name) <= 6 or not before or before[-1] not in "”\"’'":
        return None
    return Frame(token, lex.verbs["say"], name.root) if _is_name(name) else None


def signature(token: Token) -> bool:
    """Whether a token is a dash, alone or stuck to the mark it follows ('”―')."""
    return token.text in DASHES or (len(token) == 2 and token.text[0] in "”\"’'"
                                    and token.text[1] in DASHES)


def _colon(token: Token, lex: Lexicon) -> Frame | None:
    """A name opening a paragraph, or the quote a paragraph is ('"WALLACE: Let's start'),
    labels the rest of the paragraph; else a name just before the colon may label the
    quote after it ("- Pew Research: “All the samples ...”")."""
    doc, text = token.doc, doc_text(token)
    start = text.rfind("\n", 0, token.idx) + 1
    while start < token.idx and text[start] in " \"“'‘(":
        start += 1
    name = doc.char_span(start, token.idx, alignment_mode="contract") if text[
        start:token.idx].strip() else None
    if name is None or not 0 < len(name) <= 4 or not _is_name(name):
        return _named_before(token, lex)
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    if (start, token.idx) in sections(doc):
        return None  # a roundup item's place or topic ("KRAMATORSK: Two people were
        # killed ..., the mayor said"), not a transcript's speaker
    frame = Frame(token, lex.verbs["say"], name.root)
    words = text[token.idx + 1:end]
    if words.strip(" \"“”'‘’"):
        lead = len(words) - len(words.lstrip(" \"“'‘"))
        frame.contents.append((token.idx + 1 + lead,
                               end - (len(words) - len(words.rstrip(" \"”’")))))
    return frame


def _named_before(token: Token, lex: Lexicon) -> Frame | None:
    """A name standing alone before a colon that opens a quote ("- Carl Bialik: “...”"):
    the quote is its speaker's, claimed beside the colon."""
    after = doc_text(token)[token.idx + 1:token.idx + 4].lstrip()
    if not after or after[0] not in "\"“‘«":
        return None
    doc, i = token.doc, token.i - 1
    words: list[Token] = []
    while i >= 0 and len(words) < 5 and (doc[i].pos_ == "PROPN" or (
            doc[i].lower_ == "and" and words)):
        words.insert(0, doc[i])
        i -= 1
    if not words or words[0].lower_ == "and" or (i >= 0 and not (
            doc[i].is_punct or doc[i].is_space)):
        return None  # a name inside a phrase ("wrote in the Times:") is no label
    ids = {w.i for w in words}
    root = next((w for w in words if w.head.i not in ids), words[-1])
    return Frame(token, lex.verbs["say"], root)


def _is_name(span: object) -> bool:
    """Every word a capitalised name, or the whole in capitals ("PENCE")."""
    words = [t for t in span if not (t.is_punct or t.is_space)]  # type: ignore[attr-defined]
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
    frame.contents.append(extent(clause))
    return frame


def _negated(token: Token, rule: Cue) -> bool:
    """'did not say' is no statement; 'did not deny' is none of denial either."""
    return any(c.dep_ == "neg" for c in token.children)


def _subject(token: Token, quotes: list[Quote]) -> Token | None:
    """The cue's subject, or the subject of the verb it hangs from ("went on to call",
    "said ... and added"), unless that verb is quoted; for "officials noting ..." the
    noun."""
    seen = 0
    while seen < 4:
        if seen and inside(quotes, token.idx, token.idx + len(token)):
            return _quoted_speaker(token)  # '"Do you think that?" X said, suggesting ...'
        for child in token.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i or apart(token,
                                                                               token.head):
            return None
        token = token.head
        seen += 1
    return None


def _quoted_speaker(verb: Token) -> Token | None:
    """The speaker of a quoted verb the parse hangs a cue on: the subject of the cue beside
    the quote ('"Do you think that?" X said, suggesting ...': X, not "you")."""
    said = next((c for c in verb.children if c.dep_ == "parataxis"), None)
    return next((c for c in said.children if c.dep_ == "nsubj"), None) if said else None


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
        if relay in lex.actors.media or (frame.source.lemma_.lower() in lex.actors.kinds and \
                lex.actors.kinds[frame.source.lemma_.lower()] == "media"):
            inner.via = frame.source.text
        else:
            inner.via = inner.source.text if inner.source is not None else None
            inner.source = frame.source
    return out


def _cue_span(frame: Frame) -> TextSpan:
    token = frame.cue
    if frame.according:
        to = next(c for c in token.children if c.lower_ == "to")
        return TextSpan(token.idx, to.idx + len(to), doc_text(token)[token.idx:to.idx + len(to)])
    end = token.idx + len(token)
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is not None and particle.i == token.i + 1:
        end = particle.idx + len(particle)
    return TextSpan(token.idx, end, doc_text(token)[token.idx:end])
