"""Shared fixtures. Tests that read ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

if TYPE_CHECKING:
    from sitrep.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MISSION = SHARED / "mission" / "moscow-drones-2023-05-31.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true",
                     help="Rewrite golden files after showing their diff.")


@pytest.fixture
def mission_path() -> Path:
    if not MISSION.exists():
        pytest.skip(f"reference article absent ({MISSION}); it lives in ../shared")
    return MISSION


@pytest.fixture
def mission_article(mission_path: Path) -> Article:
    """The reference article, read as `sitrep extract` reads it, through the pipeline."""
    from sitrep.ingest.sources import Ingested, read_paths
    from sitrep.pipeline import Pipeline

    (item,) = [i for i in read_paths([str(mission_path)]) if isinstance(i, Ingested)]
    (done,) = Pipeline().process([item.article])
    return done


@pytest.fixture
def mission_expected(mission_path: Path) -> dict[str, Any]:
    """What an analyst records from it; its `traps:` list is prose, not YAML."""
    path = mission_path.with_name(mission_path.name.replace(".txt", ".expected.yaml"))
    return dict(yaml.safe_load(path.read_text().split("\ntraps:")[0]))


@pytest.fixture
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.exists():
        pytest.skip(f"shared dev data absent ({data})")
    return data


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.duckdb")
