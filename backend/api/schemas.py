"""Response models shared by several routers: graph elements and pages of them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path
from pydantic import BaseModel, Field

# Ids of app-state rows in paths: bounded so that no number overflows the database.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class NodeOut(BaseModel):
    id: str = Field(description="<Label>:<key>, e.g. Person:gt-pnc:P-001")
    label: str
    labels: list[str]
    caption: Any = None
    properties: dict[str, Any]
    provenance: dict[str, Any] = Field(
        description="source, record_id, reliability, credibility, tlp, ingested_at, batch_id")
    masked: bool = Field(default=False, description="A protected person shown without names")


class RelationshipOut(BaseModel):
    id: str
    type: str
    source: str
    target: str
    properties: dict[str, Any]
    provenance: dict[str, Any]


class SubgraphOut(BaseModel):
    nodes: list[NodeOut]
    relationships: list[RelationshipOut]
