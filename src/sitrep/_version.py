"""The one place sitrep's version is defined."""

__version__ = "0.1.0"
