"""Addresses, places and vehicles: keyed by a folded or compacted text plus the country."""

from __future__ import annotations

from values.text import compact, fold_text

# Words in a place name that make it a border crossing (folded: no case, no accents).
BORDER_WORDS = ("border", "frontera", "fronteira", "crossing", "checkpoint", "garita",
                "puesto fronterizo", "paso fronterizo", "aduana", "ด่าน", "ច្រកព្រំដែន")


def place_key(text: str, country: str | None) -> str:
    return f"{fold_text(text)}|{country or ''}"


def vehicle_key(plate: str, country: str | None) -> str:
    return f"{compact(plate)}|{country or ''}"


def location_kind(name: str, *, via: bool = False, countries_differ: bool = False) -> str:
    """``border_crossing`` when the name says so, or for a via point between two countries;
    else ``city``."""
    folded = fold_text(name)
    if any(word in folded for word in BORDER_WORDS) or (via and countries_differ):
        return "border_crossing"
    return "city"
