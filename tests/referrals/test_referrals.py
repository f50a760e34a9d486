"""Referrals between labour inspectors and police, through the services the API and the CLI
call: a red-flag inspection case is proposed for referral to the police of its jurisdiction,
sent, and once accepted the police see it; declining needs a reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer, viewer_for
from backend.db.engine import open_app_db
from backend.errors import BadInputError, ConflictError, ForbiddenError, NotFoundError
from backend.services import audit, cases, referrals, users
from backend.settings import Settings
from graph.connection import Graph
from graph.referrals import RuleError, load_rules
from ingest.grading import Grading
from ingest.pipeline import ingest_paths
from tests.resolution.corridor import write_files

INSPECTORATE = Grading("mx-stps", source_name="Inspección federal del trabajo",
                       source_kind="labour_inspectorate", source_country="MX",
                       reliability="B", credibility="3", tlp="AMBER")
FILES = {
    "cases": [
        # three core indicators: a red flag
        {"case_id": "INSP-1", "jurisdiction": "MX", "authority": "MX-STPS",
         "title": "Rancho San Juan", "status": "open", "exploitation_type": "forced_labour",
         "indicators": "debt_bondage;retention_of_documents;restriction_of_movement;deception"},
        # one core indicator: below the threshold (2)
        {"case_id": "INSP-2", "jurisdiction": "MX", "authority": "MX-STPS",
         "title": "Overtime only", "status": "open", "indicators": "excessive_overtime;violence"},
        # red-flag indicators but referred already in the source's own records
        {"case_id": "INSP-3", "jurisdiction": "MX", "authority": "MX-STPS",
         "title": "Referred by hand", "status": "referred",
         "indicators": "debt_bondage;withholding_wages"},
    ],
    "persons": [{"person_id": "P-1", "full_name": "Rosa Méndez", "nationality": "GT"}],
    "case_roles": [{"case_id": "INSP-1", "party_id": "P-1", "role": "victim"}],
}


@pytest.fixture
def db(graph: Graph, tmp_path: Path) -> Iterator[Session]:
    report = ingest_paths(graph, [write_files(tmp_path / "mx-stps", FILES)], INSPECTORATE)
    assert report.ok, report.errors
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'app.db'}")
    app_db = open_app_db(settings)
    with app_db.session() as session:
        users.create_authority(session, "MX-STPS", name="STPS", country="MX",
                               kind="labour_inspectorate")
        users.create_authority(session, "MX-SSPC", name="Policía Federal", country="MX",
                               kind="police")
        users.create_authority(session, "GT-PNC", name="PNC", country="GT", kind="police")
        for name, authority in (("ines", "MX-STPS"), ("pablo", "MX-SSPC"), ("gabi", "GT-PNC")):
            users.create_user(session, name, "correct horse battery", authority_id=authority,
                              role="investigator")
        yield session
    app_db.close()


def viewer(db: Session, name: str) -> Viewer:
    return viewer_for(db, users.require_user(db, name))


def test_a_red_flag_inspection_case_is_proposed_and_once_accepted_the_police_see_it(
        graph: Graph, db: Session) -> None:
    inspector = viewer(db, "ines")
    run = referrals.propose_red_flags(graph, db, inspector, min_indicators=2)
    assert [(p["case_uid"], p["to_authority"], p["remedy"], p["status"]) for p in run.proposed] \
        == [("mx-stps:INSP-1", "MX-SSPC", "criminal", "proposed")]
    # the core indicators that prompted it, as the case names them
    assert run.proposed[0]["indicators"] == ["debt_bondage", "retention_of_documents",
                                              "restriction_of_movement"]
    assert run.proposed[0]["rule"] == "inspection_core_indicators"
    # proposed once: running the rules again proposes nothing new
    assert referrals.propose_red_flags(graph, db, inspector, min_indicators=2).proposed == []
    referral_id = run.proposed[0]["id"]
    assert [r["id"] for r in referrals.list_referrals(db, inspector, "proposed")] == [referral_id]

    police = viewer(db, "pablo")
    assert referrals.list_referrals(db, police, "incoming") == []  # a proposal is not sent yet
    with pytest.raises(NotFoundError):
        cases.case(graph, db, police, "mx-stps:INSP-1")
    with pytest.raises(ForbiddenError):
        referrals.send(db, police, referral_id)  # only the inspectorate sends its referral
    referrals.send(db, inspector, referral_id)
    incoming = referrals.list_referrals(db, police, "incoming")
    assert [(r["id"], r["status"], r["from_authority"]) for r in incoming] == [
        (referral_id, "sent", "MX-STPS")]
    assert [r["id"] for r in referrals.list_referrals(db, inspector, "outgoing")] == [referral_id]
    with pytest.raises(ForbiddenError):
        referrals.accept(db, inspector, referral_id)  # only the police accept it

    referrals.accept(db, police, referral_id)
    seen = cases.case(graph, db, viewer(db, "pablo"), "mx-stps:INSP-1")
    assert seen["caption"] == "Rancho San Juan"
    assert [p["id"] for p in seen["parties"]] == ["Person:mx-stps:P-1"]
    with pytest.raises(NotFoundError):  # the police of another country do not
        cases.case(graph, db, viewer(db, "gabi"), "mx-stps:INSP-1")
    referrals.close(db, inspector, referral_id)
    assert cases.case(graph, db, viewer(db, "pablo"), "mx-stps:INSP-1")["id"] \
        == "Case:mx-stps:INSP-1"  # closing keeps the case with the police who took it on
    ops = [e.parameters["op"] for e in audit.list_events(db, None, action="referral")]
    assert ops == ["close", "accept", "send", "propose"]


def test_declining_needs_a_reason(graph: Graph, db: Session) -> None:
    inspector, police = viewer(db, "ines"), viewer(db, "pablo")
    referral = referrals.propose(graph, db, inspector, "mx-stps:INSP-2", "MX-SSPC",
                                 remedy="administrative", note="overtime and violence")
    assert referral.indicators == ["excessive_overtime", "violence"]
    referrals.send(db, inspector, referral.id)
    with pytest.raises(BadInputError, match="reason"):
        referrals.decline(db, police, referral.id, "  ")
    declined = referrals.decline(db, police, referral.id, "a civil matter: labour court")
    assert (declined.status, declined.reason) == ("declined", "a civil matter: labour court")
    outgoing = referrals.list_referrals(db, inspector, "outgoing")
    assert [(r["status"], r["reason"]) for r in outgoing] == [
        ("declined", "a civil matter: labour court")]
    with pytest.raises(ConflictError):
        referrals.accept(db, police, referral.id)
    with pytest.raises(NotFoundError):  # declined: the police do not see the case
        cases.case(graph, db, viewer(db, "pablo"), "mx-stps:INSP-2")


def test_a_referral_is_made_by_the_cases_own_authority(graph: Graph, db: Session) -> None:
    with pytest.raises(NotFoundError, match="reported by your authority"):
        referrals.propose(graph, db, viewer(db, "gabi"), "mx-stps:INSP-1", "MX-SSPC",
                          remedy="criminal")
    with pytest.raises(BadInputError, match="remedy"):
        referrals.propose(graph, db, viewer(db, "ines"), "mx-stps:INSP-1", "MX-SSPC",
                          remedy="prison")
    with pytest.raises(NotFoundError, match="no authority 'MX-NOPE'"):
        referrals.propose(graph, db, viewer(db, "ines"), "mx-stps:INSP-1", "MX-NOPE",
                          remedy="criminal")


def test_a_rule_that_does_not_fit_the_model_names_its_field(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: r1\n    from_kinds: [labour_inspectorate]\n"
                     "    indicators: [debt_bondage, slavery]\n    min_indicators: 1\n"
                     "    to_kind: police\n    remedy: criminal\n", encoding="utf-8")
    with pytest.raises(RuleError, match="rules.yaml, rule 1: field 'indicators': 'slavery'"):
        load_rules(rules)
