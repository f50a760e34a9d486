"""Checking a user name and password, with the failed-login limit and the audit record."""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.auth.passwords import check_strength, hash_password, verify_password
from backend.auth.ratelimit import LoginLimiter
from backend.auth.session import end_user_sessions
from backend.auth.viewer import Viewer
from backend.db.models import User, utcnow
from backend.errors import BadInputError, NotLoggedInError, TooManyAttemptsError
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
    try:
        check_strength(new)
    except ValueError as exc:
        raise BadInputError(str(exc), field="new_password") from None
    limiter.succeeded(viewer.username, viewer.ip or "")
    user.password_hash = hash_password(new)
    user.password_changed_at = utcnow()
    db.commit()
    end_user_sessions(db, user.id, keep=session_token)
    audit.record(db, viewer, audit.Action.user, {"op": "password_change"})
