"""A time limit on a block of Python code, by the interval timer (SIGALRM).

It works in the main thread of a POSIX process while nobody else uses SIGALRM;
elsewhere the block runs without a limit (the worker pool's deadline still
stops a worker that runs too long). The alarm repeats every second until the
block ends, in case the code under it swallows the first.

>>> with time_limit(5.0):
...     sum(range(10))
45
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimit(BaseException):
    """A block ran past its time limit. A BaseException, so that the `except Exception`
    of the code it interrupts does not swallow it."""


def can_limit() -> bool:
    """Whether `time_limit` can stop code here."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))


@contextmanager
def time_limit(seconds: float, *,
               error: type[BaseException] = TimeLimit) -> Iterator[None]:
    """Raise `error` in the block once it has run `seconds` (no limit when <= 0 or
    when `can_limit()` is false)."""
    if seconds <= 0 or not can_limit():
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise error(f"over the time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
