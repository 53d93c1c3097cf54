"""What a pipeline stage is, and the work item stages pass along.

A stage declares the slots it `requires` and the slots it `assigns`. A slot is a
field of `Work` (doc, title_doc, title_places) or of `Article` (text, title, url,
places, ...), and nothing else: stages pass nothing to each other by any other
way. `check_stages` verifies the declarations when the pipeline is built: every
name is a slot, and every required slot is ingested or assigned by an earlier
stage, so a missing stage fails at start-up, not mid-batch.

A checked run (`Pipeline(check_slots=True)`) also verifies that each stage
touches only what it declares. The stage is given views of its work items
(`SlotGuard.view`) that record every slot read and written and raise
`SlotError` on one the stage does not declare: a stage may read what it
requires or assigns, and write only what it assigns. Any stage may read the
article's `id`, which messages name. The views forward to the real objects, so
an article passed on to helpers is still checked there; what a slot holds (the
spaCy Doc, the list of places) is not guarded, and adding to or changing the
items of a list read from a slot is not seen.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

from sitrep.errors import PipelineError
from sitrep.records import Article, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The article's fields that ingest fills before any stage runs (sitrep.ingest.sources,
# sitrep.api.extract); any of them may be None or empty.
INGESTED = frozenset({"id", "text", "published", "title", "byline", "source", "url", "removed"})

# Read by any stage without declaring it: messages name the article.
ALWAYS_READABLE = frozenset({"id"})


@dataclass(slots=True)
class Work:
    """One article in flight. The spaCy `doc` never leaves the pipeline."""

    article: Article
    doc: Doc | None = None
    title_doc: Doc | None = None  # the title, parsed in the same batch as the text
    title_places: list[Place] = field(default_factory=list)  # the places the title names


WORK_SLOTS = frozenset(f.name for f in fields(Work)) - {"article"}
ARTICLE_SLOTS = frozenset(f.name for f in fields(Article))
SLOTS = WORK_SLOTS | ARTICLE_SLOTS


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
    """Raise PipelineError if a stage declares a name that is not a slot, or requires a
    slot no earlier stage assigns.

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
        for slot in (*stage.requires, *stage.assigns):
            if slot not in SLOTS:
                raise PipelineError(
                    f"stage {stage.name!r} declares {slot!r}, which is not a slot (slots are "
                    f"the fields of Work and Article: {_names(SLOTS)})"
                )
        for slot in stage.requires:
            if slot not in have:
                raise PipelineError(
                    f"stage {stage.name!r} requires {slot!r}, which no earlier stage assigns "
                    f"(have: {_names(have)})"
                )
        have.update(stage.assigns)


class SlotError(PipelineError):
    """A stage read or wrote a slot it does not declare (raised by a checked run)."""


@dataclass(slots=True)
class SlotUse:
    """The slots a stage read and wrote in a checked run."""

    reads: set[str] = field(default_factory=set)
    writes: set[str] = field(default_factory=set)


class SlotGuard:
    """Gives one stage views of its work items that allow only the slots it declares,
    and records in `use` the slots it reads and writes.

    >>> from sitrep.records import Article
    >>> class Dater:
    ...     name, requires, assigns = "dater", ("published",), ("times",)
    >>> work = SlotGuard(Dater()).view(Work(Article(id="a", text="Shells hit Izium.")))
    >>> work.article.published, work.article.id
    (None, 'a')
    >>> work.article.text  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sitrep.stage.SlotError: stage 'dater' reads 'text', which it does not declare ...
    """

    def __init__(self, stage: Stage, use: SlotUse | None = None) -> None:
        self.stage = stage.name
        self.requires = tuple(stage.requires)
        self.assigns = tuple(stage.assigns)
        self.readable = frozenset(self.requires) | frozenset(self.assigns) | ALWAYS_READABLE
        self.use = use if use is not None else SlotUse()

    def view(self, work: Work) -> Work:
        """`work` as the stage may see it; it is an instance of Work for `isinstance`."""
        return cast(Work, _WorkView(work, self))

    def read(self, slot: str) -> None:
        if slot not in self.readable:
            raise SlotError(f"stage {self.stage!r} reads {slot!r}, which it does not declare "
                            f"(requires: {_names(self.requires)}; assigns: "
                            f"{_names(self.assigns)})")
        self.use.reads.add(slot)

    def write(self, slot: str) -> None:
        if slot not in self.assigns:
            raise SlotError(f"stage {self.stage!r} writes {slot!r}, which it does not assign "
                            f"(assigns: {_names(self.assigns)})")
        self.use.writes.add(slot)


class _WorkView:
    """A Work whose slots go through a SlotGuard; its article is an `_ArticleView`."""

    __slots__ = ("_article", "_guard", "_work")

    def __init__(self, work: Work, guard: SlotGuard) -> None:
        object.__setattr__(self, "_work", work)
        object.__setattr__(self, "_guard", guard)
        object.__setattr__(self, "_article", _ArticleView(work.article, guard))

    @property  # type: ignore[misc]
    def __class__(self) -> type[Work]:  # type: ignore[override]
        return Work

    def __getattr__(self, name: str) -> Any:
        if name == "article":
            return self._article
        if name in WORK_SLOTS:
            self._guard.read(name)
        return getattr(self._work, name)

    def __setattr__(self, name: str, value: object) -> None:
        if name == "article":
            raise SlotError(f"stage {self._guard.stage!r} replaces the article; a stage "
                            f"assigns the article's slots instead")
        if name in WORK_SLOTS:
            self._guard.write(name)
        setattr(self._work, name, value)

    def __repr__(self) -> str:
        return f"<view for stage {self._guard.stage!r} of {self._work!r}>"


class _ArticleView:
    """An Article whose fields go through a SlotGuard. It passes for an Article with
    `isinstance`, `dataclasses.fields`, `replace` and `asdict` (each field they read is
    checked; `replace` makes a real Article), and its methods run on the view."""

    __slots__ = ("_article", "_guard")
    __dataclass_fields__ = Article.__dataclass_fields__

    def __init__(self, article: Article, guard: SlotGuard) -> None:
        object.__setattr__(self, "_article", article)
        object.__setattr__(self, "_guard", guard)

    @property  # type: ignore[misc]
    def __class__(self) -> type[Article]:  # type: ignore[override]
        return Article

    def __getattr__(self, name: str) -> Any:
        if name in ARTICLE_SLOTS:
            self._guard.read(name)
            return getattr(self._article, name)
        value = getattr(self._article, name)
        if inspect.ismethod(value) and value.__self__ is self._article:
            return types.MethodType(value.__func__, self)
        return value

    def __setattr__(self, name: str, value: object) -> None:
        if name in ARTICLE_SLOTS:
            self._guard.write(name)
        setattr(self._article, name, value)

    def __repr__(self) -> str:
        return f"<view for stage {self._guard.stage!r} of article {self._article.id!r}>"


def _names(slots: Sequence[str] | set[str] | frozenset[str]) -> str:
    return ", ".join(sorted(slots)) or "nothing"
