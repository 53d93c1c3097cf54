"""What a pipeline stage is, and the work item stages pass along.

A stage declares what it `requires` and what it `assigns` (slot names such as
"text", "doc", "times"); `check_stages` verifies the order when the pipeline
is built, so a missing stage fails at start-up, not mid-batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from sitrep.errors import PipelineError
from sitrep.records import Article, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

# What ingest provides before any stage runs.
INGESTED = frozenset({"text", "published", "title"})


@dataclass(slots=True)
class Work:
    """One article in flight. The spaCy `doc` never leaves the pipeline."""

    article: Article
    doc: Doc | None = None
    title_doc: Doc | None = None  # the title, parsed in the same batch as the text
    title_places: list[Place] = field(default_factory=list)  # the places the title names


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> None: ...


@runtime_checkable
class BatchStage(Stage, Protocol):
    """A stage that is faster over a batch (the parser)."""

    def pipe(self, works: Sequence[Work]) -> None: ...


def check_stages(stages: Sequence[Stage]) -> None:
    """Raise PipelineError if a stage requires a slot no earlier stage assigns.


    >>> class A:
    ...     name, requires, assigns = "a", ("doc",), ("times",)
    ...     def __call__(self, work): pass
    >>> check_stages([A()])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sitrep.errors.PipelineError: stage 'a' requires 'doc', which no earlier stage assigns ...
    """
    have = set(INGESTED)
    names: set[str] = set()
    for stage in stages:
        if stage.name in names:
            raise PipelineError(f"two stages are called {stage.name!r}")
        names.add(stage.name)
        for slot in stage.requires:
            if slot not in have:
                raise PipelineError(
                    f"stage {stage.name!r} requires {slot!r}, which no earlier stage assigns "
                    f"(have: {', '.join(sorted(have))})"
                )
        have.update(stage.assigns)
