"""Progress of long runs, on stderr: a bar on a terminal; when not on one (cron,
nohup, CI) a plain line now and then; a last line with the totals either way.

The rate (and so the ETA) is measured over a moving window, from the first
article out: the model's start-up does not count, and articles that come out in
bursts (a store batch at a time) are averaged over the time the bursts took.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Callable
from typing import IO, Any

from tqdm import tqdm

# One sample per this many seconds: a burst of articles is one sample.
_SAMPLE = 0.25
# A rate is given once the samples span this long (a burst alone has no rate).
_MIN_SPAN = 1.0


class Progress:
    """`with Progress(total=n) as p: p.advance()` after each article.

    `enabled` None: a tqdm bar when `stream` is a terminal, else a line every
    `lines_every` articles or `lines_seconds` seconds, whichever comes first;
    True: the bar anyway; False: nothing. A line reads
    `1,000/4,000 articles (25%), 8.1/s, elapsed 2m04s, ETA 6m10s`.

    >>> import io
    >>> out = io.StringIO()
    >>> seconds = iter(range(9)).__next__  # a clock: one second a call
    >>> with Progress(total=5, stream=out, lines_every=2, clock=seconds) as p:
    ...     for _ in range(4):
    ...         p.advance()
    >>> print(out.getvalue(), end="")
    2/5 articles (40%), elapsed 0m02s
    4/5 articles (80%), 1.0/s, elapsed 0m04s, ETA 0m01s
    4/5 articles (80%) in 0m05s, 0.8/s
    """

    def __init__(self, *, total: int | None, stream: IO[str] | None = None,
                 enabled: bool | None = None, every: float = 0.5, lines_every: int = 500,
                 lines_seconds: float = 30.0, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        bar = self.stream.isatty() if enabled is None else enabled
        self.mode = "off" if enabled is False else "bar" if bar else "lines"
        self.lines_every, self.lines_seconds = lines_every, lines_seconds
        self.done = 0
        self._clock = clock
        self.started = clock()
        self._rate = _Window(window)
        self._logged = (self.started, 0)  # time and count of the last line
        self._bar: Any = self._open_bar(every) if self.mode == "bar" else None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        tail = self._final() + (" (stopped)" if kind is not None else "")
        if self._bar is not None:
            self._bar.set_postfix_str(tail, refresh=False)
            self._bar.close()
        elif self.mode == "lines":
            self._write(f"{self._count()} {tail}")

    def advance(self, n: int = 1) -> None:
        """Count `n` more articles done."""
        self.done += n
        now = self._clock()
        self._rate.add(now, self.done)
        if self._bar is not None:
            self._bar.set_postfix_str(self._speed(now), refresh=False)
            self._bar.update(n)
        elif self.mode == "lines" and self._line_due(now):
            self._logged = (now, self.done)
            self._write(self.line(now))

    def note(self, message: str) -> None:
        """Write a notice on its own line, the bar kept whole below it."""
        if self._bar is not None:
            tqdm.write(message, file=self.stream)
        else:
            self._write(message)

    def line(self, now: float | None = None) -> str:
        """Where the run is, in one plain line."""
        now = self._clock() if now is None else now
        speed = self._speed(now, elapsed=True)
        return self._count() + (f", {speed}" if speed else "")

    def _count(self) -> str:
        text = f"{self.done:,}" + (f"/{self.total:,}" if self.total else "") + " articles"
        return text + (f" ({self.done / self.total:.0%})" if self.total else "")

    def _speed(self, now: float, *, elapsed: bool = False) -> str:
        rate = self._rate.rate()
        parts = [f"{rate:,.1f}/s"] if rate else []
        if elapsed:
            parts.append(f"elapsed {_duration(now - self.started)}")
        if rate and self.total and self.done < self.total:
            parts.append(f"ETA {_duration((self.total - self.done) / rate)}")
        return ", ".join(parts)

    def _final(self) -> str:
        took = max(self._clock() - self.started, 1e-9)
        return f"in {_duration(took)}, {self.done / took:,.1f}/s"

    def _line_due(self, now: float) -> bool:
        at, count = self._logged
        return self.done - count >= self.lines_every or now - at >= self.lines_seconds

    def _open_bar(self, every: float) -> Any:
        fmt = ("{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} articles{postfix}" if self.total
               else "{n_fmt} articles{postfix}")
        return tqdm(total=self.total, file=self.stream, bar_format=fmt, mininterval=every,
                    dynamic_ncols=True, disable=False, leave=True)

    def _write(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


class _Window:
    """Articles per second over the last `seconds` (or since the first article)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.samples: deque[tuple[float, int]] = deque()

    def add(self, now: float, done: int) -> None:
        if self.samples and now - self.samples[-1][0] < _SAMPLE:
            self.samples[-1] = (self.samples[-1][0], done)  # same burst: same sample
        else:
            self.samples.append((now, done))
        # keep one sample at or before the window's start, to measure from
        while len(self.samples) > 2 and self.samples[1][0] <= now - self.seconds:
            self.samples.popleft()

    def rate(self) -> float | None:
        # Up to the last sample but one: the last may be a burst still coming out.
        if len(self.samples) < 3:
            return None
        (t0, n0), (t1, n1) = self.samples[0], self.samples[-2]
        return (n1 - n0) / (t1 - t0) if t1 - t0 >= _MIN_SPAN else None


class Notices(logging.Handler):
    """Shows sitrep's log notices on stderr, one plain line each, above any bar."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            tqdm.write(self.format(record), file=sys.stderr)
        except Exception:
            self.handleError(record)


def show_notices(level: int = logging.INFO) -> None:
    """Show sitrep's notices (such as the first run's building of the place index)
    on stderr; for the command line, which owns the process's output. Idempotent."""
    logger = logging.getLogger("sitrep")
    if not any(isinstance(h, Notices) for h in logger.handlers):
        logger.addHandler(Notices())
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)


def _duration(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s"
