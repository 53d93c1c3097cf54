"""Every exception sitrep raises on purpose lives here.

Messages say what was wrong, where (file, line, article id) and what to do.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: catch this to catch anything sitrep raises on purpose."""


class InputError(SitrepError):
    """One input (a file, a line of a file, an article) could not be read.

    The batch goes on; the CLI prints the message on one line of stderr.
    """

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class ConfigError(SitrepError):
    """A setting, a rule file or a model is missing or malformed."""


class PipelineError(SitrepError):
    """The stages do not fit together (a stage requires what none assigns)."""


class StoreError(SitrepError):
    """The DuckDB store cannot be opened, migrated or written."""
