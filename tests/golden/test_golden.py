"""Whole-article golden files: each bundled example and the records expected from it.

Run `pytest tests/golden --regen-golden` after an intended change: it prints
each diff, then rewrites the file, so the commit shows what changed.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from sitrep.examples import example_paths
from sitrep.ingest import Ingested, read_paths
from sitrep.pipeline import Pipeline

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.stem)
def test_golden_examples(path: Path, pipeline: Pipeline, request: pytest.FixtureRequest) -> None:
    (item,) = [i for i in read_paths([str(path)]) if isinstance(i, Ingested)]
    (article,) = pipeline.process([item.article])
    got = json.dumps(article.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    golden = HERE / f"{path.stem}.json"
    want = golden.read_text() if golden.exists() else ""
    if got == want:
        return
    diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                        str(golden), "now"))
    if request.config.getoption("--regen-golden"):
        print(diff)
        golden.write_text(got)
        return
    pytest.fail(f"records differ from {golden.name} (rerun with --regen-golden to accept):\n"
                f"{diff}")
