"""Gathers the routers under /api."""

from __future__ import annotations

from fastapi import APIRouter

from backend.api.routes import (
    alerts,
    audit,
    auth,
    cases,
    console,
    graph,
    health,
    ingest,
    networks,
    people,
    queries,
    referrals,
    resolution,
    sharing,
    standards,
    statistics,
    subgraphs,
    teams,
    victims,
)

api_router = APIRouter()
for module in (health, auth, graph, cases, networks, resolution, ingest, queries, subgraphs,
               sharing, standards, teams, referrals, console, audit, people, statistics,
               alerts, victims):
    api_router.include_router(module.router)
