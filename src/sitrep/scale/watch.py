"""`sitrep watch`: articles processed as they arrive, in a folder or on standard input.

A folder is polled: each file that is new or changed since it was last read, and
that has not changed for `settle` seconds (so a file still being written waits),
goes through the same job as `sitrep extract` (reading, pipeline, store,
clustering). Once a poll's files are all stored, each is recorded in the store's
`watched` table with the size and modification time it had. Killed at any moment
(kill -9 included), a restart reads again the files not yet recorded: the
articles of those already stored are found there and not added twice, and a
batch cut off mid-way was never committed, so nothing is lost or duplicated.

Standard input is read as JSON Lines, a batch at a time (`store_batch` lines, or
what came in `flush` seconds), each batch stored before the next is read.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO

from sitrep.ingest import read_bytes
from sitrep.ingest.sources import folder_files
from sitrep.scale.runner import Report, extract_items, extract_paths
from sitrep.settings import Settings
from sitrep.store import Store


@dataclass(frozen=True, slots=True)
class Stamp:
    """A file as it was: its size and modification time."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        stat = path.stat()
        return cls(stat.st_size, stat.st_mtime_ns)


def add_to(total: Report, part: Report) -> None:
    for f in fields(Report):
        setattr(total, f.name, getattr(total, f.name) + getattr(part, f.name))


class FolderWatch:
    """Polls `folder`; `poll_once()` runs the job over what is new and records it."""

    def __init__(self, folder: str | Path, *, db: str, settings: Settings,
                 on_notice: Callable[[str], None], settle: float = 1.0) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise NotADirectoryError(f"{self.folder} is not a folder")
        self.db, self.settings, self.settle, self.on_notice = db, settings, settle, on_notice
        self._done: dict[str, Stamp] | None = None  # read from the store once, then kept

    def done(self) -> dict[str, Stamp]:
        """The files read to the end, as they were then."""
        if self._done is None:
            with Store(self.db) as store:
                rows = store.con.execute("SELECT path, size, mtime_ns FROM watched").fetchall()
            self._done = {str(p): Stamp(int(s), int(m)) for p, s, m in rows}
        return self._done

    def pending(self) -> list[tuple[Path, Stamp]]:
        """Files new or changed since read, that have not changed for `settle` seconds."""
        done = self.done()
        now = time.time_ns()
        found = []
        for path in folder_files(self.folder):
            try:
                stamp = Stamp.of(path)
            except OSError:  # gone since listed
                continue
            key = str(path.resolve())
            if done.get(key) != stamp and now - stamp.mtime_ns >= self.settle * 1e9:
                found.append((path, stamp))
        return found

    def poll_once(self) -> tuple[int, Report]:
        """Run the job over the pending files; returns how many, and what it did."""
        files = self.pending()
        if not files:
            return 0, Report()
        report = extract_paths([str(p) for p, _ in files], settings=self.settings, db=self.db,
                               on_notice=self.on_notice)
        # a file changed while it was read is read again at the next poll
        read = {str(p.resolve()): stamp for p, stamp in files if Stamp.of(p) == stamp}
        with Store(self.db) as store, store.transaction():
            for key, stamp in read.items():
                store.con.execute("INSERT OR REPLACE INTO watched (path, size, mtime_ns) "
                                  "VALUES (?, ?, ?)", [key, stamp.size, stamp.mtime_ns])
        self.done().update(read)  # once committed
        return len(files), report

    def run(self, *, poll: float, once: bool = False,
            on_poll: Callable[[int, Report], None] | None = None) -> Report:
        """Poll every `poll` seconds until interrupted (with `once`, one poll); returns the
        total of what was done."""
        total = Report()
        while True:
            n, report = self.poll_once()
            add_to(total, report)
            if n and on_poll is not None:
                on_poll(n, report)
            if once:
                return total
            time.sleep(poll)


def _lines(stream: IO[bytes], out: queue.Queue[bytes | None]) -> None:
    for line in iter(stream.readline, b""):
        out.put(line)
    out.put(None)


def batches(stream: IO[bytes], *, size: int, flush: float) -> Iterator[tuple[int, bytes]]:
    """(number of the first line, lines) of at most `size` lines, or what came within
    `flush` seconds of a batch's first line, until the stream ends."""
    lines: queue.Queue[bytes | None] = queue.Queue(maxsize=size * 4)
    threading.Thread(target=_lines, args=(stream, lines), daemon=True).start()
    number, ended = 1, False
    while not ended:
        batch: list[bytes] = []
        deadline = None
        while len(batch) < size:
            wait: float | None = (None if deadline is None
                                  else max(0.0, deadline - time.monotonic()))
            try:
                line = lines.get(timeout=wait)
            except queue.Empty:
                break
            if line is None:
                ended = True
                break
            batch.append(line)
            deadline = deadline or time.monotonic() + flush
        if batch:
            yield number, b"".join(batch)
            number += len(batch)


def watch_stream(stream: IO[bytes], *, db: str, settings: Settings,
                 on_notice: Callable[[str], None], flush: float = 5.0,
                 on_batch: Callable[[Report], None] | None = None) -> Report:
    """Run the job over JSON Lines from `stream`, a batch at a time, until it ends."""
    total = Report()
    for first, data in batches(stream, size=settings.store_batch, flush=flush):
        origin = "<stdin>" if first == 1 else f"<stdin> from line {first}"
        items = read_bytes(data, origin=origin, kind="jsonl", settings=settings)
        report = extract_items(items, settings=settings, db=db, on_notice=on_notice)
        add_to(total, report)
        if on_batch is not None:
            on_batch(report)
    return total
