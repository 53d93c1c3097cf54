"""The accuracy ratchet: per-stage scores on the shared dev sets may not drop.

Floors live in `eval_floors.json` beside this file. Raising a floor is a
commit of its own; lowering one needs a stated reason in that commit. When
the dev data is absent (a fresh clone without ../shared) the gate skips.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sitrep.settings import Settings

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


def data_hash(folder: Path, pattern: str) -> str:
    """First 16 hex digits of the sha256 over the files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def assert_floors(stage: str, got: dict[str, float]) -> None:
    """Fail when a score of `stage` fell below its floor."""
    dropped = {name: (got[name], floor) for name, floor in FLOORS[stage]["scores"].items()
               if got[name] < floor}
    assert not dropped, f"{stage} scores fell below their floors (got, floor): {dropped}"


def dev_data(shared_data: Path, stage: str, pattern: str, needed: str = "") -> Path:
    """The dev set folder of a stage's floors; skips when the data (or the file
    `needed` in it) is absent, or changed since the floors were set."""
    folder = shared_data / FLOORS[stage]["data"]
    if not (folder / needed).exists():
        pytest.skip(f"{stage} dev data absent ({folder / needed})")
    if data_hash(folder, pattern) != FLOORS[stage]["sha256_16"]:
        pytest.skip(f"the {stage} dev data changed since the floors were set: re-baseline them")
    return folder


def test_eval_gate_time(shared_data: Path) -> None:
    from sitrep.eval.time import evaluate_folder

    folder = dev_data(shared_data, "time", "*.tml")
    scores = evaluate_folder(folder, model=Settings().model)
    assert_floors("time", scores.get("all") or next(iter(scores.values())))


def test_eval_gate_geo(shared_data: Path) -> None:
    from sitrep.eval.geo import read_corpus, score
    from sitrep.geo.stage import geoparse

    name = FLOORS["geo"]["file"]
    folder = dev_data(shared_data, "geo", name, name)
    scores = score(read_corpus(folder / name), geoparse)
    assert_floors("geo", {"recognition_f1": scores["recognition"]["f1"],
                          "acc161": scores["resolution"]["acc161"]})


def test_eval_gate_quotes(shared_data: Path) -> None:
    from sitrep.eval.quotes import score
    from sitrep.eval.quotes_read import read_polnear
    from sitrep.statements.stage import attribute

    folder = dev_data(shared_data, "quotes", "*.ann")
    scores = score(read_polnear(folder), lambda text, published: attribute(text))
    assert_floors("quotes", {"content_overlap_f1": scores["content_overlap"]["f1"],
                             "direct_f1": scores["direct"]["f1"],
                             "speaker_accuracy": scores["speaker"]["accuracy"]})


def test_eval_gate_events(shared_data: Path) -> None:
    from sitrep.eval.events import dev_files, evaluate_events

    folder = dev_data(shared_data, "events", "*.[tc]sv")
    files = {k: v for k, v in dev_files(folder).items() if k in ("case", "fakes")}
    if len(files) < 2:
        pytest.skip(f"CASE-2021 or FA-KES dev data absent ({folder})")
    scores = evaluate_events(files)
    assert_floors("events", {"case_weighted_f1": scores["case"]["weighted_f1"],
                             "fakes_location_accuracy": scores["fakes"]["accuracy"]})
