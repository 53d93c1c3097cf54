"""Shared fixtures. Tests that read ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

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
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.exists():
        pytest.skip(f"shared dev data absent ({data})")
    return data


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.duckdb")
