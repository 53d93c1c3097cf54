"""Views of the records: JSON, JSON Lines, ACLED-style CSV."""

from sitrep.export.writers import FORMATS, Writer, open_writer

__all__ = ["FORMATS", "Writer", "open_writer"]
