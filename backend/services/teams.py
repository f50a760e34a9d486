"""Teams (joint investigation teams), their members, and the cases shared with them.

Sharing a case with a team lets every member see the case and the records tied to it (see the
access rules); TLP:RED still stays with the owning authority.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import CaseShare, Membership, Team, User
from backend.errors import ConflictError, ForbiddenError, NotFoundError
from backend.services import audit


def create_team(db: Session, name: str, *, description: str = "") -> Team:
    if db.scalar(select(Team).where(Team.name == name)) is not None:
        raise ConflictError(f"team {name!r} exists already", field="name")
    team = Team(name=name, description=description)
    db.add(team)
    db.commit()
    return team


def _team(db: Session, team_id: int) -> Team:
    team = db.get(Team, team_id)
    if team is None:
        raise NotFoundError(f"no team {team_id}", field="team_id")
    return team


def add_member(db: Session, team_id: int, user_id: int, *, lead: bool = False) -> Membership:
    _team(db, team_id)
    membership = db.get(Membership, (team_id, user_id))
    if membership is None:
        membership = Membership(team_id=team_id, user_id=user_id, is_lead=lead)
        db.add(membership)
    else:
        membership.is_lead = lead
    db.commit()
    return membership


def share_case(db: Session, case_uid: str, team_id: int, *, by: int | None = None) -> CaseShare:
    _team(db, team_id)
    share = db.get(CaseShare, (case_uid, team_id))
    if share is None:
        share = CaseShare(case_uid=case_uid, team_id=team_id, shared_by=by)
        db.add(share)
        db.commit()
    return share


def _require_lead(db: Session, viewer: Viewer, team_id: int) -> Team:
    """Team leads manage their team's members; admins any team's."""
    team = _team(db, team_id)
    lead = db.get(Membership, (team_id, viewer.user_id))
    if not (lead is not None and lead.is_lead) and not viewer.may(Permission.manage_users):
        raise ForbiddenError(f"only a lead of team {team.name!r} (or an admin) may change its "
                             "members")
    return team


def lead_add_member(db: Session, viewer: Viewer, team_id: int, user_id: int, *,
                    lead: bool = False) -> Membership:
    """A team lead adds a member (from any authority or country)."""
    _require_lead(db, viewer, team_id)
    if db.get(User, user_id) is None:
        raise NotFoundError(f"no user {user_id}", field="user_id")
    membership = add_member(db, team_id, user_id, lead=lead)
    audit.record(db, viewer, audit.Action.user,
                 {"op": "team_add", "team": team_id, "member": user_id, "lead": lead})
    return membership


def lead_remove_member(db: Session, viewer: Viewer, team_id: int, user_id: int) -> None:
    """A team lead removes a member; the last lead cannot leave the team without one."""
    _require_lead(db, viewer, team_id)
    membership = db.get(Membership, (team_id, user_id))
    if membership is None:
        raise NotFoundError(f"user {user_id} is not in team {team_id}", field="user_id")
    leads = db.scalars(select(Membership).where(Membership.team_id == team_id,
                                                Membership.is_lead)).all()
    if membership.is_lead and len(leads) == 1:
        raise ConflictError("this is the team's only lead: make another member lead first",
                            field="user_id")
    db.delete(membership)
    db.commit()
    audit.record(db, viewer, audit.Action.user,
                 {"op": "team_remove", "team": team_id, "member": user_id})


def members(db: Session, team_id: int) -> list[dict[str, object]]:
    _team(db, team_id)
    rows = db.execute(select(Membership, User).join(User, User.id == Membership.user_id)
                      .where(Membership.team_id == team_id).order_by(User.username))
    return [{"user_id": u.id, "username": u.username, "authority": u.authority_id,
             "lead": m.is_lead} for m, u in rows]


def teams_of(db: Session, user_id: int) -> list[dict[str, object]]:
    """The teams a user belongs to (to share a chart with), by name."""
    rows = db.execute(select(Team, Membership.is_lead)
                      .join(Membership, Membership.team_id == Team.id)
                      .where(Membership.user_id == user_id).order_by(Team.name))
    return [{"id": t.id, "name": t.name, "lead": lead} for t, lead in rows]
