"""The managed Neo4j: starts, answers, reports its state, and leaves no JVM behind."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from neo4j.exceptions import Neo4jError

from graph.connection import Graph, connect_managed
from graph.server import LAUNCHER_CLASS, ManagedNeo4j

from .conftest import REPO, _runtime_dir
from .helpers import run_cli


def _our_java_pids(home: Path) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if LAUNCHER_CLASS.encode() in cmdline and str(home).encode() in cmdline:
            try:
                state = (entry / "stat").read_text().split(") ")[-1][:1]
            except OSError:
                continue
            if state != "Z":
                pids.append(int(entry.name))
    return pids


def test_server_answers_a_write_and_a_read(graph: Graph) -> None:
    graph.write("CREATE (:Person {uid: 'test:P-1', full_name: 'Ana López'})")
    rows = graph.read("MATCH (p:Person {uid: $uid}) RETURN p.full_name AS name",
                      {"uid": "test:P-1"})
    assert rows == [{"name": "Ana López"}]
    assert graph.server_info()["version"].startswith("5.26")


def test_password_file_is_private(neo4j_server: ManagedNeo4j) -> None:
    mode = stat.S_IMODE(neo4j_server.password_file.stat().st_mode)
    assert mode == 0o600
    assert len(neo4j_server.password()) >= 24


def test_cli_start_status_stop_leaves_no_java(tmp_path: Path) -> None:
    env = {
        "CROSSLINK_DATA_DIR": str(tmp_path / "data"),
        "CROSSLINK_NEO4J_RUNTIME_DIR": str(_runtime_dir()),
        "CROSSLINK_NEO4J_HEAP": "512m",
        "CROSSLINK_NEO4J_PAGECACHE": "64m",
    }
    home = (tmp_path / "data" / "neo4j").resolve()
    stopped = run_cli(["neo4j", "status"], env=env)
    assert "stopped" in stopped.stdout
    started = run_cli(["neo4j", "start"], env=env)
    assert started.returncode == 0, started.stderr
    try:
        status = run_cli(["neo4j", "status"], env=env)
        assert "running" in status.stdout
        assert "bolt://127.0.0.1:" in status.stdout
        assert "5.26" in status.stdout
        assert str(home) in status.stdout.replace("\n", "")
        assert _our_java_pids(home)
    finally:
        result = run_cli(["neo4j", "stop"], env=env)
    assert result.returncode == 0
    assert "stopped" in run_cli(["neo4j", "status"], env=env).stdout
    assert _our_java_pids(home) == []


def test_server_stops_when_its_parent_is_killed(tmp_path: Path) -> None:
    home = tmp_path / "neo4j"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from graph.server import ManagedNeo4j
        import os
        server = ManagedNeo4j(home=Path({str(home)!r}), runtime_dir=Path({str(_runtime_dir())!r}),
                              version="5.26.30", heap="512m", pagecache="64m")
        server.start(parent_pid=os.getpid())
        print("ready", flush=True)
        time.sleep(600)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline().strip() == "ready"
        assert _our_java_pids(home.resolve())
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 60
    while _our_java_pids(home.resolve()) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _our_java_pids(home.resolve()) == []


def test_missing_java_names_what_to_install(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.server import Neo4jServerError

    monkeypatch.setenv("PATH", str(tmp_path))  # an empty PATH: no java, no mvn
    server = ManagedNeo4j(home=tmp_path / "h", runtime_dir=tmp_path / "rt", version="5.26.30")
    with pytest.raises(Neo4jServerError, match="apt-get install -y openjdk-17-jdk-headless maven"):
        server.provision()


def test_second_connection_reuses_running_server(neo4j_server: ManagedNeo4j) -> None:
    before = neo4j_server.status()
    graph = connect_managed(neo4j_server)
    try:
        assert neo4j_server.status().pid == before.pid
        assert graph.read("RETURN 1 AS one") == [{"one": 1}]
    finally:
        graph.close()


def test_load_csv_reads_no_file_outside_the_import_folder(graph: Graph,
                                                          neo4j_server: ManagedNeo4j) -> None:
    # even a raw driver session: the server itself confines file URLs and fetches no URL
    secret = neo4j_server.password_file
    for url in (f"file://{secret}", "file:///etc/passwd"):
        with pytest.raises(Neo4jError) as refused:
            graph.read("LOAD CSV FROM $url AS line RETURN line LIMIT 1", {"url": url})
        assert neo4j_server.password() not in str(refused.value)
    with pytest.raises(Neo4jError) as blocked:
        graph.read("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line LIMIT 1")
    assert "blocked" in str(blocked.value).lower() or "not allowed" in str(blocked.value).lower()
    # the import folder of its own is the only place file URLs read from
    (neo4j_server.import_dir / "ok.csv").write_text("a,b\n", encoding="utf-8")
    rows = graph.read("LOAD CSV FROM 'file:///ok.csv' AS line RETURN line")
    assert rows == [{"line": ["a", "b"]}]
    (neo4j_server.import_dir / "ok.csv").unlink()
