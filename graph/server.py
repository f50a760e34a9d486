"""The managed local Neo4j Community server (the embedded default).

Neo4j's distribution tarball is not on Maven Central, so the server is assembled from the
``org.neo4j:neo4j`` and ``org.neo4j:neo4j-bolt`` jars (``launcher/pom.xml``) and started by a
small launcher class (``launcher/CrosslinkNeo4j.java``) as a child process on a free loopback
Bolt port, with auth on and a generated password kept in a file only the user can read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import ServiceUnavailable

LAUNCHER_DIR = Path(__file__).with_name("launcher")
LAUNCHER_CLASS = "CrosslinkNeo4j"

# the health probe's query (graph.connection); the managed server plans it while starting
SERVER_INFO = ("CALL dbms.components() YIELD name, versions, edition "
               "RETURN name, versions[0] AS version, edition")

INSTALL_HINT = (
    "On Debian or Ubuntu: `sudo apt-get install -y openjdk-17-jdk-headless maven` "
    "(`make setup` does this by itself when run as root)."
)


class Neo4jServerError(RuntimeError):
    """The managed Neo4j could not be provisioned, started or stopped; the message says why."""


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    version: str
    bolt_uri: str | None
    home: Path
    pid: int | None


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        what = "Java 17 or 21 (a JDK, for javac)" if name in ("java", "javac") else "Apache Maven"
        raise Neo4jServerError(
            f"`{name}` was not found on PATH. The managed Neo4j needs {what}. {INSTALL_HINT} "
            "Or set NEO4J_URI to use an existing Neo4j server instead."
        )
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int) -> bool:
    """Nothing listens on ``port`` (connections of a stopped server in TIME_WAIT do not
    count: servers bind with SO_REUSEADDR)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child is not a running server
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[-1][:1] != "Z"
    except OSError:
        return True


def _is_our_server(pid: int, home: Path) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _pid_alive(pid)
    return LAUNCHER_CLASS.encode() in cmdline and str(home).encode() in cmdline


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text[-lines:]) or f"({path} is empty)"


class ManagedNeo4j:
    """One managed server: its jars (``runtime_dir``) and its data, logs and password (``home``)."""

    def __init__(
        self,
        home: Path,
        runtime_dir: Path,
        version: str,
        heap: str = "1g",
        pagecache: str = "512m",
        start_timeout: float = 180.0,
    ) -> None:
        self.home = home.resolve()
        self.runtime_dir = runtime_dir.resolve()
        self.version = version
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout = start_timeout

    # -- files ---------------------------------------------------------------------------
    @property
    def jars_dir(self) -> Path:
        return self.runtime_dir / self.version

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def state_file(self) -> Path:
        return self.home / "server.json"

    @property
    def config_file(self) -> Path:
        return self.home / "neo4j.conf"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def import_dir(self) -> Path:
        """The only folder ``LOAD CSV`` may read ``file:///`` URLs from (empty: nothing of the
        app loads through it), so a query cannot read the password file or /etc."""
        return self.home / "import"

    def password(self) -> str:
        """The generated password, created with mode 0600 on first use."""
        self.home.mkdir(parents=True, exist_ok=True)
        if not self.password_file.exists():
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(24))
        os.chmod(self.password_file, 0o600)
        return self.password_file.read_text(encoding="ascii").strip()

    # -- provisioning --------------------------------------------------------------------
    @property
    def lib_dir(self) -> Path:
        return self.jars_dir / "lib"

    @property
    def classes_dir(self) -> Path:
        """Compiled launcher, per version of its source, so an edit recompiles it."""
        source = (LAUNCHER_DIR / f"{LAUNCHER_CLASS}.java").read_bytes()
        return self.jars_dir / f"classes-{hashlib.sha256(source).hexdigest()[:12]}"

    def is_provisioned(self) -> bool:
        return self.lib_dir.is_dir() and (self.classes_dir / f"{LAUNCHER_CLASS}.class").exists()

    def provision(self) -> Path:
        """Fetch the jars with Maven (once per version) and compile the launcher."""
        if not self.lib_dir.is_dir():
            self._fetch_jars()
        if not (self.classes_dir / f"{LAUNCHER_CLASS}.class").exists():
            self._compile_launcher()
        return self.jars_dir

    def _fetch_jars(self) -> None:
        mvn = _require_tool("mvn")
        self.jars_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".lib-", dir=self.jars_dir))
        try:
            fetch = subprocess.run(
                [mvn, "-q", "-B", "-f", str(LAUNCHER_DIR / "pom.xml"),
                 "dependency:copy-dependencies", f"-Dneo4j.version={self.version}",
                 f"-DoutputDirectory={staging}"],
                capture_output=True, text=True, check=False,
            )
            if fetch.returncode != 0:
                raise Neo4jServerError(
                    f"Maven could not fetch Neo4j {self.version} from Maven Central:\n"
                    + (fetch.stdout + fetch.stderr)[-3000:]
                )
            if not self.lib_dir.exists():  # else another process won the race
                staging.rename(self.lib_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _compile_launcher(self) -> None:
        _require_tool("java")
        javac = _require_tool("javac")
        staging = Path(tempfile.mkdtemp(prefix=".classes-", dir=self.jars_dir))
        try:
            build = subprocess.run(
                [javac, "-cp", str(self.lib_dir / "*"), "-d", str(staging),
                 str(LAUNCHER_DIR / f"{LAUNCHER_CLASS}.java")],
                capture_output=True, text=True, check=False,
            )
            if build.returncode != 0:
                raise Neo4jServerError(f"compiling the Neo4j launcher failed:\n{build.stderr}")
            if not self.classes_dir.exists():
                staging.rename(self.classes_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    # -- lifecycle -----------------------------------------------------------------------
    def _read_state(self) -> dict[str, object] | None:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def status(self) -> ServerStatus:
        state = self._read_state()
        pid = state.get("pid") if state else None
        if state and isinstance(pid, int) and _is_our_server(pid, self.home):
            return ServerStatus(True, str(state["version"]), str(state["bolt_uri"]), self.home,
                                pid)
        return ServerStatus(False, self.version, None, self.home, None)

    def _previous_port(self) -> int | None:
        """The port of the last start, when it is still free: a restarted server keeps its
        Bolt address, so running apps' drivers reconnect to it without a restart."""
        if not self.config_file.exists():
            return None
        found = re.search(r"^server\.bolt\.listen_address=127\.0\.0\.1:(\d+)$",
                          self.config_file.read_text(encoding="utf-8"), re.M)
        port = int(found.group(1)) if found else None
        return port if port and port_is_free(port) else None

    def _write_config(self, port: int) -> None:
        address = f"127.0.0.1:{port}"
        settings = {
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": address,
            "server.bolt.advertised_address": address,
            "server.bolt.tls_level": "DISABLED",
            "dbms.security.auth_enabled": "true",
            "server.memory.pagecache.size": self.pagecache,
            "db.tx_log.rotation.retention_policy": "2 files",
            "dbms.usage_report.enabled": "false",
            "server.logs.debug.enabled": "true",
            # no side doors: file URLs resolve inside the import folder (file:///etc/passwd is
            # <import>/etc/passwd), and LOAD CSV may fetch no http, https or ftp URL, since
            # every IPv4 and IPv6 address is blocked
            "server.directories.import": str(self.import_dir),
            "dbms.security.allow_csv_import_from_file_urls": "true",
            "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
        }
        self.config_file.write_text(
            "# Written by crosslink at each start; edit graph/server.py instead.\n"
            + "".join(f"{k}={v}\n" for k, v in settings.items()),
            encoding="utf-8",
        )

    def start(self, parent_pid: int | None = None) -> ServerStatus:
        """Start the server unless it runs already; return once a driver has connected.

        With ``parent_pid`` the server stops by itself when that process ends (also after
        ``kill -9``); without it the server runs until ``stop()``.
        """
        current = self.status()
        if current.running:
            return current
        self.provision()
        java = _require_tool("java")
        password = self.password()
        port = self._previous_port() or free_port()
        (self.home / "logs").mkdir(parents=True, exist_ok=True)
        self.import_dir.mkdir(mode=0o700, exist_ok=True)
        self._write_config(port)
        command = [
            java, f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
            "-cp", f"{self.classes_dir}{os.pathsep}{self.lib_dir / '*'}",
            LAUNCHER_CLASS, str(self.home), str(self.config_file), str(self.password_file),
        ]
        if parent_pid:
            command.append(str(parent_pid))
        with open(self.console_log, "ab") as log:
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.home, start_new_session=True,
            )
        bolt_uri = f"bolt://127.0.0.1:{port}"
        self.state_file.write_text(
            json.dumps({"pid": process.pid, "bolt_uri": bolt_uri, "version": self.version,
                        "started_at": time.time(), "parent_pid": parent_pid}),
            encoding="utf-8",
        )
        self._wait_ready(process, bolt_uri, password)
        return ServerStatus(True, self.version, bolt_uri, self.home, process.pid)

    def _wait_ready(self, process: subprocess.Popen[bytes], bolt_uri: str, password: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.state_file.unlink(missing_ok=True)
                raise Neo4jServerError(
                    f"Neo4j exited with code {process.returncode} while starting. "
                    f"Last lines of {self.console_log}:\n{_tail(self.console_log)}\n"
                    f"Last lines of debug.log:\n{_tail(self.home / 'logs' / 'debug.log', 15)}"
                )
            try:
                with GraphDatabase.driver(bolt_uri, auth=("neo4j", password)) as driver:
                    driver.verify_connectivity()
                    # ready means Cypher answers: a fresh JVM plans its first query for
                    # seconds, which would otherwise fall on the first health check
                    driver.execute_query(SERVER_INFO)
                return
            except (ServiceUnavailable, OSError) as exc:
                last_error = exc
                time.sleep(0.5)
        self._terminate(process.pid)
        raise Neo4jServerError(
            f"Neo4j did not answer on {bolt_uri} within {self.start_timeout:.0f} s "
            f"(last error: {last_error}). Last lines of {self.console_log}:\n"
            f"{_tail(self.console_log)}\nLast lines of debug.log:\n"
            f"{_tail(self.home / 'logs' / 'debug.log', 15)}"
        )

    def _terminate(self, pid: int, timeout: float = 60.0) -> None:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:  # reap it if it is our child
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            except ChildProcessError:
                pass
            if not _pid_alive(pid):
                return
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    def stop(self) -> bool:
        """Stop the server; True if one was running."""
        current = self.status()
        if current.running and current.pid:
            self._terminate(current.pid)
        self.state_file.unlink(missing_ok=True)
        return current.running

    @contextmanager
    def running(self) -> Iterator[ServerStatus]:
        """Run the server for the duration of a ``with`` block, tied to this process."""
        already_running = self.status().running
        status = self.start(parent_pid=os.getpid())
        try:
            yield status
        finally:
            if not already_running:
                self.stop()
