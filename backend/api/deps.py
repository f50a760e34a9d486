"""Dependencies shared by the routers (FastAPI ``Annotated`` style).

``ViewerDep`` authenticates the request (Bearer token, else the session cookie, with the CSRF
check for cookie-authenticated writes) and builds its access context. Routers only pass it on:
what it may see and do is decided in the services.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from backend.auth.session import CSRF_HEADER, csrf_ok, user_from_cookies
from backend.auth.tokens import user_from_bearer
from backend.auth.viewer import Viewer, viewer_for
from backend.db.engine import AppDB
from backend.errors import ForbiddenError, NotLoggedInError
from backend.settings import Settings
from graph.connection import Graph

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# The dependencies that only read app.state are coroutines: FastAPI runs a plain function
# dependency in its thread pool, a hop per dependency and request that costs more than the
# work.

async def get_graph(request: Request) -> Graph:
    """The graph; after an outage each request first probes Neo4j (milliseconds), so that
    while it is down answers are an immediate 503 instead of the driver's retries."""
    graph: Graph = request.app.state.graph
    if getattr(request.app.state, "neo4j_down", False):
        # raises ServiceUnavailable: 503
        await run_in_threadpool(graph.driver.verify_connectivity)
        request.app.state.neo4j_down = False
    return graph


async def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_app_db(request: Request) -> AppDB:
    return request.app.state.db


def get_db(request: Request) -> Iterator[Session]:
    db: AppDB = request.app.state.db
    with db.session() as session:
        yield session


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""


def get_viewer(request: Request, db: Annotated[Session, Depends(get_db)]) -> Viewer:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = user_from_bearer(db, header[7:].strip())
        if user is None:
            raise NotLoggedInError("the API token is unknown or revoked; create one with "
                                   "`crosslink token create USER`", code="bad_token")
    else:
        user = user_from_cookies(request.cookies, db)
        if user is None:
            raise NotLoggedInError("not logged in: log in with POST /api/auth/login or send "
                                   "an API token (Authorization: Bearer ...)")
        if request.method not in SAFE_METHODS and not csrf_ok(
                request.cookies, request.headers.get(CSRF_HEADER)):
            raise ForbiddenError(f"missing or wrong {CSRF_HEADER} header: send the value of "
                                 "the crosslink_csrf cookie with every write", code="csrf")
    return viewer_for(db, user, ip=client_ip(request))


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
DbDep = Annotated[Session, Depends(get_db)]
ViewerDep = Annotated[Viewer, Depends(get_viewer)]
