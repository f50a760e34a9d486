"""The source of an ingest run and its grading (Admiralty reliability and credibility, TLP).

Given once per run (CLI options, API form); the optional columns ``source``, ``reliability``,
``credibility`` and ``tlp`` of a row win over it for that row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import MODEL
from values import InvalidValueError
from values.country import clean_country

SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")

# What each grade means (Admiralty / NATO code), for forms and help texts.
RELIABILITY_MEANING = {"A": "completely reliable", "B": "usually reliable",
                       "C": "fairly reliable", "D": "not usually reliable", "E": "unreliable",
                       "F": "cannot be judged"}
CREDIBILITY_MEANING = {"1": "confirmed", "2": "probably true", "3": "possibly true",
                       "4": "doubtful", "5": "improbable", "6": "cannot be judged"}


class GradingError(ValueError):
    """A grading option that is not allowed; the message names the option and the choices.

    ``field`` is the Grading field and ``reason`` the message without the option, for doors
    that name the value otherwise (a ``source.yaml`` key)."""

    def __init__(self, message: str, field: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason or message


def check_source_id(value: str) -> str:
    """Source ids prefix every record uid (``<source>:<record_id>``): keep them plain."""
    if not SOURCE_ID.match(value):
        raise InvalidValueError(
            "not a source id: use letters, digits, '_', '.', '-' (max 64), e.g. gt-pnc"
        )
    return value


def check_grade(kind: str, value: str) -> str:
    """``kind`` is reliability, credibility or tlp; case and the model's other forms are
    forgiven (``amber`` -> ``AMBER``, ``TLP:WHITE`` -> ``CLEAR``)."""
    found = MODEL.vocabulary(kind).find(value)
    if found is None:
        raise InvalidValueError(f"not a {kind} grade; expected one of "
                                f"{', '.join(MODEL.enums[kind])}")
    return found


@dataclass(frozen=True)
class Grading:
    source_id: str
    source_name: str | None = None
    source_kind: str | None = None
    source_country: str | None = None
    reliability: str = "F"
    credibility: str = "6"
    tlp: str = "AMBER"

    def __post_init__(self) -> None:
        checks = {
            "source_id": lambda: check_source_id(self.source_id),
            "reliability": lambda: check_grade("reliability", self.reliability),
            "credibility": lambda: check_grade("credibility", str(self.credibility)),
            "tlp": lambda: check_grade("tlp", self.tlp),
            "source_country": lambda: (clean_country(self.source_country)
                                       if self.source_country else None),
        }
        for field_name, check in checks.items():
            try:
                cleaned = check()
            except InvalidValueError as exc:
                option = "--" + field_name.replace("_id", "").replace("_", "-")
                value = getattr(self, field_name)
                raise GradingError(f"{option} {value!r}: {exc}", field_name,
                                   f"{value!r}: {exc}") from None
            object.__setattr__(self, field_name, cleaned)
