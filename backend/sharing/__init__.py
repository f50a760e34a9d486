"""Sharing, in one place: what leaves the instance and how others see a saved subgraph.

- who sees a saved chart (private, teams, instance), its shared view and comment thread
  (``subgraph_sharing``); its versions, diffs and what is new around it (``subgraph_versions``);
- the instance's signing key and trusted partner keys (``keys``), signed bundles (``bundle``),
  what may leave in them (``redaction``);
- exports and imports, the one entry point of the CLI and the API (``exports``), in the formats
  of FollowTheMoney (``ftm``, mapped by ``graph/ftm_mapping.yaml``) and graph files for Gephi and
  spreadsheets (``graph_files``).

Saved charts themselves are rows of ``backend.services.subgraphs``; the Neo4j reads and writes of
a subgraph's elements are ``graph.subgraphs``. This package sits above ``backend.services`` and
below the API, CLI and UI (``tests/test_layers.py``). docs/sharing.md.
"""
