"""Opening the graph the settings ask for: an external server, or the managed local one."""

from __future__ import annotations

from backend.settings import Settings
from graph.connection import Graph, connect, connect_managed
from graph.schema import apply_schema
from graph.server import ManagedNeo4j


def managed_server(settings: Settings) -> ManagedNeo4j:
    return ManagedNeo4j(
        home=settings.neo4j_home,
        runtime_dir=settings.runtime_dir,
        version=settings.neo4j_version,
        heap=settings.neo4j_heap,
        pagecache=settings.neo4j_pagecache,
        start_timeout=settings.neo4j_start_timeout,
    )


def open_graph(settings: Settings, *, parent_pid: int | None = None,
               init_schema: bool = True) -> Graph:
    """Connect to NEO4J_URI if set, else to the managed server (started if needed).

    ``parent_pid`` ties a server started here to that process (``crosslink serve``); without it
    a started server keeps running for later commands until ``crosslink neo4j stop``.
    """
    if settings.neo4j_uri:
        graph = connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                        settings.neo4j_database)
    else:
        graph = connect_managed(managed_server(settings), parent_pid=parent_pid)
    if init_schema:
        apply_schema(graph)
    return graph
