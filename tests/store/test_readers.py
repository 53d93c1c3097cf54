"""Readers while a writer runs: the writer holds the file only while it writes a
batch, so `sitrep events` and friends get in between batches."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.store import Store

HOLD = """
import sys, time
from sitrep.store import Store
store = Store(sys.argv[1])
store.counts()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
store.release()
print("released", flush=True)
time.sleep(30)
"""


def _hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_store_reader_waits_for_a_writer_to_release(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = _hold(db, 1.5)
    try:
        with Store(db, read_only=True) as store:  # waits, then reads
            assert store.counts()["articles"] == 0
        assert holder.poll() is None  # the writer is still running
    finally:
        holder.kill()


def test_store_held_too_long_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = _hold(db, 20)
    try:
        with pytest.raises(StoreError, match="another sitrep"):
            Store(db, read_only=True, wait=0.3)
    finally:
        holder.kill()


def test_store_queries_succeed_during_an_ingest(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "published": "2024-04-02", "text":
                         f"Drones struck a fuel depot in Bryansk on Monday, injuring {i + 1} "
                         f"workers, the regional governor said."}) for i in range(240)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines))
    db = tmp_path / "s.duckdb"
    writer = subprocess.Popen([sys.executable, "-m", "sitrep", "extract",
                               str(tmp_path / "in.jsonl"), "--db", str(db), "--store-batch", "4",
                               "--no-progress", "-o", str(tmp_path / "out.jsonl")],
                              stderr=subprocess.PIPE, text=True)
    seen: list[int] = []
    while writer.poll() is None and len(seen) < 3:
        if db.exists():
            info = subprocess.run([sys.executable, "-m", "sitrep", "info", "--json", "--db",
                                   str(db)], capture_output=True, text=True, check=False)
            assert info.returncode == 0, info.stderr
            if writer.poll() is None:
                seen.append(json.loads(info.stdout)["store"]["articles"])
        time.sleep(0.1)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert seen, "no read while the ingest ran"
    assert seen == sorted(seen) and all(n % 4 == 0 for n in seen)  # whole batches only
