"""Users and the authorities they belong to: create, list, change passwords, first admin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.auth.passwords import check_strength, generate_password, hash_password
from backend.auth.roles import Role
from backend.auth.session import end_user_sessions
from backend.auth.viewer import INSTANCE_AUTHORITY
from backend.db.models import Authority, User, utcnow
from backend.errors import BadInputError, ConflictError, NotFoundError
from graph.model import MODEL
from ingest.grading import check_source_id
from values import InvalidValueError
from values.country import clean_country

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{1,79}$")
# The authority of the admin created on first start (INSTANCE_AUTHORITY) reports no cases.
FIRST_ADMIN = "admin"


@dataclass(frozen=True)
class FirstAdmin:
    username: str
    password: str


def create_authority(db: Session, authority_id: str, *, name: str, country: str, kind: str,
                     source_ids: list[str] | None = None, contact: str = "") -> Authority:
    """An organisation; its id is the code its cases carry in ``Case.authority``."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", authority_id):
        raise BadInputError("authority id: letters, digits, _ . - (at most 64)", field="id")
    kinds = MODEL.enums["authority_kind"]
    if kind not in kinds:
        raise BadInputError(f"kind {kind!r} is not one of {', '.join(kinds)}", field="kind")
    try:
        country = clean_country(country)
    except ValueError as exc:
        raise BadInputError(f"country: {exc}", field="country") from None
    if db.get(Authority, authority_id) is not None:
        raise ConflictError(f"authority {authority_id!r} exists already", field="id")
    authority = Authority(id=authority_id, name=name or authority_id, country=country, kind=kind,
                          source_ids=_source_ids(list(source_ids or [])),
                          contact=(contact or "").strip()[:300])
    db.add(authority)
    db.commit()
    return authority


def _source_ids(source_ids: list[str]) -> list[str]:
    try:
        return [check_source_id(source.strip()) for source in source_ids if source.strip()]
    except InvalidValueError as exc:
        raise BadInputError(f"source id: {exc}", field="sources") from None


def add_authority_sources(db: Session, authority_id: str, source_ids: list[str]) -> Authority:
    """Name more ingest sources as the authority's own: its people then see those sources'
    records, TLP:RED ones included."""
    authority = db.get(Authority, authority_id)
    if authority is None:
        raise NotFoundError(f"no authority {authority_id!r}", field="id")
    added = _source_ids(source_ids)
    if not added:
        raise BadInputError("name at least one source id, e.g. gt-pnc", field="sources")
    authority.source_ids = sorted(set(authority.source_ids) | set(added))
    db.commit()
    return authority


def list_authorities(db: Session) -> list[Authority]:
    return list(db.scalars(select(Authority).order_by(Authority.id)))


def create_user(db: Session, username: str, password: str, *, authority_id: str,
                role: str) -> User:
    if not USERNAME.match(username):
        raise BadInputError("user name: 2-80 letters, digits, _ . @ -, starting with a letter or "
                       "digit", field="username")
    try:
        role = Role(role).value
    except ValueError:
        raise BadInputError(f"role {role!r} is not one of {', '.join(r.value for r in Role)}",
                       field="role") from None
    if db.get(Authority, authority_id) is None:
        raise BadInputError(f"authority {authority_id!r} does not exist; add it first with "
                       f"`crosslink authority add {authority_id} --name ... --country ... "
                       f"--kind ...`", field="authority")
    try:
        check_strength(password)
    except ValueError as exc:
        raise BadInputError(str(exc), field="password") from None
    if get_user(db, username) is not None:
        raise ConflictError(f"user {username!r} exists already", field="username")
    user = User(username=username, password_hash=hash_password(password),
                authority_id=authority_id, role=role)
    db.add(user)
    db.commit()
    return user


def get_user(db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(func.lower(User.username) == username.lower()))


def require_user(db: Session, username: str) -> User:
    user = get_user(db, username)
    if user is None:
        raise NotFoundError(f"no user {username!r}", field="username")
    return user


def list_users(db: Session) -> list[User]:
    return list(db.scalars(select(User).order_by(User.username)))


def user_row(user: User) -> dict[str, Any]:
    """A user as the lists show them (CLI, API, People page)."""
    return {"username": user.username, "role": user.role, "authority": user.authority_id,
            "active": user.active, "created_at": user.created_at}


def authority_row(authority: Authority) -> dict[str, Any]:
    return {"id": authority.id, "name": authority.name, "country": authority.country,
            "kind": authority.kind, "sources": list(authority.source_ids or []),
            "contact": authority.contact or ""}


def set_password(db: Session, username: str, password: str, *, keep_session: str | None = None,
                 field: str = "password") -> User:
    """Change a password and end the user's sessions everywhere, but for ``keep_session`` (the
    token of the session they changed it from); ``field`` names the password in errors."""
    user = require_user(db, username)
    try:
        check_strength(password)
    except ValueError as exc:
        raise BadInputError(str(exc), field=field) from None
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    db.commit()
    end_user_sessions(db, user.id, keep=keep_session)
    return user


def ensure_first_admin(db: Session) -> FirstAdmin | None:
    """With no users at all, create ``admin`` with a random password (shown once)."""
    if db.scalar(select(func.count()).select_from(User)):
        return None
    if db.get(Authority, INSTANCE_AUTHORITY) is None:
        db.add(Authority(id=INSTANCE_AUTHORITY, name="This instance's administrators",
                         country="ZZ", kind="instance", source_ids=[]))
        db.commit()
    password = generate_password()
    create_user(db, FIRST_ADMIN, password, authority_id=INSTANCE_AUTHORITY, role=Role.admin.value)
    return FirstAdmin(FIRST_ADMIN, password)
