"""The FastAPI app, settings, auth and access rules, app state, sharing and the CLI."""

__version__ = "0.1.0"
