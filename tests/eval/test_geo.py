"""The geoparsing harness: readers of the three gold formats, metrics, `sitrep eval geo`.

All texts here are made up; offsets are computed from them, so each reader is
checked against the text it reads.
"""

from __future__ import annotations

import json
import math
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli.main import cli
from sitrep.errors import ConfigError, InputError
from sitrep.eval.geo import (
    GWN_EXCLUDED_KINDS,
    GWN_TOPONYM_KINDS,
    MAX_ERROR_KM,
    AlignStats,
    GeoDoc,
    GoldToponym,
    align_span,
    haversine_km,
    match,
    read_corpus,
    score,
)
from sitrep.records import Place

TEXT = "Floods hit Dunmore on Monday. Officials in Lake Varo said roads near Dunmore closed."
GWN_TEXT = "Carvania said Russian troops left Port Ilse, a Carvanian official told Ilse Radio."


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def write(tmp_path: Path, name: str, xml: str) -> Path:
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    return path


def lgl_xml(text: str = TEXT) -> str:
    (a, b), (c, d) = at(text, "Dunmore"), at(text, "Lake Varo")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="77"><title>x</title><text><![CDATA[{text}]]></text>
<toponyms count="2">
 <toponym><start>{a}</start><end>{b}</end><phrase>Dunmore</phrase>
  <gaztag geonameid="101"><name>Dunmore Town</name><lat>10.5</lat><lon>-3.25</lon></gaztag>
 </toponym>
 <toponym><start>{c}</start><end>{d}</end><phrase>Lake Varo</phrase></toponym>
</toponyms></article></articles>"""


def geovirus_xml() -> str:
    locs = ""
    for phrase, nth in (("Dunmore", 0), ("Lake Varo", 0), ("Dunmore", 1)):
        s, e = at(TEXT, phrase, nth)  # the file's offsets are one too far right
        locs += (f"<location><name>{phrase}</name><start>{s + 1}</start><end>{e + 1}</end>"
                 "<lat>1.5</lat><lon>2.5</lon><page>https://example.org</page></location>")
    return (f"<articles><article><source>https://example.org/a</source><text>{TEXT}</text>"
            f"<locations>{locs}</locations></article></articles>")


GWN_GOLD = [  # phrase, type, modifierType, geonamesID
    ("Carvania", "Metonymic", "", "5"),
    ("Russian", "Demonym", "", ""),
    ("Port Ilse", "Literal", "", "6"),
    ("Carvanian", "Non_Literal_Modifier", "Adjective", "5"),
    ("Ilse Radio", "Non_Toponym", "", ""),
    ("Ilse", "Embedded_Non_Lit", "Noun", ""),
]


def gwn_xml() -> str:
    tops = ""
    for phrase, kind, modifier, gid in GWN_GOLD:
        s, e = at(GWN_TEXT, phrase, 1 if phrase == "Ilse" else 0)
        coords = ("<latitude>4.0</latitude><longitude>5.0</longitude>"
                  if kind in GWN_TOPONYM_KINDS else "")
        tops += (f"<toponym><extractedName>{phrase}</extractedName><normalisedName/>"
                 f"<type>{kind}</type><modifierType>{modifier}</modifierType>"
                 f"<nonLocational>No</nonLocational><start>{s}</start><end>{e}</end>"
                 f"<geonamesID>{gid}</geonamesID>{coords}</toponym>")
    return (f'<articles><article file="3"><title>t</title><link>l</link><text>{GWN_TEXT}'
            f"</text><toponyms>{tops}</toponyms></article></articles>")


def test_read_lgl(tmp_path: Path) -> None:
    (doc,) = read_corpus(write(tmp_path, "lgl.xml", lgl_xml()))
    assert doc.name == "77" and doc.text == TEXT and doc.excluded == []
    dunmore, varo = doc.toponyms
    assert TEXT[dunmore.start:dunmore.end] == dunmore.text == "Dunmore"
    assert (dunmore.lat, dunmore.lon, dunmore.geonameid) == (10.5, -3.25, 101)
    assert dunmore.kind == "toponym" and dunmore.name == "Dunmore Town"
    assert TEXT[varo.start:varo.end] == "Lake Varo"
    assert (varo.lat, varo.lon, varo.geonameid) == (None, None, None)


def test_read_geovirus_undoes_the_offset_shift(tmp_path: Path) -> None:
    stats = AlignStats()
    (doc,) = read_corpus(write(tmp_path, "gv.xml", geovirus_xml()), stats)
    assert [(g.start, g.end) for g in doc.toponyms] == [
        at(TEXT, "Dunmore"), at(TEXT, "Lake Varo"), at(TEXT, "Dunmore", 1)]
    assert all(TEXT[g.start:g.end] == g.text for g in doc.toponyms)
    assert stats == AlignStats(exact=3)
    assert doc.toponyms[0].lat == 1.5 and doc.toponyms[0].geonameid is None


def test_read_geowebnews_keeps_toponym_types_only(tmp_path: Path) -> None:
    (doc,) = read_corpus(write(tmp_path, "gwn.xml", gwn_xml()))
    assert doc.name == "3"
    assert [(g.text, g.kind) for g in doc.toponyms] == [
        ("Carvania", "Metonymic"), ("Port Ilse", "Literal"), ("Ilse", "Embedded_Non_Lit")]
    # adjective modifiers ("a Carvanian official") are demonyms, left out like them
    assert [(g.text, g.kind) for g in doc.excluded] == [
        ("Russian", "Demonym"), ("Carvanian", "Demonym"), ("Ilse Radio", "Non_Toponym")]
    assert all(GWN_TEXT[g.start:g.end] == g.text for g in doc.toponyms + doc.excluded)
    assert doc.toponyms[0].geonameid == 5 and doc.toponyms[2].geonameid is None
    assert doc.excluded[1].modifier == "Adjective"
    assert not GWN_TOPONYM_KINDS & GWN_EXCLUDED_KINDS
    assert {"Metonymic", "Mixed", "Literal_Modifier"} <= GWN_TOPONYM_KINDS
    assert {"Demonym", "Language", "Homonym", "Non_Toponym"} <= GWN_EXCLUDED_KINDS


def test_read_rejects_other_xml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="neither LGL"):
        read_corpus(write(tmp_path, "x.xml", "<articles><article/></articles>"))
    with pytest.raises(InputError, match="cannot read XML"):
        read_corpus(write(tmp_path, "y.xml", "<articles>"))


def test_align_span_shifts_searches_and_drops() -> None:
    stats = AlignStats()
    text = "rain in Oslo and Oslo again"
    assert align_span(text, 9, 13, "Oslo", stats) == (8, 12)
    assert align_span(text, 20, 24, "Oslo", stats) == (17, 21)
    assert align_span(text, 25, 29, "Oslo", stats) == (17, 21)
    assert align_span(text, 0, 4, "Bergen", stats) is None
    assert stats == AlignStats(exact=0, shifted=2, searched=1, dropped=1)


@dataclass
class Pred:
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


def gold(start: int, end: int, kind: str = "Literal", lat: float | None = 0.0,
         lon: float | None = 0.0, geonameid: int | None = None) -> GoldToponym:
    return GoldToponym(start, end, f"g{start}", lat, lon, geonameid, kind)


def test_match_is_one_to_one_largest_overlap_first() -> None:
    gs = [gold(0, 10), gold(10, 20)]
    assert match(gs, [Pred(8, 12), Pred(0, 9)]) == [(0, 1), (1, 0)]
    assert match(gs, [Pred(0, 20)]) == [(0, 0)]
    assert match(gs, [Pred(20, 30)]) == []


def metric_doc() -> tuple[GeoDoc, list[Pred]]:
    doc = GeoDoc("d", "x" * 70, toponyms=[
        gold(0, 5, geonameid=1),                  # exact, same place and id
        gold(10, 15, "Metonymic", lon=1.0, geonameid=2),  # 1 degree off, other id
        gold(20, 25, lat=None, lon=None),          # found, no gold coordinates
        gold(30, 35),                              # missed
        gold(60, 65, lat=10.0, lon=10.0),          # found, prediction has no coordinates
    ], excluded=[gold(40, 47, "Demonym", None, None)])
    preds = [Pred(0, 5, 0.0, 0.0, 1), Pred(11, 14, 0.0, 0.0, 3), Pred(20, 25, 5.0, 5.0),
             Pred(40, 47), Pred(50, 55), Pred(60, 65)]
    return doc, preds


def test_score_exact_numbers() -> None:
    doc, preds = metric_doc()
    s = score([doc], lambda text: preds, errors=10)
    assert s["documents"] == 1
    assert s["recognition"] == {"gold": 5, "predicted": 6, "matched": 4, "precision": 0.6667,
                                "recall": 0.8, "f1": 0.7273}
    one_degree = haversine_km(0, 0, 0, 1)
    assert round(one_degree, 3) == 111.195
    errs = [0.0, one_degree, MAX_ERROR_KM]
    auc = sum(math.log1p(e) for e in errs) / 3 / math.log1p(MAX_ERROR_KM)
    assert s["resolution"] == {"gold_with_coords": 4, "scored": 3, "unresolved": 1,
                               "acc161": 0.6667, "median_km": 111.2,
                               "mean_km": round(sum(errs) / 3, 1), "auc": round(auc, 4)}
    assert s["geonameid"] == {"compared": 2, "match_rate": 0.5}
    assert s["recall_by_kind"] == {"Literal": {"gold": 4, "recall": 0.75},
                                   "Metonymic": {"gold": 1, "recall": 1.0}}
    assert s["excluded"] == {"Demonym": {"gold": 1, "predicted": 1}}
    assert sorted((e["error"], e["count"]) for e in s["errors"]) == [
        ("missed", 1), ("spurious", 1), ("spurious", 1), ("unresolved", 1)]


def test_score_limit_and_nothing_predicted() -> None:
    doc, _ = metric_doc()
    s = score([doc, doc, doc], lambda text: [], limit=2)
    assert s["documents"] == 2
    assert s["recognition"]["gold"] == 10
    assert s["recognition"]["precision"] == s["recognition"]["f1"] == 0.0
    assert s["resolution"]["acc161"] is None and "errors" not in s


def test_place_records_score_as_predictions() -> None:
    doc = GeoDoc("d", TEXT, toponyms=[gold(*at(TEXT, "Dunmore"), lat=1.0, lon=1.0)])
    place = Place(*at(TEXT, "Dunmore"), "Dunmore", "Dunmore", lat=1.0, lon=1.0)
    assert score([doc], lambda text: [place])["resolution"]["acc161"] == 1.0


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_eval_geo_help() -> None:
    out = run("eval", "geo", "--help")
    assert "Example:" in out and "sitrep eval geo" in out


def test_cli_eval_geo_ner_baseline(tmp_path: Path) -> None:
    text = "Floods hit Paris and London on Monday, officials in Germany said."
    golds = "".join(
        f"<toponym><start>{s}</start><end>{e}</end><phrase>{p}</phrase>"
        f'<gaztag geonameid="{i}"><name>{p}</name><lat>1</lat><lon>2</lon></gaztag></toponym>'
        for i, p in enumerate(("Paris", "London", "Germany")) for s, e in [at(text, p)])
    path = write(tmp_path, "tiny.xml", f'<articles><article docid="1"><text>{text}</text>'
                                       f"<toponyms>{golds}</toponyms></article></articles>")
    s = json.loads(run("eval", "geo", str(path), "--baseline", "ner", "--json"))
    rec, res = s["recognition"], s["resolution"]
    assert rec["gold"] == 3 and rec["matched"] == 3 and rec["recall"] == 1.0
    assert res["unresolved"] == res["scored"] == 3 and res["acc161"] == 0.0
    assert "recognition  P" in run("eval", "geo", str(path), "--baseline", "ner")


def test_cli_eval_geo_uses_sitreps_geoparser(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "lgl.xml", lgl_xml())
    fake = types.ModuleType("sitrep.geo.stage")
    found = at(TEXT, "Dunmore")
    fake.geoparse = lambda text, published=None: [  # type: ignore[attr-defined]
        Place(*found, "Dunmore", "Dunmore", lat=10.5, lon=-3.25, geonameid=101)]
    monkeypatch.setitem(sys.modules, "sitrep.geo.stage", fake)
    out = run("eval", "geo", str(path), "--errors", "5")
    assert "P 1.000  R 0.500" in out and "acc@161km 1.000" in out
    assert "missed" in out and "Lake Varo" in out


def test_cli_eval_geo_without_geoparser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "lgl.xml", lgl_xml())
    monkeypatch.setitem(sys.modules, "sitrep.geo.stage", None)
    with pytest.raises(ConfigError, match=r"sitrep\.geo\.stage\.geoparse"):
        CliRunner().invoke(cli, ["eval", "geo", str(path)], catch_exceptions=False)


# Gold toponyms kept, and those left out (demonyms; GeoWebNews' non-toponym types).
@pytest.mark.parametrize(("name", "docs", "toponyms", "excluded"), [
    ("lgl.xml", 588, 4764, 324), ("geovirus.xml", 229, 2156, 14),
    ("geowebnews.xml", 200, 2251, 4356)])
def test_read_shared_corpora(shared_data: Path, name: str, docs: int, toponyms: int,
                             excluded: int) -> None:
    path = shared_data / "geo" / name
    if not path.exists():
        pytest.skip(f"{path} absent")
    read = read_corpus(path)
    assert len(read) == docs and sum(len(d.toponyms) for d in read) == toponyms
    assert sum(len(d.excluded) for d in read) == excluded
    assert all(d.text[g.start:g.end] == g.text for d in read for g in d.toponyms + d.excluded)
