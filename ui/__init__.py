"""The Dash app: one module per page, callbacks, the cytoscape stylesheet, assets."""
