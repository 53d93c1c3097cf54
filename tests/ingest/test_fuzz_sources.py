"""Fuzzing `read_bytes`: whatever the bytes, ingest yields articles and one-line notices.

Bad input is normal input: ingest never raises. Every input is bytes made to
look like what arrives (random bytes, text in legacy encodings and mojibake,
HTML junk, JSON with the wrong types, NULs, very long lines), read as each kind
and as an unknown one (sniffed). Budgets are the profiles in tests/conftest.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from sitrep.ingest import Ingested, Notice, read_bytes
from sitrep.ingest.formats import valid_date
from sitrep.settings import Settings

FAST, LONG = settings.get_profile("fuzz"), settings.get_profile("fuzz-long")
ORIGIN = "fuzz.in"
KINDS = ["txt", "jsonl", "json", "html", None]

WORDS = ["the", "army", "said", "on", "Tuesday", "shelling", "Kyiv", "of", "and", "was", "hit",
         "a", "in", "to", "by", "Reuters", "By Jo Bloggs", "Picture: Getty", "date 2023-05-31",
         "date 2023-02-30 Headline", "â€™", "Ã©", "&amp;", "&#8217;", "caf\xe9", "Київ", "\x00",
         "\x1b", "\u200b", "\ufeff", "\r\n", "\n", "\n\n", "\t", "  ", "<p>", "{", "[", '"']
TAGS = ["<!DOCTYPE html>", "<html>", "</html>", "<head>", "<title>", "</title>", "<body>",
        "<p>", "</p>", "<div class='x'>", "</div>", "<br>", "<span>", "<a href='/'>", "</a>",
        "<li>", "<td>", "<script>", "</script>", "<style>", "</style>", "<!--", "-->",
        "<![CDATA[", "]]>", "<meta property='article:published_time' content='2023-05-31'>",
        "<article>", "</article>", "<", ">", "&nbsp;", "&#x2019;", "<p", "=\"", "<?xml ?>"]
FIELDS = ["id", "published", "title", "text", "source", "url", "articles"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1",
             "cp1251", "koi8-r", "mac_roman", "shift_jis", "gb18030", "big5"]

prose = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=80).map(" ".join)
html_junk = st.lists(st.sampled_from(TAGS) | prose, min_size=1, max_size=40).map("".join)
# A page with a story in it, so that the extractor's output is read too.
html_pages = st.builds(
    "<html><head><title>{}</title></head><body><article>{}</article>{}</body></html>".format,
    prose, st.lists(prose.map("<p>{}</p>".format), min_size=1, max_size=8).map("".join),
    html_junk)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | prose
    | st.sampled_from(["2023-05-31", "2023-05-31T08:00:00Z", "2023-02-30", "31/05/2023", ""]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)
# Mostly articles a reader could take (a string "text", odd other fields), some with
# any field of any type.
articles = st.fixed_dictionaries(
    {"text": prose | html_junk | html_pages},
    optional={f: json_values | prose for f in FIELDS if f != "text"},
) | st.dictionaries(st.sampled_from(FIELDS), json_values | prose | html_junk, max_size=7)
json_docs = st.one_of(
    articles, st.lists(articles, max_size=4),
    st.fixed_dictionaries({"articles": st.lists(articles, max_size=4)}), json_values,
).map(lambda value: json.dumps(value, ensure_ascii=False, allow_nan=True))
json_lines = st.lists(
    articles.map(json.dumps) | json_docs | st.sampled_from(["", "{", "}", "[1,", "null", '"text"']),
    max_size=8).map("\n".join)
long_lines = st.builds(lambda piece, n: piece * n, st.sampled_from(
    ["a", "word ", "1", "\"", "<p>", "{\"text\": ", "â€", "\u2019", "\n", ". "]),
                       st.integers(1_000, 60_000))


@st.composite
def encoded(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> bytes:
    """A text in some encoding; what cannot be encoded is replaced, as a legacy tool would."""
    return draw(texts).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


INPUTS = st.one_of(
    st.binary(max_size=2048),
    encoded(prose | html_junk | html_pages | json_docs | json_lines | st.text(max_size=500)),
    (prose | html_pages | json_docs | json_lines).map(str.encode),  # UTF-8, the usual case
    st.builds(bytes.__add__, encoded(prose), st.binary(max_size=64)),  # text then binary junk
    encoded(long_lines),
)
SETTINGS = st.builds(Settings, max_chars=st.integers(40, 400) | st.just(1_000_000),
                     oversize=st.sampled_from(["split", "refuse"]))
PUBLISHED = st.none() | st.sampled_from(["2023-05-31", "1999-12-31"])

Limit = Callable[..., AbstractContextManager[None]]


def check_read_bytes(limit: Limit, data: bytes, kind: str | None, published: str | None,
                     config: Settings) -> None:
    with limit():
        items = list(read_bytes(data, origin=ORIGIN, kind=kind, published=published,
                                settings=config))
    ids: set[tuple[str, str]] = set()
    for item in items:
        if isinstance(item, Notice):
            assert item.message.startswith(ORIGIN), item  # names the file (and line)
            assert "\n" not in item.message, item  # one line on stderr
            continue
        assert isinstance(item, Ingested), item
        check_article(item, config)
        event("an article read")
        key = (item.origin, item.article.id)
        assert key not in ids, key  # the parts of a split text keep apart
        ids.add(key)


def check_article(item: Ingested, config: Settings) -> None:
    article = item.article
    assert item.origin.startswith(ORIGIN)
    assert isinstance(article.text, str) and article.text.strip()
    assert len(article.text) <= config.max_chars
    assert "\x00" not in article.text and "\r" not in article.text
    assert isinstance(article.id, str) and article.id
    assert article.published is None or valid_date(article.published) == article.published
    for value in (article.title, article.byline, article.source, article.url):
        assert value is None or (isinstance(value, str) and value.strip())


@pytest.mark.parametrize("kind", KINDS)
@FAST
@given(data=INPUTS, published=PUBLISHED, config=SETTINGS)
# Found by fuzzing: JSON nested past Python's recursion limit, and a number past its
# 4,300 digits, raised; JSON escapes put NULs and CRs in the text of a lone object.
@example(data=b'{"text": ' * 5000, published=None, config=Settings())
@example(data=b"[" * 5000, published=None, config=Settings())
@example(data=b"1" * 4301, published=None, config=Settings())
@example(data=b'{"text": "!\\r!"}', published=None, config=Settings())
@example(data=b'{"text": "\\u0000"}', published=None, config=Settings())
def test_read_bytes_yields_only_articles_and_notices(
        time_limit: Limit, kind: str | None, data: bytes, published: str | None,
        config: Settings) -> None:
    check_read_bytes(time_limit, data, kind, published, config)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@LONG
@given(data=INPUTS, published=PUBLISHED, config=SETTINGS)
def test_read_bytes_yields_only_articles_and_notices_long(
        time_limit: Limit, kind: str | None, data: bytes, published: str | None,
        config: Settings) -> None:
    check_read_bytes(time_limit, data, kind, published, config)

