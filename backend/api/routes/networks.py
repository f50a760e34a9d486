"""Cross-border networks: groups of linked cases spanning jurisdictions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from backend.api.deps import DbDep, GraphDep, SettingsDep, ViewerDep
from backend.api.errors import ERROR_RESPONSES
from backend.services import networks

router = APIRouter(prefix="/networks", tags=["networks"], responses=ERROR_RESPONSES)


@router.get("")
def list_networks(viewer: ViewerDep, graph: GraphDep, db: DbDep, settings: SettingsDep,
                  min_jurisdictions: Annotated[int, Query(ge=1, le=50)] = 2
                  ) -> list[dict[str, Any]]:
    """Networks whose every case you may see, highest score first."""
    return networks.list_networks(graph, db, viewer, min_jurisdictions=min_jurisdictions,
                                  timeout=settings.api_timeout)


@router.get("/{network_id}")
def get_network(network_id: str, viewer: ViewerDep, graph: GraphDep, db: DbDep,
                settings: SettingsDep) -> dict[str, Any]:
    return networks.network(graph, db, viewer, network_id, timeout=settings.api_timeout)
