"""Ingest: files, folders and stdin in; clean `Article` records out."""

from sitrep.ingest.formats import Notice
from sitrep.ingest.sources import Ingested, count_articles, read_bytes, read_paths, text_id

__all__ = ["Ingested", "Notice", "count_articles", "read_bytes", "read_paths", "text_id"]
