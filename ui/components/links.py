"""Links into the workbench's pages that components and pages both build."""

from __future__ import annotations

from urllib.parse import quote, urlencode


def explore_href(**params: str | int) -> str:
    """The Explore page opening something (``case=UID``, ``network=ID``, ...), its values
    encoded: a record id may hold ``&``, ``+`` or spaces."""
    return f"/explore?{urlencode(params)}"


def brief_href(network_id: str, fmt: str = "pdf") -> str:
    """The joint-operation brief of a network, downloaded from the API."""
    return f"/api/networks/{quote(network_id, safe='')}/brief?{urlencode({'format': fmt})}"
