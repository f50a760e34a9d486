"""Parameter values checked against the types a query declares.

Values come as text (``--param key=value`` on the command line, a header's default) or as
JSON values (the API). Each is turned into its declared type or refused with a message that
names the parameter, the expected type and an example; unknown parameters are refused too,
so a typo never runs a query with its default silently.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import MODEL

INT64 = 2**63  # Neo4j integers are 64-bit
PARAM_TYPES = ("string", "int", "float", "bool", "date", "list<string>")
EXAMPLES = {"string": "text", "int": "3", "float": "2.5", "bool": "true or false",
            "date": "2024-03-31", "list<string>": "a,b or [\"a\", \"b\"]"}
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


class ParamError(ValueError):
    """A bad parameter value; ``param`` names the parameter at fault."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    default: Any = None
    help: str = ""
    required: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "default": self.default,
                "help": self.help, "required": self.required}


def coerce(type_: str, value: Any) -> Any:
    """``value`` as ``type_``; ``ValueError`` says what was expected."""
    if type_ == "string":
        if isinstance(value, str):
            return value
        raise ValueError("expected text")
    if type_ == "int":
        number = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            number = int(value)
        if number is None or not -INT64 <= number < INT64:
            raise ValueError("expected a whole number (64-bit)")
        return number
    if type_ == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        raise ValueError("expected a number")
    if type_ == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError("expected true or false")
    if type_ == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValueError("expected an ISO date")
    if type_ == "list<string>":
        return _string_list(value)
    raise ValueError(f"unknown type {type_!r}")


def parse_default(type_: str, text: Any) -> Any:
    """A default as written in a header (``3``, ``true``, ``a,b``, ``@model.core_indicators``)."""
    if isinstance(text, str) and text.startswith("@model."):
        return model_default(text)
    return coerce(type_, text)


def model_default(ref: str) -> tuple[str, ...]:
    """``@model.core_indicators``, ``@model.bad_licences`` or ``@model.enums.NAME``: a list
    kept in graph/model.yaml."""
    path = ref.removeprefix("@model.").split(".")
    lists = {"core_indicators": MODEL.core_indicators, "bad_licences": MODEL.bad_licences}
    if len(path) == 1 and path[0] in lists:
        return lists[path[0]]
    if len(path) == 2 and path[0] == "enums" and path[1] in MODEL.enums:
        return MODEL.enums[path[1]]
    raise ValueError(f"{ref}: expected @model.core_indicators, @model.bad_licences or "
                     "@model.enums.<name>")


def _string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                raise ValueError("expected a JSON list of strings") from None
        else:
            return [v.strip() for v in text.split(",") if v.strip()]
    if isinstance(value, Sequence) and not isinstance(value, str) and all(
            isinstance(v, str) for v in value):
        return list(value)
    raise ValueError("expected a list of strings")


def bind_params(declared: Sequence[QueryParam], values: Mapping[str, Any],
                query: str = "the query") -> dict[str, Any]:
    """Every declared parameter with its checked value or its default.

    Raises ``ParamError`` for an unknown parameter, a missing required one or a value of the
    wrong type."""
    by_name = {p.name: p for p in declared}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        known = ", ".join(by_name) or "none"
        raise ParamError(f"{query}: unknown parameter {', '.join(unknown)}; "
                         f"its parameters: {known}", unknown[0])
    bound: dict[str, Any] = {}
    for param in declared:
        if param.name in values and values[param.name] is not None:
            try:
                bound[param.name] = coerce(param.type, values[param.name])
            except ValueError as exc:
                raise ParamError(
                    f"{query}: parameter {param.name} must be {param.type} ({exc}, e.g. "
                    f"{EXAMPLES[param.type]}); got {values[param.name]!r}", param.name) from None
        elif param.required:
            raise ParamError(f"{query}: parameter {param.name} ({param.type}) is required: "
                             f"{param.help}", param.name)
        else:
            default = param.default
            bound[param.name] = list(default) if isinstance(default, tuple) else default
    return bound
