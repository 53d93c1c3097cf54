"""Cells of tabular exports that are safe to open in a spreadsheet and read whole.

>>> spreadsheet_safe("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> spreadsheet_safe(-33.9), spreadsheet_safe("-33.9", numeric=True)
(-33.9, '-33.9')
>>> clip_words("Drones struck the depot overnight", 20)
'Drones struck the…'
"""

from __future__ import annotations

# A cell beginning with one of these is a formula to Excel, LibreOffice and Google
# Sheets; OWASP's advice on CSV injection is to prefix such a cell with a single quote,
# which the spreadsheet shows as text. Leading spaces do not disarm it in every program,
# so the first character after them counts too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ELLIPSIS = "…"


def spreadsheet_safe(value: object, *, numeric: bool = False) -> object:
    """`value` as a cell no spreadsheet runs. Numbers are left alone, and so is a text
    that is a plain number in a `numeric` column ("-33.9"); any other text that a
    spreadsheet would read as a formula gets a leading single quote."""
    if not isinstance(value, str):
        return value
    if numeric and _is_number(value):
        return value
    if value.startswith(FORMULA_STARTS) or value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def clip_words(text: str, limit: int) -> str:
    """`text` on one line (runs of white space made one space), at most `limit`
    characters: when it is longer it is cut at the last word boundary that fits and ends
    with an ellipsis, never inside a word. Quote marks and all other characters stay."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    room = flat[:limit - len(ELLIPSIS)]
    if flat[len(room)] != " " and " " in room:  # the cut fell inside a word: drop it
        room = room.rsplit(" ", 1)[0]
    return room.rstrip(" ,;:") + ELLIPSIS
