"""Resolution on a real Neo4j: the two-country corridor loaded through the ingest pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.connection import Graph
from graph.maintenance import reset_graph
from graph.resolution import (
    ResolutionError,
    Thresholds,
    count_candidates,
    get_pair,
    judge,
    list_candidates,
    run_resolution,
)

from .corridor import load_corridor

RECRUITER = ("gt-pnc:P-1", "mx-fge:10")
AGENCY = ("gt-pnc:A-1", "mx-fge:20")
DECOYS = ("gt-pnc:P-3", "mx-fge:12")


@pytest.fixture(scope="module")
def loaded(session_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The corridor, loaded once for the module (loading is the slow part)."""
    reset_graph(session_graph)
    load_corridor(session_graph, tmp_path_factory.mktemp("corridor"))
    return session_graph


@pytest.fixture
def corridor(loaded: Graph) -> Graph:
    """The loaded corridor without any SAME_AS: each test starts before resolution."""
    loaded.write("MATCH ()-[r:SAME_AS]->() DELETE r")
    return loaded


def test_phones_in_different_formats_confirm_the_recruiter_automatically(corridor: Graph) -> None:
    summary = run_resolution(corridor, Thresholds())
    assert summary.auto_confirmed == 2
    pair = get_pair(corridor, *RECRUITER)
    assert pair is not None
    assert (pair.status, pair.method, pair.decided_by) == ("confirmed", "auto", "crosslink")
    assert "shared phone +50255551234: +0.35" in pair.reasons
    assert pair.a["full_name"] == "José Luis García Pérez"
    assert pair.b["full_name"] == "GARCIA PEREZ, JOSE LUIS"
    assert pair.created_at and pair.decided_at


def test_an_iban_with_and_without_spaces_confirms_the_agency(corridor: Graph) -> None:
    run_resolution(corridor)
    pair = get_pair(corridor, *AGENCY)
    assert pair is not None and pair.status == "confirmed"
    assert "shared account GT82TRAJ01020000001210029690: +0.35" in pair.reasons
    assert any("'Empleos del Norte S.A.' ~ 'EMPLEOS DEL NORTE SA DE CV'" in r
               for r in pair.reasons)


def test_decoys_sharing_a_common_name_are_not_proposed(corridor: Graph) -> None:
    run_resolution(corridor)
    assert get_pair(corridor, *DECOYS) is None
    assert all({c.uid_a, c.uid_b} != set(DECOYS) for c in list_candidates(corridor))


def test_a_rerun_changes_nothing(corridor: Graph) -> None:
    run_resolution(corridor)
    before = [c.to_dict() for c in list_candidates(corridor)]
    run_resolution(corridor)
    after = [c.to_dict() for c in list_candidates(corridor)]
    assert [(c["uid_a"], c["uid_b"], c["status"]) for c in after] == [
        (c["uid_a"], c["uid_b"], c["status"]) for c in before]
    rows = corridor.read("MATCH ()-[r:SAME_AS]->() RETURN count(r) AS n")
    assert rows[0]["n"] == len(before)


def test_a_rejected_pair_stays_rejected_after_a_reimport(corridor: Graph, tmp_path: Path) -> None:
    run_resolution(corridor)
    judged = judge(corridor, RECRUITER[1], RECRUITER[0], "reject", by="ana.inspector",
                   why="different mothers' names in the MX file")
    assert (judged.status, judged.decided_by, judged.why) == (
        "rejected", "ana.inspector", "different mothers' names in the MX file")
    load_corridor(corridor, tmp_path / "again")  # the same files, imported again
    summary = run_resolution(corridor)
    assert summary.decided_skipped >= 1
    pair = get_pair(corridor, *RECRUITER)
    assert pair is not None and pair.status == "rejected" and pair.decided_by == "ana.inspector"
    rows = corridor.read("MATCH (:Person {uid: $a})-[r:SAME_AS]-(:Person {uid: $b}) "
                         "RETURN count(r) AS n", {"a": RECRUITER[0], "b": RECRUITER[1]})
    assert rows[0]["n"] == 1


def test_people_can_confirm_a_pair_resolution_did_not_propose(corridor: Graph) -> None:
    pair = judge(corridor, "gt-pnc:P-2", "mx-fge:11", "confirm", by="lead", why="same victim")
    assert (pair.status, pair.method, pair.score) == ("confirmed", "manual", None)
    run_resolution(corridor)
    assert count_candidates(corridor)["confirmed"] >= 3
    assert get_pair(corridor, "mx-fge:11", "gt-pnc:P-2").status == "confirmed"  # type: ignore[union-attr]


def test_judgements_that_cannot_be_recorded_say_why(corridor: Graph) -> None:
    with pytest.raises(ResolutionError, match="no actor record with uid 'gt-pnc:nope'"):
        judge(corridor, "gt-pnc:nope", "mx-fge:10", "confirm", by="x")
    with pytest.raises(ResolutionError, match="is a Person and 'mx-fge:20' a RecruitmentAgency"):
        judge(corridor, "gt-pnc:P-1", "mx-fge:20", "confirm", by="x")
    with pytest.raises(ResolutionError, match="use confirm or reject"):
        judge(corridor, *RECRUITER, "maybe", by="x")
    with pytest.raises(ResolutionError, match="unknown status"):
        list_candidates(corridor, status="pending")
