"""Progress of long runs: counts, rate and ETA on a terminal; silent when piped."""

from __future__ import annotations

import sys
import time
from typing import IO


class Progress:
    """`with Progress(total=n) as p: p.advance()` prints `\\r 12/500 articles 8.1/s ETA 1m00s`."""

    def __init__(self, *, total: int | None, stream: IO[str] | None = None,
                 enabled: bool | None = None, every: float = 0.5) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.every = every
        self.done = 0
        self.started = time.monotonic()
        self._shown = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._show(force=True)
            self.stream.write("\n")

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.enabled:
            self._show()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.done:,}" + (f"/{self.total:,}" if self.total else "") + " articles"
        text += f"  {rate:,.1f}/s"
        if self.total and rate > 0 and self.done < self.total:
            text += f"  ETA {_duration((self.total - self.done) / rate)}"
        return text

    def _show(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._shown >= self.every:
            self._shown = now
            self.stream.write("\r" + self.line().ljust(60))
            self.stream.flush()


def _duration(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s"
