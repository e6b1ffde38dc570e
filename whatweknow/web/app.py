"""The FastAPI app: server-rendered pages and a JSON API over one store, read-only.

Every request opens the store, switches the connection to read-only and reads one snapshot,
so a build running next to the server is never blocked and never sees half a sheet."""
from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import export
from ..changes import changes
from ..records import Document, Work
from ..store import SQLStore as Store, StoreError, open_store
from . import views
from .chart import timeline_chart
from .search import SearchIndex
from .source import date_reason, dropped_parts, headline, segments

log = logging.getLogger("whatweknow.web")
HERE = Path(__file__).parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]

WorkId = Annotated[str, PathParam(max_length=120, pattern=r"^[a-z0-9-]+$", description="A work's id, e.g. moonlit-academy-s2")]
DocId = Annotated[str, PathParam(min_length=1, max_length=300, description="A document's id (its file stem)")]
Since = Annotated[str | None, Query(max_length=10, description="A date: YYYY-MM-DD (or YYYY-MM, YYYY)")]
SearchQ = Annotated[str, Query(min_length=1, max_length=200, description="Words to look for")]
Limit = Annotated[int, Query(ge=1, le=100, description="At most this many hits of each kind")]
NO_WORK = {404: {"description": "No work with that id (the ids are listed at /api/works)"}}
NO_DOC = {404: {"description": "No document with that id"}}


class SecurityHeaders:
    """Adds the CSP and nosniff headers to every response, errors included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + HEADERS
            await send(message)
        await self.app(scope, receive, send_with_headers)


@dataclass
class Sheet:
    works: dict[str, Work]
    documents: dict[str, Document]
    as_of: str | None


def _show_field(value) -> str:
    """A fact field as the export writes it: strings as they are, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def templates() -> Environment:
    env = Environment(loader=PackageLoader("whatweknow.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["field"] = _show_field
    env.globals.update(doc_href=views.doc_href, safe_url=views.safe_url, say_date=views.say_date,
                       say_window=views.say_window, doc_when=views.doc_when, claim_notes=views.claim_notes)
    return env


def parse_since(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    try:
        if re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
            date.fromisoformat((value + "-01-01")[:10])
            return value
    except ValueError:
        pass
    raise HTTPException(422, f"since: {value!r} is not a date; use YYYY-MM-DD")


def create_app(db: str | Path, opener=open_store) -> FastAPI:
    db = str(db)
    env = templates()
    index = SearchIndex()
    @asynccontextmanager
    async def lifespan(_app):
        try:  # the search index is built at start; a missing store is reported on each request instead
            with reading() as store:
                refresh(store, sheet(store))
        except (StoreError, sqlite3.Error):
            pass
        yield

    app = FastAPI(title="whatweknow", summary="What do we actually know about an upcoming release, and since when?",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @contextmanager
    def reading() -> Iterator[Store]:
        if "://" not in db and not Path(db).exists():  # opening a missing SQLite file would create it
            raise StoreError(f"{db}: no such store")
        store = opener(db, read_only=True)  # every request reads the store read-only
        try:
            with store.snapshot():
                yield store
        finally:
            store.close()

    def sheet(store: Store) -> Sheet:
        return Sheet(views.by_slug(store.works()), {d.id: d for d in store.documents(placed=True)}, store.as_of())

    def page(name: str, code: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=code)

    def find(s: Sheet, work_id: str) -> Work:
        if work_id not in s.works:
            raise HTTPException(404, f"no work with id {work_id!r}; the ids are listed at /api/works")
        return s.works[work_id]

    def refresh(store: Store, s: Sheet) -> None:
        """Rebuild the search index when the store changed since it was filled."""
        key = (s.as_of, tuple((d.id, d.content_hash, d.status) for d in s.documents.values()),
               tuple((k, len(w.facts)) for k, w in s.works.items()))
        if index.key != key:
            index.fill(key, s.works, store.documents(with_text=True))

    def search(store: Store, s: Sheet, q: str, limit: int = 20):
        refresh(store, s)
        return index.search(q, s.works, limit)

    # errors: one clear message, JSON under /api, a page elsewhere; never a traceback
    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith(("/api/", "/openapi")) or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": message, "status": status}, status_code=status)
        return page("error.html", status, status=status, message=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else f"no page at {request.url.path}"
        return error(request, exc.status_code, str(message))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            where = str(e["loc"][-1]) if e.get("loc") else "request"
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error(request, 422, "; ".join(parts))

    @app.exception_handler(StoreError)
    @app.exception_handler(sqlite3.Error)  # e.g. a file that is not a store, or locked past the timeout
    async def store_error(request: Request, exc: Exception):
        return error(request, 503, f"the store cannot be read: {exc}")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return error(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")

    # pages -----------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index_page(q: Annotated[str | None, Query(max_length=200)] = None):
        with reading() as store:
            s = sheet(store)
            results = search(store, s, q) if q and q.strip() else None
        return page("index.html", rows=views.index_rows(s.works, s.as_of), q=q or "", results=results,
                    as_of=s.as_of, sources=len(s.documents))

    @app.get("/works/{work_id}", response_class=HTMLResponse, include_in_schema=False)
    def work_page(work_id: WorkId, since: Since = None):
        since = parse_since(since)
        with reading() as store:
            s = sheet(store)
        w = find(s, work_id)
        p = views.work_page(work_id, w, s.as_of, s.documents, since)
        answer = views.window(p.answer.value) if p.answer.value else None
        chart = timeline_chart(p.rows, answer, f"today's answer: {p.answer.value}", views.doc_href, since)
        return page("work.html", p=p, chart=chart, documents=s.documents)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page():
        with reading() as store:
            s = sheet(store)
        return page("documents.html", documents=list(s.documents.values()))

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: DocId):
        with reading() as store:
            found = store.document(doc_id)
            if found is None:
                raise HTTPException(404, f"no document with id {doc_id!r}; every input is listed at /documents")
            s = sheet(store)
        doc, passages, claims = found
        citing = [(k, w) for k, w in s.works.items() if doc.id in views.cited(w)]
        return page("document.html", doc=doc, headline=headline(doc, passages), segments=segments(doc, passages, claims),
                    claims=claims, reason=date_reason(doc), works=citing, left_out=len(dropped_parts(doc.text, passages)))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs():
        return page("docs.html", api=app.openapi())

    # the JSON API ------------------------------------------------------------
    @app.get("/api/works", summary="Every work and season with its release answer, newest news first")
    def api_works():
        with reading() as store:
            s = sheet(store)
        return {"as_of": s.as_of, "works": [views.work_summary(r) for r in views.index_rows(s.works, s.as_of)]}

    @app.get("/api/works/{work_id}/factsheet", summary="The export contract (whatweknow.factsheet/1) for one work",
             responses=NO_WORK)
    def api_factsheet(work_id: WorkId, with_text: bool = False):
        with reading() as store:
            s = sheet(store)
            w = find(s, work_id)
            used = views.cited(w)
            docs = [export.document_json(d, with_text) for d in store.documents(with_text=True, placed=True) if d.id in used]
        return {"schema": export.SCHEMA, "as_of": s.as_of, "documents": docs, "works": [export.work_json(w)]}

    @app.get("/api/works/{work_id}/timeline", summary="How the release answer moved, source by source",
             responses=NO_WORK)
    def api_timeline(work_id: WorkId):
        with reading() as store:
            s = sheet(store)
        w = find(s, work_id)
        return {"work": work_id, "rows": [asdict(r) | {"link": views.doc_href(r.doc, r.start, r.end)}
                                          for r in views.timeline_rows(w, s.documents)]}

    @app.get("/api/documents/{doc_id:path}", summary="One input: its text, the parts cleaning left out, its claims",
             responses=NO_DOC)
    def api_document(doc_id: DocId):
        with reading() as store:
            found = store.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        doc, passages, claims = found
        return export.document_json(doc, with_text=True) | {
            "date_reason": date_reason(doc),
            "passages": [asdict(p) for p in passages],
            "left_out": [{"start": a, "end": b, "reason": r} for a, b, r in dropped_parts(doc.text, passages)],
            "claims": [asdict(c) for c in claims]}

    @app.get("/api/search", summary="Works (by title, person, character) and documents (by text) matching words")
    def api_search(q: SearchQ, limit: Limit = 20):
        with reading() as store:
            s = sheet(store)
            return asdict(search(store, s, q, limit))

    @app.get("/api/changes", summary="What appeared, moved or was superseded after a date",
             responses=NO_WORK)
    def api_changes(since: Annotated[str, Query(max_length=10, description="YYYY-MM-DD")],
                    work: Annotated[str | None, Query(max_length=120, pattern=r"^[a-z0-9-]+$")] = None):
        since = parse_since(since)
        if since is None:
            raise HTTPException(422, "since: a date is required (YYYY-MM-DD)")
        with reading() as store:
            s = sheet(store)
        chosen = {work: find(s, work)} if work else s.works
        return {"since": since, "works": [
            {"id": k, "title": w.title, "season": w.season,
             "changes": [asdict(c) | {"fact_json": export.fact_json(w.facts[c.fact])}
                         for c in changes(w, since, export.describe)]}
            for k, w in chosen.items()]}

    return app
