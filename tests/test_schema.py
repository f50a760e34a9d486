"""The schema of the domain model: every key constrained, filters indexed, one search index."""

from __future__ import annotations

from graph.connection import Graph
from graph.model import MODEL
from graph.schema import FULLTEXT_INDEX, apply_schema, recorded_version, schema_version


def test_show_constraints_lists_every_key(graph: Graph) -> None:
    rows = graph.read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN *")
    unique = {(r["labelsOrTypes"][0], r["properties"][0]) for r in rows
              if r["type"] == "UNIQUENESS"}
    for label in MODEL.nodes.values():
        assert (label.name, label.key) in unique, (
            f"no uniqueness constraint on {label.name}.{label.key}")


def test_filter_indexes_and_fulltext_exist(graph: Graph) -> None:
    rows = graph.read("SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN *")
    by_name = {r["name"]: r for r in rows}
    assert by_name["Case_jurisdiction"]["properties"] == ["jurisdiction"]
    assert by_name["Case_opened_on"]["properties"] == ["opened_on"]
    assert by_name["Transaction_date"]["properties"] == ["date"]
    assert by_name["RECRUITED_BY_on"]["properties"] == ["on"]  # not "True" (YAML's on)
    assert "RECRUITED_BY_True" not in by_name
    search = by_name[FULLTEXT_INDEX]
    assert search["type"] == "FULLTEXT"
    assert {"full_name", "aliases", "title", "name", "e164", "number"} <= set(search["properties"])


def test_second_init_changes_nothing(graph: Graph) -> None:
    before = graph.read("SHOW INDEXES YIELD name RETURN name ORDER BY name")
    assert apply_schema(graph) == []
    assert graph.read("SHOW INDEXES YIELD name RETURN name ORDER BY name") == before
    assert recorded_version(graph) == schema_version()


def test_uniqueness_is_enforced(graph: Graph) -> None:
    import pytest
    from neo4j.exceptions import ConstraintError

    graph.write("CREATE (:Phone {e164: '+50255551234'})")
    with pytest.raises(ConstraintError):
        graph.write("CREATE (:Phone {e164: '+50255551234'})")


def test_an_index_of_an_earlier_revision_is_dropped(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run("CREATE INDEX RECRUITED_BY_True IF NOT EXISTS "
                    "FOR ()-[r:RECRUITED_BY]-() ON (r.`True`)").consume()
    apply_schema(graph)
    names = {r["name"] for r in graph.read("SHOW INDEXES YIELD name RETURN name")}
    assert "RECRUITED_BY_True" not in names and "RECRUITED_BY_on" in names


def test_a_search_index_of_fewer_labels_is_rebuilt(graph: Graph) -> None:
    """A database made before missing-person reports were searchable: its search index lacks
    the label, so a report could never be found by name until the index is created again."""
    from graph.schema import fulltext_fields

    with graph.driver.session(database=graph.database) as session:
        session.run(f"DROP INDEX {FULLTEXT_INDEX} IF EXISTS").consume()
        session.run(f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} FOR (n:Person|Phone) "
                    "ON EACH [n.full_name, n.e164]").consume()
    assert FULLTEXT_INDEX in apply_schema(graph)
    graph.write("CALL db.awaitIndexes(60)")
    row = graph.read("SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties "
                     "WHERE name = $name RETURN labelsOrTypes, properties",
                     {"name": FULLTEXT_INDEX})[0]
    labels, props = fulltext_fields()
    assert sorted(row["labelsOrTypes"]) == sorted(labels) and "MissingPersonReport" in labels
    assert sorted(row["properties"]) == props
    graph.write("CREATE (:MissingPersonReport {uid: 'ngo-a:mp-1', full_name: 'Ana Quispe Mamani'})")
    graph.write("CALL db.awaitIndexes(60)")
    found = graph.read("CALL db.index.fulltext.queryNodes($index, 'Quispe') YIELD node "
                       "RETURN node.uid AS uid", {"index": FULLTEXT_INDEX})
    assert [r["uid"] for r in found] == ["ngo-a:mp-1"]
