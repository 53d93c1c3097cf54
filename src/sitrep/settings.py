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
    max_chars: int = 1_000_000
    """Texts longer than this are split at paragraph breaks (or refused)."""
    oversize: Literal["split", "refuse"] = "split"
    batch_size: int = 8
    """Articles per spaCy batch (and per worker task). Measured on 300 corpus articles
    with en_core_web_md: 8 and 32 parse at the same speed, but 32 peaks at 1.16 GB
    per process and 8 at 0.65 GB."""
    store_batch: int = 64
    """Articles per store transaction: a crash loses at most this many."""
    workers: int = 1
    """Processes that parse in parallel; each loads its own model."""
    date_order: Literal["MDY", "DMY"] = "MDY"
    """How to read an all-numeric date like 5/6/2023 when both orders are possible
    (such times are marked `ambiguous`)."""
    min_english: float = 0.06
    """Share of common English function words below which a text is refused as not English."""

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
