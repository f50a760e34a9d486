"""Roles and what each may do. Roles are ordered: each one may do what the ones below it may.

viewer < investigator < analyst < admin. Which *records* a user sees is a separate question,
answered by the access rules (``graph/access.py``); this module only answers "may this role
use this function at all".
"""

from __future__ import annotations

from enum import StrEnum

from backend.errors import ForbiddenError


class Role(StrEnum):
    viewer = "viewer"
    investigator = "investigator"
    analyst = "analyst"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class Permission(StrEnum):
    read_graph = "read the graph (search, view, expand, paths, cases, networks)"
    see_protected = "see the names of protected persons (victims, minors)"
    run_queries = "run saved pattern queries"
    save_subgraphs = "save subgraphs"
    upload = "upload files"
    judge = "judge resolution candidates"
    export = "export data"
    console = "use the Cypher console"
    save_queries = "save Cypher queries of their own"
    see_all_cases = "see every case"
    audit = "read the audit log"
    form_teams = "form joint teams and share the cases of their authority with them"
    refer = "refer their authority's cases to other authorities and answer referrals"
    manage_users = "manage users, authorities and teams"
    alerts = ("receive and handle alerts (deconfliction hits, watched entities, reviews) and "
              "watch entities")
    protect_victims = "record victims' risk assessments and assistance referrals"


MINIMUM_ROLE: dict[Permission, Role] = {
    Permission.read_graph: Role.viewer,
    Permission.see_protected: Role.investigator,
    Permission.run_queries: Role.analyst,
    Permission.save_subgraphs: Role.investigator,
    Permission.upload: Role.investigator,
    Permission.judge: Role.investigator,
    Permission.form_teams: Role.investigator,
    Permission.refer: Role.investigator,
    Permission.export: Role.investigator,
    Permission.console: Role.analyst,
    Permission.save_queries: Role.analyst,
    Permission.see_all_cases: Role.analyst,
    Permission.audit: Role.admin,
    Permission.manage_users: Role.admin,
    Permission.alerts: Role.investigator,
    Permission.protect_victims: Role.investigator,
}


def may(role: Role | str, permission: Permission) -> bool:
    return Role(role).rank >= MINIMUM_ROLE[permission].rank


def require(role: Role | str, permission: Permission) -> None:
    """Raise ``ForbiddenError`` naming the role, the function and who may use it."""
    if may(role, permission):
        return
    allowed = [r.value for r in Role if r.rank >= MINIMUM_ROLE[permission].rank]
    raise ForbiddenError(f"role {Role(role).value} may not {permission.value} "
                    f"(allowed: {', '.join(allowed)})")
