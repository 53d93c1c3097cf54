"""NLP base: the spaCy pipeline every stage reads from, and the parse stage."""

from sitrep.nlp.model import KNOWN_MODELS, load_model, model_info, model_path

__all__ = ["KNOWN_MODELS", "load_model", "model_info", "model_path"]
