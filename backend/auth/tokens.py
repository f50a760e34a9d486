"""API tokens (``Authorization: Bearer clk_...``) for scripts; only their SHA-256 is kept."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.session import digest
from backend.db.models import ApiToken, User, utcnow

PREFIX = "clk_"
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def create_token(db: Session, user: User, name: str) -> str:
    """A new token for ``user``; shown once, it cannot be read back."""
    token = PREFIX + secrets.token_urlsafe(32)
    db.add(ApiToken(user_id=user.id, name=name, token_hash=digest(token)))
    db.commit()
    return token


def user_from_bearer(db: Session, token: str) -> User | None:
    found = db.execute(select(ApiToken, User).join(User, User.id == ApiToken.user_id)
                       .where(ApiToken.token_hash == digest(token),
                              ApiToken.revoked_at.is_(None))).first()
    if found is None:
        return None
    row, user = found
    if not user.active:
        return None
    now = utcnow()
    last = row.last_used_at
    if last is None or now - last > LAST_USED_RESOLUTION:
        row.last_used_at = now  # not on every request: one write per minute is enough
        db.commit()
    return user


def revoke_tokens(db: Session, user_id: int) -> int:
    rows = db.scalars(select(ApiToken).where(ApiToken.user_id == user_id,
                                             ApiToken.revoked_at.is_(None))).all()
    for row in rows:
        row.revoked_at = utcnow()
    db.commit()
    return len(rows)
