"""Saved pattern queries: header format, parameter types and the runner (see docs/queries.md
"Saved pattern queries")."""

from graph.query_library.header import HeaderError, SavedQuery
from graph.query_library.params import PARAM_TYPES, ParamError, QueryParam, bind_params
from graph.query_library.runner import (
    QUERIES_DIR,
    QueryResult,
    UnknownQueryError,
    load_library,
    own_query,
    run_query,
    saved_query,
)

__all__ = [
    "PARAM_TYPES", "QUERIES_DIR", "HeaderError", "ParamError", "QueryParam", "QueryResult",
    "SavedQuery", "UnknownQueryError", "bind_params", "load_library", "own_query", "run_query",
    "saved_query",
]
