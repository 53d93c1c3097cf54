"""The statements stage: fills `statements` from the parse, the places and the title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.geo.gazetteer import default_gazetteer
from sitrep.geo.recognize import recognize
from sitrep.geo.resolve import resolve
from sitrep.nlp.model import load_model
from sitrep.records import Place, Statement
from sitrep.settings import Settings
from sitrep.stage import Work
from sitrep.statements.extract import extract
from sitrep.statements.lexicon import lexicon
from sitrep.statements.stance import inherit_targets

if TYPE_CHECKING:
    from spacy.tokens import Doc


class StatementStage:
    """Finds who said what: quotes and reported speech, speakers, stance and target.

    Headline attributions ("Russia blames US for ...") are found too, marked
    `headline` with offsets into the title.
    """

    name = "statements"
    requires: tuple[str, ...] = ("doc", "places", "title", "title_doc", "title_places")
    assigns: tuple[str, ...] = ("statements",)

    def __init__(self) -> None:
        self.lex = lexicon()

    def __call__(self, work: Work) -> None:
        assert work.doc is not None
        article = work.article
        found = extract(work.doc, places=article.places, lex=self.lex)
        if article.title and article.title.strip() and work.title_doc is not None:
            found = self._headline(work.title_doc, work.title_places) + found
        article.statements = finish(found)

    def _headline(self, doc: Doc, places: list[Place]) -> list[Statement]:
        found = extract(doc, places=places, lex=self.lex)
        for statement in found:
            statement.headline = True
        return found


def finish(statements: list[Statement]) -> list[Statement]:
    """Targets shared between claims of one side; ids in order."""
    inherit_targets(statements)
    for n, statement in enumerate(statements, 1):
        statement.id = f"s{n}"
    return statements


def attribute(text: str, *, published: str | None = None,
              places: list[Place] | None = None) -> list[Statement]:
    """The statements of a bare text, for evaluation and notebooks; a claim reported
    inside another is a statement of its own.

    >>> [(s.speaker.name, s.stance, s.text) for s in attribute(
    ...     "The army denied the reports, officials said on Monday.")]
    [('officials', 'report', 'The army denied the reports'), ('army', 'deny', 'the reports')]
    """
    doc = load_model(Settings().model)(text)
    if places is None:
        gaz = default_gazetteer()
        places = resolve(text, recognize(doc, gaz), gaz)
    return finish(extract(doc, places=places, lex=lexicon()))
