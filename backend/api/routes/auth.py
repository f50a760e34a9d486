"""Login, logout, who am I, and API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from backend.api.deps import DbDep, SettingsDep, ViewerDep, client_ip
from backend.api.errors import ERROR_RESPONSES, ErrorBody
from backend.auth.ratelimit import shared_limiter
from backend.auth.roles import Permission
from backend.auth.session import (
    SESSION_COOKIE,
    clear_session_cookies,
    end_session,
    set_session_cookies,
    start_session,
)
from backend.auth.viewer import Viewer, viewer_for
from backend.db.models import Authority
from backend.services import audit, people
from backend.services.login import authenticate, change_own_password

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERROR_RESPONSES)


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1000)


class AuthorityOut(BaseModel):
    id: str
    name: str
    country: str
    kind: str


class Me(BaseModel):
    username: str
    role: str
    authority: AuthorityOut
    team_ids: list[int]
    permissions: list[str] = Field(description="Names of the permissions of the role")


class TokenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="What the token is for")


class TokenOut(BaseModel):
    name: str
    token: str = Field(description="Shown once: send it as `Authorization: Bearer <token>`")


def _me(viewer: Viewer, authority: Authority | None) -> Me:
    return Me(
        username=viewer.username,
        role=viewer.role.value,
        authority=AuthorityOut(id=viewer.authority_id, name=authority.name if authority else "",
                               country=authority.country if authority else "",
                               kind=authority.kind if authority else ""),
        team_ids=list(viewer.team_ids),
        permissions=[p.name for p in Permission if viewer.may(p)],
    )


@router.post("/login", response_model=Me,
             responses={429: {"model": ErrorBody, "description": "Too many failed logins"}})
def login(body: LoginRequest, request: Request, response: Response, db: DbDep,
          settings: SettingsDep) -> Me:
    """Check the password and set the session cookie (shared with the UI) and the CSRF cookie."""
    ip = client_ip(request)
    user = authenticate(db, shared_limiter(settings), body.username, body.password, ip)
    token = start_session(db, user, hours=settings.session_hours, ip=ip)
    set_session_cookies(response, token, secure=request.url.scheme == "https",
                        max_age=int(settings.session_hours * 3600))
    return _me(viewer_for(db, user, ip), db.get(Authority, user.authority_id))


@router.post("/logout", status_code=204)
def logout(request: Request, viewer: ViewerDep, db: DbDep) -> Response:
    end_session(db, request.cookies.get(SESSION_COOKIE))
    audit.record(db, viewer, audit.Action.logout, {})
    response = Response(status_code=204)
    clear_session_cookies(response)
    return response


@router.get("/me", response_model=Me)
def me(viewer: ViewerDep, db: DbDep) -> Me:
    return _me(viewer, db.get(Authority, viewer.authority_id))


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=1000)
    new_password: str = Field(min_length=1, max_length=1000)


@router.post("/password", status_code=204,
             responses={429: {"model": ErrorBody, "description": "Too many wrong passwords"}})
def change_password(body: PasswordChange, request: Request, viewer: ViewerDep, db: DbDep,
                    settings: SettingsDep) -> Response:
    """Change your own password (the current one is asked again); your other sessions end,
    this one goes on."""
    change_own_password(db, shared_limiter(settings), viewer, body.current_password,
                        body.new_password, session_token=request.cookies.get(SESSION_COOKIE))
    return Response(status_code=204)


@router.post("/tokens", response_model=TokenOut, status_code=201)
def new_token(body: TokenRequest, viewer: ViewerDep, db: DbDep) -> TokenOut:
    """A Bearer token for scripts, acting as the logged-in user."""
    return TokenOut(name=body.name, token=people.new_token(db, viewer, body.name))
