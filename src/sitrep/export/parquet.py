"""Records as Parquet: one file per record kind in a folder, written by DuckDB.

articles.parquet, times.parquet, places.parquet, statements.parquet, events.parquet
(each row of the last four keyed by `article_id`, as `sitrep.records.to_dataframes`
has them), and clusters.parquet and contradictions.parquet when the run's clusters
are given. The columns and their types come from the record schema (nested records
are STRUCTs, lists are LISTs), so every run writes the same schema, even with no rows.

Records are streamed to JSON Lines files in a temporary folder as they come, so
memory stays flat however long the run; `close` turns each into Parquet.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
import types
import typing
from functools import cache
from pathlib import Path
from typing import IO, Any

from sitrep.records import Article, Cluster, Contradiction, Event, Place, Statement, Time, to_dict

PER_ARTICLE: dict[str, type[Any]] = {
    "times": Time, "places": Place, "statements": Statement, "events": Event}
ACROSS: dict[str, type[Any]] = {"clusters": Cluster, "contradictions": Contradiction}
_SCALARS = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}


def duckdb_type(hint: Any) -> str:
    """The DuckDB type of a field of the record schema.

    >>> duckdb_type(list[str]), duckdb_type(int | None)
    ('VARCHAR[]', 'BIGINT')
    """
    origin = typing.get_origin(hint)
    if origin is list:
        (inner,) = typing.get_args(hint)
        return f"{duckdb_type(inner)}[]"
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return duckdb_type(inner)
    if origin is typing.Literal:
        return "VARCHAR"
    if dataclasses.is_dataclass(hint):
        fields = ", ".join(f'"{name}" {duckdb_type(h)}' for name, h in _fields(hint).items())
        return f"STRUCT({fields})"
    return _SCALARS[hint]


def _fields(cls: Any) -> dict[str, Any]:
    """A record's field names and types, in the schema's order."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


@cache
def columns(kind: str) -> dict[str, str]:
    """The Parquet columns of a record kind, with their DuckDB types."""
    if kind == "articles":
        return {name: duckdb_type(hint) for name, hint in _fields(Article).items()
                if name not in PER_ARTICLE}
    cls = PER_ARTICLE.get(kind) or ACROSS[kind]
    keyed = {"article_id": "VARCHAR"} if kind in PER_ARTICLE else {}
    return keyed | {name: duckdb_type(hint) for name, hint in _fields(cls).items()}


class ParquetWriter:
    """One Parquet file per record kind in `folder` (created if need be)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix="sitrep-parquet-"))
        self.kinds = ["articles", *PER_ARTICLE]
        self.files: dict[str, IO[str]] = {
            kind: (self.tmp / f"{kind}.jsonl").open("w", encoding="utf-8")
            for kind in [*self.kinds, *ACROSS]}

    def write(self, article: Article) -> None:
        flat = to_dict(article)
        for kind in PER_ARTICLE:
            for item in flat.pop(kind):
                self._line(kind, {"article_id": article.id, **item})
        self._line("articles", flat)

    def add_clusters(self, clusters: list[dict[str, Any]],
                     contradictions: list[dict[str, Any]]) -> None:
        """The run's clusters and their contradictions, written as two more files."""
        for kind, records in (("clusters", clusters), ("contradictions", contradictions)):
            if kind not in self.kinds:
                self.kinds.append(kind)
            for record in records:
                self._line(kind, record)

    def _line(self, kind: str, record: dict[str, Any]) -> None:
        # only the schema's keys: an older stored record may carry others
        wanted = columns(kind)
        self.files[kind].write(json.dumps({k: record.get(k) for k in wanted},
                                          ensure_ascii=False) + "\n")

    def close(self) -> None:
        import duckdb

        for handle in self.files.values():
            handle.close()
        con = duckdb.connect(":memory:")
        try:
            for kind in self.kinds:
                source, target = self.tmp / f"{kind}.jsonl", self.folder / f"{kind}.parquet"
                con.execute(
                    f"COPY (SELECT * FROM read_json({_quoted(source)}, "
                    f"format = 'newline_delimited', columns = {_struct(columns(kind))})) "
                    f"TO {_quoted(target)} (FORMAT parquet)")
        finally:
            con.close()
            shutil.rmtree(self.tmp, ignore_errors=True)


def _quoted(path: Path) -> str:
    """A path as an SQL string literal (COPY takes no parameters for its file names)."""
    return "'" + str(path).replace("'", "''") + "'"


def _struct(cols: dict[str, str]) -> str:
    """read_json's `columns` argument: {'name': 'TYPE', ...}."""
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in cols.items()) + "}"
