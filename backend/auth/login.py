"""Checking a user name and password, with the failed-login limit and the audit record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.auth.passwords import verify_password
from backend.auth.ratelimit import LoginLimiter
from backend.db.models import User
from backend.errors import NotLoggedInError, TooManyAttemptsError
from backend.services import audit
from backend.services.users import get_user


def authenticate(db: Session, limiter: LoginLimiter, username: str, password: str,
                 ip: str = "") -> User:
    """The user, or ``NotLoggedInError`` / ``TooManyAttemptsError``; both outcomes are audited."""
    wait = limiter.retry_after(username, ip)
    if wait:
        audit.record(db, None, audit.Action.login, {"username": username},
                     outcome=audit.Outcome.limited, username=username, ip=ip)
        raise TooManyAttemptsError(f"too many failed logins for {username!r}; try again in "
                              f"{wait} s", retry_after=wait)
    user = get_user(db, username)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        limiter.failed(username, ip)
        audit.record(db, None, audit.Action.login, {"username": username},
                     outcome=audit.Outcome.failed, username=username, ip=ip)
        raise NotLoggedInError("wrong user name or password", code="bad_credentials")
    limiter.succeeded(username, ip)
    audit.record(db, None, audit.Action.login, {"username": user.username},
                 username=user.username, ip=ip)
    return user
