"""The access context of one request: who is looking, with which role, authority and teams.

Services receive a ``Viewer`` and ask it ``require(permission)`` (may the role use this at all)
and ``scope(graph)`` (which records it may see, for ``graph.access``).

The server's own command line acts as a *system* viewer (``system_viewer``): an administrator
with no account, named ``cli:<login>`` in the audit log, who sees every record (TLP:RED of
every source too), as the one who runs the server does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission, Role, may, require
from backend.db.models import Authority, CaseShare, Membership, Referral, User
from graph.access import AccessScope, authority_sources
from graph.connection import Graph

# The authority of the instance's own administrators (the first admin, the command line).
INSTANCE_AUTHORITY = "instance"
# user_id of a system viewer: no account has it (ids start at 1).
SYSTEM_USER_ID = 0


@dataclass
class Viewer:
    user_id: int
    username: str
    role: Role
    authority_id: str
    authority_sources: tuple[str, ...] = ()
    team_ids: tuple[int, ...] = ()
    shared_case_uids: tuple[str, ...] = ()
    ip: str | None = None
    # the server's command line: every permission, every record (see the module docstring)
    system: bool = False
    _scope: AccessScope | None = field(default=None, repr=False, compare=False)

    @property
    def account_id(self) -> int | None:
        """The id of the viewer's user account (None for a system viewer, which has none):
        what rows that name a user keep (audit events, shares)."""
        return None if self.system else self.user_id

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)

    def require(self, permission: Permission) -> None:
        require(self.role, permission)

    def scope(self, graph: Graph) -> AccessScope:
        """The access parameters; the authority's sources are looked up once per viewer."""
        if self._scope is None:
            sources = set(self.authority_sources) | authority_sources(graph, self.authority_id)
            self._scope = AccessScope(
                see_all=self.may(Permission.see_all_cases),
                authority=self.authority_id,
                case_uids=tuple(sorted(self.shared_case_uids)),
                sources=tuple(sorted(sources)),
            )
        return self._scope


def viewer_for(db: Session, user: User, ip: str | None = None) -> Viewer:
    """Build the access context of ``user`` from the app state (teams, case shares)."""
    team_ids = tuple(db.scalars(select(Membership.team_id).where(Membership.user_id == user.id)))
    shared = tuple(db.scalars(select(CaseShare.case_uid).where(CaseShare.team_id.in_(team_ids))
                              .distinct())) if team_ids else ()
    shared += referred_case_uids(db, user.authority_id)
    authority = db.get(Authority, user.authority_id)
    return Viewer(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        authority_id=user.authority_id,
        authority_sources=tuple(authority.source_ids or ()) if authority else (),
        team_ids=team_ids,
        shared_case_uids=shared,
        ip=ip,
    )


# A referral shares its case with the receiving authority once accepted, and after it is closed.
SHARING_REFERRAL_STATUSES = ("accepted", "closed")


def referred_case_uids(db: Session, authority_id: str) -> tuple[str, ...]:
    """The cases referred to ``authority_id`` and accepted by it: its people see them (and the
    records tied to them) as a team sees the cases shared with it."""
    return tuple(db.scalars(select(Referral.case_uid).where(
        Referral.to_authority == authority_id, Referral.accepted_at.is_not(None),
        Referral.status.in_(SHARING_REFERRAL_STATUSES)).distinct()))


def system_viewer(username: str) -> Viewer:
    """The server-side viewer of the command line: an administrator without an account, who
    sees everything; ``username`` (``cli:<login>``) is what the audit log names."""
    return Viewer(user_id=SYSTEM_USER_ID, username=username, role=Role.admin,
                  authority_id=INSTANCE_AUTHORITY, system=True)
