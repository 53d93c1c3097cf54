"""`sitrep eval relevance`: the held-out split, the groups, the counts and the CLI.

No spaCy: the counts are checked on hand-made records, and the CLI run replaces
the pipeline with a stand-in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli
from sitrep.eval import relevance
from sitrep.eval.relevance import (
    dated_after,
    evaluate_relevance,
    examples,
    group_report,
    held_out,
    in_split,
    report_lines,
    select_groups,
)
from sitrep.records import AcledCode, Article, Event, Range, Span

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "corpus" / "news.jsonl"


def test_split_is_deterministic_and_holds_out_about_a_quarter() -> None:
    ids = [f"src{i % 7}/article-{i}" for i in range(4000)]
    first = [held_out(i) for i in ids]
    assert first == [held_out(i) for i in ids]
    assert 0.2 <= sum(first) / len(ids) <= 0.3
    assert all(in_split(i, "held-out") != in_split(i, "build") for i in ids[:200])
    with pytest.raises(ValueError):
        in_split("x", "test")


def _records(prefixes: list[str], per: int) -> list[dict[str, str]]:
    return [{"id": f"{p}{i}", "text": "t"} for p in prefixes for i in range(per)]


def test_groups_pick_their_prefixes_and_are_stable() -> None:
    prefixes = ["bbc/business/", "bbc/sport/", "bbc/entertainment/", "bbc/tech/",
                "bbc/politics/", "polnear/", "fa-kes/", "bbc/world/", "bbc/businessman/"]
    records = _records(prefixes, 60)
    for split in ("held-out", "build"):
        groups = select_groups(records, split, 10_000)
        ids = {name: [r["id"] for r in rs] for name, rs in groups.items()}
        assert all(in_split(i, split) for rs in ids.values() for i in rs)
        assert {i.rsplit("/", 1)[0] + "/" for i in ids["non-conflict"]} == set(prefixes[:4])
        assert {i.rsplit("/", 1)[0] + "/" for i in ids["political"]} == set(prefixes[4:6])
        expected = sum(1 for r in records if in_split(r["id"], split)
                       and r["id"].startswith(tuple(prefixes[:4])))
        assert len(ids["non-conflict"]) == expected
    small = select_groups(records, "build", 15)
    assert all(len(rs) == 15 for rs in small.values())
    again = select_groups(list(reversed(records)), "build", 15)
    assert small == again  # the order of the input does not matter
    assert [r["id"] for r in select_groups(records, "build", 5)["political"]] == [
        r["id"] for r in small["political"][:5]]


def _event(eid: str, *, acled: tuple[str, str] | None = ("Battles", "Armed clash"),
           date: str | None = "2023-05-30", deaths: Range | None = None,
           evidence: str = "Troops clashed.") -> Event:
    return Event(id=eid, type="clash", acled=AcledCode(*acled) if acled else None, date=date,
                 fatalities=deaths, evidence=[Span(0, len(evidence), evidence)])


def _articles() -> list[Article]:
    return [
        Article(id="a", text="x", published="2023-05-31", events=[
            _event("a1", deaths=Range(3, 5)),
            _event("a2", acled=("Explosions/Remote violence", "Air/drone strike"),
                   date="2023-06-02", deaths=Range(None, 7)),
            _event("a3", date="2023-05-31", deaths=Range(0, 0)),
        ]),
        Article(id="b", text="x", published="2023-05-31T10:00:00", events=[
            _event("b1", acled=None, date="2023-06-01", deaths=Range(12, 20),
                   evidence="word " * 60),
            _event("b2", date=None),
        ]),
        Article(id="c", text="x", published=None, events=[_event("c1", date="2030-01-01")]),
        Article(id="d", text="x", published="2023-05-31"),
    ]


def test_report_counts_events_types_fatalities_and_late_dates() -> None:
    g = group_report(_articles(), given=5)
    assert (g["articles"], g["processed"], g["dropped"]) == (5, 4, 1)
    assert g["events"] == 6 and g["events_per_100"] == 150.0
    assert g["articles_with_event"] == 3
    assert g["event_types"] == {"Battles": 4, "Explosions/Remote violence": 1,
                                "(no ACLED code)": 1}
    assert g["sub_event_types"]["Battles / Armed clash"] == 4
    assert g["sub_event_types"]["Explosions/Remote violence / Air/drone strike"] == 1
    # fatalities: the low end, else the high end; zero is none
    assert g["with_fatalities"] == 3 and g["fatalities_sum"] == 12 + 7 + 3
    assert [(d["fatalities"], d["article"]) for d in g["largest_fatalities"]] == [
        (12, "b"), (7, "a"), (3, "a")]
    # after the publication day: a2 (06-02) and b1 (06-01, published with a time);
    # not a3 (same day), b2 (undated) nor c1 (no publication day)
    assert g["dated_after_published"] == 2
    assert g["undated_events"] == 1 and g["events_without_published"] == 1
    assert dated_after(_event("x", date="2023-06-01"), "2023-05-31")
    assert not dated_after(_event("x", date="2023-05-31"), "2023-05-31")
    assert not dated_after(_event("x", date="2023-06-01"), None)
    shown = examples(_articles(), 4)
    assert [e["article"] for e in shown] == ["a", "a", "a", "b"]
    assert shown[1]["type"] == "Air/drone strike" and shown[3]["type"] == "clash"
    assert len(shown[3]["evidence"]) == 160 and shown[3]["evidence"].endswith("…")
    assert group_report([])["events_per_100"] == 0.0


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    records = _records(["bbc/sport/", "bbc/politics/", "bbc/world/"], 40)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _fake_run(articles: list[Article]) -> tuple[list[Article], list[str]]:
    for a in articles:
        a.events = [_event(f"{a.id}#1", deaths=Range(2, 2))]
    return articles, []


def test_evaluate_with_a_stand_in_pipeline(tmp_path: Path) -> None:
    result = evaluate_relevance(_corpus(tmp_path), split="build", n=5, show=2, run=_fake_run)
    nc, pol = result["groups"]["non-conflict"], result["groups"]["political"]
    assert nc["articles"] == pol["articles"] == 5
    assert nc["false_events_per_100_upper_bound"] == 100.0
    assert "false_events_per_100_upper_bound" not in pol
    assert nc["fatalities_sum"] == 10 and len(nc["examples"]) == 2
    text = "\n".join(report_lines(result))
    assert "false events per 100 articles (upper bound) 100.0" in text
    with pytest.raises(ValueError):
        evaluate_relevance(_corpus(tmp_path), split="held-out", show=1, run=_fake_run)


def test_cli_refuses_show_on_the_held_out_split() -> None:
    result = CliRunner().invoke(cli, ["eval", "relevance", "--show", "3"])
    assert result.exit_code == 2
    assert "--show" in result.output and "--split build" in result.output
    assert "held-out" in result.output


def test_cli_runs_on_the_build_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relevance, "run_pipeline", _fake_run)
    path = _corpus(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "relevance", str(path), "--split", "build",
                                      "--n", "3", "--show", "1", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["split"] == "build" and out["groups"]["political"]["events"] == 3
    text = CliRunner().invoke(cli, ["eval", "relevance", str(path), "--n", "3"]).output
    assert "non-conflict" in text and "e.g." not in text


def test_shared_corpus_has_both_groups_in_the_held_out_split() -> None:
    if not CORPUS.exists():
        pytest.skip(f"shared corpus absent ({CORPUS})")
    ids = [{"id": json.loads(line)["id"]} for line in CORPUS.open(encoding="utf-8")]
    groups = select_groups(ids, "held-out", 200)
    assert all(len(rs) == 200 for rs in groups.values())
    assert all(held_out(r["id"]) for rs in groups.values() for r in rs)
