"""Teams (joint investigation teams), their members, and the cases shared with them.

Sharing a case with a team lets every member see the case and the records tied to it (see the
access rules); TLP:RED still stays with the owning authority.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer
from backend.db.models import CaseShare, Membership, Team, User
from backend.errors import BadInputError, ConflictError, ForbiddenError, NotFoundError
from backend.services import audit, users
from graph.connection import Graph
from graph.lookups import case_authority, cases_of_authority


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


def team_by_name(db: Session, name: str) -> Team:
    team = db.scalar(select(Team).where(Team.name == name))
    if team is None:
        known = ", ".join(db.scalars(select(Team.name).order_by(Team.name))) or "none yet"
        raise NotFoundError(f"no team {name!r}; teams: {known}", field="team")
    return team


def share_case(db: Session, case_uid: str, team_id: int, *, by: int | None = None) -> CaseShare:
    _team(db, team_id)
    share = db.get(CaseShare, (case_uid, team_id))
    if share is None:
        share = CaseShare(case_uid=case_uid, team_id=team_id, shared_by=by)
        db.add(share)
        db.commit()
    return share


def unshare_case(db: Session, case_uid: str, team_id: int) -> bool:
    """Whether the case was shared with the team (it no longer is)."""
    share = db.get(CaseShare, (case_uid, team_id))
    if share is None:
        return False
    db.delete(share)
    db.commit()
    return True


def shared_cases(db: Session, team_id: int) -> list[dict[str, object]]:
    rows = db.execute(select(CaseShare, User.username)
                      .outerjoin(User, User.id == CaseShare.shared_by)
                      .where(CaseShare.team_id == team_id).order_by(CaseShare.case_uid))
    return [{"case_uid": c.case_uid, "shared_by": name, "shared_at": c.shared_at}
            for c, name in rows]


def sharing_of(db: Session, viewer: Viewer, case_uids: list[str]) -> dict[str, list[str]]:
    """Case uid -> the names of the viewer's teams it is shared with (all teams for admins)."""
    query = (select(CaseShare.case_uid, Team.name).join(Team, Team.id == CaseShare.team_id)
             .where(CaseShare.case_uid.in_(case_uids)).order_by(Team.name))
    if not viewer.may(Permission.manage_users):
        query = query.where(CaseShare.team_id.in_(viewer.team_ids))
    found: dict[str, list[str]] = {}
    for uid, name in db.execute(query):
        found.setdefault(uid, []).append(name)
    return found


# ---- what a viewer may do (the API, the Teams page, and the server's command line) --------

def set_up_team(db: Session, viewer: Viewer, name: str, *, description: str = "",
                leads: list[str] | None = None) -> Team:
    """An administrator sets up a team with its leads (user names), who then add members."""
    viewer.require(Permission.manage_users)
    lead_users = [users.require_user(db, who) for who in leads or []]
    team = create_team(db, name, description=description)
    for user in lead_users:
        add_member(db, team.id, user.id, lead=True)
    audit.record(db, viewer, audit.Action.user,
                 {"op": "team_create", "team": team.id, "name": team.name,
                  "leads": [u.username for u in lead_users]})
    return team


def _require_member(db: Session, viewer: Viewer, team_id: int) -> Team:
    """Members see their team (its members and shared cases); admins any team."""
    team = _team(db, team_id)
    if db.get(Membership, (team_id, viewer.user_id)) is None and \
            not viewer.may(Permission.manage_users):
        raise NotFoundError(f"no team {team_id} that you are a member of", field="team_id")
    return team


def form_team(db: Session, viewer: Viewer, name: str, description: str = "") -> Team:
    """A joint team, its founder its first lead (who then adds members of any authority)."""
    viewer.require(Permission.form_teams)
    if not name.strip():
        raise BadInputError("a team needs a name", field="name")
    team = create_team(db, name.strip(), description=description)
    add_member(db, team.id, viewer.user_id, lead=True)
    audit.record(db, viewer, audit.Action.user, {"op": "team_create", "team": team.id,
                                                 "name": team.name})
    return team


def all_teams(db: Session, user_id: int | None = None) -> list[dict[str, Any]]:
    """Teams by name (those of ``user_id`` when given), with members and shared cases."""
    query = select(Team).order_by(Team.name)
    if user_id is not None:
        query = query.join(Membership, Membership.team_id == Team.id).where(
            Membership.user_id == user_id)
    return [{"id": t.id, "name": t.name, "description": t.description,
             "members": members(db, t.id), "cases": shared_cases(db, t.id)}
            for t in db.scalars(query)]


def my_teams(db: Session, viewer: Viewer) -> list[dict[str, Any]]:
    """The viewer's teams (every team for admins) with their members and shared cases."""
    return all_teams(db, None if viewer.may(Permission.manage_users) else viewer.user_id)


def team_members(db: Session, viewer: Viewer, team_id: int) -> list[dict[str, object]]:
    _require_member(db, viewer, team_id)
    return members(db, team_id)


def team_cases(db: Session, viewer: Viewer, team_id: int) -> list[dict[str, object]]:
    _require_member(db, viewer, team_id)
    return shared_cases(db, team_id)


def shares_any_case(viewer: Viewer) -> bool:
    """Administrators may share any case; others the cases of their own authority."""
    return viewer.may(Permission.manage_users)


def shareable_cases(graph: Graph, viewer: Viewer) -> list[dict[str, str]]:
    """The cases the viewer may share with a team (uid, title), by uid."""
    return cases_of_authority(graph, None if shares_any_case(viewer) else viewer.authority_id)


def _require_own_case(graph: Graph, viewer: Viewer, case_uid: str) -> None:
    """A case is shared by people of the authority that reported it (or by an admin)."""
    authority = case_authority(graph, case_uid)
    if shares_any_case(viewer):
        if authority is None:
            raise NotFoundError(f"no case {case_uid} in the graph", field="case_uid")
        return
    if authority is None or authority != viewer.authority_id:
        raise NotFoundError(f"no case {case_uid} reported by your authority "
                            f"({viewer.authority_id}): a case is shared by its own authority",
                            field="case_uid")


def share_team_case(graph: Graph, db: Session, viewer: Viewer, team_id: int,
                    case_uid: str) -> CaseShare:
    """A member shares one of their authority's cases with the team: every member then sees
    the case and the records tied to it (TLP:RED stays with the authority)."""
    viewer.require(Permission.form_teams)
    _require_member(db, viewer, team_id)
    _require_own_case(graph, viewer, case_uid)
    share = share_case(db, case_uid, team_id, by=viewer.account_id)
    audit.record(db, viewer, audit.Action.user,
                 {"op": "team_share_case", "team": team_id, "case": case_uid})
    return share


def unshare_team_case(graph: Graph, db: Session, viewer: Viewer, team_id: int,
                      case_uid: str) -> None:
    """The case's authority (or a team lead, or an admin) takes it back from the team."""
    viewer.require(Permission.form_teams)
    team = _require_member(db, viewer, team_id)
    lead = db.get(Membership, (team_id, viewer.user_id))
    if not (lead is not None and lead.is_lead) and not shares_any_case(viewer):
        _require_own_case(graph, viewer, case_uid)
    if not unshare_case(db, case_uid, team_id):
        raise NotFoundError(f"case {case_uid} is not shared with team {team.name!r}",
                            field="case_uid")
    audit.record(db, viewer, audit.Action.user,
                 {"op": "team_unshare_case", "team": team_id, "case": case_uid})


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
    remove_member(db, team_id, user_id)
    audit.record(db, viewer, audit.Action.user,
                 {"op": "team_remove", "team": team_id, "member": user_id})


def remove_member(db: Session, team_id: int, user_id: int) -> None:
    """Take a user out of a team; the last lead stays (a team always has one)."""
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
