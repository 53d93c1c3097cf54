"""Plain-text tables and CSV/JSON for query results."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import IO, Any

from sitrep.export.cells import spreadsheet_safe


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, width: int = 48) -> str:
    """A fixed-width text table; long cells are cut with an ellipsis.

    >>> print(table([{"a": 1, "b": "xy"}], ["a", "b"]))
    a  b
    -  --
    1  xy
    """
    cells = [[_cut(_text(r.get(c)), width) for c in columns] for r in rows]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
              for row in cells]
    return "\n".join(lines)


def write_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str,
               out: IO[str]) -> None:
    """Rows as a table, CSV (flat columns) or JSON (whole records)."""
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        # a text a spreadsheet would run as a formula is disarmed; numbers stay numbers
        writer.writerows([spreadsheet_safe(_text(r.get(c)), numeric=True) for c in columns]
                         for r in rows)
    else:
        out.write(table(rows, columns) + "\n" if rows else "(none)\n")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
