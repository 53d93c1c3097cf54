"""`sitrep serve`: the HTTP API and the analyst's page over a store."""

from __future__ import annotations

import os
import secrets

import click

from sitrep.cli.options import db_option

LOCAL = ("127.0.0.1", "localhost", "::1")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default lets this machine in only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True,
              help="Let POST /api/articles add articles, with a bearer token: "
                   "$SITREP_TOKEN, or a new one printed at start.")
def serve(db: str, host: str, port: int, allow_ingest: bool) -> None:
    """Serve the store: the page at http://HOST:PORT/ and the API under /api
    (its OpenAPI spec at /api/openapi.json). Read-only unless --allow-ingest.

    \b
    Example:
      sitrep demo && sitrep serve
      SITREP_TOKEN=s3cret sitrep serve --allow-ingest --port 8080
    """
    import uvicorn

    from sitrep.serve import create_app

    token = None
    if allow_ingest:
        token = os.environ.get("SITREP_TOKEN") or secrets.token_urlsafe(24)
        if "SITREP_TOKEN" not in os.environ:
            click.echo(f"ingest token (Authorization: Bearer ...): {token}", err=True)
    if host not in LOCAL:
        click.echo(f"warning: listening on {host}: other machines can read this store",
                   err=True)
    app = create_app(db, ingest_token=token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"sitrep: serving {db} at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
