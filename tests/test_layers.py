"""Imports point one way (ARCHITECTURE.md, "Layout"): the import-linter contracts of
pyproject.toml, checked on the code as it is. A new import that breaks a layer or closes a
circle fails here with the chain of imports that does it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_contracts_say_what_the_architecture_says() -> None:
    found = contracts()
    layers = found["layers"]["layers"]
    assert isinstance(layers, list)
    # ui -> api -> sharing -> services -> ingest -> graph -> values, top to bottom
    order = ["ui", "backend.api", "backend.sharing", "backend.services", "ingest", "graph",
             "values"]
    assert [layer for layer in layers if layer in order] == order
    assert found["values-alone"]["forbidden_modules"] == ["backend", "graph", "ingest", "ui"]
    assert found["graph-ingest-below-backend-ui"]["source_modules"] == ["graph", "ingest"]
    assert found["no-package-cycles"]["type"] == "acyclic_siblings"


def test_every_contract_is_kept() -> None:
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=REPO, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for contract in contracts().values():
        assert f"{contract['name']} KEPT" in " ".join(result.stdout.split())
