"""The Ingest page (docs/ingest.md) is kept true by tests: every template and column of
ingest/templates.yaml is documented, with its type."""

from __future__ import annotations

import re

from ingest.templates import TEMPLATES

from ..helpers import REPO

INGEST = (REPO / "docs" / "ingest.md").read_text(encoding="utf-8")


def _section(text: str, heading: str, level: str) -> str:
    start = text.index(f"\n{level} {heading}")
    end = re.search(rf"\n{level} ", text[start + 1:])
    return text[start:start + 1 + end.start()] if end else text[start:]



def test_every_template_column_is_documented() -> None:
    missing = []
    for template in TEMPLATES.templates.values():
        block = _section(INGEST, f"`{template.name}.csv`", "###")
        for column in template.columns:
            if not re.search(rf"^\| `{re.escape(column.name)}` \|", block, re.MULTILINE):
                missing.append(f"{template.name}.{column.name}")
        documented = re.findall(r"^\| `([a-z_]+)` \|", block, re.MULTILINE)
        assert set(documented) <= set(template.column_names), (template.name, documented)
    assert not missing, f"template columns missing from docs/ingest.md: {missing}"


def test_grading_columns_options_and_exit_codes_are_documented() -> None:
    for column in TEMPLATES.grading_columns:
        assert f"`{column.name}`" in INGEST
    for option in ("--source", "--source-name", "--source-kind", "--source-country",
                   "--reliability", "--credibility", "--tlp", "--strict", "--errors",
                   "--batch-size"):
        assert option in INGEST, option
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in INGEST
