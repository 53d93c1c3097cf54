from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sitrep.cli.main import cli
from sitrep.eval.time import evaluate_folder
from sitrep.temporal.timeml import read_tml

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-05-31">x</TIMEX3></DCT>
<TEXT>Drones hit Moscow on <TIMEX3 tid="t1" type="DATE" value="2023-05-30">Tuesday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P17D">17 days</TIMEX3> of attacks &amp; more
<TIMEX3 tid="t3" type="DATE" value="2023-05-29">yesterday evening</TIMEX3>.</TEXT>
</TimeML>
"""


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "doc.tml").write_text(TML)
    return tmp_path


def test_timeml_reader_offsets(tmp_path: Path) -> None:
    doc = read_tml(_folder(tmp_path) / "set" / "doc.tml")
    assert doc.dct == "2023-05-31" and "&" in doc.text
    assert [doc.text[t.start : t.end] for t in doc.timexes] == ["Tuesday", "17 days",
                                                                "yesterday evening"]


def test_evaluate_scores_spans_types_and_values(tmp_path: Path) -> None:
    scores = evaluate_folder(_folder(tmp_path), model=None)["set"]
    assert scores["gold"] == 3 and scores["system"] == 3
    assert scores["relaxed_f1"] == 1.0
    # "yesterday evening" is 2023-05-30TEV here: one wrong value of three
    assert scores["value_f1"] == round(2 / 3, 4)


def test_cli_eval_time(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "time", str(_folder(tmp_path)), "--json"])
    assert result.exit_code == 0 and '"relaxed_f1": 1.0' in result.output
