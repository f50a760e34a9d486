"""The connection to Neo4j: one driver per process, wrapped with the database it talks to.

Every function that reads or writes the graph receives a ``Graph``. Reads go through READ
access-mode transactions (routed to secondaries on a cluster); writes through managed write
transactions, which the driver retries, so write functions must be idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, unit_of_work

from graph.server import ManagedNeo4j

T = TypeVar("T")


@dataclass
class Graph:
    driver: Driver
    database: str = "neo4j"
    uri: str = ""
    server: ManagedNeo4j | None = None

    def read(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Rows of a read-only query, as dicts, in a READ transaction."""
        @unit_of_work(timeout=timeout)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return tx.run(cypher, dict(params or {})).data()  # type: ignore[arg-type]

        with self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as s:
            return s.execute_read(work)

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> dict[str, int]:
        """Run one idempotent write in a managed transaction; return the update counters."""

        def work(tx: ManagedTransaction) -> dict[str, int]:
            summary = tx.run(cypher, dict(params or {})).consume()  # type: ignore[arg-type]
            counters = summary.counters
            return {
                "nodes_created": counters.nodes_created,
                "nodes_deleted": counters.nodes_deleted,
                "relationships_created": counters.relationships_created,
                "relationships_deleted": counters.relationships_deleted,
                "properties_set": counters.properties_set,
            }

        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def read_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as s:
            return s.execute_read(work)

    def write_tx(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def server_info(self) -> dict[str, str]:
        """Name, version and edition of the Neo4j server (raises if it is unreachable)."""
        rows = self.read(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition"
        )
        row = rows[0] if rows else {}
        return {"version": str(row.get("version", "")), "edition": str(row.get("edition", ""))}

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(uri: str, user: str, password: str | None, database: str = "neo4j") -> Graph:
    """A ``Graph`` on an existing server; ``neo4j://`` routing URIs work unchanged."""
    auth = (user, password) if password is not None else None
    # Warnings about labels or properties not in the data yet are noise in logs and tests.
    driver = GraphDatabase.driver(uri, auth=auth, max_connection_lifetime=3600,
                                  notifications_min_severity="OFF")
    return Graph(driver=driver, database=database, uri=uri)


def connect_managed(server: ManagedNeo4j, parent_pid: int | None = None) -> Graph:
    """Start the managed server if it is not running, and connect to it."""
    status = server.start(parent_pid=parent_pid)
    assert status.bolt_uri is not None
    graph = connect(status.bolt_uri, "neo4j", server.password())
    graph.server = server
    return graph
