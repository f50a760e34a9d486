"""Normalisation, one module per value type: pure functions that clean a cell or raise
``InvalidValueError`` with a reason a user can act on."""


class InvalidValueError(ValueError):
    """A cell that breaks its column's rule; the message is the reason shown to the user."""
