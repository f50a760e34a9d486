"""Signed bundles between two instances: export from A with the CLI, import into B with the
CLI; redaction, refusal of tampered and untrusted bundles, idempotent re-import. The first
export and import run as real ``crosslink`` processes, the others in-process (``cli``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backend.db.engine import open_app_db
from backend.services import audit
from backend.sharing import keys
from backend.sharing.bundle import sign
from graph.connection import Graph
from tests.helpers import run_cli

from .conftest import Instance, cli

SNAPSHOT = """
MATCH (n) OPTIONAL MATCH (n)-[r]->(m)
RETURN labels(n) AS labels, properties(n) AS props, type(r) AS type,
       properties(r) AS rprops, properties(m) AS mprops
"""


def snapshot(graph: Graph) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in graph.read(SNAPSHOT))


def export(a: Instance, out: Path, *args: str, process: bool = False) -> dict[str, Any]:
    run = run_cli if process else cli
    result = run(["export", "subgraph", "1", "--out", str(out), *args], env=a.env)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle_for_mexico(pair: tuple[Instance, Instance],
                      tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bundles") / "finca.json"
    return out, export(pair[0], out, "--to", "mx-stps", process=True)


def test_bundle_is_signed_and_redacted(bundle_for_mexico: tuple[Path, dict[str, Any]]) -> None:
    _, doc = bundle_for_mexico
    assert doc["instance_id"] == "gt-pnc-1" and doc["recipient"] == "mx-stps"
    assert doc["signature"] and doc["key_id"]
    ids = {n["id"] for n in doc["nodes"]}
    # TLP:RED never leaves: the informant and its links are absent.
    assert "Person:gt-pnc:P-3" not in ids
    assert all(n["provenance"].get("tlp") != "RED" for n in doc["nodes"])
    assert all(r["provenance"].get("tlp") != "RED" for r in doc["relationships"])
    # AMBER+STRICT goes to the named recipient.
    assert "RecruitmentAgency:gt-pnc:A-1" in ids
    # The protected victim is a pseudonym, without name or birth date, and her passport
    # stays home; her links point at the same pseudonym.
    assert "Person:gt-pnc:P-2" not in ids
    assert "Document:passport|GT|X1234567" not in ids
    victims = [n for n in doc["nodes"] if n["properties"].get("pseudonymised")]
    assert len(victims) == 1
    victim = victims[0]
    assert "full_name" not in victim["properties"]
    assert "date_of_birth" not in victim["properties"]
    assert "María" not in json.dumps(doc, ensure_ascii=False)
    ends = [r for r in doc["relationships"]
            if victim["id"] in (r["source"], r["target"])]
    assert {r["type"] for r in ends} == {"INVOLVED_IN", "RECRUITED_BY", "EMPLOYED_BY"}
    # Provenance and grading travel with the elements.
    case = next(n for n in doc["nodes"] if n["id"] == "Case:gt-pnc:C-1")
    assert case["provenance"]["source"] == "gt-pnc"
    assert case["provenance"]["reliability"] == "B"


def test_amber_strict_needs_a_recipient(pair: tuple[Instance, Instance], tmp_path: Path
                                        ) -> None:
    doc = export(pair[0], tmp_path / "open.json")
    assert doc["recipient"] is None
    assert "RecruitmentAgency:gt-pnc:A-1" not in {n["id"] for n in doc["nodes"]}
    assert doc["redaction"]["strict_dropped"] >= 1


def test_unknown_recipient_is_refused(pair: tuple[Instance, Instance], tmp_path: Path) -> None:
    result = cli(["export", "subgraph", "1", "--to", "mx-stsp", "--out",
                      str(tmp_path / "x.json")], env=pair[0].env)
    assert result.returncode == 1
    assert "not the organisation of a trusted partner" in result.stderr
    assert "mx-stps" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_including_protected_persons_needs_a_reason_and_is_audited(
        pair: tuple[Instance, Instance], tmp_path: Path) -> None:
    a = pair[0]
    refused = cli(["export", "subgraph", "1", "--include-protected", "--out",
                       str(tmp_path / "p.json")], env=a.env)
    assert refused.returncode == 1 and "--reason" in refused.stderr
    doc = export(a, tmp_path / "p.json", "--include-protected", "--reason",
                 "victim identification by the Mexican consulate")
    assert "Person:gt-pnc:P-2" in {n["id"] for n in doc["nodes"]}
    db = open_app_db(a.settings)
    with db.session() as session:
        events = audit.list_events(session, None, action="export")
    db.close()
    reasons = [e.parameters.get("reason") for e in events]
    assert "victim identification by the Mexican consulate" in reasons
    assert any("Person:gt-pnc:P-2" in (e.parameters.get("protected_included") or [])
               for e in events)


def test_pseudonym_is_stable_within_a_bundle_but_not_across(
        pair: tuple[Instance, Instance], bundle_for_mexico: tuple[Path, dict[str, Any]],
        tmp_path: Path) -> None:
    _, first = bundle_for_mexico
    second = export(pair[0], tmp_path / "again.json", "--to", "mx-stps")

    def victim(doc: dict[str, Any]) -> str:
        return next(n["id"] for n in doc["nodes"] if n["properties"].get("pseudonymised"))

    assert victim(first) != victim(second)  # bundles cannot be joined on the pseudonym


def test_import_into_b_keeps_provenance_and_is_idempotent(
        empty_b: Instance, bundle_for_mexico: tuple[Path, dict[str, Any]]) -> None:
    path, doc = bundle_for_mexico
    result = run_cli(["import", "bundle", str(path), "--format", "json"], env=empty_b.env)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)[0]
    assert summary["nodes_created"] == len(doc["nodes"])
    assert summary["relationships_created"] == len(doc["relationships"])
    rows = empty_b.graph.read(
        "MATCH (n:Case {uid: 'gt-pnc:C-1'}) RETURN n.source AS source, "
        "n.original_source AS original, n.reliability AS rel, n.tlp AS tlp, "
        "n.opened_on AS opened")
    assert rows[0]["source"] == "partner:gt-pnc-1"
    assert rows[0]["original"] == "gt-pnc" and rows[0]["rel"] == "B"
    assert str(rows[0]["opened"]) == "2024-03-01"  # dates stay dates
    assert not empty_b.graph.read("MATCH (n) WHERE n.tlp = 'RED' RETURN n")
    before = snapshot(empty_b.graph)
    again = cli(["import", "bundle", str(path), "--format", "json"], env=empty_b.env)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)[0]["nodes_created"] == 0
    assert snapshot(empty_b.graph) == before


def test_tampered_bundle_is_refused(empty_b: Instance,
                                    bundle_for_mexico: tuple[Path, dict[str, Any]],
                                    tmp_path: Path) -> None:
    _, doc = bundle_for_mexico
    doc = json.loads(json.dumps(doc))
    doc["nodes"][0]["properties"]["title"] = "changed in transit"
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = snapshot(empty_b.graph)
    result = cli(["import", "bundle", str(path)], env=empty_b.env)
    assert result.returncode == 1
    assert "signature does not match" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(empty_b.graph) == before


def test_untrusted_key_is_refused(pair: tuple[Instance, Instance], empty_b: Instance,
                                  tmp_path: Path) -> None:
    """A bundle re-signed by an instance B has never heard of."""
    stranger = pair[0].settings.model_copy(update={"data_dir": tmp_path / "stranger"})
    keys.init_keys(stranger, "xx-unknown", "xx-org")
    out = tmp_path / "from-a.json"
    doc = export(pair[0], out, "--to", "mx-stps")
    forged = sign({**doc, "instance_id": "xx-unknown",
                   "key_id": keys.identity(stranger).key_id}, stranger)
    path = tmp_path / "stranger.json"
    path.write_text(json.dumps(forged), encoding="utf-8")
    before = snapshot(empty_b.graph)
    result = cli(["import", "bundle", str(path)], env=empty_b.env)
    assert result.returncode == 1
    assert "does not trust" in result.stderr and "crosslink keys trust" in result.stderr
    assert snapshot(empty_b.graph) == before


def test_bundle_for_someone_else_is_refused(pair: tuple[Instance, Instance],
                                            empty_b: Instance, tmp_path: Path) -> None:
    a, b = pair
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"instance_id": "sv-pnc-1", "organisation": "sv-pnc",
                                 "public_key": keys.identity(b.settings).public_key}),
                     encoding="utf-8")
    trusted = cli(["keys", "trust", "salvador", str(other)], env=a.env)
    assert trusted.returncode == 0, trusted.stderr
    doc = export(a, tmp_path / "sv.json", "--to", "sv-pnc")
    assert doc["recipient"] == "sv-pnc"
    result = cli(["import", "bundle", str(tmp_path / "sv.json")], env=b.env)
    assert result.returncode == 1
    assert "addressed to 'sv-pnc'" in result.stderr


def test_keys_cli(tmp_path: Path, crosslink_env: dict[str, str]) -> None:
    env = {**crosslink_env, "CROSSLINK_DATA_DIR": str(tmp_path / "k")}
    assert cli(["keys", "show"], env=env).returncode == 1
    init = cli(["keys", "init", "--instance-id", "hn-1", "--org", "hn-dpi"], env=env)
    assert init.returncode == 0, init.stderr
    assert cli(["keys", "init", "--instance-id", "hn-1", "--org", "hn-dpi"],
                   env=env).returncode == 1
    assert cli(["keys", "show", "--out", str(tmp_path / "id.json")], env=env).returncode == 0
    ident = json.loads((tmp_path / "id.json").read_text())
    assert ident["instance_id"] == "hn-1" and ident["public_key"]
    (tmp_path / "bad.json").write_text("{}")
    bad = cli(["keys", "trust", "x", str(tmp_path / "bad.json")], env=env)
    assert bad.returncode == 2 and "not a partner identity file" in bad.stderr
    assert (tmp_path / "k" / "keys" / "instance_ed25519.pem").stat().st_mode & 0o077 == 0
