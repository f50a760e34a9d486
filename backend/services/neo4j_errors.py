"""Neo4j's refusals turned into errors people can act on (timeouts, bad input values)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j.exceptions import ClientError

from backend.errors import BadInputError, QueryTimeoutError
from graph.elements import BadNodeIdError, parse_node_id
from graph.model import MODEL


def is_timeout(exc: ClientError) -> bool:
    code = exc.code or ""
    return "TransactionTimedOut" in code or "Terminated" in code


@contextmanager
def neo4j_errors(timeout: float | None, field: str | None = None) -> Iterator[None]:
    """Map a timed-out read to 504 and a bad id, label or value to 422 naming ``field``."""
    try:
        yield
    except ClientError as exc:
        if is_timeout(exc):
            raise QueryTimeoutError(f"the query ran longer than {timeout or 0:g} s and was "
                                    "stopped; narrow it (filters, fewer hops, a limit)") from None
        raise
    except BadNodeIdError as exc:
        raise BadInputError(str(exc), field=field) from None
    except ValueError as exc:
        raise BadInputError(str(exc), field=field) from None


def checked_labels(names: list[str] | None, field: str) -> list[str]:
    try:
        return MODEL.check_labels(list(names or []))
    except KeyError as exc:
        raise BadInputError(str(exc.args[0]), field=field) from None


def checked_rel_types(names: list[str] | None, field: str) -> list[str]:
    try:
        return MODEL.check_rel_types(list(names or []))
    except KeyError as exc:
        raise BadInputError(str(exc.args[0]), field=field) from None


def checked_node_id(value: str, field: str) -> tuple[str, str, str]:
    try:
        return parse_node_id(value)
    except BadNodeIdError as exc:
        raise BadInputError(str(exc), field=field) from None
