from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.scale.progress import Notices, Progress, show_notices


class Clock:
    """A clock the test moves: no sleeps, no real time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(steps: list[tuple[float, int]], *, total: int | None = 1000, **options: float) -> str:
    """Advance by n articles after each pause of s seconds; what the stream got."""
    clock, out = Clock(), io.StringIO()
    with Progress(total=total, stream=out, clock=clock, **options) as p:  # type: ignore[arg-type]
        for seconds, n in steps:
            clock.now += seconds
            for _ in range(n):
                p.advance()
    return out.getvalue()


@pytest.mark.parametrize(
    ("steps", "options", "counts"),
    [
        # every N articles: one article a second, a line every 3
        ([(1, 1)] * 10, {"lines_every": 3}, ["3/", "6/", "9/"]),
        # every 30 s: one article every 10 s
        ([(10, 1)] * 7, {}, ["3/", "6/"]),
        # whichever comes first: 3 articles, 1 after 31 s, 3 more
        ([(1, 3), (31, 1), (1, 3)], {"lines_every": 3}, ["3/", "4/", "7/"]),
        # nothing due: the last line only
        ([(1, 5)], {}, []),
    ],
)
def test_progress_lines_when_not_a_terminal_at_their_cadence(
        steps: list[tuple[float, int]], options: dict[str, float], counts: list[str]) -> None:
    *lines, last = _run(steps, **options).splitlines()
    assert [line.split("articles")[0].split("/")[0] + "/" for line in lines] == counts
    done = sum(n for _, n in steps)
    assert last.startswith(f"{done}/1,000 articles") and " in " in last and "/s" in last


def test_progress_rate_and_eta_are_honest_over_bursts() -> None:
    # 64 articles at once every 6.4 s: 10 a second, whatever the bursts
    clock, out = Clock(), io.StringIO()
    with Progress(total=1280, stream=out, clock=clock, lines_every=64) as p:  # type: ignore[arg-type]
        for _ in range(10):
            clock.now += 6.4
            for _ in range(64):
                p.advance()
    lines = out.getvalue().splitlines()
    assert "640/1,280 articles (50%), 10.0/s" in lines[-2]
    assert "ETA 1m04s" in lines[-2]  # 640 to go at 10 a second
    assert lines[-1].startswith("640/1,280 articles (50%) in 1m04s, 10.0/s")


def test_progress_rate_forgets_what_is_out_of_its_window() -> None:
    clock = Clock()
    p = Progress(total=None, stream=io.StringIO(), clock=clock, window=10)
    for pause in [0.1] * 50 + [1.0] * 30:  # 10 a second, then 1 a second
        clock.now += pause
        p.advance()
    assert "1.0/s" in p.line()


def test_progress_on_a_terminal_is_a_tqdm_bar() -> None:
    tty = Tty()
    with Progress(total=10, stream=tty, every=0) as p:
        assert p.mode == "bar"
        for _ in range(10):
            p.advance()
    text = tty.getvalue()
    assert "\r" in text and "%|" in text and "10/10 articles" in text
    assert "in 0m00s" in text.splitlines()[-1]  # the last state, then a new line
    assert text.endswith("\n")


@pytest.mark.parametrize(("enabled", "mode"), [(True, "bar"), (None, "lines"), (False, "off")])
def test_progress_enabled_forces_or_silences(enabled: bool | None, mode: str) -> None:
    out = io.StringIO()  # not a terminal
    with Progress(total=3, stream=out, enabled=enabled) as p:
        p.advance(3)
    assert p.mode == mode
    assert ("%|" in out.getvalue()) == (mode == "bar")
    assert (out.getvalue() == "") == (mode == "off")


def test_progress_note_keeps_the_bar_whole() -> None:
    tty = Tty()
    with Progress(total=4, stream=tty, every=0) as p:
        p.advance()
        p.note("bad.jsonl:1: not JSON; skipped")
        p.advance()
    lines = tty.getvalue().split("\n")
    assert any(line.endswith("bad.jsonl:1: not JSON; skipped") for line in lines)
    assert "2/4 articles" in lines[-2]  # the bar drawn again below the notice


def test_progress_last_line_says_when_stopped() -> None:
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt), Progress(total=9, stream=out) as p:
        p.advance()
        raise KeyboardInterrupt
    assert out.getvalue().rstrip().endswith("(stopped)")


@pytest.fixture
def notices() -> Iterator[None]:
    logger = logging.getLogger("sitrep")
    level = logger.level
    show_notices()
    yield
    logger.handlers = [h for h in logger.handlers if not isinstance(h, Notices)]
    logger.setLevel(level)


def test_notices_say_when_the_place_index_is_built(
        notices: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.gazetteer_build import CountryRec, PlaceRec, Sources

    tiny = Sources([PlaceRec(1, "Kherson", 46.6, 32.6, "UA", "14", 280_000)],
                   [CountryRec(2, "Ukraine", "UA", "UKR", "Kyiv", 41_000_000)])
    show_notices()  # twice: still one line each
    Gazetteer.open(tmp_path / "index.sqlite3", sources=tiny).close()
    lines = capsys.readouterr().err.splitlines()
    path = tmp_path / "index.sqlite3"
    assert lines[0] == f"building the place index in {path} (once, about 10 s)..."
    assert lines[1].startswith("place index built in ") and lines[1].endswith(" s")
    assert len(lines) == 2
    Gazetteer.open(tmp_path / "index.sqlite3", sources=tiny).close()
    assert capsys.readouterr().err == ""  # built once
