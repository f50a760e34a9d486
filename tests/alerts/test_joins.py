"""What a load joined (graph.deconfliction.joins_of_load), on a hand-made graph: a phone that a
loaded person shares with a person of another authority's case is a join, seen from the loaded
side; the same phone shared by more cases than the hub cap is a hub and joins nothing; a phone
shared within one authority is no cross-authority join."""

from __future__ import annotations

from graph.connection import Graph
from graph.deconfliction import joins_of_load

PEOPLE = """
UNWIND $people AS p
MERGE (c:Case {uid: p.case}) SET c.authority = p.authority, c.source = p.source,
                                  c.title = p.case, c.jurisdiction = p.country
CREATE (x:Person {uid: p.uid, full_name: p.uid, source: p.source, batch_id: p.batch})
CREATE (x)-[:INVOLVED_IN {role: 'suspect', source: p.source}]->(c)
MERGE (f:Phone {e164: p.phone})
CREATE (x)-[:USES {source: p.source}]->(f)
"""


def _person(uid: str, case: str, authority: str, source: str, phone: str,
            batch: str = "old") -> dict[str, str]:
    return {"uid": uid, "case": case, "authority": authority, "source": source,
            "phone": phone, "batch": batch, "country": authority[:2].upper()}


def test_a_shared_phone_joins_across_authorities_unless_it_is_a_hub(graph: Graph) -> None:
    people = [
        _person("gt:A", "gt:C1", "gt-pnc", "gt", "+50255500001", batch="new"),
        _person("mx:B", "mx:C2", "mx-fgr", "mx", "+50255500001"),
        _person("gt:A2", "gt:C3", "gt-pnc", "gt", "+50255500002", batch="new"),
        _person("gt:B2", "gt:C4", "gt-pnc", "gt", "+50255500002"),  # same authority
        _person("gt:H", "gt:C5", "gt-pnc", "gt", "+50255500009", batch="new"),
        *(_person(f"mx:H{i}", f"mx:H{i}", "mx-fgr", "mx", "+50255500009") for i in range(4)),
    ]
    graph.write(PEOPLE, {"people": people})
    joins = joins_of_load(graph, "new", ["gt"], hub_cap=3)
    assert [(j["via"], j["key"], j["a_actor"], j["b_actor"], j["b_authority"])
            for j in joins] == [("Phone", "+50255500001", "gt:A", "mx:B", "mx-fgr")]
    # under a higher cap the five cases' phone joins its four other cases too
    wider = joins_of_load(graph, "new", ["gt"], hub_cap=5)
    assert sorted(j["b_actor"] for j in wider if j["key"] == "+50255500009") == \
        [f"mx:H{i}" for i in range(4)]
    assert joins_of_load(graph, "other batch", ["gt"], hub_cap=5) == []
