"""GET /api/export/htcds and /api/export/ctdc: each authority downloads only the cases it may
see, TLP:RED never leaves even its owner, protected victims stay unnamed unless asked for with
a reason, and every download is audited."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from backend.db.models import AuditEvent

from .conftest import ApiServer
from .dataset import GT_ONLY, MX_ONLY, RED_ONLY


def _sheet(content: bytes) -> list[list[str]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return [["" if v is None else str(v) for v in row]
            for row in book.worksheets[0].iter_rows(values_only=True)]


def test_htcds_download_holds_only_the_cases_the_user_may_see(api_server: ApiServer) -> None:
    with api_server.client("gt-investigator") as c:
        r = c.get("/api/export/htcds")
    assert r.status_code == 200, r.text
    assert "attachment" in r.headers["content-disposition"]
    rows = _sheet(r.content)
    assert rows[0][1:4] == ["cas_CaseOwner", "prs_Salutation", "prs_FirstName"]
    assert [row[0] for row in rows[1:]] == ["C-1"]
    text = str(rows)
    assert not [n for n in MX_ONLY + RED_ONLY if n in text]
    assert "Maria" not in text  # the protected victim is unnamed
    header = rows[0]
    case = dict(zip(header, rows[1], strict=True))
    assert case["vic_MethodsOfControl"] == "DebtBondage;WithholdsDocuments"
    assert case["vic_ForcedLabourIndustry"] == "A_AgricultureForestryAndFishing"
    assert case["cas_Status"] == "Active" and case["prs_Gender"] == "Feminine"


def test_red_never_leaves_even_its_own_authority(api_server: ApiServer) -> None:
    with api_server.client("mx-analyst") as c:
        r = c.get("/api/export/htcds", params={"format": "csv"})
        ctdc = c.get("/api/export/ctdc", params={"k": 2})
    assert r.status_code == 200 and ctdc.status_code == 200
    ids = [row[0] for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig")))][1:]
    assert "C-10" not in ids and "C-9" in ids
    assert not [n for n in RED_ONLY if n in r.text]


def test_names_of_protected_victims_need_the_permission_and_a_reason(
        api_server: ApiServer) -> None:
    with api_server.client("gt-investigator") as c:
        refused = c.get("/api/export/htcds", params={"include_protected": "true"})
        named = c.get("/api/export/htcds", params={"include_protected": "true",
                                                   "reason": "referral to victim services"})
    assert refused.status_code == 422 and "reason" in refused.text
    assert named.status_code == 200
    assert "Maria" in str(_sheet(named.content))
    with api_server.client("gt-viewer") as c:
        assert c.get("/api/export/htcds").status_code == 403
        assert c.get("/api/export/ctdc").status_code == 403


def test_ctdc_download_is_anonymous_and_every_export_is_audited(api_server: ApiServer) -> None:
    with api_server.client("gt-investigator") as c:
        r = c.get("/api/export/ctdc", params={"k": 2})
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1  # Maria Tzul, the one victim GT may see: alone, so suppressed
    assert rows[0]["citizenship"] == "-99" and rows[0]["meansOfControlDebtBondage"] == "1"
    assert not [n for n in GT_ONLY + ["Maria Tzul"] if n in r.text]
    with api_server.db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "export",
                                                    AuditEvent.username == "gt-investigator"))
        formats = {e.parameters.get("format") for e in events}
    assert {"htcds", "ctdc"} <= formats
