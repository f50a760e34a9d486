"""The situation report as PDF (ReportLab, pure Python): the sections as tables, their
figures as bar charts drawn with ReportLab's own graphics."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from backend.reports.blocks import pdf_document, pdf_paragraph, pdf_section
from backend.reports.sections import left_out_text, sections, subtitle, title


def situation_pdf(report: dict[str, Any]) -> bytes:
    story: list[Flowable] = [pdf_paragraph(title(report), "Title"),
                             pdf_paragraph(subtitle(report), "Italic"),
                             pdf_paragraph(left_out_text(report), "Italic")]
    for section in sections(report):
        story += pdf_section(section)
    return pdf_document(title(report), story)
