"""Views of the records: JSON, JSON Lines, ACLED-style CSV, GeoJSON, Parquet."""

from sitrep.export.writers import FOLDER_FORMATS, FORMATS, Writer, open_writer

__all__ = ["FOLDER_FORMATS", "FORMATS", "Writer", "open_writer"]
