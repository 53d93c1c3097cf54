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
    (tmp_path / "sub" / "notes").write_text("no suffix")
    got, notices = _read(tmp_path)
    assert len(got) == 2
    # unknown types inside folders are reported as when named directly, one line each
    assert [n.message.split(": ")[0] for n in notices] == [str(tmp_path / "c.pdf"),
                                                          str(tmp_path / "sub" / "notes")]
    assert all(n.skipped and "unknown file type" in n.message for n in notices)
    _, (notice,) = _read(tmp_path / "c.pdf")
    assert "unknown file type" in notice.message and "c.pdf" in notice.message


def test_sources_folder_passes_over_hidden_and_companions(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (tmp_path / ".git" / "a.txt").write_text(STORY)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "sitrep.duckdb").write_bytes(b"DUCK")
    (tmp_path / "page.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "style.css").write_text("p {}")
    (tmp_path / "page_files" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "other_files").mkdir()  # no other.html beside it: read as any folder
    (tmp_path / "other_files" / "x.css").write_text("p {}")
    got, notices = _read(tmp_path)
    assert len(got) == 1 and got[0].origin.endswith("page.html")
    assert [n.message.split(": ")[0] for n in notices] == [str(tmp_path / "other_files" /
                                                             "x.css")]


def test_sources_stray_nuls_removed_with_warning(tmp_path: Path) -> None:
    f = tmp_path / "nul.txt"
    f.write_bytes(STORY.replace(" port", "\x00 port\x00").encode() + b"\x00" * 300)
    (got,), (notice,) = _read(f)
    assert got.article.text == STORY
    assert not notice.skipped and notice.message.startswith(str(f))
    assert "302 NUL bytes removed" in notice.message


def test_sources_jsonl_line_with_nuls_warns_with_line(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    bad = json.dumps({"id": "n", "text": STORY}).replace("Kherson", "Kher\x00son")
    f.write_bytes(b"\n".join([json.dumps({"id": "k", "text": STORY + " B."}).encode(),
                              bad.encode()]))
    got, (notice,) = _read(f)
    assert [g.article.id for g in got] == ["k", "n"] and got[1].article.text == STORY
    assert not notice.skipped and "a.jsonl:2: 1 NUL byte removed" in notice.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_sources_utf16_files(tmp_path: Path, codec: str) -> None:
    (tmp_path / "a.txt").write_bytes(f"{STORY} Київ.".encode(codec))
    lines = [json.dumps({"id": f"j{i}", "text": f"{STORY} {i}."}) for i in range(3)]
    (tmp_path / "b.jsonl").write_bytes("\r\n".join(lines).encode(codec))
    got, notices = _read(tmp_path)
    assert notices == []
    assert [g.article.text for g in got] == [f"{STORY} Київ."] + [f"{STORY} {i}." for i in
                                                                 range(3)]


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
        ("emoji.txt", "🔥🚀🔥 💥💥 😢".encode(), "no words"),
        ("marks.txt", b"12:30 -- 14:45 ... !!! ### 2024-01-02", "no words"),
        ("zh.txt", "无人机袭击造成两名平民死亡。".encode(), "not English"),
        ("nuls.txt", b"Shelling hit the port.\x00\x00 " * 20, "binary"),
        ("nul-only.txt", b"\x00" * 64, "only NUL bytes"),
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


@pytest.mark.parametrize("per_paragraph", [400, 3])  # one line of 400 sentences; paragraphs
def test_sources_split_long_prefers_paragraphs_then_sentences(per_paragraph: int) -> None:
    sentences = [f"Shells fell {i} km from the front, officials said." if i % 2 else
                 f"Drones hit depot {i} near the border, about {i} km." for i in range(400)]
    text = "\n\n".join(" ".join(sentences[i:i + per_paragraph])
                        for i in range(0, 400, per_paragraph))
    parts = split_long(text, 2000)
    assert len(parts) > 5 and max(map(len, parts)) <= 2000
    assert "\n\n".join(parts).split() == text.split()  # nothing lost
    for part in parts[:-1]:
        counted = part.count(" km")
        assert part.endswith(("km.", "said.")) and (counted % per_paragraph == 0
                                                    or per_paragraph == 400)


def test_sources_split_long_without_breaks_cuts_at_the_limit() -> None:
    assert split_long("x" * 2500, 1000) == ["x" * 1000, "x" * 1000, "x" * 500]


def test_sources_text_id_is_stable() -> None:
    assert text_id(STORY) == text_id(STORY.replace(" ", "  ")) != text_id(STORY + "!")
