"""The one server process: FastAPI under /api and the Dash UI at /."""

from __future__ import annotations

import logging
import threading

from a2wsgi import WSGIMiddleware
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from backend import __version__
from backend.api.errors import install_error_handlers
from backend.api.main import api_router
from backend.api.security_headers import SecurityHeaders
from backend.db.engine import AppDB
from backend.settings import Settings
from graph.access import warm_up
from graph.connection import Graph
from graph.deconfliction import prepare_plans

log = logging.getLogger("crosslink")


def _warm_up(graph: Graph) -> None:
    try:
        warm_up(graph)
        prepare_plans(graph)
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        log.warning("could not plan the access rule and the alert reads ahead: %s", exc)


def create_app(settings: Settings, graph: Graph, db: AppDB, *, with_ui: bool = True) -> FastAPI:
    """``db`` must be migrated (``backend.db.engine.open_app_db`` does it)."""
    # the try-it page's Swagger UI is served from the package, not from a CDN (air-gapped use)
    app = FastAPIOffline(
        title="Crosslink API",
        version=__version__,
        docs_url="/api/docs",
        static_url="/api/docs-static",
        openapi_url="/api/openapi.json",
        redoc_url=None,
        description="Log in with `POST /api/auth/login` (session cookie; writes need the "
        "`X-CSRF-Token` header) or send `Authorization: Bearer <token>` "
        "(`crosslink token create USER`). Errors: `{\"error\": {\"code\", \"message\", "
        "\"field\"}}`.",
    )
    app.state.settings = settings
    app.state.graph = graph
    app.state.db = db
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    threading.Thread(target=_warm_up, args=(graph,), daemon=True, name="warm-up").start()
    app.include_router(api_router, prefix="/api")

    if with_ui:
        from ui.app import create_dash_app  # the UI depends on the services, not the reverse

        dash_app = create_dash_app(settings, graph, db)
        app.mount("/", WSGIMiddleware(dash_app.server))  # type: ignore[arg-type]
    return app
