"""Reading template files: encodings, line endings, physical line numbers, XLSX, folders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.readers import (
    IngestUsageError,
    UnreadableFileError,
    discover,
    open_rows,
    read_as,
)
from ingest.templates import TEMPLATES
from ingest.writers import format_cell

from .samples import SAMPLE, write_csv, write_sample, write_xlsx


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    with open_rows(path) as rows:
        return list(rows)


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_csv_with_or_without_bom_lf_or_crlf_reads_the_same(tmp_path: Path, bom: bool,
                                                           crlf: bool) -> None:
    path = write_csv(tmp_path / "persons.csv", SAMPLE["persons"], bom=bom, crlf=crlf)
    rows = _rows(path)
    assert rows[0][1][0] == "person_id"  # no BOM left in the first column name
    assert [line for line, _ in rows] == [1, 2, 3, 4]
    assert rows[1][1][1] == "José Pérez"


def test_line_numbers_are_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text('case_id,summary\nC-1,"two\nlines"\n\nC-2,x\n', encoding="utf-8")
    assert [(line, cells[0]) for line, cells in _rows(path)] == [
        (1, "case_id"), (2, "C-1"), (5, "C-2")]


def test_xlsx_reads_like_csv(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "persons.xlsx", SAMPLE["persons"])
    rows = _rows(path)
    assert rows[0][1][:2] == ["person_id", "full_name"]
    assert rows[1][0] == 2 and rows[1][1][1] == "José Pérez"
    assert rows[1][1][3] == "1985-05-01"


SPANISH = [{"person_id": "P-1", "full_name": "José Ñúñez Peña", "address": "Calle Güemes 5"},
           {"person_id": "P-2", "full_name": "María Begoña Ibáñez", "aliases": "La Niña"}]
THAI = [{"person_id": "P-1", "full_name": "สมชาย ใจดี", "address": "กรุงเทพมหานคร"},
        {"person_id": "P-2", "full_name": "สมหญิง รักไทย", "aliases": "น้อง"}]


@pytest.mark.parametrize("encoding,delimiter,rows,read_as_shown", [
    ("utf-8", ",", SPANISH, "utf-8, comma"),
    ("utf-8-sig", ";", SPANISH, "utf-8-sig, semicolon"),
    ("utf-16", "\t", THAI, "utf-16, tab"),              # Excel's "Unicode text"
    ("cp1252", ";", SPANISH, "cp1252, semicolon"),      # Excel "CSV" on a Spanish Windows
    ("latin-1", "\t", SPANISH[:1], "cp1252, tab"),      # the same bytes as cp1252
    ("tis-620", ",", THAI, "cp874, comma"),             # cp874 is Windows' TIS-620
])
def test_encoding_and_delimiter_are_detected(tmp_path: Path, encoding: str, delimiter: str,
                                             rows: list[dict[str, str]],
                                             read_as_shown: str) -> None:
    path = write_csv(tmp_path / "persons.csv", rows, encoding=encoding, delimiter=delimiter)
    dialect = read_as(path)
    assert dialect.describe() == read_as_shown
    assert dialect.lines == len(rows) + 1
    read = _rows(path)
    assert read[0][1][:2] == ["person_id", "full_name"]
    assert [r[1][1] for r in read[1:]] == [r["full_name"] for r in rows]


def test_non_utf8_bytes_late_in_the_file_are_found_before_anything_is_read(
        tmp_path: Path) -> None:
    path = tmp_path / "persons.csv"
    lines = ["person_id,full_name"] + [f"P-{i},Persona {i}" for i in range(1, 20_000)]
    path.write_bytes(("\n".join([*lines, "P-X,José Müller"]) + "\n").encode("cp1252"))
    assert read_as(path).encoding == "cp1252"
    assert _rows(path)[-1] == (20_001, ["P-X", "José Müller"])


def test_the_encoding_and_delimiter_given_win(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "persons.csv", SPANISH, encoding="cp1252", delimiter=";")
    dialect = read_as(path, "iso-8859-1", "|")
    assert (dialect.encoding, dialect.delimiter) == ("iso8859-1", "|")
    assert _rows_as(path, "cp1252", ";")[1][1][:2] == ["P-1", "José Ñúñez Peña"]
    with pytest.raises(UnreadableFileError, match="the file is not utf-8 .line 2"):
        read_as(path, "utf-8")
    with pytest.raises(UnreadableFileError, match="unknown encoding 'klingon'"):
        read_as(path, "klingon")


def _rows_as(path: Path, encoding: str, delimiter: str) -> list[tuple[int, list[str]]]:
    with open_rows(path, encoding, delimiter) as rows:
        return list(rows)


def test_only_bytes_that_are_not_text_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "persons.csv"
    binary.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(UnreadableFileError, match="not text in any encoding"):
        read_as(binary)
    workbook = write_xlsx(tmp_path / "persons.xlsx", SAMPLE["persons"])
    renamed = tmp_path / "cases.csv"
    renamed.write_bytes(workbook.read_bytes())
    with pytest.raises(UnreadableFileError, match="an .xlsx workbook"):
        read_as(renamed)


def test_folder_is_read_in_dependency_order(tmp_path: Path) -> None:
    folder = write_sample(tmp_path / "in")
    (folder / "notes.txt").write_text("ignored", encoding="utf-8")
    found = [f.template.name for f in discover([folder])]
    assert found == [t for t in TEMPLATES.templates if t in SAMPLE]  # the ones written
    # explicit files are sorted the same way, whatever order they are given in
    files = [folder / "transactions.csv", folder / "accounts.csv", folder / "persons.csv"]
    assert [f.template.name for f in discover(files)] == ["persons", "accounts", "transactions"]


def test_file_names_with_a_qualifier_name_their_template(tmp_path: Path) -> None:
    names = {"persons_th.csv": "persons", "Persons 2024.xlsx": "persons",
             "persons (1).csv": "persons", "case_roles-march.csv": "case_roles",
             "cases_2024.csv": "cases", "Travel.CSV": "travel"}
    assert {n: getattr(TEMPLATES.for_file(Path(n)), "name", None) for n in names} == names
    # a name that only begins like a template is not one
    assert [TEMPLATES.for_file(Path(n)) for n in ("personsfile.csv", "personas.csv",
                                                   "persons_th.txt")] == [None, None, None]


def test_unusable_paths_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("x\n", encoding="utf-8")
    with pytest.raises(IngestUsageError, match="rename it to one of .*persons.csv"):
        discover([tmp_path / "people.csv"])
    with pytest.raises(IngestUsageError, match="no such file"):
        discover([tmp_path / "missing.csv"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestUsageError, match="no template files"):
        discover([tmp_path / "empty"])


def test_a_broken_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "persons.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableFileError, match="not a readable .xlsx workbook"):
        _rows(path)


def test_writers_format_python_values_as_template_cells(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cases.csv", [{
        "case_id": "C-1", "jurisdiction": "GT", "opened_on": dt.date(2024, 1, 15),
        "indicators": ["deception", "debt_bondage"], "title": None}])
    header, row = (cells for _, cells in _rows(path))
    values = dict(zip(header, row, strict=True))
    assert values["opened_on"] == "2024-01-15"
    assert values["indicators"] == "deception;debt_bondage" and values["title"] == ""
    assert format_cell(True) == "true" and format_cell(12.5) == "12.5"
