"""Checking a user name and password, with the failed-login limit and the audit record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.auth.passwords import verify_password
from backend.auth.ratelimit import LoginLimiter
from backend.auth.viewer import Viewer
from backend.db.models import User
from backend.errors import BadInputError, NotLoggedInError, TooManyAttemptsError
from backend.services import audit
from backend.services.users import get_user, set_password


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


def change_own_password(db: Session, limiter: LoginLimiter, viewer: Viewer, current: str,
                        new: str, *, session_token: str | None = None) -> None:
    """A user changes their own password: the current one must be right (wrong guesses count
    against the failed-login limit); every other session of theirs ends."""
    wait = limiter.retry_after(viewer.username, viewer.ip or "")
    if wait:
        raise TooManyAttemptsError(f"too many wrong passwords; try again in {wait} s",
                                   retry_after=wait)
    user = db.get(User, viewer.user_id)
    if user is None or not verify_password(user.password_hash, current):
        limiter.failed(viewer.username, viewer.ip or "")
        audit.record(db, viewer, audit.Action.user, {"op": "password_change"},
                     outcome=audit.Outcome.failed)
        raise BadInputError("your current password is not right", field="current_password")
    if new == current:
        raise BadInputError("the new password is the current one", field="new_password")
    limiter.succeeded(viewer.username, viewer.ip or "")
    set_password(db, user.username, new, keep_session=session_token, field="new_password")
    audit.record(db, viewer, audit.Action.user, {"op": "password_change"})
