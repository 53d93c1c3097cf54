"""The embedded DuckDB store: one file, no server.

Each `add` is one transaction, so a crash loses at most the batch in flight
and never leaves half an article; an article already stored is never added
twice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
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

    def __post_init__(self) -> None:
        for name, day in (("since", self.since), ("until", self.until)):
            if day is not None and not _is_day(day):
                raise ValueError(f"Filters: {name}={day!r} is not a YYYY-MM-DD day")
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"Filters: until={self.until} is before since={self.since}")
        if self.limit is not None and self.limit < 1:
            raise ValueError(f"Filters: limit={self.limit}; give 1 or more, or None for all")


class Store:
    """Articles and their records in a DuckDB file (":memory:" for none).

    DuckDB lets one process at a time open a file, so a writer holds it only while
    it reads or writes a batch (`release()` lets it go between batches), and a
    process that finds the file held waits for it, up to `wait` seconds: an analyst
    can query the store while a long ingest runs.

    >>> with Store(":memory:") as store:
    ...     store.counts()["articles"]
    0
    """

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 wait: float = 60.0) -> None:
        self.path = str(path)
        self.read_only, self.wait = read_only, wait
        self._con: Any = None
        self._depth = 0  # open transactions (nested ones join the outermost)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"store {self.path} does not exist; run `sitrep extract` first")
        if not read_only:
            self._migrate()
        elif self.schema_version() != LATEST:
            raise StoreError(f"store {self.path} has schema {self.schema_version()}, this sitrep "
                             f"reads {LATEST}; open it once for writing to migrate it")

    @property
    def con(self) -> Any:
        """The open DuckDB connection (opened, or waited for, on first use)."""
        if self._con is None:
            self._con = self._connect()
        return self._con

    def _connect(self) -> Any:
        import duckdb

        deadline = time.monotonic() + self.wait
        pause = 0.02
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.Error as exc:
                if not _held(exc) or time.monotonic() + pause > deadline:
                    raise StoreError(f"cannot open store {self.path}: {exc}. If another sitrep "
                                     f"is using it, wait for it or pass another --db") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)

    def view(self) -> Store:
        """Another handle on this store's open database, for one thread at a time (a
        DuckDB cursor: it sees what is committed, and closing it leaves this one open)."""
        other = object.__new__(Store)
        other.path, other.read_only, other.wait = self.path, self.read_only, self.wait
        other._con, other._depth = self.con.cursor(), 0
        return other

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def release(self) -> None:
        """Let other processes open the file until this store is used again (a store in
        memory is kept: closing it would lose it)."""
        if self.path != ":memory:" and self._depth == 0:
            self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: all of the block is stored, or none of it. A transaction
        inside another joins it."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

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
        try:
            with self.transaction():
                self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
                for version, sql in MIGRATIONS:
                    if version > current:
                        self.con.execute(sql)
                        self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
        except Exception as exc:
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
        """Store a batch in one transaction (or in the one open); returns how many
        articles were new or replaced."""
        fresh: dict[str, Article] = {}
        for a in articles:
            fresh.setdefault(a.id, a)
        try:
            with self.transaction():
                if not replace:
                    for seen in self.known(fresh):
                        del fresh[seen]
                if replace and fresh:
                    self._delete(list(fresh))
                self._insert_all(fresh.values())
        except Exception as exc:
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

    def digest(self) -> dict[str, str]:
        """A hash of each table's rows, in a fixed order and without the times rows were
        written: two stores holding the same records have the same digests."""
        import hashlib

        out = {}
        for table in (*TABLES, "clusters", "cluster_members", "contradictions"):
            columns = [c for c in self._columns(table) if c not in ("added_at", "updated_at")]
            rows = self.con.execute(f"SELECT {', '.join(columns)} FROM {table} "
                                    f"ORDER BY ALL").fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
        return out

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "events", "statements", "places", "times"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def events(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        """Stored events (the contract's event objects plus article fields), newest first,
        then by article and in the order of their ids (e2 before e10)."""
        where, params = where_sql(
            filters, date="e.date", place=("e.location", "e.country", "e.admin1"),
            kinds=("e.type", "e.acled_event_type", "e.acled_sub_event_type"))
        sql = ("SELECT e.record, a.id, a.published, a.title, a.source FROM events e "
               "JOIN articles a ON a.id = e.article_id"
               f"{where} ORDER BY e.date DESC NULLS LAST, a.id, {natural('e.id')}"
               f"{limit_sql(filters)}")
        return [_with_article(r) for r in self.con.execute(sql, params).fetchall()]

    def statements(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        """Stored statements (contract objects plus article fields), newest first, then
        by article and in the order of their ids (s2 before s10); `type` is the stance."""
        where, params = where_sql(
            filters, date="a.published", place=("p.name", "p.country", "p.admin1"),
            places="EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND {})",
            kinds=("s.stance",), speaker="s.speaker")
        sql = ("SELECT s.record, a.id, a.published, a.title, a.source FROM statements s "
               "JOIN articles a ON a.id = s.article_id"
               f"{where} ORDER BY a.published DESC NULLS LAST, a.id, "
               f"{natural('s.id')}{limit_sql(filters)}")
        return [_with_article(r) for r in self.con.execute(sql, params).fetchall()]


def _is_day(text: str) -> bool:
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)) and bool(
            dt.date.fromisoformat(text))
    except ValueError:
        return False


def where_sql(f: Filters, *, date: str, place: tuple[str, str, str], kinds: tuple[str, ...],
              places: str = "{}", speaker: str | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause for the filters (or "") and its parameters, on these columns:
    `place` is (name, ISO3 country, admin1), `places` wraps their test. Place, type
    and speaker match a substring in any case (the country the whole code); `type`
    matches any of the `kinds`."""
    where: list[str] = []
    params: list[Any] = []
    if f.since:
        where.append(f"{date} >= CAST(? AS DATE)")
        params.append(f.since)
    if f.until:
        where.append(f"{date} <= CAST(? AS DATE)")
        params.append(f.until)
    if f.place:
        name, country, admin1 = place
        where.append(places.format(f"({name} {_LIKE} OR {country} {_LIKE} OR {admin1} {_LIKE})"))
        params.extend([like_contains(f.place), like_literal(f.place), like_contains(f.place)])
    if f.type:
        where.append("(" + " OR ".join(f"{k} {_LIKE}" for k in kinds) + ")")
        params.extend([like_contains(f.type)] * len(kinds))
    if f.speaker and speaker:
        where.append(f"{speaker} {_LIKE}")
        params.append(like_contains(f.speaker))
    return (f" WHERE {' AND '.join(where)}" if where else ""), params


_LIKE = "ILIKE ? ESCAPE '\\'"


def like_literal(text: str) -> str:
    """`text` as an ILIKE pattern that matches itself only (% and _ not wild)."""
    return re.sub(r"([\\%_])", r"\\\1", text)


def like_contains(text: str) -> str:
    return f"%{like_literal(text)}%"


def limit_sql(f: Filters) -> str:
    return f" LIMIT {int(f.limit)}" if f.limit else ""


def natural(column: str) -> str:
    """ORDER BY terms putting ids in natural order: s2 before s10."""
    return (f"regexp_replace({column}, '\\d+$', ''), "
            f"TRY_CAST(regexp_extract({column}, '\\d+$') AS BIGINT), {column}")


def _with_article(row: tuple[Any, ...]) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(row[0])
    record["article"] = {"id": row[1], "published": str(row[2]) if row[2] else None,
                         "title": row[3], "source": row[4]}
    return record


def _held(exc: Exception) -> bool:
    """Whether DuckDB refused the file because another process holds it."""
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)
