"""The statement harness: the PolNeAR brat reader, quotation marks, metrics, `sitrep eval quotes`.

All texts here are made up; offsets are computed from them.
"""

from __future__ import annotations

import json
import logging
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli
from sitrep.errors import ConfigError, InputError
from sitrep.eval.quotes import score, speaker_right
from sitrep.eval.quotes_read import (
    GoldAttribution,
    GoldDoc,
    is_direct,
    quoted_stretches,
    read_polnear,
    trim,
)
from sitrep.records import Span, Speaker, Statement

NAME = "daily_2021-03-04_dam-holds"
TEXT = ("Rain fell on Tuesday.\n\n"
        "“The dam is holding,” the engineer said. “We check it hourly.”\n\n"
        "Residents were told to stay home, the council announced, and to keep pets inside.\n")


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def t_line(tid: str, label: str, *phrases: str) -> str:
    """A brat text-bound line; fragments joined by a space, as brat writes them."""
    spans = [at(TEXT, p) for p in phrases]
    offsets = ";".join(f"{a} {b}" for a, b in spans)
    return f"{tid}\t{label} {offsets}\t" + " ".join(phrases)


def ann() -> str:
    return "\n".join([
        t_line("T1", "Source", "the engineer"),
        t_line("T2", "Cue", "said"),
        t_line("T3", "Content", "“The dam is holding,”", "“We check it hourly.”"),
        t_line("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        t_line("T5", "Cue", "were told"),
        t_line("T6", "Content", "to stay home"),
        t_line("T7", "Attribution-no-source", "were told"),
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
        "E3\tAttribution-no-source:T7 ",  # a lone trigger: a brat leftover, no warning
        t_line("T8", "Discard", "Rain fell on Tuesday."),
        # An annotation across a paragraph break: its text goes on for two more lines.
        t_line("T9", "Discuss", "hourly.”\n\nResidents"),
        "#1\tAnnotatorNotes T3\tcheck the second quote",
        "",
        "T10 Cue oops",  # malformed: no tabs
        "T11\tCue 5000 5004\tsaid",  # outside the text
        t_line("T12", "Source", "the council"),
        t_line("T13", "Cue", "announced"),
        t_line("T14", "Content", "Residents were told to stay home"),
        t_line("T15", "Content", "and to keep pets inside"),
        t_line("T16", "Attribution", "announced"),
        "E4\tAttribution:T16 Cue:T13 Source:T12 Content:T14 Content2:T15",
    ]) + "\n"


@pytest.fixture
def split(tmp_path: Path) -> Path:
    """A PolNeAR-like split folder, metadata.tsv one level up, two annotators' files."""
    folder = tmp_path / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / f"{NAME}.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / f"{NAME}_aaaa.ann").write_text(ann(), encoding="utf-8")
    (folder / "attributions" / f"{NAME}_zzzz.ann").write_text("", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text(
        f"compartment\tfilename\tpublisher\tpublication_date\ndev\t{NAME}\tdaily\t2021-03-04\n",
        encoding="utf-8")
    return folder


def test_read_polnear_attributions(split: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        (doc,) = read_polnear(split)
    assert (doc.name, doc.annotator, doc.published, doc.publisher) == (
        NAME, "aaaa", "2021-03-04", "daily")
    assert [a.id for a in doc.attributions] == ["E1", "E2", "E4", "E4/Content2"]
    e1, e2, e4, e4b = doc.attributions
    assert e1.content == (at(TEXT, "“The dam is holding,”"), at(TEXT, "“We check it hourly.”"))
    assert (e1.cue, e1.source, e1.direct) == ((at(TEXT, "said"),), (at(TEXT, "the engineer"),),
                                              True)
    assert (e2.content, e2.source, e2.direct) == ((at(TEXT, "to stay home"),), None, False)
    assert e4b.content == (at(TEXT, "and to keep pets inside"),)
    assert (e4b.cue, e4b.source) == (e4.cue, e4.source)
    # Two warnings only: the malformed line and the offsets outside the text.
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 2
    assert "aaaa.ann:17: not a brat annotation line" in warned[0]
    assert "aaaa.ann:18: offsets outside the text" in warned[1]


def test_read_polnear_rejects_other_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text/ and attributions/"):
        read_polnear(tmp_path)


@pytest.mark.parametrize(("text", "quoted"), [
    ("He said “it’s ‘fine’ now” and left.", ["it’s ‘fine’ now"]),
    ("A “b “c” d” e.", ["b “c” d"]),  # nested curly quotes of the same kind
    ("Russia’s army said ‘no’ twice, don’t ask.", ["no"]),  # apostrophes are not quotes
    ("the Joneses’ dog", []),
    ('He said "yes" and "no".', ["yes", "no"]),
    ("He said ''yes'' then.", ["yes"]),  # doubled apostrophes, as in NYT texts
    ("“First part.\n\n“Second part,” she said.", ["First part.\n\n“Second part,"]),
    ("“Open end.\nNext line, unquoted.", ["Open end."]),  # not reopened: ends there
    ("Plain text.", []),
])
def test_quoted_stretches(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in quoted_stretches(text)] == quoted


@pytest.mark.parametrize(("text", "trimmed"), [
    ("that “We will win.”", "We will win"),
    ("  ‘Calm,’ ", "Calm"),
    ("''Stay calm;''", "Stay calm"),
    ("That is all.", "is all"),
    ("Thatcher spoke", "Thatcher spoke"),
    ("“ ”", ""),
])
def test_trim(text: str, trimmed: str) -> None:
    a, b = trim(text, 0, len(text))
    assert text[a:b] == trimmed


@pytest.mark.parametrize(("content", "direct"), [
    ("“We will rebuild the bridge,”", True),
    ("that the bridge “will be rebuilt”", False),  # a partial quote: 15 of 27 characters
    ("the bridge “will be rebuilt soon and well”", False),
    ("a “will be rebuilt soon and well”", True),  # 29 of 32 characters inside
])
def test_is_direct_needs_four_fifths_inside(content: str, direct: bool) -> None:
    text = f"Officials said {content} on Monday."
    assert is_direct(text, [at(text, content)]) is direct


SCORE_TEXT = ("The mayor said that “the bridge will reopen on Friday.” "
              "“We are ready,” Ana Varga told reporters. "
              "Officials claimed the road was safe. "
              "The plan, it was reported, is final.")


def gold_doc() -> GoldDoc:
    t = SCORE_TEXT
    return GoldDoc("d1", t, "2021-03-04", "daily", "aaaa", [
        GoldAttribution("E1", (at(t, "that “the bridge will reopen on Friday.”"),),
                        (at(t, "said"),), (at(t, "The mayor"),), True),
        GoldAttribution("E2", (at(t, "“We are ready,”"),), (at(t, "told"),),
                        (at(t, "Ana Varga"),), True),
        GoldAttribution("E3", (at(t, "the road was safe"),), (at(t, "claimed"),),
                        (at(t, "Officials"),), False),
        GoldAttribution("E4", (at(t, "The plan"), at(t, "is final.")),
                        (at(t, "was reported"),), None, False),
    ])


def stmt(phrase: str, direct: bool, speaker: Speaker, cue: str | None = None) -> Statement:
    a, b = at(SCORE_TEXT, phrase)
    span = Span(*at(SCORE_TEXT, cue), cue) if cue else None
    return Statement(phrase[:8], a, b, phrase, direct, speaker, span)


def fake_extract(text: str, published: str | None) -> list[Statement]:
    assert text == SCORE_TEXT and published == "2021-03-04"
    mayor = at(text, "The mayor")
    return [
        stmt("the bridge will reopen on Friday", True, Speaker("X", *mayor, "The mayor"), "said"),
        stmt("“We are ready,” Ana Varga", False, Speaker("Ana Varga")),  # overlap, not exact
        stmt("road was safe", True, Speaker(""), "claimed"),  # no speaker; a wrong direct
        stmt("Officials", False, Speaker("Officials"), "told"),  # spurious, its cue right
        stmt("The plan, it was reported, is final", False, Speaker("Bob"), None),
    ]


def test_score_exact_numbers() -> None:
    s = score([gold_doc()], fake_extract, errors=1)
    prf = {k: (s[k]["gold"], s[k]["predicted"], s[k]["matched"], s[k]["f1"])
           for k in ("content_exact", "content_overlap", "direct", "cue")}
    assert prf == {"content_exact": (4, 5, 2, 0.4444), "content_overlap": (4, 5, 4, 0.8889),
                   "direct": (2, 2, 1, 0.5), "cue": (4, 3, 3, 0.8571)}
    assert (s["content_exact"]["precision"], s["content_exact"]["recall"]) == (0.4, 0.5)
    assert s["speaker"] == {"scored": 3, "right": 2, "accuracy": 0.6667,
                            "no_gold_source": 1, "no_predicted_speaker": 1}
    assert s["by_publisher"]["daily"]["f1"] == 0.8889
    assert s["errors"]["missed"] == []
    (spurious,) = s["errors"]["spurious"]
    assert "[[Officials]] claimed" in spurious["context"]


def test_score_limit_and_failed_documents() -> None:
    def broken(text: str, published: str | None) -> list[Statement]:
        raise InputError("cannot parse", source="d1")

    s = score([gold_doc(), gold_doc()], broken, limit=1)
    assert (s["documents"], s["failed"], s["content_overlap"]["recall"]) == (1, 1, 0.0)


@pytest.mark.parametrize(("name", "mention", "right"), [
    ("X", "Ms. Doe", True),  # the mention touches the source
    ("Jane Doe", None, True),  # a capitalised word shared
    ("The Post", None, False),  # "The" says nothing
    ("", None, False),
])
def test_speaker_right(name: str, mention: str | None, right: bool) -> None:
    text = "Calm, Ms. Doe said, as The Times reported."
    span = at(text, mention) if mention else (None, None)
    statement = Statement("s", 0, 4, "Calm", False, Speaker(name, *span))
    assert speaker_right(text, [at(text, "Ms. Doe")], statement) is right


def test_cli_eval_quotes_help() -> None:
    out = CliRunner().invoke(cli, ["eval", "quotes", "--help"]).output
    assert "Example:" in out and "sitrep eval quotes" in out


def test_cli_eval_quotes_uses_sitreps_extractor(split: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []

    def attribute(text: str, *, published: str | None = None) -> list[Statement]:
        seen.append(published)
        a, b = at(text, "to stay home")
        return [Statement("s1", a, b, "to stay home", False, Speaker("council"))]

    module = types.ModuleType("sitrep.statements.stage")
    module.attribute = attribute  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.statements.stage", module)
    result = CliRunner().invoke(cli, ["eval", "quotes", str(split), "--json"],
                                catch_exceptions=False)
    assert json.loads(result.stdout)["content_exact"]["matched"] == 1
    assert seen == ["2021-03-04"]
    table = CliRunner().invoke(cli, ["eval", "quotes", str(split), "--errors", "1"]).output
    assert "content overlap" in table and "missed" in table


def test_cli_eval_quotes_without_extractor(split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sitrep.statements.stage", None)
    with pytest.raises(ConfigError, match=r"sitrep\.statements\.stage\.attribute"):
        CliRunner().invoke(cli, ["eval", "quotes", str(split)], catch_exceptions=False)


# Counts with one annotator's file per text; a direct quote by `is_direct`.
@pytest.mark.parametrize(("name", "docs", "attributions", "direct"), [
    ("dev", 84, 2195, 481), ("train", 840, 19889, 4361)])
def test_read_shared_polnear(shared_data: Path, name: str, docs: int, attributions: int,
                             direct: int) -> None:
    path = shared_data / "quotes" / "polnear" / name
    if not path.exists():
        pytest.skip(f"{path} absent")
    read = read_polnear(path)
    golds = [a for d in read for a in d.attributions]
    assert (len(read), len(golds), sum(a.direct for a in golds)) == (docs, attributions, direct)
    assert all(d.published for d in read)
    assert all(0 <= a < b <= len(d.text) for d in read for g in d.attributions
               for a, b in g.content)


def test_read_polnear_skips_annotations_without_text(split: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    (split / "attributions" / "lost_2021-01-01_gone_aaaa.ann").write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert [d.name for d in read_polnear(split)] == [NAME]
    assert any("lost_2021-01-01_gone_aaaa.ann: cannot read" in r.getMessage()
               for r in caplog.records)
