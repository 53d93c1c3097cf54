from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.ingest import Ingested, Notice, read_paths, text_id
from sitrep.ingest.sources import split_long
from sitrep.settings import Settings

STORY = "Shelling hit the port of Kherson on Monday, killing two people, officials said."


def _read(*paths: Path, **kw: object) -> tuple[list[Ingested], list[Notice]]:
    items = list(read_paths([str(p) for p in paths], **kw))  # type: ignore[arg-type]
    return ([i for i in items if isinstance(i, Ingested)],
            [i for i in items if isinstance(i, Notice)])


def test_sources_txt_with_dateline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"\n  date 2023-05-31 A headline here\n\nBy Jo Bloggs\n\n{STORY}\n")
    (got,), notices = _read(f)
    a = got.article
    assert (a.published, a.title, a.byline, a.text) == ("2023-05-31", "A headline here",
                                                        "Jo Bloggs", STORY)
    assert notices == []


def test_sources_txt_without_dateline_uses_published(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(STORY)
    (got,), _ = _read(f, published="2024-01-02")
    assert (got.article.published, got.article.title, got.article.text) == ("2024-01-02", None,
                                                                            STORY)


def test_sources_txt_bad_dateline_warns(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"date 2023-02-30 Headline\n\n{STORY}")
    (got,), (notice,) = _read(f)
    assert got.article.published is None
    assert not notice.skipped and "a.txt" in notice.message and "2023-02-30" in notice.message


def test_sources_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "k1", "published": "2023-05-30", "title": "T", "text": STORY,
                    "source": "wire", "url": "http://x"}),
        "{not json",
        json.dumps({"id": "k2", "text": 42}),
        json.dumps({"id": "k3"}),
        json.dumps(["a list"]),
        json.dumps({"text": STORY + " More.", "published": "yesterday"}),
        "",
    ]
    f.write_text("\n".join(lines))
    got, notices = _read(f)
    assert [g.article.id for g in got] == ["k1", text_id(STORY + " More.")]
    assert got[0].article.source == "wire" and got[0].origin.endswith("a.jsonl:1")
    skipped = [n.message for n in notices if n.skipped]
    assert [m.split(": ")[0].rsplit(":", 1)[1] for m in skipped] == ["2", "3", "4", "5"]
    assert any("not a YYYY-MM-DD" in n.message for n in notices if not n.skipped)


def test_sources_jsonl_mixed_encodings_per_line(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    utf8 = json.dumps({"id": "u", "text": STORY + " In Київ."}, ensure_ascii=False).encode()
    latin = json.dumps({"id": "l", "text": STORY + " Café."}, ensure_ascii=False).encode("cp1252")
    mojibake = json.dumps({"id": "m", "text": STORY + " The â€˜bhoomiâ€™."}).encode()
    f.write_bytes(b"\n".join([utf8, latin, mojibake]))
    got, notices = _read(f)
    texts = {g.article.id: g.article.text for g in got}
    assert notices == [] and texts["u"].endswith("Київ.") and texts["l"].endswith("Café.")
    assert texts["m"].endswith("The ‘bhoomi’.")


@pytest.mark.parametrize(("data", "reason"), [(b"", "empty"), (b"\n \n", "empty"),
                                              (b"\x00\x01" * 50, "binary")])
def test_sources_jsonl_empty_or_binary(tmp_path: Path, data: bytes, reason: str) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_bytes(data)
    got, (notice,) = _read(f)
    assert got == [] and reason in notice.message and "bad.jsonl" in notice.message


def test_sources_json_list_and_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": STORY}, {"text": STORY + " B."}]))
    (tmp_path / "obj.json").write_text(json.dumps({"articles": [{"text": STORY + " C."}]}))
    (tmp_path / "one.json").write_text(json.dumps({"text": STORY + " D.", "id": 7}))
    got, notices = _read(tmp_path)
    assert len(got) == 4 and notices == []
    assert "7" in {g.article.id for g in got}


def test_sources_html_page(tmp_path: Path) -> None:
    para = " ".join([STORY] * 3)
    page = f"""<!doctype html><html><head><title>Port shelled | Wire</title>
    <meta property="article:published_time" content="2023-06-01T10:00:00Z">
    <meta name="author" content="Jo Bloggs"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Port shelled</h1><p>{para}</p><p>{para}</p>
    <p>Officials said repairs would take weeks, and residents were moved to shelters.</p>
    </article><footer>Share this article. Copyright 2023.</footer></body></html>"""
    (tmp_path / "page.html").write_text(page)
    (got,), notices = _read(tmp_path / "page.html")
    assert got.article.published == "2023-06-01"
    assert got.article.title and "Port shelled" in got.article.title
    assert STORY in got.article.text and "Home" not in got.article.text
    assert notices == []


def test_sources_folder_recursive_and_unknown_types(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY)
    (tmp_path / "b.TXT").write_text(STORY + " Again.")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    got, _ = _read(tmp_path)
    assert len(got) == 2
    # unknown types inside folders are passed over; named directly they are reported
    _, (notice,) = _read(tmp_path / "c.pdf")
    assert "unknown file type" in notice.message and "c.pdf" in notice.message


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("bin.txt", b"\x00\x01\x02" * 100, "binary"),
        ("ru.txt", "Удары беспилотников по Москве продолжаются уже третий день подряд, "
                   "сообщили власти города.".encode(), "not English"),
        ("junk.txt", b"\n\n   \n", "empty"),
        ("fr.txt", "Le président a déclaré que les frappes de drones sur la ville de Kyiv sont "
                   "inacceptables et que la France soutient l'Ukraine.".encode(), "not English"),
    ],
)
def test_sources_bad_files_are_reported(tmp_path: Path, name: str, data: bytes,
                                        reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    got, (notice,) = _read(f)
    assert got == [] and notice.skipped
    assert reason in notice.message and name in notice.message


def test_sources_unreadable_path(tmp_path: Path) -> None:
    got, (notice,) = _read(tmp_path / "missing.txt")
    assert got == [] and "missing.txt" in notice.message and notice.skipped


def test_sources_html_junk_inside_jsonl_text(tmp_path: Path) -> None:
    html = "".join(f"<p>{STORY} Paragraph {i}.</p><div>x</div>" for i in range(4))
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "h", "text": f"<html><body><article>{html}</article>"
                             "</body></html>"}))
    (got,), _ = _read(f)
    assert "<p>" not in got.article.text and STORY in got.article.text


def test_sources_long_text_split_or_refused(tmp_path: Path) -> None:
    f = tmp_path / "long.txt"
    f.write_text("\n\n".join([STORY] * 50))
    got, (notice,) = _read(f, settings=Settings(max_chars=1000))
    assert len(got) > 1 and all(len(g.article.text) <= 1000 for g in got)
    assert len({g.article.id for g in got}) == len(got) and "split" in notice.message
    got, (notice,) = _read(f, settings=Settings(max_chars=1000, oversize="refuse"))
    assert got == [] and notice.skipped and "long.txt" in notice.message


def test_sources_split_long_keeps_all_text() -> None:
    text = " ".join(f"w{i}" for i in range(3000))
    parts = split_long(text, 500)
    assert " ".join(parts) == text and max(map(len, parts)) <= 500


def test_sources_text_id_is_stable() -> None:
    assert text_id(STORY) == text_id(STORY.replace(" ", "  ")) != text_id(STORY + "!")
