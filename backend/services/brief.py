"""The joint-operation brief of a network (DOMAIN.md, "Brief"): per jurisdiction the
authorities to involve and their contact points, the evidence held there, the targets for
simultaneous action and the victims (pseudonymised, with their protection needs); then the
links that cross borders, the timeline, the money, a chart and a draft Letter of Request per
foreign jurisdiction.

Access and handling, as for every export: the reader needs the export permission and must
see every case of the network (as on the Networks page); a record or fact the reader may not
see (another authority's TLP:RED) is left out and counted in ``withheld``; victims are never
named (``Victim 1``, ``Victim 2`` in the order of their record ids, stable for one network),
nor their birth dates and documents; the brief carries the most restrictive TLP of what it
shows. The command line (a system viewer) sees every record. Each brief is audited.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth.roles import Permission, Role
from backend.auth.viewer import Viewer
from backend.db.models import Authority, User
from backend.errors import BadInputError, NotFoundError
from backend.services import audit
from backend.services.neo4j_errors import neo4j_errors
from backend.services.networks import visible_networks
from graph.access import visible_node_ids, visible_rel_ids
from graph.connection import Graph
from graph.networks import Network, network_by_id
from graph.networks.brief import BriefFacts, read_brief_facts
from graph.networks.profile import BYSTANDER_ROLES
from values.country import country_name

FORMATS = ("pdf", "html")
TLP_ORDER = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
VICTIM = "victim"
TARGET_IDENTIFIERS = ("Address", "Account", "Vehicle", "Phone", "Email")
# What each ILO indicator of a victim's case asks of the operation for the victim.
NEEDS_BY_INDICATOR = {
    "violence": "safe accommodation (shelter) and medical care",
    "intimidation_threats": "protection from reprisals; separate interview",
    "threat_of_denunciation": "residence status protected (reflection period)",
    "retention_of_documents": "identity documents recovered or replaced",
    "debt_bondage": "legal aid against the debt",
    "withholding_wages": "legal aid to claim unpaid wages",
    "restriction_of_movement": "safe removal from the premises at the time of action",
    "isolation": "interpreter and victim support worker",
}


def _grade(row: dict[str, Any]) -> str:
    return f"{row.get('reliability') or '?'}{row.get('credibility') or '?'}"


def most_restrictive(tlps: Iterable[str | None]) -> str:
    """The TLP of a document holding records of these TLPs (CLEAR when none is named)."""
    ranks = [TLP_ORDER.index(t) for t in tlps if t in TLP_ORDER]
    return TLP_ORDER[max(ranks)] if ranks else "CLEAR"


def _age_at(date_of_birth: str | None, on: str | None) -> int | None:
    try:
        born = dt.date.fromisoformat(str(date_of_birth)[:10])
        day = dt.date.fromisoformat(str(on)[:10]) if on else dt.date.today()
    except (TypeError, ValueError):
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def protection_needs(victim: dict[str, Any], case: dict[str, Any],
                     documents_retained: bool) -> list[str]:
    """What the operation must provide for this victim, from what the records say (a
    starting point for the risk assessment, which comes first)."""
    needs = ["risk assessment before the action"]
    age = _age_at(victim.get("date_of_birth"), case.get("opened_on"))
    if age is not None and age < 18:
        needs.append("minor: child protection services and a guardian")
    nationality = victim.get("nationality")
    if nationality and nationality != case.get("jurisdiction"):
        needs.append(f"consular assistance of {nationality}; interpreter")
    indicators = set(case.get("indicators") or ())
    if documents_retained:
        indicators.add("retention_of_documents")
    needs += [NEEDS_BY_INDICATOR[i] for i in NEEDS_BY_INDICATOR if i in indicators]
    if case.get("exploitation_type") == "sexual_exploitation":
        needs.append("specialised medical and psychological care")
    return needs


class _Reader:
    """What the reader may see of the facts: element ids checked once, what is left out
    counted once per element."""

    def __init__(self, graph: Graph, viewer: Viewer, facts: BriefFacts,
                 timeout: float | None) -> None:
        node_ids = {r[k] for rows in (facts.cases, facts.actors, facts.identifiers,
                                      facts.travel, facts.transactions)
                    for r in rows for k in ("element_id", "vehicle_element_id") if r.get(k)}
        rel_ids = {r["rel_element_id"] for rows in (facts.actors, facts.identifiers,
                                                    facts.travel, facts.recruitment)
                   for r in rows if r.get("rel_element_id")}
        if viewer.system:
            self.nodes, self.rels = node_ids, rel_ids
        else:
            scope = viewer.scope(graph)
            self.nodes = visible_node_ids(graph, scope, node_ids, timeout=timeout)
            self.rels = visible_rel_ids(graph, scope, rel_ids, timeout=timeout)
        self.withheld = (node_ids - self.nodes) | (rel_ids - self.rels)

    def sees(self, row: dict[str, Any]) -> bool:
        return all(row.get(k) is None or row[k] in self.nodes
                   for k in ("element_id", "vehicle_element_id")) and (
            row.get("rel_element_id") is None or row["rel_element_id"] in self.rels)

    def keep(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [r for r in rows if self.sees(r)]


def _contacts(db: Session, authority_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Authorities registered on this instance, with their people as contact points
    (investigators and above, active)."""
    found: dict[str, dict[str, Any]] = {}
    for authority in db.scalars(select(Authority).where(Authority.id.in_(authority_ids))):
        found[authority.id] = {"name": authority.name, "country": authority.country,
                               "kind": authority.kind, "contacts": []}
    for user in db.scalars(select(User).where(User.authority_id.in_(authority_ids),
                                              User.active.is_(True)).order_by(User.username)):
        if Role(user.role).rank >= Role.investigator.rank:
            found[user.authority_id]["contacts"].append(f"{user.username} ({user.role})")
    return found


def _network(graph: Graph, viewer: Viewer, network_id: str,
             timeout: float | None) -> Network:
    found = network_by_id(graph, network_id, timeout=timeout)
    if found is not None and not viewer.system:
        found = next(iter(visible_networks(graph, viewer, [found], timeout)), None)
    if found is None:
        raise NotFoundError(f"no network {network_id} that you may see", field="network_id")
    return found


def _requesting(db: Session, viewer: Viewer, requesting: str | None,
                jurisdictions: list[str], case_counts: Counter[str]) -> str:
    if requesting:
        code = requesting.strip().upper()
        if code not in jurisdictions:
            raise BadInputError(f"requesting country {requesting}: the network's "
                                f"jurisdictions are {', '.join(jurisdictions)}",
                                field="requesting")
        return code
    own = db.get(Authority, viewer.authority_id)
    if own is not None and own.country in jurisdictions:
        return own.country
    return sorted(jurisdictions, key=lambda c: (-case_counts[c], c))[0]


def network_brief(graph: Graph, db: Session, viewer: Viewer, network_id: str, *,
                  fmt: str = "pdf", requesting: str | None = None,
                  timeout: float | None = None) -> dict[str, Any]:
    """The brief of ``network_id`` as the reader may see it (see the module docstring)."""
    viewer.require(Permission.read_graph)
    viewer.require(Permission.export)
    if fmt not in FORMATS:
        raise BadInputError(f"format {fmt}: one of {', '.join(FORMATS)}", field="format")
    with neo4j_errors(timeout, "network_id"):
        net = _network(graph, viewer, network_id, timeout)
        facts = read_brief_facts(graph, [c["uid"] for c in net.cases],
                                 [a["id"] for a in net.authorities], net.jurisdictions,
                                 timeout=timeout)
        reader = _Reader(graph, viewer, facts, timeout)
    brief = _assemble(db, viewer, net, facts, reader, requesting)
    audit.record(db, viewer, audit.Action.export,
                 {"brief": net.id, "format": fmt, "requesting": brief["requesting"],
                  "jurisdictions": net.jurisdictions, "withheld": brief["withheld"],
                  "tlp": brief["tlp"]},
                 result_size=sum(len(j["evidence"]) for j in brief["jurisdictions"]))
    return brief


def _assemble(db: Session, viewer: Viewer, net: Network, facts: BriefFacts, reader: _Reader,
              requesting: str | None) -> dict[str, Any]:
    cases = {c["uid"]: c for c in reader.keep(facts.cases)}
    actors = reader.keep(facts.actors)
    involved = {a["uid"] for a in actors if a["rel"] == "INVOLVED_IN"}
    actors = [a for a in actors if a["via"] is None or a["via"] in involved]
    identifiers = reader.keep(facts.identifiers)
    travel = reader.keep(facts.travel)
    transactions = reader.keep(facts.transactions)
    # what hangs off an actor is shown only with the actor: a withheld record stays unnamed
    seen_actors = {a["uid"] for a in actors}
    identifiers = [i for i in identifiers if i["actor"] in seen_actors]
    travel = [t for t in travel if t["actor"] in seen_actors]
    recruitment = [r for r in reader.keep(facts.recruitment)
                   if r["actor"] in seen_actors and r["agency"] in seen_actors]

    victim_uids = sorted({a["uid"] for a in actors
                          if a["rel"] == "INVOLVED_IN" and (a["role"] == VICTIM
                                                            or a["protected"])}
                         | {a["uid"] for a in actors if a["protected"]})
    pseudonyms = {uid: f"Victim {n}" for n, uid in enumerate(victim_uids, 1)}

    def name(uid: str, fallback: str | None = None) -> str:
        return pseudonyms.get(uid) or fallback or uid

    actor_by_uid: dict[str, dict[str, Any]] = {}
    countries_of: dict[str, set[str]] = defaultdict(set)  # actor uid -> jurisdictions
    roles_of: dict[str, set[str]] = defaultdict(set)
    for a in actors:
        actor_by_uid.setdefault(a["uid"], a)
        if a["case"] in cases:
            countries_of[a["uid"]].add(cases[a["case"]]["jurisdiction"])
        if a["role"]:
            roles_of[a["uid"]].add(a["role"])
    ids_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in identifiers:
        ids_of[i["actor"]].append(i)
    retained = {str(i["key"]) for i in identifiers if i["rel"] == "RETAINS"}

    case_counts = Counter(c["jurisdiction"] for c in cases.values())
    requesting_code = _requesting(db, viewer, requesting, net.jurisdictions, case_counts)
    registered = _contacts(db, {a["id"] for a in facts.authorities}
                           | {a["id"] for a in net.authorities})
    graph_authorities = {a["id"]: a for a in facts.authorities}
    for a in net.authorities:
        graph_authorities.setdefault(a["id"], a)

    def targets_in(country: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for uid in sorted(actor_by_uid):
            a = actor_by_uid[uid]
            if uid in pseudonyms or country not in countries_of[uid]:
                continue
            if roles_of[uid] and roles_of[uid] <= BYSTANDER_ROLES:
                continue
            found.append({"kind": a["label"], "name": a["name"] or uid, "record": uid,
                          "identifiers": _actor_identifiers(a, ids_of[uid])})
        seen: set[tuple[str, str]] = set()
        for i in sorted(identifiers, key=lambda r: (r["label"], str(r["key"]))):
            if i["label"] not in TARGET_IDENTIFIERS or i["actor"] in pseudonyms:
                continue
            place = i.get("country") or None
            if (place or None) != country and not (place is None
                                                   and country in countries_of[i["actor"]]):
                continue
            key = (i["label"], str(i["key"]))
            if key in seen or i["label"] in ("Phone", "Email"):
                continue
            seen.add(key)
            holders = sorted({name(r["actor"], actor_by_uid.get(r["actor"], {}).get("name"))
                              for r in identifiers if (r["label"], str(r["key"])) == key})
            kind = "Premises" if i["label"] == "Address" else i["label"]
            found.append({"kind": kind, "name": str(i["caption"] or i["key"]),
                          "record": str(i["key"]),
                          "identifiers": "; ".join(filter(None, [
                              i.get("bank") and f"bank {i['bank']}",
                              f"{i['rel'].lower().replace('_', ' ')}"
                              f"{' (' + i['kind'] + ')' if i.get('kind') else ''} by "
                              + ", ".join(holders)]))})
        for t in travel:
            if t.get("vehicle_key") and (t.get("vehicle_country") or None) == country \
                    and ("Vehicle", t["vehicle_key"]) not in seen:
                seen.add(("Vehicle", t["vehicle_key"]))
                found.append({"kind": "Vehicle", "name": t["vehicle_plate"],
                              "record": t["vehicle_key"],
                              "identifiers": f"plate {t['vehicle_plate']} ({country}), "
                                             f"{t.get('mode') or 'travel'} leg {t['uid']}"})
        return found

    names_of = {a["uid"]: a["name"] for a in actors}

    def evidence_in(country: str) -> list[dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for c in cases.values():
            if c["jurisdiction"] == country:
                rows[c["uid"]] = {"record": c["uid"], "kind": "Case",
                                  "what": c.get("title") or "", "source": c["source"],
                                  "grade": _grade(c), "tlp": c.get("tlp")}
        for a in actors:
            if a["case"] in cases and cases[a["case"]]["jurisdiction"] == country:
                what = (f"{a['role']} in {a['case']}" if a["role"]
                        else f"tied to {name(a['via'], names_of.get(a['via']))} "
                             f"({a['rel'].lower().replace('_', ' ')})")
                rows.setdefault(a["uid"], {"record": name(a["uid"]), "kind": a["label"],
                                           "what": what, "source": a["source"],
                                           "grade": _grade(a), "tlp": a.get("tlp")})
        for t in travel:
            if country in countries_of[t["actor"]]:
                rows.setdefault(t["uid"], {
                    "record": t["uid"], "kind": "TravelLeg",
                    "what": f"{name(t['actor'])}: {t.get('from_country') or '?'} -> "
                            f"{t.get('to_country') or '?'} on {t.get('departed_on') or '?'}",
                    "source": t["source"], "grade": _grade(t), "tlp": t.get("tlp")})
        for t in transactions:
            if country in (t.get("from_country"), t.get("to_country")):
                rows.setdefault(t["uid"], {
                    "record": t["uid"], "kind": "Transaction",
                    "what": f"{t['amount']} {t['currency']} {t.get('from_account')} -> "
                            f"{t.get('to_account')}",
                    "source": t["source"], "grade": _grade(t), "tlp": t.get("tlp")})
        return sorted(rows.values(), key=lambda r: (r["kind"] != "Case", r["kind"],
                                                     r["record"]))

    def victims_in(country: str) -> list[dict[str, Any]]:
        found = []
        for uid in victim_uids:
            a = actor_by_uid[uid]
            in_cases = sorted({r["case"] for r in actors if r["uid"] == uid and r["case"]
                               in cases and cases[r["case"]]["jurisdiction"] == country})
            if not in_cases:
                continue
            docs = any(str(i["key"]) in retained for i in ids_of[uid]
                       if i["label"] == "Document")
            needs: list[str] = []
            for case_uid in in_cases:
                needs += [n for n in protection_needs(a, cases[case_uid], docs)
                          if n not in needs]
            found.append({"pseudonym": pseudonyms[uid], "nationality": a.get("nationality"),
                          "gender": a.get("gender"), "cases": in_cases, "needs": needs})
        return found

    def authorities_in(country: str) -> list[dict[str, Any]]:
        found = []
        for aid, a in sorted(graph_authorities.items()):
            if (a.get("country") or registered.get(aid, {}).get("country")) != country:
                continue
            on = registered.get(aid)
            holds = sorted(c["uid"] for c in cases.values() if c["authority"] == aid)
            found.append({"id": aid, "name": a.get("name") or (on or {}).get("name") or aid,
                          "kind": a.get("kind") or (on or {}).get("kind") or "",
                          "cases": holds,
                          "contact": ("; ".join(on["contacts"]) or "registered here, no "
                                      "investigator account") if on
                          else "not registered on this instance"})
        return found

    jurisdictions = []
    for code in net.jurisdictions:
        jurisdictions.append({
            "country": code, "country_name": country_name(code),
            "requesting": code == requesting_code,
            "cases": [{"uid": c["uid"], "title": c.get("title"), "status": c.get("status"),
                       "opened_on": c.get("opened_on"), "authority": c["authority"]}
                      for c in cases.values() if c["jurisdiction"] == code],
            "authorities": authorities_in(code),
            "evidence": evidence_in(code),
            "targets": targets_in(code),
            "victims": victims_in(code),
        })
    links = _cross_border_links(net, cases, reader, pseudonyms,
                                {uid: a["name"] or uid for uid, a in actor_by_uid.items()})
    timeline = _timeline(cases, actors, travel, transactions, recruitment, name)
    money = _money(transactions)
    letters = [_letter(j, requesting_code, jurisdictions) for j in jurisdictions
               if not j["requesting"]]
    tlps = [r.get("tlp") for rows in (list(cases.values()), actors, travel, transactions)
            for r in rows] + [r.get("tlp") for r in identifiers]
    return {
        "network": net.id, "score": net.score,
        "generated_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "reader": viewer.username, "requesting": requesting_code,
        "tlp": most_restrictive(tlps),
        "jurisdictions": jurisdictions,
        "cross_border_links": links,
        "timeline": timeline,
        "money": money,
        "chart": _chart(cases, links, jurisdictions),
        "letters": letters,
        "withheld": len(reader.withheld),
    }


def _actor_identifiers(actor: dict[str, Any], ids: list[dict[str, Any]]) -> str:
    parts = []
    if actor["label"] == "Person":
        parts += [f"born {actor['date_of_birth']}" if actor.get("date_of_birth") else "",
                  f"nationality {actor['nationality']}" if actor.get("nationality") else ""]
    elif actor["label"] == "RecruitmentAgency":
        parts.append(f"licence {actor.get('license_number') or 'none'} "
                     f"({actor.get('license_country') or '?'}, "
                     f"{actor.get('license_status') or 'unknown'})")
    elif actor.get("registration_number"):
        parts.append(f"registration {actor['registration_number']} ({actor.get('country')})")
    for i in sorted(ids, key=lambda r: (r["label"], str(r["key"]))):
        if i["rel"] == "RETAINS":
            parts.append(f"retains {i.get('type') or 'document'} {i['caption']}")
        elif i["label"] == "Document":
            parts.append(f"{i.get('type') or 'document'} {i['caption']} ({i.get('country')})")
        else:
            parts.append(f"{i['label'].lower()} {i['caption'] or i['key']}")
    return "; ".join(p for p in parts if p)


def _cross_border_links(net: Network, cases: dict[str, dict[str, Any]], reader: _Reader,
                        pseudonyms: dict[str, str], names: dict[str, str]
                        ) -> list[dict[str, Any]]:
    """Links whose visible facts join cases of two or more jurisdictions."""
    found = []
    for link in net.links:
        facts = [f for f in link.facts if f.case in cases and f.actor in names
                 and all(e in reader.nodes or e in reader.rels for e in f.element_ids)]
        countries = sorted({cases[f.case]["jurisdiction"] for f in facts})
        if len(countries) < 2:
            continue
        caption = pseudonyms.get(link.key) or (
            "a victim's document" if link.label == "Document"
            and any(f.actor in pseudonyms for f in facts) else link.caption)
        if link.kind == "actor":  # named after a record the reader sees
            shown = sorted(f.actor for f in facts if f.actor in names)
            caption = pseudonyms.get(shown[0]) or names[shown[0]] if shown else caption
        through = sorted({pseudonyms.get(f.actor) or f"{names[f.actor]} ({f.actor})"
                          for f in facts})
        found.append({"kind": link.kind, "label": link.label, "entity": caption,
                      "jurisdictions": countries,
                      "cases": sorted({f.case for f in facts}), "through": through,
                      "sources": sorted({f"{f.source} {f.reliability or '?'}"
                                         f"{f.credibility or '?'}" for f in facts})})
    return found


def _timeline(cases: dict[str, dict[str, Any]], actors: list[dict[str, Any]],
              travel: list[dict[str, Any]], transactions: list[dict[str, Any]],
              recruitment: list[dict[str, Any]], name: Any) -> list[dict[str, Any]]:
    events = [{"date": c["opened_on"], "country": c["jurisdiction"],
               "event": f"case {c['uid']} opened by {c['authority']}: {c.get('title') or ''}"}
              for c in cases.values() if c.get("opened_on")]
    agency_names = {a["uid"]: a["name"] for a in actors}
    for r in recruitment:
        if r.get("on"):
            events.append({"date": r["on"], "country": r.get("country") or "",
                           "event": f"{name(r['actor'])} recruited by "
                                    f"{agency_names.get(r['agency']) or r['agency']}"
                                    + (f" (fee {r['fee']} {r.get('currency') or ''})"
                                       if r.get("fee") else "")})
    for t in travel:
        if t.get("departed_on"):
            events.append({"date": t["departed_on"], "country": t.get("from_country") or "",
                           "event": f"{name(t['actor'])} {t['rel'].lower()} "
                                    f"{t.get('from_place') or '?'} ({t.get('from_country')})"
                                    f" -> {t.get('to_place') or '?'} ({t.get('to_country')})"
                                    f" by {t.get('mode') or '?'}"})
    for t in transactions:
        if t.get("date"):
            events.append({"date": t["date"], "country": t.get("from_country") or "",
                           "event": f"{t['amount']} {t['currency']} from "
                                    f"{t.get('from_account')} to {t.get('to_account')}"
                                    f" ({t.get('channel') or '?'})"})
    unique = {(e["date"], e["event"]): e for e in events}
    return sorted(unique.values(), key=lambda e: (str(e["date"]), e["event"]))


def _money(transactions: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, float] = defaultdict(float)
    counts: Counter[str] = Counter()
    for t in transactions:
        if t.get("amount") is None:
            continue
        currency = t.get("currency") or "unknown"
        totals[currency] += float(t["amount"])
        counts[currency] += 1
    return {"totals": [{"currency": c, "amount": round(totals[c], 2),
                        "transactions": counts[c]} for c in sorted(totals)],
            "transactions": [{k: t.get(k) for k in ("uid", "date", "amount", "currency",
                                                    "channel", "from_account",
                                                    "to_account")} for t in transactions]}


def _chart(cases: dict[str, dict[str, Any]], links: list[dict[str, Any]],
           jurisdictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Nodes and edges of the chart picture: cases (by country), the cross-border linking
    entities, and the targets' ties to their cases are left to the tables."""
    nodes = [{"id": c["uid"], "caption": c["uid"], "kind": "case",
              "country": c["jurisdiction"]} for c in cases.values()]
    edges = []
    for n, link in enumerate(links):
        node_id = f"link-{n}"
        nodes.append({"id": node_id, "caption": f"{link['label']}: {link['entity']}"[:40],
                      "kind": link["kind"], "country": ""})
        edges += [{"a": node_id, "b": case} for case in link["cases"]]
    return {"nodes": nodes, "edges": edges,
            "countries": [j["country"] for j in jurisdictions]}


def _letter(foreign: dict[str, Any], requesting: str,
            jurisdictions: list[dict[str, Any]]) -> dict[str, Any]:
    """A draft Letter of Request to ``foreign``: what is sought there, in templated text."""
    ours = next(j for j in jurisdictions if j["country"] == requesting)
    sought = [f"certified copies of {e['kind'].lower()} record {e['record']} "
              f"(source {e['source']}, graded {e['grade']})" for e in foreign["evidence"]]
    for t in foreign["targets"]:
        if t["kind"] == "Account":
            sought.append(f"bank records and statements of account {t['name']}")
        elif t["kind"] == "Premises":
            sought.append(f"a search of the premises at {t['name']}")
        elif t["kind"] == "Vehicle":
            sought.append(f"registration and movements of vehicle {t['name']}")
        elif t["kind"] == "RecruitmentAgency":
            sought.append(f"licensing file of recruitment agency {t['name']}")
        else:
            sought.append(f"identification and, at the agreed time, the questioning or "
                          f"arrest of {t['name']} ({t['kind']})")
    to = ", ".join(a["name"] for a in foreign["authorities"]) or "the competent authorities"
    frm = ", ".join(a["name"] for a in ours["authorities"]) or "the competent authorities"
    return {
        "to_country": foreign["country"], "to_country_name": foreign["country_name"],
        "from_country": requesting, "to": to, "from": frm,
        "text": (f"DRAFT - not a formal request until reviewed, signed and sent through the "
                 f"central authority. {frm} of {ours['country_name']} ({requesting}) ask "
                 f"{to} of {foreign['country_name']} ({foreign['country']}), under the "
                 f"applicable treaty on mutual legal assistance in criminal matters, to "
                 f"collect the evidence below at the same time as the action in "
                 f"{ours['country_name']}, in a joint operation against a trafficking "
                 f"network, and to keep this request confidential."),
        "sought": sought,
    }


def brief_filename(brief: dict[str, Any], fmt: str) -> str:
    return f"brief-{brief['network']}.{fmt}"


