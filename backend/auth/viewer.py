"""The access context of one request: who is looking, with which role, authority and teams.

Services receive a ``Viewer`` and ask it ``require(permission)`` (may the role use this at all)
and ``scope(graph)`` (which records it may see, for ``graph.access``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission, Role, may, require
from backend.db.models import Authority, CaseShare, Membership, User
from graph.access import AccessScope, authority_sources
from graph.connection import Graph


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
    _scope: AccessScope | None = field(default=None, repr=False, compare=False)

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
