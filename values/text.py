"""Text: folding for keys and matching, compacting identifiers, splitting list cells.

Names and free text are stored as written; the folded forms exist only for keys and matching.
"""

from __future__ import annotations

import re
import unicodedata

LIST_SEPARATOR = ";"
_SPACES = re.compile(r"\s+")
_NAME_PUNCTUATION = re.compile(r"[\.,'’‘`\"\-_/()]+")
_COMPACT_DROP = re.compile(r"[\s\-\./]+")


def _is_latin_base(char: str) -> bool:
    """Latin letters carry the accents we fold away; other scripts keep their marks (Thai
    vowels, Khmer subscripts, Arabic harakat change the word)."""
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def fold_text(value: str) -> str:
    """Case-, accent- and whitespace-insensitive form: keys of addresses and place names."""
    decomposed = unicodedata.normalize("NFKD", value)
    kept: list[str] = []
    base = ""
    for char in decomposed:
        if unicodedata.combining(char):
            if base and _is_latin_base(base):
                continue
        else:
            base = char
        kept.append(char)
    folded = unicodedata.normalize("NFC", "".join(kept)).casefold()
    return _SPACES.sub(" ", folded).strip()


def fold_name(value: str) -> str:
    """``fold_text`` without punctuation: ``"O'Brien-Pérez, J."`` -> ``"o brien perez j"``.

    The form entity resolution compares; the name itself is kept as written."""
    return _SPACES.sub(" ", _NAME_PUNCTUATION.sub(" ", fold_text(value))).strip()


def compact(value: str) -> str:
    """Identifiers as keys: no spaces, dashes, dots or slashes, upper-case."""
    return _COMPACT_DROP.sub("", value).upper()


def split_list(value: str) -> list[str]:
    """The `;`-separated values of a list cell, stripped, empty ones dropped."""
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def clean_text(value: str) -> str | None:
    """Free text kept verbatim except surrounding whitespace; empty is ``None``."""
    stripped = value.strip()
    return stripped or None
