"""`sitrep serve`: the HTTP API and the analyst's page over the store."""

from sitrep.serve.app import create_app

__all__ = ["create_app"]
