"""The joint-operation brief as PDF (ReportLab): its TLP on every page, the sections as
tables, the chart drawn with ReportLab's graphics, each Letter of Request on its own page."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, PageBreak

from backend.reports.blocks import pdf_document, pdf_paragraph, pdf_section
from backend.reports.brief_chart import chart_drawing
from backend.reports.brief_sections import (
    jurisdiction_sections,
    letter_sections,
    marking,
    network_sections,
    notes,
    title,
)


def brief_pdf(brief: dict[str, Any]) -> bytes:
    story: list[Flowable] = [pdf_paragraph(title(brief), "Title")]
    story += [pdf_paragraph(n, "Italic") for n in notes(brief)]
    for j in brief["jurisdictions"]:
        for section in jurisdiction_sections(j):
            story += pdf_section(section)
    story += [pdf_paragraph("Chart", "Heading2"), chart_drawing(brief["chart"])]
    for section in network_sections(brief):
        story += pdf_section(section)
    for section in letter_sections(brief):
        story += [PageBreak(), *pdf_section(section)]
    return pdf_document(title(brief), story, marking=marking(brief))
