"""The Ray engine gives the records the local engine gives: the same JSON Lines (after
sorting) and the same store, on 200 articles of the shared news corpus."""

from __future__ import annotations

import builtins
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import ConfigError
from sitrep.settings import Settings

SAMPLE = 200


@pytest.fixture
def sample(shared_data: Path, tmp_path: Path) -> Path:
    lines = (shared_data / "corpus" / "news.jsonl").read_text().splitlines()[:SAMPLE]
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def _extract(sample: Path, tmp_path: Path, name: str, *more: str) -> tuple[list[str], str]:
    db, out = tmp_path / f"{name}.duckdb", tmp_path / f"{name}.jsonl"
    subprocess.run([sys.executable, "-m", "sitrep", "extract", str(sample), "--db", str(db),
                    "-o", str(out), "--no-progress", *more], check=True, capture_output=True)
    from sitrep.store import Store

    with Store(db, read_only=True) as store:
        digest = repr(sorted(store.digest().items()))
    return sorted(out.read_text().splitlines()), digest


def test_ray_and_local_engines_give_the_same_records(sample: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray.data", reason="Ray is an optional extra: pip install 'sitrep[ray]'")
    local = _extract(sample, tmp_path, "local")
    ray = _extract(sample, tmp_path, "ray", "--engine", "ray", "--workers", "2",
                   "--parts", str(tmp_path / "parts"))
    assert len(local[0]) == SAMPLE - _refused(sample)
    assert ray == local
    kinds = sorted(p.name for p in (tmp_path / "parts").iterdir())
    assert kinds == ["articles", "events", "places", "statements", "times"]
    assert all(list((tmp_path / "parts" / k).glob("*.parquet")) for k in kinds)


def _refused(sample: Path) -> int:
    """How many of the sample the reading refuses (not English, empty...)."""
    from sitrep.ingest import Ingested, read_paths

    return SAMPLE - sum(isinstance(i, Ingested) for i in read_paths([str(sample)]))


def test_the_ray_engine_without_ray_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.scale.ray_engine import RayPipeline

    real = builtins.__import__

    def no_ray(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ray" or name.startswith("ray."):
            raise ImportError("no ray here")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(ConfigError, match=r"pip install 'sitrep\[ray\]'"):
        RayPipeline(Settings(), on_error=print)


def test_ray_options_need_the_ray_engine(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitrep.cli.main import cli

    result = CliRunner().invoke(cli, ["extract", "-", "--parts", str(tmp_path), "--no-db"],
                                input="Shelling hit Kharkiv on Monday.")
    assert result.exit_code == 2 and "--engine ray" in result.output
