"""Every ``crosslink`` command that changes something goes through the services the API calls
and leaves the API's audit record, naming the operator as ``cli:<login>``.

The commands are read from the typer app: a new command must be added either to ``steps()`` (with
the audit record it leaves) or to ``CHANGES_NOTHING`` (with why), or the first test fails.
The walk runs the real CLI (in this process, with typer's runner: two dozen commands, each
started as its own Python would take minutes on a busy machine) against the real Neo4j and app
database, in the order an operator would (set up people and keys, load, resolve, judge,
share, export, import, wipe, demo).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from backend.auth.viewer import viewer_for
from backend.cli import app
from backend.db.engine import open_app_db
from backend.db.models import AuditEvent
from backend.services import audit, subgraphs, teams, users
from backend.settings import Settings
from graph.connection import Graph
from graph.networks import network_id
from graph.server import ManagedNeo4j
from tests.conftest import _runtime_dir
from tests.helpers import cli_commands
from tests.resolution.corridor import GT_FILES, MX_FILES, write_files
from tests.standards.samples import CTDC_K_COLUMNS, write_ctdc, write_htcds_xlsx
from tests.standards.test_ctdc_import import K_ROWS

LOGIN = "walker"
CLI_USER = f"cli:{LOGIN}"
PASSWORD = "correct horse battery 9\n"

# Commands that change nothing of the app's state or the graph's data, and why.
CHANGES_NOTHING: dict[str, str] = {
    "neo4j install": "fetches the Neo4j jars into the runtime folder (no data)",
    "neo4j start": "starts the managed Neo4j process",
    "neo4j stop": "stops the managed Neo4j process",
    "neo4j status": "reads the process state",
    "db stats": "reads counts",
    "cypher": "read-only console (audited as a console run)",
    "serve": "runs the server",
    "templates": "prints templates, writes blank files to a folder of the user's",
    "query list": "reads the query library",
    "query show": "reads one query",
    "query run": "read-only pattern query",
    "candidates": "reads SAME_AS pairs",
    "networks": "reads the networks",
    "user list": "reads users",
    "authority list": "reads authorities",
    "team list": "reads teams",
    "referral list": "reads referrals (audited as a view)",
    "audit": "reads the audit log",
    "mapping suggest": "writes a first mapping into a file of the user's",
    "mapping check": "reads a mapping and previews rows",
    "mapping list": "reads the kept mappings",
    "stats": "reads the statistics",
    "report situation": "reads the figures of a country into a file of the user's",
    "keys show": "reads the identity (writes it to a file of the user's)",
    "watch list": "reads the watchlists",
}


@dataclass
class Step:
    """One run of a command and the audit record it must leave (``parameters``: a subset)."""

    command: str
    args: list[str]
    action: audit.Action
    parameters: dict[str, Any] = field(default_factory=dict)
    input: str | None = None
    before: Callable[[Walk], None] | None = None


@dataclass
class Walk:
    env: dict[str, str]
    folder: Path
    settings: Settings

    def run(self, args: list[str], input: str | None = None) -> Result:
        """``crosslink ARGS`` with the walk's environment (the operator's login too)."""
        return CliRunner().invoke(app, args, input=input, env=self.env)

    def db_call(self, work: Callable[[Any], Any]) -> Any:
        db = open_app_db(self.settings)
        try:
            with db.session() as session:
                return work(session)
        finally:
            db.close()


def _save_chart(walk: Walk) -> None:
    def save(session: Any) -> None:
        owner = viewer_for(session, users.require_user(session, "ana"))
        subgraphs.create(session, owner, name="Finca El Sol", elements={"nodes": [
            {"id": "Case:gt-pnc:GT-1"}, {"id": "Person:gt-pnc:P-1"},
            {"id": "Person:gt-pnc:P-2"}]})
    walk.db_call(save)


def _identity_file(walk: Walk) -> None:
    shown = walk.run(["keys", "show", "--out", str(walk.folder / "self.json")])
    assert shown.exit_code == 0, shown.output


def _team_id(walk: Walk) -> int:
    return int(walk.db_call(lambda s: teams.team_by_name(s, "JIT corridor").id))


def _user_id(walk: Walk, name: str) -> int:
    return int(walk.db_call(lambda s: users.require_user(s, name).id))


# the corridor scenario's network: Guatemala's GT-1 and Mexico's MX-1
CORRIDOR_NETWORK = network_id(["gt-pnc:GT-1", "mx-fge:MX-1"])


def steps(folder: Path) -> list[Step]:
    gt, mx = folder / "gt-pnc", folder / "mx-fge"
    return [
        Step("db init", ["db", "init"], audit.Action.maintenance, {"op": "schema_init"}),
        Step("authority add", ["authority", "add", "PNC-GT", "--name", "PNC Guatemala",
                               "--country", "GT", "--kind", "police"],
             audit.Action.user, {"op": "authority_add", "id": "PNC-GT"}),
        Step("authority add-source", ["authority", "add-source", "PNC-GT", "gt-pnc"],
             audit.Action.user, {"op": "authority_sources", "id": "PNC-GT",
                                 "sources": ["gt-pnc"]}),
        Step("user add", ["user", "add", "ana", "--authority", "PNC-GT", "--role",
                          "investigator", "--password-stdin"],
             audit.Action.user, {"op": "user_add", "user": "ana", "role": "investigator"},
             input=PASSWORD),
        Step("user add", ["user", "add", "bob", "--authority", "PNC-GT", "--role", "viewer",
                          "--password-stdin"],
             audit.Action.user, {"op": "user_add", "user": "bob"}, input=PASSWORD),
        Step("user passwd", ["user", "passwd", "bob", "--password-stdin"],
             audit.Action.user, {"op": "password_reset", "user": "bob"},
             input="another horse battery 7\n"),
        Step("token create", ["token", "create", "ana", "--label", "nightly"],
             audit.Action.token, {"name": "nightly", "user": "ana"}),
        Step("ingest", ["ingest", str(gt), "--source", "gt-pnc", "--source-kind", "police",
                        "--source-country", "GT", "--reliability", "B", "--credibility", "2"],
             audit.Action.upload, {"files": sorted(str(gt / f"{n}.csv") for n in GT_FILES),
                                   "source": "gt-pnc",
                                   "reliability": "B", "tlp": "AMBER", "rows_rejected": 0}),
        Step("ingest", ["ingest", str(mx), "--source", "mx-fge", "--tlp", "GREEN"],
             audit.Action.upload, {"files": sorted(str(mx / f"{n}.csv") for n in MX_FILES),
                                   "source": "mx-fge"}),
        Step("resolve", ["resolve"], audit.Action.resolve, {"auto_confirmed": 2}),
        Step("judge", ["judge", "mx-fge:10", "gt-pnc:P-1", "reject", "--why", "namesakes"],
             audit.Action.judge, {"uid_a": "mx-fge:10", "uid_b": "gt-pnc:P-1",
                                  "decision": "reject", "why": "namesakes",
                                  "decided_by": LOGIN}),
        # the Mexican load joined Guatemala's case GT-1 (a phone, an account): alerts 1-4
        Step("alerts ack", ["alerts", "ack", "1"], audit.Action.alert,
             {"op": "acknowledge", "alert": 1, "kind": "deconfliction"}),
        Step("alerts dismiss", ["alerts", "dismiss", "2", "--reason", "known to us"],
             audit.Action.alert, {"op": "dismiss", "alert": 2, "reason": "known to us"}),
        Step("alerts remind", ["alerts", "remind", "--today", "2026-01-01"], audit.Action.alert,
             {"op": "remind", "today": "2026-01-01", "raised": 0}),
        Step("watch add", ["watch", "add", "Phone", "+50255551234", "--user", "ana"],
             audit.Action.watch, {"op": "add", "label": "Phone", "key": "+50255551234"}),
        Step("watch remove", ["watch", "remove", "Phone", "+50255551234", "--user", "ana"],
             audit.Action.watch, {"op": "remove", "label": "Phone"}),
        Step("brief", ["brief", CORRIDOR_NETWORK, "--out", str(folder / "brief.pdf")],
             audit.Action.export, {"brief": CORRIDOR_NETWORK, "format": "pdf",
                                   "requesting": "GT", "withheld": 0}),
        Step("team add", ["team", "add", "JIT corridor", "--lead", "ana"],
             audit.Action.user, {"op": "team_create", "name": "JIT corridor",
                                 "leads": ["ana"]}),
        Step("team member", ["team", "member", "JIT corridor", "bob"], audit.Action.user,
             {"op": "team_add", "lead": False}),
        Step("team member", ["team", "member", "JIT corridor", "bob", "--remove"],
             audit.Action.user, {"op": "team_remove"}),
        Step("team share", ["team", "share", "JIT corridor", "gt-pnc:GT-1"], audit.Action.user,
             {"op": "team_share_case", "case": "gt-pnc:GT-1"}),
        Step("team share", ["team", "share", "JIT corridor", "gt-pnc:GT-1", "--remove"],
             audit.Action.user, {"op": "team_unshare_case", "case": "gt-pnc:GT-1"}),
        Step("authority add", ["authority", "add", "FGE-CHIS", "--name", "FGE Chiapas",
                               "--country", "MX", "--kind", "prosecutor"],
             audit.Action.user, {"op": "authority_add", "id": "FGE-CHIS"}),
        Step("referral propose", ["referral", "propose", "--case", "gt-pnc:GT-1", "--to",
                                  "FGE-CHIS", "--remedy", "criminal"],
             audit.Action.referral, {"op": "propose", "case": "gt-pnc:GT-1", "from": "PNC-GT",
                                     "to": "FGE-CHIS", "remedy": "criminal"}),
        Step("referral send", ["referral", "send", "1"], audit.Action.referral,
             {"op": "send", "referral": 1}),
        Step("referral decline", ["referral", "decline", "1", "--reason", "not ours"],
             audit.Action.referral, {"op": "decline", "referral": 1, "reason": "not ours"}),
        Step("referral close", ["referral", "close", "1"], audit.Action.referral,
             {"op": "close", "referral": 1}),
        Step("referral propose", ["referral", "propose", "--case", "gt-pnc:GT-2", "--to",
                                  "FGE-CHIS", "--remedy", "civil"],
             audit.Action.referral, {"op": "propose", "referral": 2}),
        Step("referral send", ["referral", "send", "2"], audit.Action.referral,
             {"op": "send", "referral": 2}),
        Step("referral accept", ["referral", "accept", "2"], audit.Action.referral,
             {"op": "accept", "referral": 2, "case": "gt-pnc:GT-2"}),
        Step("keys init", ["keys", "init", "--instance-id", "walk-1", "--org", "Walkers"],
             audit.Action.keys, {"op": "key_init", "instance_id": "walk-1"}),
        Step("keys trust", ["keys", "trust", "ourselves", str(folder / "self.json")],
             audit.Action.keys, {"op": "trust", "name": "ourselves", "instance_id": "walk-1"},
             before=_identity_file),
        Step("export subgraph", ["export", "subgraph", "1", "--out",
                                 str(folder / "finca.bundle.json")],
             audit.Action.export, {"subgraph": 1, "format": "bundle",
                                   "out": "finca.bundle.json", "nodes": 3},
             before=_save_chart),
        Step("export subgraph", ["export", "subgraph", "1", "--format", "ftm", "--out",
                                 str(folder / "finca.ftm.json")],
             audit.Action.export, {"subgraph": 1, "format": "ftm"}),
        Step("import bundle", ["import", "bundle", str(folder / "finca.bundle.json")],
             audit.Action.upload, {"bundle": "finca.bundle.json", "from": "walk-1"}),
        Step("import ftm", ["import", "ftm", str(folder / "finca.ftm.json"), "--source",
                            "ftm:walk"],
             audit.Action.upload, {"files": ["finca.ftm.json"], "source": "ftm:walk",
                                   "tlp": "AMBER", "format": "ftm"}),
        Step("export htcds", ["export", "htcds", "--out", str(folder / "cases.xlsx")],
             audit.Action.export, {}),
        Step("export ctdc", ["export", "ctdc", "--out", str(folder / "victims.csv")],
             audit.Action.export, {}),
        Step("import htcds", ["import", "htcds", str(folder / "htcds.xlsx"), "--source",
                              "ngo-walk", "--source-country", "PH"],
             audit.Action.upload, {"source": "ngo-walk"},
             before=lambda walk: write_htcds_xlsx(folder / "htcds.xlsx")),
        Step("import ctdc", ["import", "ctdc", str(folder / "ctdc.csv"), "--source",
                             "iom-ctdc"],
             audit.Action.upload, {"source": "iom-ctdc"},
             before=lambda walk: write_ctdc(folder / "ctdc.csv", CTDC_K_COLUMNS, K_ROWS)),
        Step("db reset", ["db", "reset", "--yes"], audit.Action.maintenance,
             {"op": "graph_reset"}),
        Step("demo", ["demo", "--no-resolve"], audit.Action.upload,
             {"demo": {"scale": "small", "seed": 7}, "rows_rejected": 0}),
    ]


def test_every_command_is_walked_or_changes_nothing(tmp_path: Path) -> None:
    found = {path.removeprefix("crosslink ") for path in cli_commands()}
    assert {"ingest", "team add", "neo4j start"} <= found
    walked = {step.command for step in steps(tmp_path)}
    assert not walked & set(CHANGES_NOTHING), "a command is both walked and declared unchanging"
    unknown = found - walked - set(CHANGES_NOTHING)
    assert not unknown, (f"commands without a case: {sorted(unknown)}; add each to steps() "
                         " with the audit record it leaves, or to CHANGES_NOTHING")
    assert not (walked | set(CHANGES_NOTHING)) - found, "a case names no command"


@pytest.fixture
def walk(neo4j_server: ManagedNeo4j, graph: Graph, tmp_path: Path) -> Walk:
    status = neo4j_server.status()
    data = tmp_path / "data"
    env = {"NEO4J_URI": str(status.bolt_uri), "NEO4J_USER": "neo4j",
           "NEO4J_PASSWORD": neo4j_server.password(), "CROSSLINK_DATA_DIR": str(data),
           "CROSSLINK_NEO4J_RUNTIME_DIR": str(_runtime_dir()), "LOGNAME": LOGIN}
    write_files(tmp_path / "gt-pnc", GT_FILES)
    write_files(tmp_path / "mx-fge", MX_FILES)
    return Walk(env, tmp_path, Settings(data_dir=data))


def _new_events(walk: Walk, after: int) -> list[AuditEvent]:
    def read(session: Any) -> list[AuditEvent]:
        found = audit.list_events(session, None, limit=100)
        session.expunge_all()
        return [e for e in found if e.id > after]
    return list(walk.db_call(read))


def test_every_change_from_the_cli_is_audited_as_the_cli_user(walk: Walk) -> None:
    last = 0
    for step in steps(walk.folder):
        if step.before:
            step.before(walk)
        ran = walk.run(step.args, input=step.input)
        assert ran.exit_code == 0, f"crosslink {' '.join(step.args)}: {ran.output}"
        events = _new_events(walk, last)
        mine = [e for e in events if e.action == step.action.value
                and step.parameters.items() <= e.parameters.items()]
        assert mine, (f"crosslink {' '.join(step.args)}: no {step.action.value} record with "
                      f"{step.parameters}; found {[(e.action, e.parameters) for e in events]}")
        assert {(e.username, e.user_id) for e in mine} == {(CLI_USER, None)}, step.command
        last = max(e.id for e in events)


def test_the_team_steps_name_their_team_and_member(walk: Walk) -> None:
    """The target of a membership change is the team's and the user's ids, as over the API."""
    for step in steps(walk.folder)[1:5]:  # the authority, its source, two users
        assert walk.run(step.args, input=step.input).exit_code == 0
    assert walk.run(["team", "add", "JIT corridor"]).exit_code == 0
    added = walk.run(["team", "member", "JIT corridor", "bob", "--lead"])
    assert added.exit_code == 0, added.output
    assert "bob (PNC-GT) is in team 'JIT corridor' as a lead" in added.stdout
    event = _new_events(walk, 0)[0]
    assert (event.username, event.action) == (CLI_USER, "user")
    assert event.parameters == {"op": "team_add", "team": _team_id(walk),
                                "member": _user_id(walk, "bob"), "lead": True}
    audited = walk.run(["audit", "--user", CLI_USER, "--format", "json"])
    assert audited.exit_code == 0, audited.output
    assert {row["action"] for row in json.loads(audited.stdout)} == {"user"}


def test_a_refused_change_is_not_audited_as_done(walk: Walk) -> None:
    """A bad value fails with its message and leaves no 'ok' record."""
    refused = walk.run(["user", "add", "x y", "--authority", "nowhere", "--role", "viewer",
                        "--password-stdin"], input=PASSWORD)
    assert refused.exit_code == 1 and "user name" in refused.stderr
    assert _new_events(walk, 0) == []
