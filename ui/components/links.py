"""Links into the workbench's pages that components and pages both build."""

from __future__ import annotations

from urllib.parse import urlencode


def explore_href(**params: str | int) -> str:
    """The Explore page opening something (``case=UID``, ``network=ID``, ...), its values
    encoded: a record id may hold ``&``, ``+`` or spaces."""
    return f"/explore?{urlencode(params)}"
