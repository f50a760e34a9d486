"""`crosslink serve` on a fresh instance creates one admin with a random password, prints
it once, and that login works; a restart prints nothing new."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import httpx

from graph.server import free_port
from tests.helpers import REPO


def _serve(env: dict[str, str], port: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port)], cwd=REPO,
        env={**os.environ, **env, "COLUMNS": "250"}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + 120
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if "Crosslink at http" in line:
            return process, "".join(lines)
    process.terminate()
    raise AssertionError("serve did not start:\n" + "".join(lines))


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=30)


def test_fresh_serve_prints_a_usable_admin_password_once(crosslink_env: dict[str, str]
                                                         ) -> None:
    port = free_port()
    process, output = _serve(crosslink_env, port)
    try:
        found = re.search(r"created user admin with password (\S+)", output)
        assert found, output
        assert "crosslink user passwd admin" in output
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as c:
            deadline = time.monotonic() + 30
            while True:
                try:
                    r = c.post("/api/auth/login",
                               json={"username": "admin", "password": found.group(1)})
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline
                    time.sleep(0.3)
            assert r.status_code == 200 and r.json()["role"] == "admin"
    finally:
        _stop(process)
    process, output = _serve(crosslink_env, port)
    _stop(process)
    assert "password" not in output
