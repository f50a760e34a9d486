"""The connection to Neo4j: one driver per process, wrapped with the database it talks to.

Every function that reads or writes the graph receives a ``Graph``. Reads go through READ
access-mode transactions (routed to secondaries on a cluster); writes through managed write
transactions, which the driver retries, so write functions must be idempotent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, unit_of_work
from neo4j.exceptions import ServiceUnavailable

from graph.server import SERVER_INFO, ManagedNeo4j

T = TypeVar("T")


@dataclass
class Graph:
    driver: Driver
    database: str = "neo4j"
    uri: str = ""
    server: ManagedNeo4j | None = None
    _probe: Future[dict[str, str]] | None = field(default=None, init=False, repr=False,
                                                   compare=False)
    _probe_lock: threading.Lock = field(default_factory=threading.Lock, init=False,
                                        repr=False, compare=False)

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
        return _server_info(self.read(SERVER_INFO))

    def probe(self, timeout: float) -> dict[str, str]:
        """``server_info`` within ``timeout`` seconds whatever the server's state, for health
        checks: one try without the driver's retries (30 s by default), and a server that
        accepts connections but does not answer is given up at the deadline too.

        Raises ``ServiceUnavailable`` when Neo4j is down or did not answer in time. Callers
        that come while a probe is under way wait for that one, so a hung server never holds
        more than one thread."""
        with self._probe_lock:
            if self._probe is None or self._probe.done():
                self._probe = Future()
                threading.Thread(target=self._run_probe, args=(self._probe, timeout),
                                 name="neo4j-probe", daemon=True).start()
            probe = self._probe
        try:
            return probe.result(timeout=timeout)
        except TimeoutError:
            raise ServiceUnavailable(f"Neo4j did not answer within {timeout:g} s") from None

    def _run_probe(self, probe: Future[dict[str, str]], timeout: float) -> None:
        probe.set_running_or_notify_cancel()

        @unit_of_work(timeout=timeout)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return tx.run(SERVER_INFO).data()

        try:
            with self.driver.session(database=self.database, default_access_mode=READ_ACCESS,
                                     connection_acquisition_timeout=timeout,
                                     max_transaction_retry_time=0) as session:
                probe.set_result(_server_info(session.execute_read(work)))
        except Exception as exc:  # handed to the waiting caller as it is
            probe.set_exception(exc)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _server_info(rows: list[dict[str, Any]]) -> dict[str, str]:
    row = rows[0] if rows else {}
    return {"version": str(row.get("version", "")), "edition": str(row.get("edition", ""))}


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
