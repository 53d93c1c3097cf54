"""Quotation marks: every style, apostrophes, nesting, quotes left open, paragraphs.

All sentences here are made up. `find_quotes` is pure, so no model is loaded.
"""

from __future__ import annotations

import pytest

from sitrep.statements.quotes import MAX_OPEN, Quote, find_quotes, inside, paragraphs


def texts(text: str) -> list[str]:
    quotes = find_quotes(text)
    for q in quotes:  # offsets always agree with the text
        assert text[q.start:q.end] == q.text
    return [q.text for q in quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor said: “The bridge will reopen on Friday.”",
         ["The bridge will reopen on Friday."]),
        ('The mayor said: "The bridge will reopen on Friday."',
         ["The bridge will reopen on Friday."]),
        ("The mayor said: ‘The bridge will reopen on Friday.’",
         ["The bridge will reopen on Friday."]),
        ("The mayor said: 'The bridge will reopen on Friday.'",
         ["The bridge will reopen on Friday."]),
        ("Le maire a dit: «Le pont rouvrira vendredi.»", ["Le pont rouvrira vendredi."]),
        ("Der Bürgermeister sagte: „Die Brücke bleibt zu.“", ["Die Brücke bleibt zu."]),
        ("The mayor said, ''The bridge will reopen on Friday.'' Then he left.",
         ["The bridge will reopen on Friday."]),
        ("He said, ''We're staying.''", ["We're staying."]),
        ("‘We won’t leave our homes,’ a resident said.", ["We won’t leave our homes,"]),
        ('“The water is rising,” the warden said. “Leave now.”',
         ["The water is rising,", "Leave now."]),
        ('She called the plan "reckless" and left.', ["reckless"]),
    ],
    ids=["curly", "straight", "single-curly", "single-straight", "guillemets", "low-high",
         "two-apostrophes", "two-apostrophes-with-apostrophe", "british-with-apostrophe",
         "two-quotes", "scare-quote"],
)
def test_find_quotes_reads_every_mark_style(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('“The water is rising," the warden said. "Leave now.”',
         ["The water is rising,", "Leave now."]),
        ("“It's unusual,“ said the warden. “Leave now.”", ["It's unusual,", "Leave now."]),
        ('“He said "go" and left,” the warden said.', ['He said "go" and left,']),
    ],
    ids=["curly-then-straight", "wrong-curly-closer", "straight-inside-curly"],
)
def test_find_quotes_reads_mixed_mark_styles(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_find_quotes_reads_spaced_guillemets() -> None:
    assert texts("Le maire a dit : « Le pont rouvrira vendredi. »") == [
        "Le pont rouvrira vendredi."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia's envoy met the residents’ committee on Tuesday.", []),
        ("The residents' group met Russia's envoy on Tuesday.", []),
        ("The 1990s' floods were worse, the farmer's son said.", []),
        ('The residents\' group said: "We are staying put."', ["We are staying put."]),
        ("Kyiv’s mayor said: “The city’s shelters are open.”",
         ["The city’s shelters are open."]),
        ("It's the farmers’ turn, the minister's aide said, and ‘that’s final’.",
         ["that’s final"]),
    ],
    ids=["possessives", "plural-possessive-straight", "decade-possessive",
         "apostrophe-before-quote", "apostrophes-inside-quote", "apostrophes-around-quote"],
)
def test_find_quotes_skips_apostrophes(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We heard what they called ‘a final offer’ and we refused,” the union said.",
         ["We heard what they called ‘a final offer’ and we refused,"]),
        ('He said: "They called it \'a final offer\' and we refused."',
         ["They called it 'a final offer' and we refused."]),
        ("“The order said ‘evacuate’, so we went,” she said.",
         ["The order said ‘evacuate’, so we went,"]),
        ("“We would rather sleep in what he calls “the ruins” than leave,” she said.",
         ["We would rather sleep in what he calls “the ruins” than leave,"]),
        ('"WARDEN: This is what they call “a safe zone.” But it is not safe.',
         ["WARDEN: This is what they call “a safe zone.” But it is not safe."]),
        ("He said “go” and “stay” on the same day.", ["go", "stay"]),
    ],
    ids=["curly", "straight", "inner-before-comma", "curly-inside-curly",
         "curly-inside-open-straight", "two-curly-in-a-row"],
)
def test_find_quotes_keeps_nested_quotes_inside(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "open_end"),
    [
        ("The governor said: “We will rebuild every school\n\nOfficials left the site.",
         "We will rebuild every school", True),
        ('The governor said: "We will rebuild every school.\n\nThe council met on Monday.',
         "We will rebuild every school.", True),
        ("The governor said: “We will rebuild.”\n\nThe council met on Monday.",
         "We will rebuild.", False),
        ('He said: "Stay indoors tonight', "Stay indoors tonight", True),
    ],
    ids=["curly-open", "straight-open", "closed", "open-at-text-end"],
)
def test_find_quotes_ends_an_open_quote_at_its_paragraph(
        text: str, expected: str, open_end: bool) -> None:
    quotes = find_quotes(text)
    assert [(q.text, q.open_end, q.paragraph) for q in quotes] == [(expected, open_end, 0)]
    first_end = paragraphs(text)[0][1]
    assert quotes[0].end <= first_end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said: "First part.\n\n"Second part," she added.',
         [("First part.", True, None), ("Second part,", False, 0)]),
        ("He said: “First.\n\n“Second.\n\n“Third,” he added.",
         [("First.", True, None), ("Second.", True, 0), ("Third,", False, 1)]),
        ("“We will rebuild,” he said.\n\n“The roads come next,” he added.",
         [("We will rebuild,", False, None), ("The roads come next,", False, None)]),
        ("He said: “We will rebuild.\n\nThe council said: “Roads come next.”",
         [("We will rebuild.", True, None), ("Roads come next.", False, None)]),
        ("He said: “We will rebuild.\n\nRain fell.\n\n“Roads come next.”",
         [("We will rebuild.", True, None), ("Roads come next.", False, None)]),
    ],
    ids=["two-paragraphs", "three-paragraphs", "closed-before", "not-at-paragraph-start",
         "paragraph-between"],
)
def test_find_quotes_marks_continued_quotes(
        text: str, expected: list[tuple[str, bool, int | None]]) -> None:
    quotes = find_quotes(text)
    assert [(q.text, q.open_end, q.continues) for q in quotes] == expected
    assert [q.paragraph for q in quotes] == sorted(q.paragraph for q in quotes)


SENTENCE = "Crews worked through the night to clear the debris. "


@pytest.mark.parametrize(
    "after",
    ["", "\n\nThe road reopened on Sunday."],
    ids=["alone", "with-next-paragraph"],
)
def test_find_quotes_caps_a_long_open_quote(after: str) -> None:
    text = 'A spokesman said: "' + SENTENCE * 60 + after
    quotes = find_quotes(text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.open_end
    assert MAX_OPEN <= len(quote.text) <= MAX_OPEN + len(SENTENCE)
    assert quote.text.endswith("debris.")
    assert "Sunday" not in quote.text


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\n\n", "Rain fell across the region on Monday.",
     "Rain fell.\n\nThe river rose by two metres, officials said."],
    ids=["empty", "spaces", "newlines", "one-sentence", "two-paragraphs"],
)
def test_find_quotes_finds_nothing_without_marks(text: str) -> None:
    assert find_quotes(text) == []


@pytest.mark.parametrize(
    ("phrase", "found"),
    [("bridge", True), ("mayor", False), ("Friday.”", False)],
    ids=["inside", "before", "past-the-mark"],
)
def test_inside_finds_the_quote_holding_a_span(phrase: str, found: bool) -> None:
    text = "The mayor said: “The bridge will reopen on Friday.”"
    start = text.index(phrase)
    quote = inside(find_quotes(text), start, start + len(phrase))
    assert isinstance(quote, Quote) is found


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("He spoke on “The Morning Report Live.”", True),
        ("He wrote in “Contract with the Valley,” a pamphlet.", True),
        ("“The Water Is Rising,” he said.", True),
        ("“The water is rising,” he said.", False),
        ("“Leave now. Go North.”", False),
        ("He called it “Reckless.”", False),
        ("“I am,” he said.", False),
    ],
    ids=["show", "small-words-lowercase", "all-capitalised", "sentence", "two-sentences",
         "one-word", "no-long-word"],
)
def test_quote_title_is_a_capitalised_phrase(text: str, title: bool) -> None:
    (quote,) = find_quotes("Floods close the valley road\n\n" + text)
    assert quote.title is title


def test_quote_title_is_never_the_headline() -> None:
    (quote,) = find_quotes("Mayor: “We Will Rebuild the Valley”\n\nThe river fell.")
    assert not quote.title


def test_quotes_index_finds_what_a_scan_finds() -> None:
    """Quotes.near / holding read only nearby quotes; they must agree with a full scan."""
    import random

    from sitrep.statements.quotes import Quote, Quotes

    rng = random.Random(7)
    for _ in range(200):
        starts = sorted(rng.sample(range(0, 500), 12))
        quotes = Quotes([Quote(s, s + rng.randint(1, 60), "x y z", 0) for s in starts])
        for _ in range(20):
            a = rng.randint(-10, 520)
            b = a + rng.randint(0, 80)
            assert quotes.near(a, b) == [q for q in quotes if q.start <= b and q.end >= a]
            assert quotes.holding(a, b) == next(
                (q for q in quotes if q.start <= a and b <= q.end), None)
        assert all(quotes.position(q) == i for i, q in enumerate(quotes))
