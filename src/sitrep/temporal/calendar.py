"""Calendar arithmetic for TIMEX3 values."""

from __future__ import annotations

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clipped to the month's end.

    >>> add_months(dt.date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"{day} moved by {months} months is out of the calendar")
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"cannot move {day} by {months} months")


def week(day: dt.date) -> str:
    """ISO week value: "2023-W22"."""
    year, number, _ = day.isocalendar()
    return f"{year:04d}-W{number:02d}"


def quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def weekday_near(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The day with ISO `weekday` (1 = Monday) near `anchor`.

    direction "past": the latest on or before; "past_strict": strictly before;
    "future": the earliest on or after; "future_strict": strictly after;
    "nearest": within three days either way, preferring the past.

    >>> weekday_near(dt.date(2023, 5, 31), 2, "past")  # Tuesday before Wednesday 31 May
    datetime.date(2023, 5, 30)
    """
    delta = (anchor.isoweekday() - weekday) % 7
    if direction in ("past", "past_strict"):
        if direction == "past_strict" and delta == 0:
            delta = 7
        return anchor - dt.timedelta(days=delta)
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction == "future_strict" and ahead == 0:
        ahead = 7
    if direction == "nearest" and delta <= 3:
        return anchor - dt.timedelta(days=delta)
    return anchor + dt.timedelta(days=ahead)


def pick_year(dct: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) given without one.

    The candidate nearest the creation day wins, except that a future clause
    takes none before it, and a past clause none more than two months after it.

    >>> d = dt.date(1989, 11, 2)
    >>> pick_year(d, 9, 30, "past"), pick_year(d, 11, 10, "past")
    (1989, 1989)
    >>> pick_year(dt.date(1999, 5, 6), 10, 23, "past"), pick_year(d, 2, 1, "future")
    (1998, 1990)
    """
    def when(year: int) -> dt.date:
        return dt.date(year, month, min(day or 1, 28))

    years: tuple[int, ...] = (dct.year - 1, dct.year, dct.year + 1)
    if tense == "future":
        years = tuple(y for y in years if (when(y) - dct).days >= -1 or (
            day is None and y == dct.year and month == dct.month))
    elif tense == "past":
        years = tuple(y for y in years if (when(y) - dct).days <= 60)
    return min(years, key=lambda y: (abs((when(y) - dct).days), y > dct.year))


def valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The nth ISO weekday of a month (n = -1: the last).

    >>> nth_weekday(1999, 11, 4, 4)  # Thanksgiving 1999
    datetime.date(1999, 11, 25)
    """
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus).

    >>> easter(2024)
    datetime.date(2024, 3, 31)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
