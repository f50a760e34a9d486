"""Benchmark: search and expand over HTTP, against the same reads run bare, in one run.

Loads the medium demo data set into a throw-away managed Neo4j, serves the API with
`crosslink serve` in a process of its own (as in production: the clients' threads must not
share the server's interpreter lock) on a free port, and measures p50 / p95 of
``GET /api/search`` and ``GET /api/expand`` with 1 and 20 concurrent clients, as an
investigator of the authority with the most cases (so the access rule filters every
answer). The baseline is the same graph read (``graph.search.search`` /
``graph.neighbourhood.expand``, access rule included) called directly through the driver,
with the same concurrency: the ratio is what HTTP, auth, audit and JSON add.

    .venv/bin/python bench/api.py [--scale medium] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from backend.auth.tokens import create_token  # noqa: E402
from backend.auth.viewer import viewer_for  # noqa: E402
from backend.db.engine import open_app_db  # noqa: E402
from backend.services import users  # noqa: E402
from backend.settings import Settings  # noqa: E402
from graph import neighbourhood, search  # noqa: E402
from graph.connection import connect_managed  # noqa: E402
from graph.schema import apply_schema  # noqa: E402
from graph.server import ManagedNeo4j, free_port  # noqa: E402
from ingest.demo.generator import generate  # noqa: E402
from ingest.demo.load import load_demo  # noqa: E402

TOP_AUTHORITY = ("MATCH (c:Case) WHERE c.authority IS NOT NULL "
                 "RETURN c.authority AS a, count(*) AS n ORDER BY n DESC LIMIT 1")
OWN_PERSONS = ("MATCH (p:Person)-[:INVOLVED_IN]->(c:Case {authority: $a}) "
               "WHERE NOT coalesce(p.protected, false) "
               "RETURN DISTINCT p.uid AS uid, p.full_name AS name LIMIT 50")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure(call: Callable[[int], None], requests: int, clients: int) -> list[float]:
    def one(i: int) -> float:
        started = time.perf_counter()
        call(i)
        return time.perf_counter() - started

    for i in range(min(20, requests)):  # warm-up: plans and connections
        call(i)
    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one, range(requests)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="medium")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="crosslink-bench-") as home:
        server = ManagedNeo4j(home=Path(home) / "neo4j", runtime_dir=settings.runtime_dir,
                              version=settings.neo4j_version, heap=settings.neo4j_heap,
                              pagecache=settings.neo4j_pagecache)
        with server.running():
            graph = connect_managed(server)
            apply_schema(graph)
            print(f"loading the {args.scale} demo set...", flush=True)
            load_demo(graph, generate(scale=args.scale, seed=7))
            authority = graph.read(TOP_AUTHORITY)[0]["a"]
            persons = graph.read(OWN_PERSONS, {"a": authority})
            print(f"investigator of {authority}; {len(persons)} sample persons", flush=True)

            app_settings = Settings(data_dir=Path(home),
                                    database_url=f"sqlite:///{Path(home) / 'app.db'}")
            db = open_app_db(app_settings)
            with db.session() as s:
                users.create_authority(s, authority, name=authority, country="GT",
                                       kind="police")
                user = users.create_user(s, "bench", "bench password 1",
                                         authority_id=authority, role="investigator")
                token = create_token(s, user, "bench")
                viewer = viewer_for(s, user)
            scope = viewer.scope(graph)
            port = free_port()
            status = server.status()
            env = {**os.environ, "NEO4J_URI": str(status.bolt_uri), "NEO4J_USER": "neo4j",
                   "NEO4J_PASSWORD": server.password(), "CROSSLINK_DATA_DIR": home,
                   "DATABASE_URL": app_settings.sql_url}
            log = Path(home) / "serve.log"
            api = subprocess.Popen(
                [str(Path(sys.executable).with_name("crosslink")), "serve",
                 "--host", "127.0.0.1", "--port", str(port)],
                env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).is_success:
                        break
                except httpx.HTTPError:
                    pass
                if api.poll() is not None or time.monotonic() > deadline:
                    api.kill()
                    raise SystemExit("crosslink serve did not start: "
                                     + log.read_text(errors="replace")[-2000:])
                time.sleep(0.2)

            words = [p["name"].split()[0] for p in persons]
            ids = [f"Person:{p['uid']}" for p in persons]
            local = threading.local()

            def client() -> httpx.Client:
                if not hasattr(local, "client"):
                    local.client = httpx.Client(
                        base_url=f"http://127.0.0.1:{port}", timeout=60,
                        headers={"Authorization": f"Bearer {token}"})
                return local.client

            def http_search(i: int) -> None:
                client().get("/api/search", params={"q": words[i % len(words)]}
                             ).raise_for_status()

            def http_expand(i: int) -> None:
                client().get("/api/expand", params={"id": ids[i % len(ids)]}
                             ).raise_for_status()

            def bare_search(i: int) -> None:
                search.search(graph, scope, words[i % len(words)])

            def bare_expand(i: int) -> None:
                uid = persons[i % len(persons)]["uid"]
                neighbourhood.expand(graph, scope, "Person", "uid", uid,
                                     neighbourhood.ExpandFilter())

            print(f"\n{'':<16}{'clients':>8}{'HTTP p50':>12}{'p95':>12}"
                  f"{'bare p50':>12}{'p95':>12}{'p95 ratio':>11}")
            for name, http, bare in (("search", http_search, bare_search),
                                     ("expand", http_expand, bare_expand)):
                for clients in (1, 20):
                    h50, h95 = percentiles(measure(http, args.requests, clients))
                    b50, b95 = percentiles(measure(bare, args.requests, clients))
                    print(f"{name:<16}{clients:>8}{h50:>10.1f}ms{h95:>10.1f}ms"
                          f"{b50:>10.1f}ms{b95:>10.1f}ms{h95 / b95:>10.2f}x", flush=True)
            api.terminate()
            api.wait(timeout=30)
            db.close()
            graph.close()


if __name__ == "__main__":
    main()
