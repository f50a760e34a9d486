"""FollowTheMoney files dropped on the Ingest page: told from template files by their content
and imported through the same service as ``crosslink import ftm``
(``backend.sharing.exports.import_ftm_lines``)."""

from __future__ import annotations

from typing import Any

from dash import html

from backend.errors import CrosslinkError
from backend.services.ingest import Upload
from backend.sharing.exports import import_ftm_lines
from backend.sharing.ftm_import import is_ftm
from ui.components.messages import error, ok, warning
from ui.components.tables import table
from ui.context import UiContext


def split_ftm(uploads: list[Upload]) -> tuple[list[Upload], list[Upload]]:
    """(FtM files, template files) of one upload."""
    ftm = [u for u in uploads if is_ftm(u.content)]
    return ftm, [u for u in uploads if u not in ftm]


def import_ftm_uploads(uictx: UiContext, uploads: list[Upload], *, source: str,
                       grading: dict[str, str]) -> list[Any]:
    """One report per FtM file: what loaded, what has no place in the model, bad lines."""
    views: list[Any] = []
    for item in uploads:
        try:
            lines = item.content.decode("utf-8-sig").splitlines()
            with uictx.viewer() as (s, viewer):
                result = import_ftm_lines(uictx.graph, s, viewer, lines, name=item.filename,
                                          origin=source, grading=grading)
        except UnicodeDecodeError:
            views.append(error(f"{item.filename}: not UTF-8 text; FtM files are UTF-8 JSON"))
            continue
        except CrosslinkError as exc:
            views.append(error(exc))
            continue
        views.append(ftm_report_view(result))
    return views


def ftm_report_view(result: dict[str, Any]) -> html.Div:
    summary = (f"{result['file']} (FollowTheMoney): {result['entities']} entities read, "
               f"{result['nodes_created']} nodes and {result['relationships_created']} "
               f"relationships created (batch {result['batch_id']}, source {result['source']})")
    parts: list[Any] = [(error if result["errors"] else ok)(summary)]
    if result["unmapped"]:
        parts += [warning(f"{result['unmapped_entities']} entities have no place in the "
                          "model and were not loaded:"),
                  table(result["unmapped"], table_id="ingest-ftm-unmapped")]
    if result["dropped"]:
        parts += [html.H4(f"Values dropped ({result['values_dropped']})"),
                  table(result["dropped"], table_id="ingest-ftm-dropped")]
    if result["error_lines"]:
        parts += [html.H4(f"Lines that are not FtM entities ({result['errors']})"),
                  table(result["error_lines"], table_id="ingest-ftm-errors")]
    return html.Div(parts, className="ingest-ftm-report")
