"""`sitrep watch`: files processed as they arrive, checkpointed in the store; killed
at any moment and restarted, it leaves the store an uninterrupted run leaves."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from sitrep.scale.watch import FolderWatch, batches, watch_stream
from sitrep.settings import Settings
from sitrep.store import Store

from .test_crash import _corpus, _digest, _wait_for


def _files(folder: Path, n: int, per_file: int = 4) -> list[Path]:
    """`n` reports (the crash test's corpus) as JSON Lines files of `per_file` lines,
    written outside the watched folder so a test can drop them in."""
    lines = _corpus(folder / "all.jsonl", n).read_text().splitlines()
    (folder / "all.jsonl").unlink()
    made = []
    for i in range(0, n, per_file):
        path = folder / f"feed-{i // per_file:02d}.jsonl"
        path.write_text("\n".join(lines[i:i + per_file]) + "\n")
        made.append(path)
    return made


def _move_in(files: list[Path], folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for f in files:
        os.replace(f, folder / f.name)


def _watcher(folder: Path, db: Path, notes: list[str], settle: float = 0.0) -> FolderWatch:
    return FolderWatch(folder, db=str(db), settings=Settings(store_batch=2), settle=settle,
                       on_notice=notes.append)


def test_watch_reads_each_file_once_and_a_changed_file_again(tmp_path: Path) -> None:
    staged = tmp_path / "staged"
    staged.mkdir()
    files = _files(staged, 8)
    inbox = tmp_path / "inbox"
    _move_in(files[:1], inbox)
    notes: list[str] = []
    watcher = _watcher(inbox, tmp_path / "w.duckdb", notes)
    n, report = watcher.poll_once()
    assert (n, report.added) == (1, 4)
    assert watcher.poll_once()[0] == 0  # nothing new: nothing read
    _move_in(files[1:], inbox)
    n, report = watcher.poll_once()
    assert (n, report.added) == (1, 4)
    with (inbox / files[0].name).open("a") as f:  # an appended line: the file is read again
        f.write('{"id": "late", "text": "Shelling hit Sumy on Friday, killing one person, '
                'the regional governor said."}\n')
    n, report = watcher.poll_once()
    assert (n, report.added, report.from_store) == (1, 1, 4)
    with Store(tmp_path / "w.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == 9
    assert notes == []


def test_watch_leaves_a_file_still_being_written_for_a_later_look(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _move_in(_files(tmp_path, 4), inbox)
    watcher = _watcher(inbox, tmp_path / "w.duckdb", [], settle=3600)
    assert watcher.pending() == []
    old = time.time() - 7200
    for f in inbox.iterdir():
        os.utime(f, (old, old))
    assert len(watcher.pending()) == 1


def test_watch_reports_a_bad_file_by_name_and_goes_on(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    _move_in(_files(tmp_path, 4), inbox)
    (inbox / "broken.jsonl").write_bytes(b"\xff\xfe\x00garbage\n{not json}\n")
    (inbox / "empty.txt").write_text("")
    notes: list[str] = []
    n, report = _watcher(inbox, tmp_path / "w.duckdb", notes).poll_once()
    assert n == 3 and report.added == 4 and not report.clean
    assert any("broken.jsonl" in m for m in notes) and any("empty.txt" in m for m in notes)


def test_a_stream_is_cut_into_batches_by_size_and_by_time() -> None:
    data = b"".join(f'{{"id": "{i}"}}\n'.encode() for i in range(5))
    assert [(first, chunk.count(b"\n")) for first, chunk in
            batches(io.BytesIO(data), size=2, flush=60)] == [(1, 2), (3, 2), (5, 1)]
    read, write = os.pipe()

    def slow_feed() -> None:
        with os.fdopen(write, "wb", buffering=0) as out:
            out.write(b'{"id": "a"}\n')
            time.sleep(1.0)  # past the flush time: the first line goes alone
            out.write(b'{"id": "b"}\n')

    threading.Thread(target=slow_feed).start()
    with os.fdopen(read, "rb") as stream:
        got = [first for first, _ in batches(stream, size=10, flush=0.2)]
    assert got == [1, 2]


def test_a_feed_on_stdin_is_stored_batch_by_batch(tmp_path: Path) -> None:
    lines = _corpus(tmp_path / "all.jsonl", 6).read_bytes() + b"{broken\n"
    notes: list[str] = []
    report = watch_stream(io.BytesIO(lines), db=str(tmp_path / "s.duckdb"),
                          settings=Settings(store_batch=4), on_notice=notes.append)
    assert (report.added, report.skipped) == (6, 1)
    assert notes and "<stdin> from line 5" in notes[0]
    again = watch_stream(io.BytesIO(lines), db=str(tmp_path / "s.duckdb"),
                         settings=Settings(store_batch=4), on_notice=notes.append)
    assert (again.added, again.from_store) == (0, 6)


def _command(inbox: Path, db: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "sitrep", "watch", str(inbox), "--db", str(db),
            "--poll", "0.2", "--settle", "0", "--store-batch", "2", *more]


def test_watch_killed_at_random_moments_then_restarted_equals_a_clean_run(
        tmp_path: Path) -> None:
    staged = tmp_path / "staged"
    staged.mkdir()
    files = _files(staged, 24)
    clean_inbox = tmp_path / "clean-inbox"
    clean_inbox.mkdir()
    for f in files:
        os.link(f, clean_inbox / f.name)
    subprocess.run(_command(clean_inbox, tmp_path / "clean.duckdb", "--once"), check=True,
                   capture_output=True)
    clean = _digest(tmp_path / "clean.duckdb")
    rng = random.Random(7)
    landed = []
    for trial in range(3):
        inbox, db = tmp_path / f"inbox{trial}", tmp_path / f"trial{trial}.duckdb"
        inbox.mkdir()
        run = subprocess.Popen(_command(inbox, db), stderr=subprocess.DEVNULL)
        for f in files:  # files arrive while it runs
            os.link(f, inbox / f.name)
            time.sleep(rng.uniform(0, 0.15))
        _wait_for(run, db, rng.randint(1, 22))
        time.sleep(rng.uniform(0, 0.5))
        landed.append(run.poll() is None)
        run.kill()
        run.wait()
        again = subprocess.run(_command(inbox, db, "--once"), check=True, capture_output=True)
        assert _digest(db) == clean, f"trial {trial}: {again.stderr.decode()[-500:]}"
        with Store(db, read_only=True) as store:
            assert store.con.execute("SELECT count(*) FROM watched").fetchone() == (6,)
        rest = subprocess.run(_command(inbox, db, "--once"), check=True, capture_output=True)
        assert b"files:" not in rest.stderr  # every file was recorded: nothing read again
    assert any(landed), "no kill landed while it ran"


def test_watch_names_a_source_that_is_not_a_folder(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "sitrep", "watch",
                             str(tmp_path / "missing-folder"),
                             "--db", str(tmp_path / "x.duckdb"), "--once"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "missing-folder is not a folder" in result.stderr
