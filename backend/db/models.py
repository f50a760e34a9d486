"""The app-state tables. Authority ids are the ``Authority.id`` / ``Case.authority`` codes of the
graph, so access rules can compare them directly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A time kept in UTC and read back with its zone: SQLite returns it without one."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: dt.datetime | None,
                             dialect: Any) -> dt.datetime | None:
        return value.replace(tzinfo=dt.UTC) if value and value.tzinfo is None else value


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Authority(Base):
    """An organisation whose people use the instance (police, inspectorate, NGO, ...)."""

    __tablename__ = "authorities"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(40))
    # Ingest sources this authority owns (TLP:RED and own-record rules), besides the sources
    # of the cases it reported.
    source_ids: Mapped[list[Any]] = mapped_column(default=list)
    # Whom another authority calls about a deconfliction hit (a desk, a phone, an e-mail);
    # migration 0003.
    contact: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    authority_id: Mapped[str] = mapped_column(ForeignKey("authorities.id"))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    password_changed_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), default=utcnow)

    authority: Mapped[Authority] = relationship(lazy="joined")


class LoginSession(Base):
    """A browser session; the cookie holds the token, the table only its SHA-256."""

    __tablename__ = "login_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    ip: Mapped[str | None] = mapped_column(String(64))


class ApiToken(Base):
    """A Bearer token for scripts; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Team(Base):
    """A (joint investigation) team; members may come from several authorities."""

    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Membership(Base):
    __tablename__ = "memberships"
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CaseShare(Base):
    """A case (graph ``Case.uid``) shared with a team: its members see it and its records."""

    __tablename__ = "case_shares"
    case_uid: Mapped[str] = mapped_column(String(300), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"),
                                         primary_key=True)
    shared_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    shared_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SavedSubgraph(Base):
    """A saved link chart: the current version; every save is also kept in SubgraphVersion."""

    __tablename__ = "saved_subgraphs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    elements: Mapped[dict[str, Any]] = mapped_column(default=dict)
    layout: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # private | team (the teams of SubgraphShare) | instance (every user); migration 0002
    visibility: Mapped[str] = mapped_column(String(10), default="private",
                                            server_default="private")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SubgraphShare(Base):
    """A saved subgraph shared with a team: its members see the chart's elements (TLP:RED
    only if their authority owns them) and its comment thread."""

    __tablename__ = "subgraph_shares"
    subgraph_id: Mapped[int] = mapped_column(
        ForeignKey("saved_subgraphs.id", ondelete="CASCADE"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"),
                                         primary_key=True)
    shared_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    shared_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SubgraphComment(Base):
    """One message of a saved subgraph's comment thread."""

    __tablename__ = "subgraph_comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subgraph_id: Mapped[int] = mapped_column(
        ForeignKey("saved_subgraphs.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SubgraphVersion(Base):
    __tablename__ = "subgraph_versions"
    __table_args__ = (UniqueConstraint("subgraph_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subgraph_id: Mapped[int] = mapped_column(
        ForeignKey("saved_subgraphs.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    elements: Mapped[dict[str, Any]] = mapped_column(default=dict)
    layout: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SavedQuery(Base):
    """An analyst's own Cypher, private or shared with one of their teams."""

    __tablename__ = "saved_queries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    cypher: Mapped[str] = mapped_column(Text)
    parameters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    visibility: Mapped[str] = mapped_column(String(10), default="private")  # private | team
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditEvent(Base):
    """One look at or change of the data. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: survives users
    username: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    parameters: Mapped[dict[str, Any]] = mapped_column(default=dict)
    result_size: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(20), default="ok")  # ok | denied | failed
    ip: Mapped[str | None] = mapped_column(String(64))


class Alert(Base):
    """A notice to an authority (or, for a watch, to one user): its records joined another
    authority's (``deconfliction``), a watched entity was seen again (``watch``), a victim's
    review falls due (``review``). ``details`` holds what its recipients may read: their own
    records, the other authority's name and contact point, and the other side's records only
    when the access rules already let the recipient authority see them. ``dedup_key`` keeps
    one alert per pair of cases and identifier (per watch and record, per review)."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    # the graph's authority code (Case.authority): no foreign key, a graph authority may
    # have no users yet
    authority_id: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    dedup_key: Mapped[str] = mapped_column(String(700), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    decided_by: Mapped[str | None] = mapped_column(String(80))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Watch(Base):
    """An investigator's standing interest in one entity (a record by uid, an identifier by
    its key): new records that touch it or resolve to it alert them."""

    __tablename__ = "watches"
    __table_args__ = (UniqueConstraint("user_id", "label", "key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RiskAssessment(Base):
    """A dated assessment of a victim's risk (graph ``Person.uid``), with the next review."""

    __tablename__ = "risk_assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_uid: Mapped[str] = mapped_column(String(300), index=True)
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    level: Mapped[str] = mapped_column(String(10))  # low | medium | high
    needs: Mapped[list[Any]] = mapped_column(default=list)
    next_review_on: Mapped[dt.date | None] = mapped_column(Date)
    authority_id: Mapped[str] = mapped_column(String(64))
    recorded_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AssistanceReferral(Base):
    """A victim referred for assistance: shelter, legal aid, consular assistance (of the
    victim's nationality), return."""

    __tablename__ = "assistance_referrals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_uid: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # shelter | legal_aid | consular | return
    referred_on: Mapped[dt.date] = mapped_column(Date)
    referred_to: Mapped[str] = mapped_column(String(300), default="")
    country: Mapped[str | None] = mapped_column(String(2))
    note: Mapped[str] = mapped_column(Text, default="")
    authority_id: Mapped[str] = mapped_column(String(64))
    recorded_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Referral(Base):
    """A case passed from one authority to another (labour inspectorate -> police, ...): the
    indicators that prompted it, the remedy sought and where it stands. Accepted, it shares the
    case with the receiving authority as a team share does (``backend.auth.viewer``).

    status: proposed (by a red-flag rule or a person, not yet sent) -> sent -> accepted |
    declined (with a reason) -> closed. ``from_authority`` is the case's ``Case.authority`` (it
    need not have users here); ``to_authority`` an authority of this instance. Migration 0004."""

    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_uid: Mapped[str] = mapped_column(String(300), index=True)
    from_authority: Mapped[str] = mapped_column(String(64), index=True)
    to_authority: Mapped[str] = mapped_column(ForeignKey("authorities.id"), index=True)
    indicators: Mapped[list[Any]] = mapped_column(default=list)
    remedy: Mapped[str] = mapped_column(String(20))  # criminal | civil | administrative
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    rule: Mapped[str | None] = mapped_column(String(64))  # the red-flag rule that proposed it
    note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str | None] = mapped_column(Text)  # why it was declined
    proposed_by: Mapped[str] = mapped_column(String(80))
    proposed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    declined_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
