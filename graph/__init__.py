"""Everything that talks to Neo4j: connection, managed server, schema, Cypher, analytics."""
