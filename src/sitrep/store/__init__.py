"""Store: the embedded DuckDB database of articles and their records."""

from sitrep.store.duck import Filters, Store

__all__ = ["Filters", "Store"]
