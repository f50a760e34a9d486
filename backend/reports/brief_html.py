"""The joint-operation brief as one HTML page (no scripts, no outside files)."""

from __future__ import annotations

from typing import Any

from backend.reports.blocks import html_page, html_section
from backend.reports.brief_chart import chart_svg
from backend.reports.brief_sections import (
    jurisdiction_sections,
    letter_sections,
    marking,
    network_sections,
    notes,
    title,
)


def brief_html(brief: dict[str, Any]) -> str:
    parts = [html_section(s) for j in brief["jurisdictions"] for s in jurisdiction_sections(j)]
    parts.append("<h2>Chart</h2>" + chart_svg(brief["chart"]))
    parts += [html_section(s) for s in network_sections(brief) + letter_sections(brief)]
    return html_page(title(brief), notes(brief), "\n".join(parts), marking=marking(brief))
