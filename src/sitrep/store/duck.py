"""The embedded DuckDB store: one file, no server.

Each `add` is one transaction, so a crash loses at most the batch in flight
and never leaves half an article; an article already stored is never added
twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.records import Article, from_dict
from sitrep.store.migrations import LATEST, MIGRATIONS
from sitrep.store.rows import ARTICLE_COLUMNS, article_rows

TABLES = ("articles", "times", "places", "statements", "events", "evidence")


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """Query filters shared by `events` and `statements` (all optional)."""

    since: str | None = None
    until: str | None = None
    place: str | None = None
    type: str | None = None
    speaker: str | None = None
    limit: int | None = None


class Store:
    """Articles and their records in a DuckDB file (":memory:" for none).

    >>> with Store(":memory:") as store:
    ...     store.counts()["articles"]
    0
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        try:
            if read_only and self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(f"store {self.path} does not exist; run `sitrep extract` first")
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}. If another sitrep is "
                             f"using it, wait for it or pass another --db") from exc
        if not read_only:
            self._migrate()
        elif self.schema_version() != LATEST:
            raise StoreError(f"store {self.path} has schema {self.schema_version()}, this sitrep "
                             f"reads {LATEST}; open it once for writing to migrate it")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema ---------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > LATEST:
            raise StoreError(f"store {self.path} has schema {current}, newer than this sitrep "
                             f"({LATEST}); upgrade sitrep")
        if current == LATEST:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
            for version, sql in MIGRATIONS:
                if version > current:
                    self.con.execute(sql)
                    self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot migrate store {self.path}: {exc}") from exc

    # -- writing ----------------------------------------------------------------

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` are already stored."""
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)",
                                [wanted]).fetchall()
        return {r[0] for r in rows}

    def add(self, articles: Sequence[Article], *, replace: bool = False) -> int:
        """Store a batch in one transaction; returns how many articles were new or replaced."""
        fresh: dict[str, Article] = {}
        for a in articles:
            fresh.setdefault(a.id, a)
        if not replace:
            for seen in self.known(fresh):
                del fresh[seen]
        if not fresh:
            return 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                self._delete(list(fresh))
            self._insert_all(fresh.values())
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot write to store {self.path}: {exc}; nothing of this batch "
                             f"was stored") from exc
        return len(fresh)

    def _delete(self, ids: list[str]) -> None:
        for table in TABLES:
            key = "id" if table == "articles" else "article_id"
            self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, {key})", [ids])

    def _insert_all(self, articles: Iterable[Article]) -> None:
        import pandas as pd

        tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        for article in articles:
            for table, rows in article_rows(article).items():
                tables[table].extend(rows)
        for table, rows in tables.items():
            if not rows:
                continue
            columns = self._columns(table)
            frame = pd.DataFrame(rows, columns=list(columns))  # noqa: F841 - read by DuckDB
            self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM frame")

    def _columns(self, table: str) -> tuple[str, ...]:
        if table == "articles":
            return tuple(c.strip() for c in ARTICLE_COLUMNS.split(","))
        rows = self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall()
        return tuple(r[0] for r in rows)

    # -- reading ----------------------------------------------------------------

    def get(self, ids: Iterable[str]) -> dict[str, Article]:
        """Stored articles by id, rebuilt as records."""
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = self.con.execute("SELECT id, record FROM articles WHERE list_contains(?, id)",
                                [wanted]).fetchall()
        return {r[0]: from_dict(Article, json.loads(r[1])) for r in rows}

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "events", "statements", "places", "times"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def events(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        """Stored events (the contract's event objects plus article fields), newest first."""
        where, params = _where(
            filters, date="e.date", kind="e.type",
            place="(e.location ILIKE ? OR e.country ILIKE ? OR e.admin1 ILIKE ?)",
            type_=" OR e.acled_event_type ILIKE ? OR e.acled_sub_event_type ILIKE ?")
        sql = ("SELECT e.record, a.id, a.published, a.title, a.source FROM events e "
               "JOIN articles a ON a.id = e.article_id"
               f"{_clause(where)} ORDER BY e.date DESC NULLS LAST, a.id, e.id{_limit(filters)}")
        return [_with_article(r) for r in self.con.execute(sql, params).fetchall()]

    def statements(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        """Stored statements (contract objects plus article fields), newest first."""
        where, params = _where(
            filters, date="a.published", kind="s.stance", type_="",
            place="EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND "
                  "(p.name ILIKE ? OR p.country ILIKE ? OR p.admin1 ILIKE ?))")
        if filters.speaker:
            where.append("s.speaker ILIKE ?")
            params.append(f"%{filters.speaker}%")
        sql = ("SELECT s.record, a.id, a.published, a.title, a.source FROM statements s "
               "JOIN articles a ON a.id = s.article_id"
               f"{_clause(where)} ORDER BY a.published DESC NULLS LAST, a.id, s.id"
               f"{_limit(filters)}")
        return [_with_article(r) for r in self.con.execute(sql, params).fetchall()]


def _where(f: Filters, *, date: str, place: str, kind: str,
           type_: str) -> tuple[list[str], list[Any]]:
    """SQL conditions for the filters; `place` and `type_` hold "?"s for the values."""
    where: list[str] = []
    params: list[Any] = []
    if f.since:
        where.append(f"{date} >= CAST(? AS DATE)")
        params.append(f.since)
    if f.until:
        where.append(f"{date} <= CAST(? AS DATE)")
        params.append(f.until)
    if f.place:
        where.append(place)
        params.extend([f"%{f.place}%", f.place, f"%{f.place}%"])
    if f.type:
        where.append(f"({kind} ILIKE ?{type_})")
        params.extend([f.type] * (1 + type_.count("?")))
    return where, params


def _clause(where: list[str]) -> str:
    return f" WHERE {' AND '.join(where)}" if where else ""


def _limit(f: Filters) -> str:
    return f" LIMIT {int(f.limit)}" if f.limit else ""


def _with_article(row: tuple[Any, ...]) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(row[0])
    record["article"] = {"id": row[1], "published": str(row[2]) if row[2] else None,
                         "title": row[3], "source": row[4]}
    return record
