from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from sitrep.errors import PipelineError
from sitrep.examples import example_paths
from sitrep.ingest import Ingested, read_paths
from sitrep.pipeline import Pipeline, build_stages
from sitrep.records import Article, Time
from sitrep.settings import Settings
from sitrep.stage import (
    ALWAYS_READABLE,
    ARTICLE_SLOTS,
    INGESTED,
    SLOTS,
    SlotUse,
    Stage,
    Work,
    check_stages,
)


class Tagger:
    """A stand-in stage that marks articles; fails on ones whose text says so."""

    name = "tagger"
    requires = ("doc", "text")
    assigns = ("times",)

    def __call__(self, work: Work) -> None:
        assert work.doc is not None
        if "FAIL" in work.article.text:
            raise ValueError("cannot read this one")
        work.article.times.append(Time(0, 1, work.doc[0].text, "DATE", "XXXX-XX-XX"))


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Shells hit town number {i} on Monday.") for i in range(n)]


@pytest.fixture(scope="module")
def parse_stage():  # type: ignore[no-untyped-def]
    from sitrep.nlp.parse import ParseStage

    return ParseStage(model=Settings().model)


def test_pipeline_checks_requires_at_build() -> None:
    with pytest.raises(PipelineError, match="requires 'doc'"):
        Pipeline(stages=[Tagger()])


def test_pipeline_rejects_duplicate_stage_names(parse_stage) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PipelineError, match="two stages"):
        check_stages([parse_stage, parse_stage])


def test_pipeline_runs_stages_in_order(parse_stage) -> None:  # type: ignore[no-untyped-def]
    pipe = Pipeline(stages=[parse_stage, Tagger()])
    done = list(pipe.pipe(_articles(5)))
    assert [a.id for a in done] == [f"a{i}" for i in range(5)]
    assert all(a.times[0].text == "Shells" for a in done)
    assert set(pipe.timings) == {"parse", "tagger"}


def test_pipeline_bad_article_is_reported_and_batch_goes_on(parse_stage) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    pipe = Pipeline(stages=[parse_stage, Tagger()], on_error=errors.append)
    articles = _articles(3)
    articles[1].text = "FAIL here"
    assert [a.id for a in pipe.pipe(articles)] == ["a0", "a2"]
    assert len(errors) == 1 and "a1" in errors[0] and "tagger" in errors[0]


def test_pipeline_workers_give_the_same_records() -> None:
    articles = _articles(7)
    one = [a.to_dict() for a in Pipeline(Settings(batch_size=2)).pipe(articles)]
    two = [a.to_dict() for a in Pipeline(Settings(batch_size=2)).pipe(_articles(7), workers=2)]
    assert one == two and len(one) == 7


def test_pipeline_batches_bound_articles_and_characters() -> None:
    from sitrep.pipeline import _batched

    sizes = [10, 10, 10, 95, 10, 10, 200, 5]
    batches = list(_batched((Article(id=str(i), text="x" * n) for i, n in enumerate(sizes)),
                            size=3, chars=100))
    assert [[len(a.text) for a in b] for b in batches] == [
        [10, 10, 10], [95], [10, 10], [200], [5]]  # a long one alone, never dropped


class Peeker:
    """A stand-in stage that reads or writes what the test tells it to."""

    name = "peeker"

    def __init__(self, requires: tuple[str, ...], assigns: tuple[str, ...], *,
                 read: Sequence[str] = (), write: Sequence[str] = ()) -> None:
        self.requires, self.assigns = requires, assigns
        self.read, self.write = read, write

    def __call__(self, work: Work) -> None:
        for slot in self.read:
            _touch(work, slot)
        for slot in self.write:
            setattr(work.article if slot in ARTICLE_SLOTS else work, slot, [])


def _touch(work: Work, slot: str) -> object:
    """A helper the stage passes its work to: reads here are checked too."""
    return getattr(work.article, slot) if slot in ARTICLE_SLOTS else getattr(work, slot)


def _titled() -> Article:
    return Article(id="t1", title="Drone strike hits Odesa port - Region - Daily Post",
                   text="A drone struck the port of Odesa on Monday, killing two workers, "
                        "the regional governor said.", published="2024-03-04",
                   source="dailypost", url="https://dailypost.com.ua/odesa")


@pytest.mark.parametrize(("requires", "assigns"), [
    (("doc", "tittle"), ("times",)),
    (("doc",), ("place",)),
])
def test_check_stages_rejects_a_name_that_is_not_a_slot(
        parse_stage, requires: tuple[str, ...], assigns: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    typo = next(s for s in (*requires, *assigns) if s not in SLOTS)
    with pytest.raises(PipelineError, match=f"stage 'peeker' declares '{typo}', which is not"):
        check_stages([parse_stage, Peeker(requires, assigns)])


def test_ingest_fills_every_article_field_the_stages_do_not_assign() -> None:
    assigned = {slot for stage in build_stages(Settings()) for slot in stage.assigns}
    assert INGESTED | (assigned & ARTICLE_SLOTS) == ARTICLE_SLOTS
    assert not INGESTED & assigned
    assert ALWAYS_READABLE <= INGESTED


@pytest.mark.parametrize("slot", ["title", "url", "title_doc", "title_places", "places"])
def test_checked_stage_reading_an_undeclared_slot_fails(  # type: ignore[no-untyped-def]
        parse_stage, slot: str) -> None:
    errors: list[str] = []
    peeker = Peeker(("doc",), ("times",), read=["doc", "times", "id", slot])
    pipe = Pipeline(stages=[parse_stage, peeker], on_error=errors.append, check_slots=True)
    with pytest.raises(PipelineError, match=f"stage 'peeker' reads '{slot}', which it does not"):
        pipe.process([_titled()])
    assert errors == []  # raised, not reported as the article's failure
    assert pipe.slot_use["peeker"].reads == {"doc", "times", "id"}


@pytest.mark.parametrize("slot", ["places", "title_places", "doc", "title"])
def test_checked_stage_writing_an_undeclared_slot_fails(parse_stage, slot: str) -> None:  # type: ignore[no-untyped-def]
    peeker = Peeker(("doc",), ("times",), write=["times", slot])
    pipe = Pipeline(stages=[parse_stage, peeker], check_slots=True)
    with pytest.raises(PipelineError, match=f"stage 'peeker' writes '{slot}', which it does not"):
        pipe.process([_titled()])
    assert pipe.slot_use["peeker"].writes == {"times"}


def test_checked_stage_may_not_replace_the_article(parse_stage) -> None:  # type: ignore[no-untyped-def]
    peeker = Peeker(("doc",), ("times",), write=["article"])
    with pytest.raises(PipelineError, match="stage 'peeker' replaces the article"):
        Pipeline(stages=[parse_stage, peeker], check_slots=True).process(_articles(1))


def test_unchecked_pipeline_does_not_guard(parse_stage) -> None:  # type: ignore[no-untyped-def]
    peeker = Peeker(("doc",), ("times",), read=["title"], write=["places"])
    pipe = Pipeline(stages=[parse_stage, peeker])
    assert [a.id for a in pipe.process([_titled()])] == ["t1"]
    assert pipe.slot_use["peeker"] == SlotUse()


def test_checked_pipeline_checks_in_process_whatever_the_workers(parse_stage) -> None:  # type: ignore[no-untyped-def]
    pipe = Pipeline(stages=[parse_stage, Peeker(("doc",), ("times",), read=["url"])],
                    check_slots=True)
    with pytest.raises(PipelineError, match="reads 'url'"):
        list(pipe.pipe(_articles(3), workers=2))


def test_checked_views_pass_for_work_and_article(parse_stage) -> None:  # type: ignore[no-untyped-def]
    seen: list[object] = []

    class Copier:
        name, requires, assigns = "copier", ("doc", "text", "title"), ("times",)

        def __call__(self, work: Work) -> None:
            seen.extend([isinstance(work, Work), isinstance(work.article, Article),
                         dataclasses.is_dataclass(work.article)])
            seen.append(dataclasses.replace(work.article, text="x"))  # reads every field

    pipe = Pipeline(stages=[parse_stage, Tagger(), Copier()], check_slots=True)
    with pytest.raises(PipelineError, match="stage 'copier' reads 'published'"):
        pipe.process(_articles(1))
    assert seen == [True, True, True]

    Copier.requires = tuple(sorted(INGESTED))
    Copier.assigns = tuple(sorted(ARTICLE_SLOTS - INGESTED))
    pipe = Pipeline(stages=[parse_stage, Tagger(), Copier()], check_slots=True)
    (done,) = pipe.process(_articles(1))
    copy = seen[-1]
    assert type(copy) is Article and copy is not done
    assert copy.text == "x" and copy.id == done.id and copy.times == done.times


def _declaration(use: SlotUse) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The requires and assigns a stage that touched `use` should declare."""
    return (tuple(sorted(use.reads - use.writes - ALWAYS_READABLE)),
            tuple(sorted(use.writes)))


@pytest.fixture(scope="module")
def checked_run() -> tuple[list[Stage], Pipeline, list[Article], list[str]]:
    stages = build_stages(Settings())
    errors: list[str] = []
    pipe = Pipeline(stages=stages, on_error=errors.append, check_slots=True)
    examples = [i.article for i in read_paths([str(p) for p in example_paths()])
                if isinstance(i, Ingested)]
    articles = [_titled(), *examples]
    done = pipe.process(articles)
    return stages, pipe, done, errors


def test_checked_real_pipeline_runs_titled_article_and_examples(checked_run) -> None:  # type: ignore[no-untyped-def]
    _, _, done, errors = checked_run
    assert errors == []
    assert done[0].id == "t1" and len(done) == 1 + len(example_paths()) >= 4
    assert all(a.places and a.events for a in done)


@pytest.mark.parametrize("name", ["parse", "temporal", "geo", "statements", "events"])
def test_real_stages_declare_exactly_what_they_touch(checked_run, name: str) -> None:  # type: ignore[no-untyped-def]
    stages, pipe, _, _ = checked_run
    (stage,) = [s for s in stages if s.name == name]
    use = pipe.slot_use[name]
    assert use.reads, "the stage was not run through its guard"
    assert _declaration(use) == (tuple(sorted(stage.requires)), tuple(sorted(stage.assigns)))
