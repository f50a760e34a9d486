"""The link chart's data, as pure functions over cytoscape element lists (no Dash, no DB)."""
