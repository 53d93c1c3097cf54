"""Example articles written for sitrep's demo and tests (fictional reports on real places)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def example_paths() -> list[Path]:
    """The bundled example articles, sorted by name."""
    folder = resources.files(__package__)
    return sorted(Path(str(p)) for p in folder.iterdir() if str(p).endswith(".txt"))
