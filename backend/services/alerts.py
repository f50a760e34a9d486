"""Alerts: deconfliction hits, watched entities seen again, reviews that fall due.

Other services call ``after_load`` (a load or an import) and ``after_resolution`` (a
resolution run, a judgement); they look for what the run joined (``graph.deconfliction``) and
store one alert per recipient, pair of cases and identifier, never twice.

The rules an alert keeps (docs/sharing.md, "Deconfliction alerts and watchlists"):
- **Hit / no-hit.** A deconfliction alert names the recipient authority's own records that
  joined, through what, and the other authority's name and contact point. It names the other
  side's case or actor only when the recipient authority already sees it under the access
  rules (``graph.access``, as one of its investigators outside any team would).
- **TLP:RED** records raise an alert to their owner only: when any element on the other side
  of a join (its case, actor, case role or link to the identifier) is RED and not the
  recipient's own, the recipient gets no alert at all.
- **Recipients.** A deconfliction or review alert goes to an authority: its users who may
  receive alerts (investigators and above) see it. A watch alert goes to the watcher alone.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission
from backend.auth.viewer import Viewer, viewer_for
from backend.db.models import Alert, Authority, RiskAssessment, User, Watch, utcnow
from backend.errors import BadInputError, NotFoundError
from backend.services import audit
from backend.settings import Settings
from graph.access import RED, AccessScope, authority_sources, visible_node_ids
from graph.connection import Graph
from graph.deconfliction import (
    SAME_AS,
    WATCHABLE,
    joins_of_load,
    joins_of_resolution,
    watched_hits,
)
from graph.model import MODEL

KINDS = ("deconfliction", "watch", "review")
STATUSES = ("open", "acknowledged", "dismissed")
OPEN, ACKNOWLEDGED, DISMISSED = STATUSES


@dataclass
class AlertRun:
    """What one load, import or resolution run raised (the caller may report it)."""

    deconfliction: int = 0
    watch: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"deconfliction": self.deconfliction, "watch": self.watch,
                "seconds": round(self.seconds, 3)}


# --- raising --------------------------------------------------------------------------------

def _enabled(settings: Settings | None) -> tuple[bool, int]:
    settings = settings or Settings()
    return settings.alerts_enabled, settings.network_hub_cap


def after_load(graph: Graph, db: Session, *, batch_id: str, sources: Sequence[str],
               settings: Settings | None = None, context: str = "") -> AlertRun:
    """The alerts of one load or import (``batch_id`` of ``sources``): deconfliction hits
    and watched entities it touched."""
    enabled, hub_cap = _enabled(settings)
    run = AlertRun()
    if not enabled or not sources:
        return run
    started = time.perf_counter()
    rows = joins_of_load(graph, batch_id, list(sources), hub_cap)
    run.deconfliction = _raise_joins(graph, db, rows, context or f"load {batch_id}")
    run.watch = _raise_watches(graph, db, batch_id=batch_id, sources=sources,
                               context=context or f"load {batch_id}")
    run.seconds = time.perf_counter() - started
    return run


def after_resolution(graph: Graph, db: Session, *, since: dt.datetime,
                     settings: Settings | None = None, context: str = "resolution"
                     ) -> AlertRun:
    """The alerts of the SAME_AS pairs confirmed from ``since`` on (a resolution run, a
    judgement): cross-authority joins, watched actors resolved to another record."""
    enabled, _ = _enabled(settings)
    run = AlertRun()
    if not enabled:
        return run
    started = time.perf_counter()
    run.deconfliction = _raise_joins(graph, db, joins_of_resolution(graph, since), context)
    run.watch = _raise_watches(graph, db, since=since, context=context)
    run.seconds = time.perf_counter() - started
    return run


def _authority_scope(graph: Graph, db: Session, authority_id: str,
                     cache: dict[str, AccessScope]) -> AccessScope:
    """What an investigator of the authority sees outside any team: the hit/no-hit test."""
    if authority_id not in cache:
        known = db.get(Authority, authority_id)
        sources = set(known.source_ids or ()) if known else set()
        cache[authority_id] = AccessScope(
            see_all=False, authority=authority_id,
            sources=tuple(sorted(sources | authority_sources(graph, authority_id))))
    return cache[authority_id]


def _red_elsewhere(row: dict[str, Any], side: str, scope: AccessScope) -> bool:
    """Is an element of ``side`` TLP:RED and not of the scope's own sources?"""
    tlps = [row[f"{side}case_tlp"], row[f"{side}actor_tlp"], row[f"{side}role_tlp"],
            row[f"{side}link_tlp"]]
    return RED in tlps and row[f"{side}source"] not in scope.sources


def _record(row: dict[str, Any], side: str, *, with_actor: bool = True) -> dict[str, Any]:
    """One side's case and actor, as an alert shows them; a protected person's name is left
    out (the reader opens the record, masked as everywhere)."""
    shown: dict[str, Any] = {"case": row[f"{side}case"], "case_title": row[f"{side}case_title"],
                             "jurisdiction": row[f"{side}jurisdiction"]}
    if with_actor:
        shown.update({"actor": row[f"{side}actor"], "actor_label": row[f"{side}actor_label"],
                      "actor_name": None if row[f"{side}protected"]
                      else row[f"{side}actor_name"], "role": row[f"{side}role"]})
    return shown


def _authority_card(db: Session, authority_id: str,
                    cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The name, country and contact point an alert gives of another authority (kept in
    ``cache`` for the run)."""
    if authority_id in cache:
        return cache[authority_id]
    known = db.get(Authority, authority_id)
    card = {"id": authority_id, "name": known.name if known else authority_id,
            "country": known.country if known else None,
            "contact": (known.contact if known else "") or ""}
    cache[authority_id] = card
    return card


def _via_text(via: str) -> str:
    return "a confirmed same-as record" if via == SAME_AS else f"a shared {via.lower()}"


def _raise_joins(graph: Graph, db: Session, rows: list[dict[str, Any]], context: str) -> int:
    """One alert per recipient authority, pair of cases and identifier, from both sides.

    What each recipient may already see of the other sides is asked once per recipient (one
    access read for all its joins), not once per join."""
    scopes: dict[str, AccessScope] = {}
    chosen: dict[str, tuple[dict[str, Any], str, str]] = {}
    for row in rows:
        for own, other in (("a_", "b_"), ("b_", "a_")):
            recipient = row[f"{own}authority"]
            scope = _authority_scope(graph, db, recipient, scopes)
            if _red_elsewhere(row, other, scope):
                continue  # TLP:RED: its owner only
            identifier = (f"SAME_AS:{min(row['a_actor'], row['b_actor'])}|"
                          f"{max(row['a_actor'], row['b_actor'])}"
                          if row["via"] == SAME_AS else f"{row['via']}:{row['key']}")
            key = (f"deconfliction|{recipient}|{row[f'{own}case']}|{row[f'{other}case']}|"
                   f"{identifier}")
            chosen.setdefault(key, (row, own, other))
    asked: dict[str, set[str]] = {}
    for row, own, other in chosen.values():
        asked.setdefault(row[f"{own}authority"], set()).update(
            (row[f"{other}case_eid"], row[f"{other}actor_eid"]))
    seen = {recipient: visible_node_ids(graph, scopes[recipient], eids)
            for recipient, eids in asked.items()}
    cards: dict[str, dict[str, Any]] = {}
    wanted: dict[str, Alert] = {}
    for key, (row, own, other) in chosen.items():
        recipient = row[f"{own}authority"]
        other_case = row[f"{other}case_eid"] in seen[recipient]
        other_actor = row[f"{other}actor_eid"] in seen[recipient]
        them = _authority_card(db, row[f"{other}authority"], cards)
        wanted[key] = Alert(
            kind="deconfliction", authority_id=recipient, dedup_key=key,
            title=(f"Your case {row[f'{own}case']} joined a case of {them['name']} "
                   f"through {_via_text(row['via'])}"),
            details={
                "via": row["via"],
                "identifier": None if row["via"] == SAME_AS else row["key"],
                "own": _record(row, own),
                "other_authority": them,
                # hit / no-hit: only what the recipient authority may already see
                "other": (_record(row, other, with_actor=other_actor)
                          if other_case else None),
                "other_hidden": not other_case,
                "context": context,
            })
    return _store(db, wanted)


def _store(db: Session, wanted: dict[str, Alert]) -> int:
    """Add the alerts whose key is new; return how many."""
    if not wanted:
        return 0
    keys = list(wanted)
    known: set[str] = set()
    for start in range(0, len(keys), 500):
        known |= set(db.scalars(select(Alert.dedup_key)
                                .where(Alert.dedup_key.in_(keys[start:start + 500]))))
    fresh = [alert for key, alert in wanted.items() if key not in known]
    db.add_all(fresh)
    db.commit()
    return len(fresh)


def _raise_watches(graph: Graph, db: Session, *, batch_id: str = "",
                   sources: Sequence[str] = (), since: dt.datetime | None = None,
                   context: str) -> int:
    watches = list(db.scalars(select(Watch)))
    if not watches:
        return 0
    watched: dict[str, list[str]] = {}
    for watch in watches:
        watched.setdefault(watch.label, []).append(watch.key)
    hits = watched_hits(graph, watched, batch_id=batch_id, sources=sources, since=since)
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for hit in hits:
        by_key.setdefault((hit["watched_label"], hit["key"]), []).append(hit)
    # the watchers who have hits, each with their scope and (one access read per watcher)
    # what of their hits they may see
    viewers: dict[int, tuple[Viewer, AccessScope, set[str]]] = {}
    asked: dict[int, set[str]] = {}
    for watch in watches:
        asked.setdefault(watch.user_id, set()).update(
            h["eid"] for h in by_key.get((watch.label, watch.key), []))
    for user_id, eids in asked.items():
        user = db.get(User, user_id)
        if not eids or user is None or not user.active:
            continue
        viewer = viewer_for(db, user)
        scope = viewer.scope(graph)
        viewers[user_id] = (viewer, scope, visible_node_ids(graph, scope, eids))
    cards: dict[str, dict[str, Any]] = {}
    wanted: dict[str, Alert] = {}
    for watch in watches:
        found = by_key.get((watch.label, watch.key), [])
        if not found or watch.user_id not in viewers:
            continue
        viewer, scope, seen = viewers[watch.user_id]
        for hit in found:
            red = RED in (hit["tlp"], hit["rel_tlp"]) and hit["source"] not in scope.sources
            if red:
                continue  # TLP:RED: its owner only
            key = f"watch|{watch.id}|{hit['rel']}|{hit['uid']}"
            visible = hit["eid"] in seen
            others = [_authority_card(db, a, cards) for a in hit["authorities"]
                      if a and a != viewer.authority_id]
            wanted[key] = Alert(
                kind="watch", authority_id=viewer.authority_id, user_id=watch.user_id,
                dedup_key=key,
                title=(f"Your watched {watch.label.lower()} {watch.key} was "
                       + ("resolved to another record" if hit["rel"] == SAME_AS
                          else f"seen in a new record ({hit['rel']})")),
                details={
                    "watched": {"label": watch.label, "key": watch.key},
                    "rel": hit["rel"],
                    "record": ({"uid": hit["uid"], "label": hit["label"],
                                "caption": None if hit["protected"] else hit["caption"]}
                               if visible else None),
                    "record_hidden": not visible,
                    "other_authorities": others,
                    "context": context,
                })
    return _store(db, wanted)


def raise_due_reviews(db: Session, today: dt.date | None = None) -> int:
    """A reminder to the authority that recorded a victim's latest risk assessment when its
    next review falls due (once per assessment and review date)."""
    today = today or dt.date.today()
    latest = (select(RiskAssessment.person_uid, func.max(RiskAssessment.id).label("id"))
              .group_by(RiskAssessment.person_uid).subquery())
    due = db.scalars(select(RiskAssessment).join(latest, RiskAssessment.id == latest.c.id)
                     .where(RiskAssessment.next_review_on.is_not(None),
                            RiskAssessment.next_review_on <= today))
    wanted: dict[str, Alert] = {}
    for assessment in due:
        key = f"review|{assessment.id}|{assessment.next_review_on}"
        wanted[key] = Alert(
            kind="review", authority_id=assessment.authority_id, dedup_key=key,
            title=(f"The risk review of {assessment.person_uid} fell due on "
                   f"{assessment.next_review_on}"),
            details={"person": assessment.person_uid, "assessment": assessment.id,
                     "level": assessment.level, "assessed_on": str(assessment.assessed_on),
                     "next_review_on": str(assessment.next_review_on)})
    return _store(db, wanted)


def remind(db: Session, viewer: Viewer, today: dt.date | None = None) -> int:
    """Raise the review reminders that fell due (the command line's ``alerts remind``)."""
    viewer.require(Permission.alerts)
    raised = raise_due_reviews(db, today)
    audit.record(db, viewer, audit.Action.alert,
                 {"op": "remind", "today": str(today or dt.date.today()), "raised": raised},
                 result_size=raised)
    return raised


# --- reading and handling -------------------------------------------------------------------

def _mine(viewer: Viewer, authority: str | None) -> Any:
    """The viewer's alerts: the system viewer sees every authority's (or ``authority``'s)."""
    if viewer.system:
        return Alert.authority_id == authority if authority else None
    if authority and authority != viewer.authority_id:
        raise BadInputError(f"authority {authority!r}: you see the alerts of your own "
                            f"authority ({viewer.authority_id}) only", field="authority")
    return or_(Alert.user_id == viewer.user_id,
               (Alert.user_id.is_(None)) & (Alert.authority_id == viewer.authority_id))


def _check_status(status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise BadInputError(f"status {status!r}: expected one of {', '.join(STATUSES)}",
                            field="status")


def alert_row(alert: Alert) -> dict[str, Any]:
    return {"id": alert.id, "kind": alert.kind, "authority": alert.authority_id,
            "user_id": alert.user_id, "title": alert.title, "status": alert.status,
            "created_at": alert.created_at.isoformat(), "decided_by": alert.decided_by,
            "decided_at": alert.decided_at.isoformat() if alert.decided_at else None,
            "reason": alert.reason, "details": alert.details}


def list_alerts(db: Session, viewer: Viewer, *, status: str | None = None,
                authority: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The viewer's alerts, newest first; due review reminders are raised first."""
    viewer.require(Permission.alerts)
    _check_status(status)
    raise_due_reviews(db)
    query = select(Alert)
    where = _mine(viewer, authority)
    if where is not None:
        query = query.where(where)
    if status:
        query = query.where(Alert.status == status)
    return [alert_row(a) for a in db.scalars(query.order_by(Alert.id.desc()).limit(limit))]


def open_count(db: Session, viewer: Viewer) -> int:
    """How many open alerts the viewer has (the header's count); 0 for who gets none."""
    if not viewer.may(Permission.alerts):
        return 0
    query = select(func.count()).select_from(Alert).where(Alert.status == OPEN)
    where = _mine(viewer, None)
    if where is not None:
        query = query.where(where)
    return int(db.scalar(query) or 0)


def _get(db: Session, viewer: Viewer, alert_id: int) -> Alert:
    viewer.require(Permission.alerts)
    query = select(Alert).where(Alert.id == alert_id)
    where = _mine(viewer, None)
    if where is not None:
        query = query.where(where)
    alert = db.scalar(query)
    if alert is None:
        raise NotFoundError(f"no alert #{alert_id} of yours", field="id")
    return alert


def _decide(db: Session, viewer: Viewer, alert_id: int, status: str,
            reason: str | None) -> dict[str, Any]:
    alert = _get(db, viewer, alert_id)
    alert.status, alert.reason = status, reason
    alert.decided_by, alert.decided_at = viewer.username, utcnow()
    db.commit()
    audit.record(db, viewer, audit.Action.alert,
                 {"op": "acknowledge" if status == ACKNOWLEDGED else "dismiss",
                  "alert": alert.id, "kind": alert.kind, "reason": reason}, result_size=1)
    return alert_row(alert)


def acknowledge(db: Session, viewer: Viewer, alert_id: int) -> dict[str, Any]:
    return _decide(db, viewer, alert_id, ACKNOWLEDGED, None)


def dismiss(db: Session, viewer: Viewer, alert_id: int, reason: str) -> dict[str, Any]:
    """Dismiss an alert; the reason is kept with it and in the audit log."""
    if not (reason or "").strip():
        raise BadInputError("say why the alert is dismissed", field="reason")
    return _decide(db, viewer, alert_id, DISMISSED, reason.strip())


# --- watchlists -----------------------------------------------------------------------------

def _check_watch(label: str, key: str) -> tuple[str, str]:
    if label not in WATCHABLE:
        raise BadInputError(f"label {label!r}: one may watch {', '.join(WATCHABLE)}",
                            field="label")
    key = (key or "").strip()
    if not key or len(key) > 300:
        raise BadInputError("key: the record's uid or the identifier's key (1-300 "
                            "characters)", field="key")
    return label, key


def _watcher(db: Session, viewer: Viewer, username: str | None) -> int:
    """Whose watch: the viewer's own; the command line names the user."""
    if username is None:
        if viewer.system:
            raise BadInputError("the command line watches for a user: name them (--user)",
                                field="user")
        return viewer.user_id
    if not viewer.system:
        raise BadInputError("you watch in your own name", field="user")
    user = db.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(f"no user {username!r}", field="user")
    return user.id


def watch(graph: Graph, db: Session, viewer: Viewer, label: str, key: str, *,
          note: str = "", username: str | None = None) -> dict[str, Any]:
    """Watch an entity the viewer may see (a record by uid, an identifier by its key)."""
    viewer.require(Permission.alerts)
    label, key = _check_watch(label, key)
    user_id = _watcher(db, viewer, username)
    spec = MODEL.label(label)
    rows = graph.read(f"MATCH (n:{spec.name} {{{spec.key}: $key}}) RETURN elementId(n) AS eid",
                      {"key": key})
    if not rows or (not viewer.system and not visible_node_ids(
            graph, viewer.scope(graph), [rows[0]["eid"]])):
        raise NotFoundError(f"no {label} {key!r} that you may see", field="key")
    found = db.scalar(select(Watch).where(Watch.user_id == user_id, Watch.label == label,
                                          Watch.key == key))
    if found is None:
        found = Watch(user_id=user_id, label=label, key=key, note=note)
        db.add(found)
        db.commit()
    audit.record(db, viewer, audit.Action.watch,
                 {"op": "add", "label": label, "key": key, "watch": found.id}, result_size=1)
    return watch_row(found)


def unwatch(db: Session, viewer: Viewer, label: str, key: str, *,
            username: str | None = None) -> None:
    viewer.require(Permission.alerts)
    label, key = _check_watch(label, key)
    user_id = _watcher(db, viewer, username)
    found = db.scalar(select(Watch).where(Watch.user_id == user_id, Watch.label == label,
                                          Watch.key == key))
    if found is None:
        raise NotFoundError(f"you do not watch {label} {key!r}", field="key")
    db.delete(found)
    db.commit()
    audit.record(db, viewer, audit.Action.watch,
                 {"op": "remove", "label": label, "key": key}, result_size=1)


def watch_row(found: Watch) -> dict[str, Any]:
    return {"id": found.id, "user_id": found.user_id, "label": found.label, "key": found.key,
            "note": found.note, "created_at": found.created_at.isoformat()}


def watches(db: Session, viewer: Viewer, *, username: str | None = None
            ) -> list[dict[str, Any]]:
    """The viewer's watches; the command line sees every user's (or ``username``'s)."""
    viewer.require(Permission.alerts)
    query = select(Watch, User.username).join(User, User.id == Watch.user_id)
    if not viewer.system:
        query = query.where(Watch.user_id == viewer.user_id)
    elif username:
        query = query.where(User.username == username)
    return [{**watch_row(w), "user": name} for w, name in db.execute(query.order_by(Watch.id))]


def marked_node_ids(db: Session, viewer: Viewer) -> dict[str, list[str]]:
    """The chart node ids (``Label:key``) the viewer watches (``watched``) and those her open
    alerts name: their cases and actors, the watched record and what touched it (``alert``).
    Empty for who gets no alerts."""
    if not viewer.may(Permission.alerts) or viewer.system:
        return {}
    watched = [f"{w['label']}:{w['key']}" for w in watches(db, viewer)]
    named: list[str] = []
    for alert in list_alerts(db, viewer, status=OPEN):
        details = alert["details"] or {}
        for side in (details.get("own"), details.get("other")):
            if side:
                named.append(f"Case:{side['case']}")
                if side.get("actor") and side.get("actor_label"):
                    named.append(f"{side['actor_label']}:{side['actor']}")
        if (record := details.get("record")) and record.get("label"):
            named.append(f"{record['label']}:{record['uid']}")
        if watched_one := details.get("watched"):
            named.append(f"{watched_one['label']}:{watched_one['key']}")
    return {"watched": watched, "alert": named}


def is_watched(db: Session, viewer: Viewer, label: str, key: str) -> bool:
    if viewer.system or not viewer.may(Permission.alerts):
        return False
    return db.scalar(select(Watch.id).where(Watch.user_id == viewer.user_id,
                                            Watch.label == label, Watch.key == key)) is not None
