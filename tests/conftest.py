"""Shared fixtures. Tests that read ../shared skip with a reason when it is absent.

Tests marked `slow` run only when asked for (`-m slow`). The fuzz tests
(`tests/*/test_fuzz_*.py`) take their budgets from the Hypothesis profiles here:
"fuzz" in the default run, "fuzz-long" for their `slow` twins.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

from sitrep.scale import limits

if TYPE_CHECKING:
    from sitrep.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MISSION = SHARED / "mission" / "moscow-drones-2023-05-31.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true",
                     help="Rewrite golden files after showing their diff.")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip `slow` tests unless the -m expression names them."""
    if "slow" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="slow: opt in with -m slow")
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)


# Fuzzing budgets. The default run replays the same inputs every time
# (derandomize), so CI never fails on a newly drawn one; the long run explores
# afresh. No example database: nothing is written into the tree (.hypothesis/).
settings.register_profile(
    "fuzz", max_examples=200, deadline=timedelta(seconds=5), database=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz-long", settings.get_profile("fuzz"), max_examples=3000,
                          derandomize=False)

# Hypothesis keeps its caches (constants, Unicode tables) in ./.hypothesis unless told
# otherwise, and its plugin fills them while collecting: they go to the system's temp.
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "sitrep-hypothesis")


HANG_SECONDS = 30.0  # far past the deadline: only a real hang gets here


class Hang(Exception):
    """One input ran past HANG_SECONDS."""


def _time_limit(seconds: float = HANG_SECONDS) -> AbstractContextManager[None]:
    # A deadline is checked only once the call returns; the alarm ends a hang.
    return limits.time_limit(seconds, error=Hang)


@pytest.fixture(scope="session")
def time_limit() -> Callable[..., AbstractContextManager[None]]:
    """`with time_limit(): ...` fails one fuzz input that hangs instead of blocking the run."""
    return _time_limit


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


@pytest.fixture
def rule_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """`rule_package(text, name="rules.yaml")`: a throwaway package holding a rule file
    (one name per test: imports are cached); its import name."""
    def make(text: str, name: str = "rules.yaml") -> str:
        module = "rulepkg_" + re.sub(r"\W", "_", tmp_path.name)
        package = tmp_path / module
        package.mkdir(exist_ok=True)
        (package / "__init__.py").write_text("")
        (package / name).write_text(text)
        monkeypatch.syspath_prepend(str(tmp_path))
        return module
    return make
