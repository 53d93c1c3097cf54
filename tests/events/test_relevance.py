"""The learned relevance filter: its parts, its training on labelled examples, and the
shipped weights on texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sitrep.api import extract
from sitrep.errors import ConfigError
from sitrep.events.learn import (
    Example,
    cross_validate,
    dev_sources,
    fit_logistic,
    folds,
    leave_one_source_out,
    train,
)
from sitrep.events.relevance import (
    DENSE,
    FEATURES,
    SHAPE,
    RelevanceModel,
    real_events,
    relevance_model,
    shape,
)
from sitrep.nlp.model import load_model
from sitrep.records import Article, Event, Location, Span
from sitrep.settings import Settings


def _event(text: str, *, placed: bool = False, kind: str = "attack") -> Event:
    loc = Location(name="Gao", country="ML", feature="city") if placed else None
    return Event(id="e1", type=kind, evidence=[Span(0, len(text), text)], location=loc)


def _blank(bias: float = 0.0) -> RelevanceModel:
    return RelevanceModel(weights=np.zeros(FEATURES), bias=bias, mean=np.zeros(len(SHAPE)),
                          scale=np.ones(len(SHAPE)))


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    return load_model(Settings().model).vocab


def test_shape_reads_a_place_and_figures() -> None:
    bare = dict(zip(SHAPE, shape(_event("Gunmen attacked.")), strict=True))
    placed = dict(zip(SHAPE, shape(_event("Gunmen attacked Gao.", placed=True)),
                      strict=True))
    assert bare["placed"] == bare["town"] == 0.0
    assert placed["placed"] == placed["town"] == 1.0


def test_fit_logistic_separates_what_is_separable() -> None:
    x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.8]])
    y = np.array([1, 1, 0, 0])
    w, b = fit_logistic(x, y)
    z = x @ w + b
    assert (z[:2] > 0).all() and (z[2:] < 0).all()


def test_model_round_trips_and_refuses_weights_of_another_shape(tmp_path: Path) -> None:
    model = _blank(bias=1.5)
    path = tmp_path / "m.npz"
    model.save(path)
    back = RelevanceModel.read(path)
    assert back.bias == pytest.approx(1.5) and back.weights.shape == (FEATURES,)
    np.savez_compressed(path, weights=np.zeros(3),
                        bias=np.zeros(1), mean=np.zeros(len(SHAPE)), scale=np.ones(len(SHAPE)))
    with pytest.raises(ValueError, match=r"m\.npz"):
        RelevanceModel.read(path)


def test_real_events_keeps_all_without_a_model_and_follows_the_threshold(vocab) -> None:  # type: ignore[no-untyped-def]
    events = [_event("Gunmen attacked a village.")]
    article = Article(id="a", text="Gunmen attacked a village.")
    assert real_events(events, article, vocab, None) == events
    assert real_events(events, article, vocab, _blank(bias=-5.0)) == []
    assert real_events(events, article, vocab, _blank(bias=5.0)) == events


def test_training_learns_which_words_tell_a_real_happening(vocab) -> None:  # type: ignore[no-untyped-def]
    zero = np.zeros(DENSE // 2)
    real = [Example(_event(f"Militants shelled the village number {i}", placed=True),
                    None, True, f"r{i}", zero) for i in range(12)]
    fake = [Example(_event(f"The striker bombarded the goal in match {i}"),
                    None, False, f"f{i}", zero) for i in range(12)]
    model = train(real + fake, vocab)
    stop = frozenset({"the", "in", "number", "match"})
    p_real = model.probability(model.features(real[0].event, None, vocab, stop, zero))
    p_fake = model.probability(model.features(fake[0].event, None, vocab, stop, zero))
    assert p_real > 0.5 > p_fake
    scores = cross_validate(real + fake, vocab, k=3)
    assert scores["real"] == 12 and scores["not_real"] == 12
    assert scores["thresholds"]["0.50"]["real_kept"] >= 0.9
    assert scores["thresholds"]["0.50"]["not_real_kept"] <= 0.1


def test_leave_one_source_out_scores_each_source_of_real_events(vocab) -> None:  # type: ignore[no-untyped-def]
    zero = np.zeros(DENSE // 2)
    real = [Example(_event(f"Militants shelled the village {w}", placed=True), None, True,
                    f"{src}/{i}", zero)
            for src in ("wire", "desk") for i, w in enumerate(["north", "east", "west"] * 3)]
    fake = [Example(_event(f"The striker bombarded the goal in match {i}"), None, False,
                    f"bbc/{i}", zero) for i in range(9)]
    kept = leave_one_source_out(real + fake, vocab)
    assert set(kept) == {"desk", "wire"}  # sources of real events only
    assert all(v["0.30"] >= 0.9 for v in kept.values())


def test_folds_keep_an_articles_events_together() -> None:
    zero = np.zeros(DENSE // 2)
    ex = [Example(_event("x"), None, True, group, zero) for group in "aabbbcc"]
    fold = folds(ex, 3)
    assert fold[0] == fold[1] and fold[2] == fold[3] == fold[4] and fold[5] == fold[6]


def test_dev_sources_read_the_sets_present(tmp_path: Path) -> None:
    (tmp_path / "case2021-acled-subtypes.dev.tsv").write_text(
        "id\tEventSnippet\tSubType\n1\tRebels shelled the town of Kidal.\tART_MISS_ATTACK\n",
        encoding="utf-8")
    corpus = tmp_path / "news.jsonl"
    ids = [f"bbc/sport/{i}" for i in range(8)]
    corpus.write_text("".join(json.dumps({"id": i, "text": "The clash ended 2-1."}) + "\n"
                              for i in ids), encoding="utf-8")
    sources = {s.name: s for s in dev_sources(tmp_path, corpus)}
    assert sources["case"].rule == "main" and len(sources["case"].articles) == 1
    assert sources["non-conflict"].rule == "all_false"
    assert 0 < len(sources["non-conflict"].articles) < len(ids)  # the build quarter only
    assert "fakes" not in sources and "plover" not in sources


def test_shipped_model_is_read_once_and_fits_this_sitrep() -> None:
    model = relevance_model()
    assert model is relevance_model()
    assert model.weights.shape == (FEATURES,)


BUSINESS = ("Shares in the airline fell 15% after the storm, and the chief executive said "
            "the firm had been hit hard by the collapse in bookings.")
FILM = ("The film, which opens on Friday, follows a detective who hunts a gang that "
        "kidnapped a banker in 1970s Rome.")
RAID = ("Gunmen stormed a village in Borno state on Tuesday, killing 12 farmers and "
        "abducting several women, local officials said.")
EVERY_EVENT = Settings(relevance=0.0)


@pytest.mark.parametrize("text", [BUSINESS, FILM])
def test_shipped_model_leaves_out_what_the_rules_misread(text: str) -> None:
    assert extract(text, published="2024-05-08", settings=EVERY_EVENT).events
    assert extract(text, published="2024-05-08").events == []


def test_shipped_model_keeps_a_raid() -> None:
    kept = [e.type for e in extract(RAID, published="2024-05-08").events]
    assert kept and kept == [e.type for e in extract(RAID, published="2024-05-08",
                                                     settings=EVERY_EVENT).events]


def test_statements_lose_links_to_events_left_out() -> None:
    text = FILM.rstrip(".") + ", its director said."
    every = extract(text, published="2024-05-08", settings=EVERY_EVENT)
    assert any(s.event_ids for s in every.statements)  # linked while the event is there
    article = extract(text, published="2024-05-08")
    assert article.events == [] and article.statements
    assert all(s.event_ids == [] for s in article.statements)


def test_a_missing_model_file_is_a_clear_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.events.relevance as relevance

    monkeypatch.setattr(relevance, "MODEL_FILE", tmp_path / "gone.npz")
    relevance.relevance_model.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"gone\.npz.*sitrep train relevance"):
            relevance.relevance_model()
    finally:
        relevance.relevance_model.cache_clear()
