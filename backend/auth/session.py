"""Browser sessions: one cookie shared by the API and the Dash UI, plus a CSRF cookie.

The session cookie (``crosslink_session``) is HttpOnly, SameSite=Strict and Secure when the
request came over https; the server keeps only its SHA-256 with an expiry. The CSRF token
(``crosslink_csrf``, readable by scripts) is derived from the session token, so a page must
echo it in the ``X-CSRF-Token`` header of every cookie-authenticated write (double submit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend.db.models import LoginSession, User, utcnow

SESSION_COOKIE = "crosslink_session"
CSRF_COOKIE = "crosslink_csrf"
CSRF_HEADER = "X-CSRF-Token"


class CookieResponse(Protocol):
    """Starlette's and Flask's responses both have these two methods."""

    def set_cookie(self, key: str, value: str = ..., *args: Any, **kwargs: Any) -> Any: ...
    def delete_cookie(self, key: str, *args: Any, **kwargs: Any) -> Any: ...


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token_for(session_token: str) -> str:
    return hashlib.sha256(b"crosslink-csrf:" + session_token.encode()).hexdigest()[:43]


def start_session(db: Session, user: User, *, hours: float, ip: str | None = None) -> str:
    """Record a new session for ``user``; return its token (the cookie value)."""
    token = secrets.token_urlsafe(32)
    db.add(LoginSession(token_hash=digest(token), user_id=user.id, ip=ip,
                        expires_at=utcnow() + dt.timedelta(hours=hours)))
    db.commit()
    return token


def user_from_session_token(db: Session, token: str | None) -> User | None:
    if not token:
        return None
    row = db.get(LoginSession, digest(token))
    if row is None:
        return None
    if row.expires_at <= utcnow():
        db.delete(row)
        db.commit()
        return None
    user = db.get(User, row.user_id)
    return user if user is not None and user.active else None


def user_from_cookies(cookies: Mapping[str, str], db: Session) -> User | None:
    """The logged-in user of a request's cookies (FastAPI, Flask or Dash), or None."""
    return user_from_session_token(db, cookies.get(SESSION_COOKIE))


def csrf_ok(cookies: Mapping[str, str], header_value: str | None) -> bool:
    """A cookie-authenticated write must echo the CSRF cookie, which matches the session."""
    session_token = cookies.get(SESSION_COOKIE)
    cookie = cookies.get(CSRF_COOKIE)
    if not session_token or not cookie or not header_value:
        return False
    expected = csrf_token_for(session_token)
    return hmac.compare_digest(cookie, expected) and hmac.compare_digest(header_value, expected)


def end_session(db: Session, token: str | None) -> None:
    if token:
        db.execute(delete(LoginSession).where(LoginSession.token_hash == digest(token)))
        db.commit()


def end_user_sessions(db: Session, user_id: int, *, keep: str | None = None) -> None:
    """Log a user out everywhere (after a password change), but for the session whose token
    is ``keep`` (theirs, when they changed it themselves)."""
    query = delete(LoginSession).where(LoginSession.user_id == user_id)
    if keep:
        query = query.where(LoginSession.token_hash != digest(keep))
    db.execute(query)
    db.commit()


def set_session_cookies(response: CookieResponse, token: str, *, secure: bool,
                        max_age: int) -> str:
    """Set both cookies on a Starlette or Flask response; return the CSRF token."""
    csrf = csrf_token_for(token)
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, path="/", httponly=True,
                        samesite="strict", secure=secure)
    response.set_cookie(CSRF_COOKIE, csrf, max_age=max_age, path="/", httponly=False,
                        samesite="strict", secure=secure)
    return csrf


def clear_session_cookies(response: CookieResponse) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


def active_sessions(db: Session, user_id: int) -> int:
    rows = db.scalars(select(LoginSession).where(LoginSession.user_id == user_id)).all()
    return sum(1 for r in rows if r.expires_at > utcnow())
