"""``GET /api/health``: is the app up, and can it reach Neo4j. Answers within two seconds
whatever Neo4j's state, because load balancers and monitors give up after a few."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError
from pydantic import BaseModel

from backend import __version__
from graph.connection import Graph

router = APIRouter(prefix="/health", tags=["health"])

PROBE_TIMEOUT = 1.5  # seconds for Neo4j to answer the health probe


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
def health(request: Request) -> Health | JSONResponse:
    # the graph without GraphDep: its recovery check after an outage waits as long as the
    # driver lets it, the probe below at most PROBE_TIMEOUT
    graph: Graph = request.app.state.graph
    try:
        info = graph.probe(PROBE_TIMEOUT)
    except (DriverError, Neo4jError, OSError) as exc:
        request.app.state.neo4j_down = True  # the next requests check first (deps.get_graph)
        body = Health(status="degraded", version=__version__,
                      neo4j=Neo4jHealth(reachable=False, error=f"Neo4j is unreachable: {exc}"))
        return JSONResponse(status_code=503, content=body.model_dump())
    return Health(status="ok", version=__version__,
                  neo4j=Neo4jHealth(reachable=True, version=info["version"],
                                    edition=info["edition"]))
