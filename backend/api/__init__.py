"""The HTTP API under /api: one router module per resource in ``routes/``."""
