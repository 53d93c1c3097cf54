"""The event harness: CASE 2021, FA-KES and PLOVER readers, scorers, `sitrep eval events`.

Every text here is made up; the expected scores are worked out by hand in comments.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli
from sitrep.errors import InputError
from sitrep.eval.events import (
    PipelineEvents,
    dev_files,
    evaluate_events,
    main_event,
    plover_records,
    score_fakes,
    score_plover,
)
from sitrep.eval.events_case import score_case
from sitrep.eval.events_read import (
    CaseSnippet,
    FakesArticle,
    PloverSentence,
    country_code,
    load_case_labels,
    place_key,
    read_case,
    read_fakes,
    read_plover,
)
from sitrep.eval.events_report import report_lines
from sitrep.records import (
    AcledCode,
    Actor,
    Article,
    Event,
    Location,
    PloverCode,
    Span,
    Speaker,
    Statement,
)

AIR = AcledCode("Explosions/Remote violence", "Air/drone strike")
CLASH = AcledCode("Battles", "Armed clash")

CASE_TSV = (
    "id\tEventSnippet\tSubType\r\n"
    "1\tJets struck a depot near the river.\tAIR_STRIKE\r\n"
    '2\t"Troops said ""hold"" and fired back."\tARMED_CLASH\r\n'
    "3\tonly two fields\r\n"
    "4\tA flood cut the road.\tNATURAL_DISASTER\r\n"
    "5\tSomething odd.\tNOT_A_LABEL\r\n"
    "1\tThe same id again.\tARREST\r\n"
    "6\t\tARREST\r\n"
)
FAKES_CSV = (
    "unit_id,article_title,article_content,source,date,location,labels\n"
    '11,Blast,"A blast, then smoke, over the market.",x,4/16/2017,aleppo,1\n'
    "12,Raid,A raid at dawn.,x,13/40/2017,idlib,0\n"
    "11,Blast,\"A blast, then smoke, over the market.\",x,4/16/2017,damascus,1\n"
    "13,Empty,,x,1/2/2016,homs,0\n"
    "14,No place,Text.,x,1/2/2016,,0\n"
)
PLOVER = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "about this file"},
    {"id": "S1", "event": "agree", "text": "Two states agreed.", "mode": "",
     "source": [{"actorText": "Japan", "code": "JAP"}, {"actorText": "UN", "code": "IGO"}],
     "target": ""},
    {"id": "S2", "event": "ASSAULT", "text": "Troops shot at a crowd.", "mode": "firearms",
     "source": [{"actorText": "troops", "code": "ISR", "sector": "MIL"}],
     "target": [{"actorText": "crowd", "code": "PSE"}]},
    {"id": "S3", "event": "FIGHT"},
]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


# ---------------------------------------------------------------- readers

def test_read_case_skips_malformed_rows(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        snippets = read_case(write(tmp_path, "case.tsv", CASE_TSV))
    assert [(s.id, s.label) for s in snippets] == [
        ("1", "AIR_STRIKE"), ("2", "ARMED_CLASH"), ("4", "NATURAL_DISASTER")]
    assert snippets[1].text == 'Troops said "hold" and fired back.'
    for problem in ("case.tsv:4: not 3 fields", "unknown label 'NOT_A_LABEL'",
                    "id '1' seen before", "case.tsv:8: no snippet"):
        assert problem in caplog.text


@pytest.mark.parametrize(("reader", "content", "message"), [
    (read_case, b"id\tEventSnippet\tSubType\r\n1\tcaf\xe9 bombed\tAIR_STRIKE\r\n", "not UTF-8"),
    (read_case, b"id\tSnippet\tLabel\n1\tx\tARREST\n", "no column EventSnippet, SubType"),
    (read_fakes, b"unit_id,article_content,date\n1,x,1/1/2016\n", "no column location"),
    (read_fakes, "unit_id,article_content,date,location\n1,Bomb\xe9,1/1/2016,idlib\n"
     .encode("cp1252"), "not UTF-8"),
    (read_plover, b'[{"id": "x",', "not JSON"),
    (read_plover, b'{"id": "x"}', "expected a JSON list"),
])
def test_readers_raise_input_error_naming_the_file(tmp_path: Path, reader, content: bytes,  # type: ignore[no-untyped-def]
                                                   message: str) -> None:
    path = tmp_path / "gold.data"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        reader(path)
    assert info.value.source == str(path)


def test_read_case_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_case(tmp_path / "absent.tsv")


def test_read_fakes_merges_ids_and_reads_dates(tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        articles = read_fakes(write(tmp_path, "fakes.csv", FAKES_CSV))
    assert [(a.id, a.locations, a.published) for a in articles] == [
        ("11", ("aleppo", "damascus"), "2017-04-16"), ("12", ("idlib",), None)]
    assert articles[0].text == "A blast, then smoke, over the market."
    assert "'13/40/2017' is not month/day/year" in caplog.text
    assert caplog.text.count("no article text or no location") == 2


def test_read_plover_countries_and_skips(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        sentences = read_plover(write(tmp_path, "plover.json", json.dumps(PLOVER)))
    assert sentences == [
        PloverSentence("S1", "Two states agreed.", "AGREE", None, ("JPN",), ()),
        PloverSentence("S2", "Troops shot at a crowd.", "ASSAULT", "firearms", ("ISR",), ("PSE",)),
    ]
    assert "record 3 has no text or no event" in caplog.text


@pytest.mark.parametrize(("code", "iso3"), [
    ("JAP", "JPN"), ("ITL", "ITA"), ("usa", "USA"), ("PSE", "PSE"), ("IGO", None),
    ("NGO", None), ("", None), ("diplomatic", None),
])
def test_country_code(code: str, iso3: str | None) -> None:
    assert country_code(code) == iso3


def test_case_labels_are_acleds_25_sub_types() -> None:
    labels = load_case_labels()
    acled = {k: v for k, v in labels.items() if v}
    assert len(acled) == 25 and len({v.sub_event_type for v in acled.values()}) == 25
    assert {v.event_type for v in acled.values()} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"}
    assert acled["DISR_WEAP"] == AcledCode("Strategic developments", "Disrupted weapons use")
    assert acled["OTHER"] == AcledCode("Strategic developments", "Other")
    assert labels["MAN_MADE_DISASTER"] is None and labels["ORG_CRIME"] is None


@pytest.mark.parametrize(("name", "key"), [
    ("Deir ez-Zor", "deir ezzor"), ("Dayr az Zawr", "deir ezzor"), ("deir ezzor", "deir ezzor"),
    ("Deraa", "daraa"), ("Dar‘ā", "daraa"), ("Idleb", "idlib"), ("Ḩamāh", "hama"),
    ("Al Ḩasakah", "hasakeh"), ("Rif Dimashq", "damascus"), ("Homs", "homs"),
    ("Kherson", "kherson"),
])
def test_place_key_folds_spellings(name: str, key: str) -> None:
    assert place_key(name) == key


# ---------------------------------------------------------------- main event

def ev(eid: str, confidence: float = 0.5, start: int | None = None, **kw: object) -> Event:
    evidence = [Span(start, start + 5, "x")] if start is not None else []
    return Event(id=eid, type="x", confidence=confidence, evidence=evidence, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("events", "expected"), [
    ([], None),
    ([ev("a", 0.4, 0), ev("b", 0.9, 50)], "b"),  # higher confidence wins
    ([ev("a", 0.5, 50), ev("b", 0.5, 3)], "b"),  # tie: earlier evidence
    ([ev("a", 0.5), ev("b", 0.5, 80)], "b"),  # tie: no evidence goes last
    ([ev("a", 0.5), ev("b", 0.5)], "a"),  # tie throughout: first
])
def test_main_event(events: list[Event], expected: str | None) -> None:
    got = main_event(events)
    assert (got.id if got else None) == expected


# ---------------------------------------------------------------- CASE scores

SNIPPETS = [CaseSnippet("1", "t1", "AIR_STRIKE"), CaseSnippet("2", "t2", "AIR_STRIKE"),
            CaseSnippet("3", "t3", "ARMED_CLASH"), CaseSnippet("4", "t4", "NATURAL_DISASTER")]


@pytest.mark.parametrize(("preds", "accuracy", "weighted", "macro"), [
    # AIR_STRIKE tp 1 fp 1 fn 1: F1 .5 (gold 2); ARMED_CLASH tp 1 fp 1: P .5 R 1 F1 .6667 (gold 1)
    # weighted (2 * .5 + .6667) / 3 = .5556; macro (.5 + .6667) / 2 = .5833; accuracy 2/4
    ([AIR, CLASH, CLASH, AIR], 0.5, 0.5556, 0.5833),
    # no event anywhere: only the disaster snippet is right; every F1 is 0
    ([None, None, None, None], 0.25, 0.0, 0.0),
    # all right, the disaster too
    ([AIR, AIR, CLASH, None], 1.0, 1.0, 1.0),
    # a code outside the codebook is wrong; AIR_STRIKE P 1 R .5 F1 .6667; CLASH F1 0
    # weighted (2 * .6667 + 0) / 3 = .4444; macro (.6667 + 0) / 2 = .3333
    ([AIR, AcledCode("Battles", "Air strike"), None, None], 0.5, 0.4444, 0.3333),
])
def test_score_case_hand_computed(preds: list[AcledCode | None], accuracy: float,
                                  weighted: float, macro: float) -> None:
    by_text = {s.text: p for s, p in zip(SNIPPETS, preds, strict=True)}
    scores = score_case(SNIPPETS, by_text.__getitem__, errors=10)
    assert (scores["accuracy"], scores["weighted_f1"], scores["macro_f1"]) == (
        accuracy, weighted, macro)
    assert len(scores["errors"]) == round(4 * (1 - accuracy))


def test_score_case_counts_no_event_and_confusions() -> None:
    by_text = {"t1": AIR, "t2": CLASH, "t3": CLASH, "t4": AIR}
    scores = score_case(SNIPPETS, by_text.__getitem__, errors=1)
    assert scores["no_event"] == {"gold": 1, "predicted": 0, "both": 0}
    assert scores["labels"]["ARMED_CLASH"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667,
                                               "support": 1, "predicted": 2}
    assert {(c["gold"], c["predicted"]) for c in scores["confusions"]} == {
        ("AIR_STRIKE", "ARMED_CLASH"), ("NONE", "AIR_STRIKE")}
    assert scores["errors"] == [{"id": "2", "gold": "AIR_STRIKE", "predicted": "ARMED_CLASH",
                                 "text": "t2"}]


# ---------------------------------------------------------------- FA-KES scores

def located(name: str, admin1: str | None = None, lat: float | None = None,
            lon: float | None = None, confidence: float = 0.5) -> Event:
    return ev(name, confidence, location=Location(name=name, admin1=admin1, lat=lat, lon=lon))


FAKES = {  # text -> (gold locations, events)
    "a1": (("aleppo",), [located("Homs", confidence=0.2), located("Aleppo", confidence=0.9)]),
    "a2": (("deir ezzor",), [located("Al Mayadin", admin1="Dayr az Zawr")]),
    "a3": (("idlib",), [located("Saraqib", lat=35.86, lon=36.80)]),  # ~17 km from Idlib
    "a4": (("hama",), []),
    "a5": (("hama",), [ev("no place")]),
    "a6": (("hama",), [located("Homs", admin1="Homs", lat=34.72, lon=36.72)]),  # 47 km off
    "a7": (("aleppo", "damascus"), [located("Dimashq")]),
}


def test_score_fakes_hand_computed() -> None:
    articles = [FakesArticle(t, t, None, gold) for t, (gold, _) in FAKES.items()]
    scores = score_fakes(articles, lambda text, published: FAKES[text][1],
                         locate=lambda name: (35.93, 36.63) if name == "idlib" else None,
                         errors=5)
    # right: a1 name (main event), a2 admin1, a3 near, a7 name; 4 of 7, 4 of the 6 with an event
    assert (scores["right"], scores["accuracy"], scores["accuracy_with_event"]) == (
        4, 0.5714, 0.6667)
    assert scores["by_rule"] == {"name": 2, "admin1": 1, "near": 1}
    assert (scores["no_event"], scores["no_location"]) == (1, 1)
    assert scores["by_place"]["hama"] == {"articles": 3, "right": 0}
    assert [e["predicted"] for e in scores["errors"]] == [
        "no event", "no location", "Homs (Homs)"]


def test_score_fakes_without_locator_has_no_distance_rule() -> None:
    article = FakesArticle("a3", "a3", None, ("idlib",))
    assert score_fakes([article], lambda text, published: FAKES[text][1])["right"] == 0


# ---------------------------------------------------------------- PLOVER scores

def coded(kind: str, confidence: float, *actors: tuple[str, str]) -> Event:
    return ev(kind, confidence, plover=PloverCode(kind),
              actors=[Actor(role=role, name=c, country=c) for role, c in actors])  # type: ignore[arg-type]


def test_score_plover_hand_computed() -> None:
    sentences = [PloverSentence("1", "s1", "AGREE", sources=("USA", "JOR")),
                 PloverSentence("2", "s2", "ASSAULT", sources=("ISR",), targets=("PSE",)),
                 PloverSentence("3", "s3", "PROTEST", sources=("FRA",))]
    events = {
        "s1": [coded("AGREE", 0.8, ("perpetrator", "USA"), ("perpetrator", "JOR"))],
        "s2": [coded("FIGHT", 0.9, ("perpetrator", "ISR"), ("victim", "LBN")),
               coded("ASSAULT", 0.3)],
        "s3": [],
    }
    scores = score_plover(sentences, lambda text, published: events[text], errors=5)
    # coverage 2/3; main types: AGREE right, FIGHT wrong (ASSAULT is a lesser event)
    assert (scores["coverage"], scores["type_accuracy"], scores["type_any"]) == (
        0.6667, 0.5, 1.0)
    # sources: {USA, JOR} and {ISR} exactly right, 3 of 3 countries
    assert scores["source"] == {"scored": 2, "accuracy": 1.0, "precision": 1.0, "recall": 1.0,
                                "f1": 1.0, "support": 3, "predicted": 3}
    # targets: only s2 has gold; LBN for PSE
    assert scores["target"] == {"scored": 1, "accuracy": 0.0, "precision": 0.0, "recall": 0.0,
                                "f1": 0.0, "support": 1, "predicted": 1}
    assert [(e["id"], e["predicted"]) for e in scores["errors"]] == [("2", "FIGHT")]


def said(kind: str | None, affiliation: str | None, target: str | None = None, *,
         headline: bool = False) -> Statement:
    return Statement(id="s", start=0, end=1, text="x", direct=False,
                     speaker=Speaker(name="n", affiliation=affiliation), target=target,
                     plover=PloverCode(kind) if kind else None, headline=headline)


def test_plover_records_put_events_before_verbal_statements() -> None:
    events = [coded("ASSAULT", 0.3, ("perpetrator", "ISR")), coded("FIGHT", 0.9)]
    statements = [said(None, "USA"), said("THREATEN", "IRN", "Iraq", headline=True),
                  said("DEMAND", "FRA", "Germany"), said("REJECT", None, "Mugabe")]
    records = plover_records(events, statements)
    # the main event (FIGHT, more confident) first; a plain report and a headline's
    # threat are no record; a target names a country when it is one
    assert [(r.event_type, r.sources, r.targets) for r in records] == [
        ("FIGHT", (), ()), ("ASSAULT", ("ISR",), ()), ("DEMAND", ("FRA",), ("DEU",)),
        ("REJECT", (), ())]


def test_score_plover_falls_back_to_statements() -> None:
    sentences = [PloverSentence("1", "s1", "DEMAND", sources=("FRA",), targets=("DEU",)),
                 PloverSentence("2", "s2", "AGREE", sources=("USA",))]
    spoken = {"s1": [said("DEMAND", "FRA", "Germany")], "s2": [said(None, "USA")]}
    scores = score_plover(sentences, lambda text, published: [],
                          speak=lambda text, published: spoken[text])
    # s1 is covered by its demand, exactly right; s2's plain report is no record
    assert (scores["coverage"], scores["type_accuracy"]) == (0.5, 1.0)
    assert (scores["source"]["f1"], scores["target"]["f1"]) == (1.0, 1.0)
    assert score_plover(sentences, lambda text, published: [])["coverage"] == 0.0


# ---------------------------------------------------------------- the run

class FakePipeline:
    """Gives each text one event named after it, and drops the text "fail"."""

    def __init__(self) -> None:
        self.calls = 0

    def pipe(self, articles):  # type: ignore[no-untyped-def]
        self.calls += 1
        for a in articles:
            if a.text != "fail":
                yield Article(id=a.id, text=a.text, events=[ev(a.text)])


def test_pipeline_events_runs_once_and_counts_failures() -> None:
    fake = FakePipeline()
    extract = PipelineEvents(fake)  # type: ignore[arg-type]
    extract.run([("a", None), ("fail", None), ("b", "2020-01-01"), ("a", None)])
    assert [e.id for e in extract("b", "2020-01-01")] == ["b"]
    assert extract("fail", None) == [] and extract.failed == 1 and fake.calls == 1
    assert [e.id for e in extract("c", None)] == ["c"] and fake.calls == 2
    assert extract.speech("b", "2020-01-01") == [] and extract.speech("fail", None) == []


def dev_folder(tmp_path: Path) -> Path:
    write(tmp_path, "case2021-acled-subtypes.dev.tsv", CASE_TSV)
    write(tmp_path, "fa-kes.dev.csv", FAKES_CSV)
    write(tmp_path, "plover-gsr.json", json.dumps(PLOVER))
    return tmp_path


def test_evaluate_events_with_fakes(tmp_path: Path) -> None:
    files = dev_files(dev_folder(tmp_path))
    assert sorted(files) == ["case", "fakes", "plover"]
    scores = evaluate_events(files, extract=lambda text, published: [],
                             locate=lambda name: None, limit=2)
    assert (scores["case"]["snippets"], scores["fakes"]["articles"],
            scores["plover"]["sentences"]) == (2, 2, 2)
    assert scores["fakes"]["no_event"] == 2 and scores["plover"]["coverage"] == 0.0
    text = "\n".join(report_lines(scores))
    assert "weighted F1 0.000" in text and "2 with no event" in text


def test_cli_eval_events_help_has_example() -> None:
    result = CliRunner().invoke(cli, ["eval", "events", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
    assert "sitrep eval events" in result.output


def test_cli_eval_events_needs_some_data() -> None:
    result = CliRunner().invoke(cli, ["eval", "events"])
    assert result.exit_code == 2 and "give a folder" in result.output


def test_cli_eval_events_runs_on_a_tiny_folder(tmp_path: Path) -> None:
    folder = dev_folder(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "events", str(folder), "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    assert scores["case"]["snippets"] == 3 and scores["fakes"]["articles"] == 2
    assert scores["plover"]["sentences"] == 2 and scores["pipeline_failures"] == 0
    only = CliRunner().invoke(cli, ["eval", "events", "--plover",
                                    str(folder / "plover-gsr.json")])
    assert only.exit_code == 0 and "plover-gsr.json: 2 sentences" in only.output
    assert "case2021" not in only.output
