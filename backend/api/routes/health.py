"""``GET /api/health``: is the app up, and can it reach Neo4j."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired
from pydantic import BaseModel

from backend import __version__
from backend.api.deps import GraphDep

router = APIRouter(prefix="/health", tags=["health"])


class Neo4jHealth(BaseModel):
    reachable: bool
    version: str | None = None
    edition: str | None = None
    error: str | None = None


class Health(BaseModel):
    status: str
    version: str
    neo4j: Neo4jHealth


@router.get("", response_model=Health, responses={503: {"model": Health}})
def health(graph: GraphDep) -> Health | JSONResponse:
    try:
        info = graph.server_info()
    except (ServiceUnavailable, SessionExpired, Neo4jError, OSError) as exc:
        body = Health(status="degraded", version=__version__,
                      neo4j=Neo4jHealth(reachable=False, error=f"Neo4j is unreachable: {exc}"))
        return JSONResponse(status_code=503, content=body.model_dump())
    return Health(status="ok", version=__version__,
                  neo4j=Neo4jHealth(reachable=True, version=info["version"],
                                    edition=info["edition"]))
