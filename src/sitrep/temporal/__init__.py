"""When: temporal expressions found and normalised (TIMEX3) against the dateline."""

from sitrep.temporal.tagger import tag

__all__ = ["tag"]
