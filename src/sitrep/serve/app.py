"""`sitrep serve`'s app: the HTTP API over the store, and the analyst's page.

Read-only unless built with `ingest_token`: then `POST /api/articles` (with that
token as a bearer token) runs an article through the same reading, pipeline,
store and clustering as `sitrep extract`, and posting it again changes nothing.

Every answer carries a Content-Security-Policy that allows no inline script and
nothing from another origin; the page builds its DOM from text nodes, so text
from articles is never read as markup.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from sitrep._version import __version__
from sitrep.serve import exports, query
from sitrep.serve.query import EventQuery
from sitrep.settings import Settings
from sitrep.store import Store

STATIC = Path(str(files("sitrep.serve") / "static"))
MAX_TEXT = 1_000_000  # characters of one posted article
DAY = r"^\d{4}-\d{2}-\d{2}$"
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}
ERRORS: dict[int | str, dict[str, Any]] = {400: {"description": "A parameter is not valid; "
                                                 "`detail` says which and why"}}


class Problem(BaseModel):
    detail: str


class ArticleIn(BaseModel):
    """An article to add: the same fields as a line of a JSON Lines input file."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, pattern=DAY, description="YYYY-MM-DD")
    source: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, min_length=1, max_length=200)


class Server:
    """The store the app reads (one connection; a cursor a request) and, when ingest is
    allowed, the one writer."""

    def __init__(self, db: str, *, ingest_token: str | None = None) -> None:
        self.store = Store(db, read_only=ingest_token is None)
        self.token = ingest_token
        self.write_lock = threading.Lock()


def create_app(db: str, *, ingest_token: str | None = None) -> FastAPI:
    """The app over the store at `db`; `ingest_token` allows `POST /api/articles`."""
    server = Server(db, ingest_token=ingest_token)
    app = FastAPI(title="sitrep", version=__version__, openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Events, statements and claims read from news by sitrep.")
    app.state.server = server

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        reasons = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                            for e in exc.errors())
        return JSONResponse({"detail": reasons}, status_code=400, headers=HEADERS)

    _routes(app, server)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _store(request: Request) -> Iterator[Store]:
    view = request.app.state.server.store.view()
    try:
        yield view
    finally:
        view.close()


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4:
        raise ValueError("bbox: give four numbers west,south,east,north")
    return values[0], values[1], values[2], values[3]


def _query(
    since: Annotated[str | None, Query(pattern=DAY, description="first day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DAY, description="last day, YYYY-MM-DD")] = None,
    place: Annotated[str | None, Query(max_length=200,
                                       description="place name, ISO3 country or region")] = None,
    bbox: Annotated[str | None, Query(max_length=200,
                                      description="west,south,east,north in degrees")] = None,
    type: Annotated[str | None, Query(max_length=200,
                                      description="event type or ACLED (sub-)type")] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    source: Annotated[str | None, Query(max_length=200, description="publisher")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the record")] = None,
) -> EventQuery:
    try:
        return EventQuery(since=since, until=until, place=place, bbox=_bbox(bbox), type=type,
                          actor=actor, source=source, q=q)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc


StoreDep = Annotated[Store, Depends(_store)]
QueryDep = Annotated[EventQuery, Depends(_query)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _routes(app: FastAPI, server: Server) -> None:  # noqa: C901 - one small function a route
    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers=HEADERS)

    @app.get("/api/events", responses=ERRORS, tags=["events"])
    def list_events(store: StoreDep, filters: QueryDep, limit: Limit = 100,
                    offset: Offset = 0) -> dict[str, Any]:
        """Real-world events (clusters of reports), newest first, one page at a time."""
        return query.events(store, filters, limit=limit, offset=offset)

    @app.get("/api/events/{cluster_id}", responses={404: {"model": Problem}}, tags=["events"])
    def one_event(cluster_id: str, store: StoreDep) -> dict[str, Any]:
        """One event: merged record, each report's values and evidence, statements about
        it, and the claims ledger."""
        found = query.event(store, cluster_id)
        if found is None:
            raise HTTPException(404, f"no event {cluster_id!r}")
        return found

    @app.get("/api/map", responses=ERRORS, tags=["events"])
    def map_markers(store: StoreDep, filters: QueryDep,
                    zoom: Annotated[float, Query(ge=1, le=64)] = 1) -> dict[str, Any]:
        """The selection's markers, grouped by a grid cell that shrinks as `zoom` grows."""
        return query.markers(store, filters, zoom=zoom)

    @app.get("/api/timeline", responses=ERRORS, tags=["events"])
    def per_day(store: StoreDep, filters: QueryDep) -> dict[str, Any]:
        """The selection's events per day and ACLED type."""
        return query.timeline(store, filters)

    @app.get("/api/facets", tags=["events"])
    def facet_values(store: StoreDep) -> dict[str, Any]:
        """The values the filters can take: types, first and last day, publishers."""
        return query.facets(store)

    @app.get("/api/export/{fmt}", tags=["events"], response_class=StreamingResponse,
             responses={**ERRORS, 200: {"description": "The selected events, streamed",
                                        "content": {kind: {} for kind in exports.KINDS.values()}}})
    def export(fmt: Literal["csv", "geojson", "jsonl"], store: StoreDep,
               filters: QueryDep) -> StreamingResponse:
        """The selection as ACLED-style CSV (`csv`), GeoJSON (`geojson`) or JSON Lines
        (`jsonl`): one record per real-world event."""
        view = store.view()  # the request's cursor closes before the stream ends
        chunks = exports.export(view, filters, fmt)

        def stream() -> Iterator[str]:
            try:
                yield from chunks
            finally:
                view.close()
        name = f"sitrep-events.{fmt}"
        return StreamingResponse(stream(), media_type=exports.KINDS[fmt], headers={
            **HEADERS, "Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/api/articles", responses=ERRORS, tags=["articles"])
    def list_articles(store: StoreDep, limit: Limit = 100, offset: Offset = 0,
                      q: Annotated[str | None, Query(max_length=200)] = None,
                      source: Annotated[str | None, Query(max_length=200)] = None
                      ) -> dict[str, Any]:
        """Stored articles, newest first."""
        return query.articles(store, q=q, source=source, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", responses={404: {"model": Problem}},
             tags=["articles"])
    def one_article(article_id: str, store: StoreDep) -> dict[str, Any]:
        """One article's text and records (times, places, statements, events)."""
        found = query.article(store, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return found

    @app.get("/api/statements", responses=ERRORS, tags=["statements"])
    def list_statements(
            store: StoreDep, limit: Limit = 100, offset: Offset = 0,
            speaker: Annotated[str | None, Query(max_length=200)] = None,
            stance: Annotated[str | None, Query(max_length=50)] = None,
            q: Annotated[str | None, Query(max_length=200)] = None,
            since: Annotated[str | None, Query(pattern=DAY)] = None,
            until: Annotated[str | None, Query(pattern=DAY)] = None) -> dict[str, Any]:
        """Statements (who said what, with stance and target), newest article first."""
        try:
            return query.statements(store, speaker=speaker, stance=stance, q=q, since=since,
                                    until=until, limit=limit, offset=offset)
        except ValueError as exc:  # a day that does not exist, or until before since
            raise HTTPException(400, str(exc)) from exc

    @app.post("/api/articles", status_code=201, tags=["articles"], responses={
        **ERRORS, 200: {"description": "Stored already: nothing changed"},
        401: {"model": Problem}, 403: {"model": Problem}, 422: {"model": Problem}})
    def add_article(article: ArticleIn, request: Request,
                    authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
        """Add one article (only when the server allows ingest; bearer token)."""
        if server.token is None:
            raise HTTPException(403, "this server is read-only: start it with "
                                     "`sitrep serve --allow-ingest` to add articles")
        given = (authorization or "").removeprefix("Bearer ").encode()
        if not hmac.compare_digest(given, server.token.encode()):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer TOKEN")
        return _ingest(server, article)


def _ingest(server: Server, posted: ArticleIn) -> JSONResponse:
    """Read, run, store and cluster the posted article as `sitrep extract` does a line of a
    JSON Lines file (the same runner, on the same store file)."""
    from sitrep.ingest.formats import Notice
    from sitrep.ingest.sources import read_bytes
    from sitrep.scale.runner import extract_items
    from sitrep.store.clusters import clusters_of

    data = json.dumps(posted.model_dump(exclude_none=True), ensure_ascii=False).encode()
    items = list(read_bytes(data, origin="POST /api/articles", kind="json"))
    skipped = [i.message for i in items if isinstance(i, Notice) and i.skipped]
    if skipped:
        raise HTTPException(422, "; ".join(skipped))
    notes: list[str] = []
    with server.write_lock:
        report = extract_items(items, settings=Settings(), db=server.store.path,
                               on_notice=notes.append)
        ids = [i.article.id for i in items if not isinstance(i, Notice)]
        view = server.store.view()
        try:
            clusters = clusters_of(view, ids)
        finally:
            view.close()
    body = {"ids": ids, "added": report.added, "notes": notes, "clusters": clusters}
    return JSONResponse(body, status_code=201 if report.added else 200, headers=HEADERS)
