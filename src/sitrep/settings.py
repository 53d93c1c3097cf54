"""All of sitrep's knobs in one keyword-only settings object."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How sitrep reads, parses and stores.

    >>> Settings(workers=2).with_(batch_size=16).batch_size
    16
    """

    model: str = "en_core_web_md"
    """Name of the spaCy pipeline (see `sitrep.nlp.model.KNOWN_MODELS`) or a folder path."""
    max_chars: int = 100_000
    """Texts longer than this are split into articles at paragraph breaks, else sentence
    ends (or refused). The parser's memory grows by about 3.5 MB per 1,000 characters
    on a base of 0.45 GB, so this keeps a worker under 1 GB (bench/long_text.py);
    the longest of 5,505 corpus articles has 34,000."""
    oversize: Literal["split", "refuse"] = "split"
    max_file_bytes: int = 64 * 1024 * 1024
    """A .txt, .html or .json file larger than this is refused (JSON Lines files are read
    line by line and have no limit)."""
    batch_size: int = 8
    """Articles per spaCy batch (and per worker task). Measured on 300 corpus articles
    with en_core_web_md: 8 and 32 parse at the same speed, but 32 peaks at 1.16 GB
    per process and 8 at 0.65 GB."""
    batch_chars: int = 100_000
    """Characters per spaCy batch, past its first article: long texts are parsed one
    or a few at a time (see max_chars)."""
    time_limit: float = 120.0
    """Seconds one article may spend in the stages; past it the article is reported and
    skipped (in a worker, the worker is stopped and another started)."""
    store_batch: int = 64
    """Articles per store transaction: a crash loses at most this many."""
    workers: int = 1
    """Processes that parse in parallel; each loads its own model."""
    date_order: Literal["MDY", "DMY"] = "MDY"
    """How to read an all-numeric date like 5/6/2023 when both orders are possible
    (such times are marked `ambiguous`)."""
    min_english: float = 0.06
    """Share of common English function words below which a text of 40 words or more is
    refused as not English (shorter texts are judged on their words alone: see
    `sitrep.ingest.language`)."""

    relevance: float = 0.3
    """Events the relevance model (`sitrep.events.relevance`) gives a lower probability
    of being a real happening are left out; 0 keeps every event the rules find."""

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
