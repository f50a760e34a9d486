"""Victim protection: a protected person's risk assessments (date, level, needs, next review)
and assistance referrals (shelter, legal aid, consular assistance of the victim's
nationality, return), kept in the app database by the person's graph uid.

Only those who may see protected persons (``Permission.see_protected``) and may see the person
under the access rules read or record them; the names stay masked for everyone else as
everywhere (``backend.services.protection``). A review that falls due raises a reminder alert
to the recording authority (``alerts.raise_due_reviews``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import AssistanceReferral, RiskAssessment
from backend.errors import BadInputError, NotFoundError
from backend.services import audit
from graph.access import visible_record_uids
from graph.connection import Graph
from values.country import clean_country

LEVELS = ("low", "medium", "high")
REFERRALS = ("shelter", "legal_aid", "consular", "return")
PERSON = "Person"

PROTECTED_PERSON = """
MATCH (p:Person {uid: $uid})
RETURN p.protected AS protected, p.nationality AS nationality
"""


def _person(graph: Graph, viewer: Viewer, uid: str) -> dict[str, Any]:
    """The protected person ``uid``, if the viewer may see it and protected data."""
    viewer.require(Permission.see_protected)
    rows = graph.read(PROTECTED_PERSON, {"uid": uid})
    if not rows or not (viewer.system or visible_record_uids(
            graph, viewer.scope(graph), PERSON, [uid])):
        raise NotFoundError(f"no person {uid!r} that you may see", field="uid")
    if not rows[0]["protected"]:
        raise BadInputError(f"person {uid!r} is not protected (a victim or a minor): "
                            "protection records are kept for victims", field="uid")
    return rows[0]


def _date(value: str | dt.date | None, name: str, *, required: bool = True) -> dt.date | None:
    if value is None or value == "":
        if required:
            raise BadInputError(f"{name}: a date is required (YYYY-MM-DD)", field=name)
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadInputError(f"{name} {value!r}: write a date as YYYY-MM-DD",
                            field=name) from None


def assessment_row(a: RiskAssessment) -> dict[str, Any]:
    return {"id": a.id, "person": a.person_uid, "assessed_on": a.assessed_on.isoformat(),
            "level": a.level, "needs": list(a.needs or []),
            "next_review_on": a.next_review_on.isoformat() if a.next_review_on else None,
            "authority": a.authority_id, "recorded_by": a.recorded_by}


def referral_row(r: AssistanceReferral) -> dict[str, Any]:
    return {"id": r.id, "person": r.person_uid, "kind": r.kind,
            "referred_on": r.referred_on.isoformat(), "referred_to": r.referred_to,
            "country": r.country, "note": r.note, "authority": r.authority_id,
            "recorded_by": r.recorded_by}


def record_assessment(graph: Graph, db: Session, viewer: Viewer, uid: str, *,
                      assessed_on: str | dt.date, level: str, needs: list[str] | None = None,
                      next_review_on: str | dt.date | None = None) -> dict[str, Any]:
    viewer.require(Permission.protect_victims)
    _person(graph, viewer, uid)
    if level not in LEVELS:
        raise BadInputError(f"level {level!r}: expected one of {', '.join(LEVELS)}",
                            field="level")
    on = _date(assessed_on, "assessed_on")
    review = _date(next_review_on, "next_review_on", required=False)
    if on and review and review < on:
        raise BadInputError(f"next_review_on {review}: before the assessment ({on})",
                            field="next_review_on")
    assessment = RiskAssessment(person_uid=uid, assessed_on=on, level=level,
                                needs=[n.strip() for n in (needs or []) if n.strip()],
                                next_review_on=review, authority_id=viewer.authority_id,
                                recorded_by=viewer.username)
    db.add(assessment)
    db.commit()
    audit.record(db, viewer, audit.Action.protection,
                 {"op": "risk_assessment", "person": uid, "level": level,
                  "next_review_on": str(review) if review else None}, result_size=1)
    return assessment_row(assessment)


def record_referral(graph: Graph, db: Session, viewer: Viewer, uid: str, *, kind: str,
                    referred_on: str | dt.date, referred_to: str = "",
                    country: str | None = None, note: str = "") -> dict[str, Any]:
    """A referral for assistance; consular assistance is of the victim's nationality unless
    a country is given."""
    viewer.require(Permission.protect_victims)
    person = _person(graph, viewer, uid)
    if kind not in REFERRALS:
        raise BadInputError(f"kind {kind!r}: expected one of {', '.join(REFERRALS)}",
                            field="kind")
    if kind == "consular" and not country:
        country = person["nationality"]
    if country:
        try:
            country = clean_country(country)
        except ValueError as exc:
            raise BadInputError(f"country: {exc}", field="country") from None
    referral = AssistanceReferral(person_uid=uid, kind=kind,
                                  referred_on=_date(referred_on, "referred_on"),
                                  referred_to=(referred_to or "").strip()[:300],
                                  country=country or None, note=note or "",
                                  authority_id=viewer.authority_id,
                                  recorded_by=viewer.username)
    db.add(referral)
    db.commit()
    audit.record(db, viewer, audit.Action.protection,
                 {"op": "referral", "person": uid, "kind": kind, "country": country},
                 result_size=1)
    return referral_row(referral)


def protection_of(graph: Graph, db: Session, viewer: Viewer, uid: str) -> dict[str, Any]:
    """A protected person's assessments (newest first) and referrals."""
    _person(graph, viewer, uid)
    assessments = db.scalars(select(RiskAssessment).where(RiskAssessment.person_uid == uid)
                             .order_by(RiskAssessment.id.desc()))
    referrals = db.scalars(select(AssistanceReferral)
                           .where(AssistanceReferral.person_uid == uid)
                           .order_by(AssistanceReferral.id.desc()))
    result = {"person": uid, "assessments": [assessment_row(a) for a in assessments],
              "referrals": [referral_row(r) for r in referrals]}
    audit.record(db, viewer, audit.Action.view, {"protection": uid},
                 result_size=len(result["assessments"]) + len(result["referrals"]))
    return result
