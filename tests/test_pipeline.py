from __future__ import annotations

import pytest

from sitrep.errors import PipelineError
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Time
from sitrep.settings import Settings
from sitrep.stage import Work, check_stages


class Tagger:
    """A stand-in stage that marks articles; fails on ones whose text says so."""

    name = "tagger"
    requires = ("doc",)
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
