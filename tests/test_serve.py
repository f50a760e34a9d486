"""`crosslink serve` answers over real HTTP: /api/health and the UI at /."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
import urllib.request

from graph.server import free_port

from .helpers import REPO


def test_serve_answers_health_with_neo4j_version(crosslink_env: dict[str, str]) -> None:
    port = free_port()
    env = {**os.environ, **crosslink_env}
    server = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        body = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5) as r:
                    body = json.load(r)
                    break
            except OSError:
                if server.poll() is not None:
                    raise AssertionError(
                        server.stdout.read() if server.stdout else "exited") from None
                time.sleep(0.5)
        assert body is not None, "server did not answer /api/health"
        assert body["status"] == "ok"
        assert body["neo4j"]["reachable"] is True
        assert body["neo4j"]["version"].startswith("5.26")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.status == 200
            assert "Crosslink" in page.read().decode()
        assert _line_within(server, "ingest ready: its", 90)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _line_within(process: subprocess.Popen[str], text: str, seconds: float) -> str | None:
    """The first line of the process's output holding ``text``, read for ``seconds``."""
    assert process.stdout is not None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            line = process.stdout.readline()
            if text in line:
                return line
            if not line and process.poll() is not None:
                return None
    return None
