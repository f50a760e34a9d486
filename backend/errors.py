"""Errors that services raise and every front end (API, UI, CLI) shows as they are.

Each carries a stable ``code``, a message a person can act on and, for bad input, the
``field`` at fault. The API maps them to ``{"error": {"code", "message", "field"}}`` with
``status``; the UI prints ``message``.
"""

from __future__ import annotations


class CrosslinkError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class BadInputError(CrosslinkError):
    status = 422
    code = "invalid"


class NotLoggedInError(CrosslinkError):
    status = 401
    code = "not_logged_in"


class ForbiddenError(CrosslinkError):
    status = 403
    code = "forbidden"


class NotFoundError(CrosslinkError):
    status = 404
    code = "not_found"


class ConflictError(CrosslinkError):
    status = 409
    code = "conflict"


class TooManyAttemptsError(CrosslinkError):
    status = 429
    code = "too_many_attempts"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueryTimeoutError(CrosslinkError):
    status = 504
    code = "timeout"
