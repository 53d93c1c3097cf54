"""The parse stage: tokens, sentences, tags, dependencies and entities."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.nlp.model import load_model
from sitrep.stage import Work


class ParseStage:
    """Runs the spaCy pipeline over a batch of articles with `nlp.pipe`."""

    name = "parse"
    requires: tuple[str, ...] = ("text", "title")
    assigns: tuple[str, ...] = ("doc", "title_doc")

    def __init__(self, *, model: str, batch_size: int = 32) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def __call__(self, work: Work) -> None:
        self.pipe([work])

    def pipe(self, works: Sequence[Work]) -> None:
        docs = self.nlp.pipe((w.article.text for w in works), batch_size=self.batch_size)
        for work, doc in zip(works, docs, strict=True):
            work.doc = doc
        titled = [w for w in works if w.article.title and w.article.title.strip()]
        titles = self.nlp.pipe((w.article.title or "" for w in titled),
                               batch_size=self.batch_size)
        for work, title in zip(titled, titles, strict=True):
            work.title_doc = title  # parsed once here, in a batch, for the stages that read it
