"""A store for the page and API tests: the bundled examples, plus a hostile article
whose text, title, source and URL carry markup and script (made once a session)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

HOSTILE_TEXT = (
    "KHARKIV, March 4 (Wire) - Shelling killed two people in Kharkiv on Monday, the "
    "regional governor said. A forum post quoted by the governor read "
    '<script>alert("text")</script> and <img src=x onerror=alert(1)>, officials said.\n\n'
    "The governor, Oleh <b onmouseover=alert(2)>Syniehubov</b>, accused Russian forces of "
    "the attack. Moscow denied it and pointed to javascript:alert(3) as the source.")
HOSTILE_TITLE = '<script>alert("title")</script> Kharkiv shelled <img src=x onerror=alert(4)>'
HOSTILE = {"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "published": "2024-03-05",
           "source": "<img src=x onerror=alert(5)> Wire", "url": "javascript:alert(6)"}


@pytest.fixture(scope="session")
def page_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from sitrep.api import extract
    from sitrep.examples import example_paths
    from sitrep.scale.runner import extract_paths
    from sitrep.settings import Settings
    from sitrep.store import Store
    from sitrep.store.clusters import link

    db = str(tmp_path_factory.mktemp("page") / "page.duckdb")
    extract_paths([str(p) for p in example_paths()], settings=Settings(), db=db)
    article = extract(HOSTILE_TEXT, published=HOSTILE["published"], title=HOSTILE_TITLE)
    article = dataclasses.replace(article, source=HOSTILE["source"], url=HOSTILE["url"])
    with Store(db) as store, store.transaction():
        store.add([article])
        link(store, [article])
    return db


@pytest.fixture(scope="session")
def hostile_id(page_db: str) -> str:
    from sitrep.ingest.sources import text_id

    return text_id(HOSTILE_TEXT)


@pytest.fixture
def static_dir() -> Path:
    from sitrep.serve.app import STATIC

    return STATIC
