"""Value rules, one module per value type: pure functions that clean a cell or raise
``InvalidValueError`` with a reason a user can act on.

This package sits below both ``ingest`` (which normalises rows with it) and ``graph`` (which folds
search text and names with it) and imports neither."""


class InvalidValueError(ValueError):
    """A cell that breaks its column's rule; the message is the reason shown to the user."""
