"""Streaming writers for each output format of `sitrep extract`."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import IO, Any, Protocol

from sitrep.errors import ConfigError
from sitrep.export.acled import ACLED_COLUMNS, acled_rows
from sitrep.records import Article, to_dict

FORMATS = ("json", "jsonl", "acled-csv")


class Writer(Protocol):
    def write(self, article: Article) -> None: ...
    def close(self) -> None: ...


class JsonlWriter:
    """One article object per line."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, article: Article) -> None:
        self.out.write(json.dumps(to_dict(article), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """`{"articles": [...], "clusters": [...], "contradictions": [...]}`, streamed."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.count = 0
        self.clusters: list[dict[str, Any]] = []
        self.contradictions: list[dict[str, Any]] = []
        out.write('{"articles": [')

    def write(self, article: Article) -> None:
        sep = ",\n" if self.count else "\n"
        self.out.write(sep + json.dumps(to_dict(article), ensure_ascii=False, indent=1))
        self.count += 1

    def add_clusters(self, clusters: list[dict[str, Any]],
                     contradictions: list[dict[str, Any]]) -> None:
        """The run's clusters and their contradictions, written at the end."""
        self.clusters.extend(clusters)
        self.contradictions.extend(contradictions)

    def close(self) -> None:
        self.out.write("\n],\n")
        self.out.write(f'"clusters": {json.dumps(self.clusters, ensure_ascii=False)},\n')
        self.out.write(f'"contradictions": {json.dumps(self.contradictions, ensure_ascii=False)}')
        self.out.write("\n}\n")
        self.out.flush()


class AcledCsvWriter:
    """One row per event, in ACLED's column names."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.csv = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        self.csv.writeheader()

    def write(self, article: Article) -> None:
        self.csv.writerows(acled_rows(article))

    def close(self) -> None:
        self.out.flush()


def open_writer(fmt: str, out: IO[str]) -> Writer:
    """The writer for format `fmt` (one of FORMATS) onto `out`."""
    writers: dict[str, Callable[[IO[str]], Writer]] = {
        "json": JsonWriter, "jsonl": JsonlWriter, "acled-csv": AcledCsvWriter}
    if fmt not in writers:
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writers[fmt](out)
