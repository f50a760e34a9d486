"""The reads behind the HTCDS and CTDC exports: the cases a scope may see with their victim,
referrals and recruitment place, and the victims and victim records a CTDC file counts.

What may not leave the instance in a file without a named recipient never comes back from
these reads: TLP:RED and TLP:AMBER+STRICT cases, persons and victim records (the export rule
of ``backend.sharing.redaction``); the access rule of ``graph.access`` decides the rest.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.access import AMBER_STRICT, RED, AccessScope, case_visible, red_ok
from graph.connection import Graph
from graph.model import MODEL

CASE, PERSON, AUTHORITY, LEG, LOCATION, VICTIM_RECORD = MODEL.check_labels(
    ["Case", "Person", "Authority", "TravelLeg", "Location", "VictimRecord"])
INVOLVED_IN, TRAVELLED, FROM, REFERRED_FROM, REFERRED_TO, USES = MODEL.check_rel_types(
    ["INVOLVED_IN", "TRAVELLED", "FROM", "REFERRED_FROM", "REFERRED_TO", "USES"])


def _leaves(var: str) -> str:
    """Handling that may go into a file (no recipient): not RED, not AMBER+STRICT."""
    return f"NOT coalesce({var}.tlp, '') IN ['{RED}', '{AMBER_STRICT}']"


def _cases_where() -> str:
    return (f"(size($jurisdictions) = 0 OR c.jurisdiction IN $jurisdictions)"
            f" AND ($since IS NULL OR c.opened_on >= $since)"
            f" AND (size($sources) = 0 OR c.source IN $sources)"
            f" AND {_leaves('c')} AND {red_ok('c')} AND ($acc_all OR {case_visible('c')})")


HTCDS_CASES = f"""
MATCH (c:{CASE}) WHERE {_cases_where()}
CALL (c) {{
  OPTIONAL MATCH (p:{PERSON})-[r:{INVOLVED_IN} {{role: 'victim'}}]->(c)
  WHERE {_leaves('p')} AND {_leaves('r')} AND {red_ok('p')}
  WITH p ORDER BY p.uid LIMIT 1
  RETURN p
}}
RETURN c.record_id AS case_id, c.source AS source, c.jurisdiction AS jurisdiction,
       c.authority AS authority, c.status AS status, toString(c.opened_on) AS opened_on,
       c.exploitation_type AS exploitation_type, c.sector AS sector,
       coalesce(c.indicators, []) AS indicators,
       CASE WHEN p IS NULL THEN null ELSE p {{.full_name, .gender, .nationality, .protected,
            date_of_birth: toString(p.date_of_birth)}} END AS victim,
       COLLECT {{ MATCH (p)-[:{USES}]->(ph:Phone) RETURN ph.e164 ORDER BY ph.e164 }} AS phones,
       COLLECT {{ MATCH (p)-[:{USES}]->(e:Email) RETURN e.address ORDER BY e.address }}
         AS emails,
       COLLECT {{ MATCH (p)-[:{TRAVELLED}]->(t:{LEG})-[:{FROM}]->(l:{LOCATION})
                  WHERE {_leaves('t')} AND {red_ok('t')}
                  RETURN l {{.name, .country}} ORDER BY t.departed_on LIMIT 1 }} AS recruited,
       COLLECT {{ MATCH (c)-[r:{REFERRED_FROM}]->(a:{AUTHORITY}) WHERE {_leaves('r')}
                  RETURN {{name: a.name, on: toString(r.on)}} ORDER BY r.on LIMIT 1 }}
         AS referred_from,
       COLLECT {{ MATCH (c)-[r:{REFERRED_TO}]->(a:{AUTHORITY}) WHERE {_leaves('r')}
                  RETURN {{name: a.name, on: toString(r.on)}} ORDER BY r.on LIMIT 1 }}
         AS referred_to
ORDER BY c.uid
"""

CTDC_VICTIMS = f"""
MATCH (c:{CASE}) WHERE {_cases_where()}
MATCH (p:{PERSON})-[r:{INVOLVED_IN} {{role: 'victim'}}]->(c)
WHERE {_leaves('p')} AND {_leaves('r')} AND {red_ok('p')}
RETURN p.gender AS gender, toString(p.date_of_birth) AS date_of_birth,
       p.nationality AS citizenship, c.jurisdiction AS country_of_exploitation,
       toString(c.opened_on) AS opened_on, c.exploitation_type AS exploitation_type,
       c.sector AS sector, coalesce(c.indicators, []) AS indicators
ORDER BY c.uid, p.uid
"""

CTDC_RECORDS = f"""
MATCH (v:{VICTIM_RECORD})
WHERE {_leaves('v')} AND {red_ok('v')} AND ($acc_all OR v.source IN $acc_sources)
  AND (size($jurisdictions) = 0 OR v.country_of_exploitation IN $jurisdictions)
  AND ($since_year IS NULL OR v.year_of_registration >= $since_year)
  AND (size($sources) = 0 OR v.source IN $sources)
RETURN v {{.*}} AS record
ORDER BY v.uid
"""


def _params(scope: AccessScope, jurisdictions: list[str], since: dt.date | None,
            sources: list[str]) -> dict[str, Any]:
    return {**scope.params(), "jurisdictions": [j.upper() for j in jurisdictions],
            "since": since, "since_year": since.year if since else None,
            "sources": list(sources)}


def htcds_cases(graph: Graph, scope: AccessScope, *, jurisdictions: list[str],
                since: dt.date | None, sources: list[str],
                timeout: float | None = None) -> list[dict[str, Any]]:
    """One row per case the scope may see and may leave: the case, its first victim (with
    phones and e-mails), the first recruitment place, the referrals."""
    return graph.read(HTCDS_CASES, _params(scope, jurisdictions, since, sources),
                      timeout=timeout)


def ctdc_victims(graph: Graph, scope: AccessScope, *, jurisdictions: list[str],
                 since: dt.date | None, sources: list[str] | None = None,
                 timeout: float | None = None) -> tuple[list[dict[str, Any]],
                                                        list[dict[str, Any]]]:
    """The victims of the cases the scope may see, and the victim records (CTDC rows) of
    its sources (every one for ``acc_all``)."""
    params = _params(scope, jurisdictions, since, sources or [])
    return (graph.read(CTDC_VICTIMS, params, timeout=timeout),
            [r["record"] for r in graph.read(CTDC_RECORDS, params, timeout=timeout)])
