"""Referrals of cases between authorities: a labour inspectorate's case passed to the police
of its jurisdiction (or any case to any authority of this instance), with the indicators that
prompted it and the remedy sought.

proposed (by a red-flag rule of graph/referral_rules.yaml, or by a person) -> sent (by the
case's authority) -> accepted | declined with a reason (by the receiving authority) -> closed
(by either side). Once accepted, the receiving authority's people see the case and the records
tied to it, as the members of a team see a case shared with it (``backend.auth.viewer``).
Administrators act for any authority; everyone else for their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import Authority, Referral, utcnow
from backend.errors import BadInputError, ConflictError, ForbiddenError, NotFoundError
from backend.services import audit
from graph.connection import Graph
from graph.model import MODEL
from graph.referrals import ReferralRule, case_for_referral, flagged_cases, rules

PROPOSED, SENT, ACCEPTED, DECLINED, CLOSED = MODEL.enums["referral_status"]
REMEDIES = MODEL.enums["remedy"]


class Box(StrEnum):
    """The lists of the Referrals page: sent to the viewer's authority, sent by it, and its
    proposals not yet sent."""

    incoming = "incoming"
    outgoing = "outgoing"
    proposed = "proposed"


def referral_row(referral: Referral) -> dict[str, Any]:
    def when(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {"id": referral.id, "case_uid": referral.case_uid,
            "from_authority": referral.from_authority, "to_authority": referral.to_authority,
            "indicators": list(referral.indicators or ()), "remedy": referral.remedy,
            "status": referral.status, "rule": referral.rule, "note": referral.note,
            "reason": referral.reason, "proposed_by": referral.proposed_by,
            "proposed_at": when(referral.proposed_at), "sent_at": when(referral.sent_at),
            "accepted_at": when(referral.accepted_at),
            "declined_at": when(referral.declined_at), "closed_at": when(referral.closed_at)}


def _acts_for_all(viewer: Viewer) -> bool:
    return viewer.may(Permission.manage_users)


def list_referrals(db: Session, viewer: Viewer, box: Box | str) -> list[dict[str, Any]]:
    """One box of the viewer's authority, newest first (administrators: every authority's)."""
    viewer.require(Permission.read_graph)
    try:
        box = Box(box)
    except ValueError:
        raise BadInputError(f"box must be one of {', '.join(b.value for b in Box)}",
                            field="box") from None
    query = select(Referral)
    if box is Box.proposed:
        query = query.where(Referral.status == PROPOSED)
    else:
        query = query.where(Referral.status != PROPOSED)
    if not _acts_for_all(viewer):
        side = Referral.to_authority if box is Box.incoming else Referral.from_authority
        query = query.where(side == viewer.authority_id)
    found = [referral_row(r) for r in db.scalars(query.order_by(Referral.id.desc()))]
    audit.record(db, viewer, audit.Action.view, {"referrals": box.value},
                 result_size=len(found))
    return found


def _referral(db: Session, referral_id: int) -> Referral:
    referral = db.get(Referral, referral_id)
    if referral is None:
        raise NotFoundError(f"no referral {referral_id}", field="referral_id")
    return referral


def _require_side(viewer: Viewer, referral: Referral, side: str) -> None:
    """``side`` is ``from`` (the case's authority) or ``to`` (the receiving one)."""
    authority = referral.from_authority if side == "from" else referral.to_authority
    if _acts_for_all(viewer) or viewer.authority_id == authority:
        return
    if viewer.authority_id not in (referral.from_authority, referral.to_authority):
        raise NotFoundError(f"no referral {referral.id} of your authority", field="referral_id")
    who = "the referring authority" if side == "from" else "the receiving authority"
    raise ForbiddenError(f"only {who} ({authority}) may do this with referral {referral.id}")


def _require_status(referral: Referral, allowed: tuple[str, ...], doing: str) -> None:
    if referral.status not in allowed:
        raise ConflictError(f"referral {referral.id} is {referral.status}: only a referral "
                            f"that is {' or '.join(allowed)} can be {doing}", field="status")


def _open_referral(db: Session, case_uid: str, to_authority: str | None = None
                   ) -> Referral | None:
    """A referral of the case (to ``to_authority`` when given) that is not closed."""
    query = select(Referral).where(Referral.case_uid == case_uid, Referral.status != CLOSED)
    if to_authority is not None:
        query = query.where(Referral.to_authority == to_authority)
    return db.scalars(query.limit(1)).first()


def _receiver(db: Session, authority_id: str) -> Authority:
    authority = db.get(Authority, authority_id)
    if authority is None:
        known = ", ".join(db.scalars(select(Authority.id).order_by(Authority.id))) or "none yet"
        raise NotFoundError(f"no authority {authority_id!r} on this instance; authorities: "
                            f"{known}", field="to_authority")
    return authority


def _record(db: Session, viewer: Viewer, op: str, referral: Referral, **extra: Any) -> None:
    audit.record(db, viewer, audit.Action.referral,
                 {"op": op, "referral": referral.id, "case": referral.case_uid,
                  "from": referral.from_authority, "to": referral.to_authority, **extra},
                 result_size=1)


def propose(graph: Graph, db: Session, viewer: Viewer, case_uid: str, to_authority: str, *,
            remedy: str, indicators: list[str] | None = None, note: str = "") -> Referral:
    """A person of the case's authority proposes to refer it (``send`` then sends it).
    ``indicators`` defaults to the ILO indicators the case names."""
    viewer.require(Permission.refer)
    if remedy not in REMEDIES:
        raise BadInputError(f"remedy must be one of {', '.join(REMEDIES)}", field="remedy")
    found = case_for_referral(graph, case_uid)
    if found is None or not (_acts_for_all(viewer) or found["authority"] == viewer.authority_id):
        raise NotFoundError(f"no case {case_uid} reported by your authority "
                            f"({viewer.authority_id}): a case is referred by its own authority",
                            field="case_uid")
    if not found["authority"]:
        raise BadInputError(f"case {case_uid} names no authority (cases.csv, column "
                            "authority): there is no one to refer it from", field="case_uid")
    receiver = _receiver(db, to_authority)
    if receiver.id == found["authority"]:
        raise BadInputError("a case is referred to another authority than its own",
                            field="to_authority")
    unknown = [i for i in indicators or [] if i not in MODEL.enums["indicator"]]
    if unknown:
        raise BadInputError(f"unknown indicator {unknown[0]!r}; known: "
                            f"{', '.join(MODEL.enums['indicator'])}", field="indicators")
    if _open_referral(db, case_uid, receiver.id) is not None:
        raise ConflictError(f"case {case_uid} has a referral to {receiver.id} already",
                            field="case_uid")
    referral = Referral(case_uid=case_uid, from_authority=found["authority"],
                        to_authority=receiver.id, remedy=remedy, status=PROPOSED,
                        indicators=list(indicators or found["indicators"]), note=note,
                        proposed_by=viewer.username)
    db.add(referral)
    db.commit()
    _record(db, viewer, "propose", referral, remedy=remedy)
    return referral


@dataclass
class RedFlagRun:
    """What a run of the red-flag rules proposed, and the flagged cases it could not (no
    authority of the kind wanted in the case's jurisdiction is on this instance)."""

    proposed: list[dict[str, Any]] = field(default_factory=list)
    no_receiver: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"proposed": self.proposed, "no_receiver": self.no_receiver}


def _receivers(db: Session, kind: str) -> dict[str, str]:
    """Country -> the first authority (by id) of ``kind`` there."""
    found: dict[str, str] = {}
    for authority in db.scalars(select(Authority).where(Authority.kind == kind)
                                .order_by(Authority.id)):
        found.setdefault(authority.country, authority.id)
    return found


def _apply_rule(graph: Graph, db: Session, viewer: Viewer, rule: ReferralRule,
                min_indicators: int, run: RedFlagRun) -> None:
    kind_authorities = list(db.scalars(select(Authority.id).where(
        Authority.kind.in_(rule.from_kinds))))
    receivers = _receivers(db, rule.to_kind)
    referred = set(db.scalars(select(Referral.case_uid)))
    for case in flagged_cases(graph, rule, rule.threshold(min_indicators),
                              kind_authorities=kind_authorities,
                              authority=None if _acts_for_all(viewer) else viewer.authority_id):
        if case["uid"] in referred or not case["authority"]:
            continue
        to = receivers.get(case["jurisdiction"])
        if to is None:
            run.no_receiver.append({"case_uid": case["uid"], "jurisdiction":
                                    case["jurisdiction"], "wanted": rule.to_kind})
            continue
        referral = Referral(case_uid=case["uid"], from_authority=case["authority"],
                            to_authority=to, remedy=rule.remedy, status=PROPOSED,
                            indicators=list(case["indicators"]), rule=rule.id,
                            note=rule.description, proposed_by=viewer.username)
        db.add(referral)
        db.commit()
        referred.add(case["uid"])
        _record(db, viewer, "propose", referral, remedy=rule.remedy, rule=rule.id)
        run.proposed.append(referral_row(referral))


def propose_red_flags(graph: Graph, db: Session, viewer: Viewer, min_indicators: int
                      ) -> RedFlagRun:
    """Apply the red-flag rules: every flagged case that has no referral yet is proposed for
    referral (administrators: every authority's cases; others: their own authority's).
    ``min_indicators`` is the setting CROSSLINK_REFERRAL_MIN_INDICATORS."""
    viewer.require(Permission.refer)
    run = RedFlagRun()
    for rule in rules():
        _apply_rule(graph, db, viewer, rule, min_indicators, run)
    return run


def send(db: Session, viewer: Viewer, referral_id: int) -> Referral:
    """The case's authority sends a proposed referral to the receiving authority."""
    viewer.require(Permission.refer)
    referral = _referral(db, referral_id)
    _require_side(viewer, referral, "from")
    _require_status(referral, (PROPOSED,), "sent")
    referral.status, referral.sent_at = SENT, utcnow()
    db.commit()
    _record(db, viewer, "send", referral)
    return referral


def accept(db: Session, viewer: Viewer, referral_id: int) -> Referral:
    """The receiving authority takes the case on: its people now see the case and the records
    tied to it."""
    viewer.require(Permission.refer)
    referral = _referral(db, referral_id)
    _require_side(viewer, referral, "to")
    _require_status(referral, (SENT,), "accepted")
    referral.status, referral.accepted_at = ACCEPTED, utcnow()
    db.commit()
    _record(db, viewer, "accept", referral)
    return referral


def decline(db: Session, viewer: Viewer, referral_id: int, reason: str) -> Referral:
    """The receiving authority declines, saying why (the referring one reads it)."""
    viewer.require(Permission.refer)
    referral = _referral(db, referral_id)
    _require_side(viewer, referral, "to")
    if not (reason or "").strip():
        raise BadInputError("say why the referral is declined (a reason is required)",
                            field="reason")
    _require_status(referral, (SENT,), "declined")
    referral.status, referral.declined_at, referral.reason = DECLINED, utcnow(), reason.strip()
    db.commit()
    _record(db, viewer, "decline", referral, reason=referral.reason)
    return referral


def close(db: Session, viewer: Viewer, referral_id: int) -> Referral:
    """Either side closes a referral (a proposal dropped, the work done). An accepted case
    stays visible to the receiving authority."""
    viewer.require(Permission.refer)
    referral = _referral(db, referral_id)
    try:
        _require_side(viewer, referral, "from")
    except ForbiddenError:
        _require_side(viewer, referral, "to")
    _require_status(referral, (PROPOSED, SENT, ACCEPTED, DECLINED), "closed")
    referral.status, referral.closed_at = CLOSED, utcnow()
    db.commit()
    _record(db, viewer, "close", referral)
    return referral
