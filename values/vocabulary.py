"""Closed lists of values written many ways: ``F``, ``Femenino``, ``mujer``, ``หญิง`` are all
``female``. The words themselves are data (``synonyms`` in graph/model.yaml); this module only
matches them, folding case, accents, spacing and punctuation, so that ``Forced labour``,
``FORCED-LABOUR`` and the HTCDS ``ForcedLabour`` are one form."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from values import InvalidValueError
from values.text import fold_text


def vocabulary_key(value: str) -> str:
    """The form two spellings of one value share: folded, letters, digits and marks only."""
    return "".join(ch for ch in fold_text(value)
                   if ch.isalnum() or unicodedata.category(ch).startswith("M"))


class SynonymConflictError(ValueError):
    """One written form given to two values of the same vocabulary."""


@dataclass(frozen=True)
class Vocabulary:
    """The values of one enumeration and every form they are written in."""

    name: str
    values: tuple[str, ...]
    forms: dict[str, str] = field(default_factory=dict)  # vocabulary_key -> value
    exact: dict[str, str] = field(default_factory=dict)  # as written in the model -> value

    @classmethod
    def build(cls, name: str, values: Iterable[str],
              synonyms: Mapping[str, Iterable[str]] | None = None) -> Vocabulary:
        """Each value matches itself and its synonyms; a form claimed by two values is
        refused, naming both (the model would otherwise load a value by chance)."""
        values = tuple(values)
        forms: dict[str, str] = {}
        exact: dict[str, str] = {}
        for value in values:
            for written in (value, *((synonyms or {}).get(value) or ())):
                exact.setdefault(str(written), value)
                key = vocabulary_key(str(written))
                if not key:
                    raise SynonymConflictError(f"{name}: {written!r} has no letters or digits")
                other = forms.setdefault(key, value)
                if other != value:
                    raise SynonymConflictError(
                        f"{name}: {written!r} is given to both {other} and {value}")
        unknown = sorted(set(synonyms or {}) - set(values))
        if unknown:
            raise SynonymConflictError(f"{name}: synonyms of unknown values {unknown}; "
                                       f"the values are {', '.join(values)}")
        return cls(name, values, forms, exact)

    def find(self, text: str) -> str | None:
        """The value ``text`` is a form of, or ``None``."""
        found = self.exact.get(text)  # most cells: the value as the model writes it
        return found if found is not None else self.forms.get(vocabulary_key(text))

    def clean(self, text: str) -> str:
        found = self.find(text)
        if found is None:
            raise InvalidValueError(f"not a {self.name} value; expected one of "
                                    f"{', '.join(self.values)}")
        return found
