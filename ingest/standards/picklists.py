"""The picklists of HTCDS and CTDC (``picklists.yaml``) and the lookups on them: a value is
found whatever its case, spaces, ``_``, ``-`` or ``/`` (``Debt bondage`` = ``DebtBondage``)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pycountry
import yaml

PICKLISTS_FILE = Path(__file__).with_name("picklists.yaml")
_NOISE = re.compile(r"[\s_\-/]+")
MISSING = frozenset({"", "-99", "-99.0", "na", "n/a", "null", "none"})


def fold(value: str) -> str:
    return _NOISE.sub("", value).casefold()


@cache
def picklists() -> dict[str, dict[str, object]]:
    data = yaml.safe_load(PICKLISTS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def _folded(name: str) -> dict[str, object]:
    return {fold(str(k)): v for k, v in picklists()[name].items()}


def lookup(name: str, value: str) -> object | None:
    """What ``value`` of the picklist ``name`` means in Crosslink; ``None`` when not listed."""
    return _folded(name).get(fold(value))


def export_value(name: str, value: str) -> str:
    """The standard's spelling of a Crosslink value (``<name>_export`` table), else ``""``."""
    found = picklists().get(f"{name}_export", {}).get(value)
    return "" if found is None else str(found)


def indicators_of(method: str) -> list[str] | None:
    """The ILO indicators a method of control points to; ``None`` for an unknown method."""
    found = lookup("methods_of_control", method)
    return None if found is None else [str(i) for i in found]  # type: ignore[attr-defined]


def is_missing(value: str) -> bool:
    return value.strip().casefold() in MISSING


@cache
def alpha2(value: str) -> str:
    """A country as the standards write it (ISO alpha-2 or alpha-3, or its English name) as
    ISO alpha-2; unknown text is returned as written, for the checker to report."""
    text = value.strip()
    if len(text) == 2:
        return text.upper()
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return text
