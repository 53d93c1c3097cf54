"""The page's files: served with the API's policy, and written so that the policy
holds (no inline script or style, nothing from another origin, no HTML built from
strings)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.serve import create_app


@pytest.fixture(scope="module")
def client(page_db: str) -> TestClient:
    return TestClient(create_app(page_db))


def test_the_page_and_its_files_are_served_with_the_policy(client: TestClient,
                                                           static_dir: Path) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for name in ("app.js", "map.js", "timeline.js", "topo.js", "palette.js", "style.css"):
        answer = client.get(f"/static/{name}")
        assert answer.status_code == 200, name
        assert answer.text == (static_dir / name).read_text()
        assert "script-src 'self';" in answer.headers["content-security-policy"]
    assert client.get("/static/../app.py").status_code == 404


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.problems.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}=...>")
            if value and value.strip().lower().startswith(("http:", "https:", "//")):
                self.problems.append(f"<{tag} {name}={value}> loads from another origin")


def test_the_page_has_no_inline_script_or_style_and_loads_nothing_from_outside(
        static_dir: Path) -> None:
    for page in static_dir.glob("*.html"):
        parser = _Markup()
        parser.feed(page.read_text())
        assert parser.problems == [], page.name
    for module in static_dir.glob("*.js"):
        code = module.read_text()
        assert "innerHTML" not in code and "eval(" not in code, module.name
        urls = re.findall(r"https?://[^\s\"'`]+", code)
        assert all(u.startswith("http://www.w3.org/") for u in urls), (module.name, urls)


