"""One JSON error shape for every failure: ``{"error": {"code", "message", "field"?}}``.

Bad input names the offending field (FastAPI's validation errors are rewritten to it); 401
says "not logged in", 403 names the role and what it may not do; 503 says Neo4j is
unreachable (the driver reconnects by itself when it is back). No traceback leaves the server.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable, SessionExpired
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend.errors import CrosslinkError, TooManyAttemptsError

log = logging.getLogger("crosslink.api")

NEO4J_DOWN = ("Neo4j is unreachable; the graph cannot be read right now. Try again in a "
              "moment (the server reconnects by itself); if it lasts, check `crosslink neo4j "
              "status` or NEO4J_URI.")


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


def error_response(status: int, code: str, message: str, field: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    detail: dict[str, Any] = {"code": code, "message": message}
    if field:
        detail["field"] = field
    return JSONResponse(status_code=status, content={"error": detail}, headers=headers)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Not logged in"},
    403: {"model": ErrorBody, "description": "The role may not do this"},
    422: {"model": ErrorBody, "description": "Bad input (the field is named)"},
    503: {"model": ErrorBody, "description": "Neo4j is unreachable"},
}


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or str(loc[-1] if loc else "")


def _crosslink(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CrosslinkError)
    headers = ({"Retry-After": str(exc.retry_after)}
               if isinstance(exc, TooManyAttemptsError) else None)
    return error_response(exc.status, exc.code, exc.message, exc.field, headers)


def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = _field(first.get("loc", ()))
    message = f"{field}: {first.get('msg', 'invalid')}" if field else str(first.get("msg"))
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return error_response(422, "invalid", message, field or None)


def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 401: "not_logged_in",
             403: "forbidden"}
    return error_response(exc.status_code, codes.get(exc.status_code, "http_error"),
                          str(exc.detail), headers=getattr(exc, "headers", None))


def _neo4j_down(request: Request, exc: Exception) -> JSONResponse:
    log.warning("Neo4j unreachable: %s", exc)
    request.app.state.neo4j_down = True  # next requests probe quickly (deps.get_graph)
    return error_response(503, "neo4j_unavailable", NEO4J_DOWN, headers={"Retry-After": "5"})


def _overflow(_request: Request, exc: Exception) -> JSONResponse:
    return error_response(422, "invalid", f"a number is out of range: {exc}")


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error",
                          "something went wrong on the server; it is in the server's log")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(CrosslinkError, _crosslink)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(ServiceUnavailable, _neo4j_down)
    app.add_exception_handler(SessionExpired, _neo4j_down)
    app.add_exception_handler(DatabaseUnavailable, _neo4j_down)
    app.add_exception_handler(OverflowError, _overflow)  # a safety net; routes bound ids
    app.add_exception_handler(Exception, _unexpected)
