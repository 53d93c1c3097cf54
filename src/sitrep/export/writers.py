"""Streaming writers for each output format of `sitrep extract`."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol

from sitrep.errors import ConfigError
from sitrep.export.acled import COLUMNS, NUMERIC_COLUMNS, acled_rows
from sitrep.export.cells import spreadsheet_safe
from sitrep.export.geojson import GeoJsonWriter
from sitrep.export.parquet import ParquetWriter
from sitrep.records import Article, to_dict

FORMATS = ("json", "jsonl", "acled-csv", "geojson", "parquet")
# formats written as several files, into the folder the output names
FOLDER_FORMATS = ("parquet",)


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
    """One row per event, in ACLED's column names then sitrep's extra ones. Every text
    cell is safe to open in a spreadsheet (no cell runs as a formula)."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.csv = csv.DictWriter(out, fieldnames=COLUMNS)
        self.csv.writeheader()

    def write(self, article: Article) -> None:
        self.csv.writerows({column: spreadsheet_safe(value, numeric=column in NUMERIC_COLUMNS)
                            for column, value in row.items()} for row in acled_rows(article))

    def close(self) -> None:
        self.out.flush()


def open_writer(fmt: str, out: IO[str], *, folder: Path | None = None) -> Writer:
    """The writer for format `fmt` (one of FORMATS) onto `out`; the formats written as
    several files (FOLDER_FORMATS) write into `folder` instead, which they create.

    >>> import io
    >>> open_writer("geojson", io.StringIO()).close()
    """
    if fmt in FOLDER_FORMATS:
        if folder is None:
            raise ConfigError(f"format {fmt!r} writes one file per record kind: it needs a "
                              "folder to write them in (sitrep extract -o FOLDER)")
        return ParquetWriter(folder)
    writers: dict[str, Callable[[IO[str]], Writer]] = {
        "json": JsonWriter, "jsonl": JsonlWriter, "acled-csv": AcledCsvWriter,
        "geojson": GeoJsonWriter}
    if fmt not in writers:
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writers[fmt](out)
