"""The worker pool: a worker that dies or hangs costs its article, not the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sitrep.pipeline import Pipeline
from sitrep.records import Article
from sitrep.scale.workers import WorkerPool
from sitrep.settings import Settings
from sitrep.stage import Stage, Work

# A worker's entry point for the tests: it echoes articles back, dies on "DIE" and
# hangs (deaf to SIGALRM) on "HANG". Spawned workers import it from sys.path.
FAKE_WORKER = textwrap.dedent('''
    import os, signal, time

    def serve(settings, conn):
        while True:
            articles = conn.recv()
            if articles is None:
                return
            for a in articles:
                if a.text == "DIE":
                    os.kill(os.getpid(), signal.SIGKILL)
                if a.text == "HANG":
                    signal.signal(signal.SIGALRM, signal.SIG_IGN)
                    time.sleep(600)
            conn.send((articles, [], {"fake": 0.01}))

    def quit_at_once(settings, conn):
        conn.close()
''')


@pytest.fixture
def fake_serve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    (tmp_path / "sitrep_fake_worker.py").write_text(FAKE_WORKER)
    monkeypatch.syspath_prepend(str(tmp_path))
    import sitrep_fake_worker  # type: ignore[import-not-found]

    return sitrep_fake_worker.serve


def test_workers_a_worker_gone_before_its_batch_is_sent_costs_only_its_articles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sending to a dead worker's pipe fails (EPIPE): a lost worker, not an error out of
    the run (click would end the program with status 1 and no word on EPIPE)."""
    (tmp_path / "sitrep_quit_worker.py").write_text(FAKE_WORKER)
    monkeypatch.syspath_prepend(str(tmp_path))
    import sitrep_quit_worker  # type: ignore[import-not-found]

    errors: list[str] = []
    pool = WorkerPool(Settings(), 1, errors.append, {}, serve=sitrep_quit_worker.quit_at_once)
    pool.workers[0].process.join(30)  # gone, and its end of the pipe with it
    done = list(pool.run([_articles(["ok", "ok"])]))
    assert done == []
    assert len(errors) == 2 and all("died" in e for e in errors)


def _articles(texts: list[str]) -> list[Article]:
    return [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(("bad", "why"), [("DIE", "died"), ("HANG", "time limit")])
def test_workers_a_dead_or_hung_worker_costs_only_its_article(fake_serve, bad: str,
                                                               why: str) -> None:
    texts = ["ok"] * 3 + [bad] + ["ok"] * 6
    errors: list[str] = []
    timings: dict[str, float] = {}
    pool = WorkerPool(Settings(time_limit=0.5), 2, errors.append, timings, serve=fake_serve,
                      margin=1.0)
    batches = [_articles(texts)[i:i + 4] for i in range(0, len(texts), 4)]
    started = time.monotonic()
    done = [a.id for a in pool.run(batches)]
    assert time.monotonic() - started < 120  # finished, not hung
    assert done == [f"a{i}" for i in range(len(texts)) if i != 3]  # input order kept
    (message,) = errors
    assert message.startswith("article a3:") and why in message and "skipped" in message
    assert all(not w.process.is_alive() for w in pool.workers)


def test_workers_all_good_in_order_and_timed(fake_serve) -> None:
    timings: dict[str, float] = {}
    pool = WorkerPool(Settings(), 2, [].append, timings, serve=fake_serve)
    batches = [_articles(["ok"] * 9)[i:i + 2] for i in range(0, 9, 2)]
    assert [a.id for a in pool.run(batches)] == [f"a{i}" for i in range(9)]
    assert timings["fake"] == pytest.approx(0.05)


class _Slow(Stage):
    name = "slow"
    requires = ()
    assigns = ()

    def __call__(self, work: Work) -> None:
        if "slow" in work.article.text:
            time.sleep(30)


def test_pipeline_time_limit_skips_the_slow_article_in_process() -> None:
    errors: list[str] = []
    pipe = Pipeline(Settings(time_limit=0.3), stages=[_Slow()], on_error=errors.append)
    started = time.monotonic()
    done = pipe.process(_articles(["fine", "slow one", "fine too"]))
    assert time.monotonic() - started < 10
    assert [a.id for a in done] == ["a0", "a2"]
    (message,) = errors
    assert "a1" in message and "time limit of 0.3 s" in message and "'slow'" in message


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(c) for c in task.read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_extract_survives_kill_9_of_a_worker(tmp_path: Path) -> None:
    """The real thing: kill -9 one worker of `sitrep extract --workers 2` mid-run."""
    lines = [f'{{"id": "n{i}", "published": "2024-05-0{1 + i % 9}", "text": "Shelling hit '
             f'the town of Izium on Monday, killing {i + 2} people, officials said. '
             f'Rescuers searched the rubble for hours."}}' for i in range(40)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines))
    run = subprocess.Popen([sys.executable, "-m", "sitrep", "extract", str(tmp_path / "in.jsonl"),
                            "--workers", "2", "--db", str(tmp_path / "s.duckdb"), "-o",
                            str(tmp_path / "out.jsonl"), "--no-progress"],
                           stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    victims: list[int] = []
    while time.monotonic() < deadline and not victims and run.poll() is None:
        # resource trackers are children too: a worker is one that has loaded the model
        victims = [c for c in _children(run.pid) if _uses_model(c)]
        time.sleep(0.2)
    assert victims, "no worker process found"
    os.kill(victims[0], signal.SIGKILL)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert (tmp_path / "out.jsonl").read_text().count("\n") == 40


def _uses_model(pid: int) -> bool:
    try:
        return "spacy" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False
