"""Parsing ``--param key=value`` options into typed query parameters."""

from __future__ import annotations

import json
from typing import Any


class ParamError(ValueError):
    pass


def parse_params(items: list[str] | None, *, typed: bool = True) -> dict[str, Any]:
    """``key=value`` pairs; a value that reads as JSON (number, list, true) takes that type.

    ``typed=False`` keeps every value as text, for queries that declare their types."""
    params: dict[str, Any] = {}
    for item in items or []:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ParamError(f"--param {item!r}: expected key=value")
        value: Any = raw
        if typed:
            try:
                value = json.loads(raw)
            except ValueError:
                value = raw
        params[key.strip()] = value
    return params
