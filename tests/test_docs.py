"""The README is kept true by tests: every command and every setting is documented."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import typer.main

from backend.cli import app
from backend.settings import Settings

from .helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_paths(command: Any, prefix: str = "crosslink") -> Iterator[str]:
    # a group has sub-commands (typer's groups are not click.Group since it keeps its own
    # copy of click, so the type is not asked)
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in subcommands.items():
            yield from _command_paths(sub, f"{prefix} {name}")
    else:
        yield prefix


def test_every_cli_command_is_in_the_readme() -> None:
    paths = list(_command_paths(typer.main.get_command(app)))
    assert len(paths) > 30 and "crosslink user add" in paths  # the walk reached them all
    missing = [p for p in paths if p not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_setting_is_in_the_readme() -> None:
    missing = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names = list(getattr(alias, "choices", [])) if alias else []
        names.append(f"CROSSLINK_{name.upper()}")
        if not any(str(n) in README for n in names):
            missing.append(names[0])
    assert not missing, f"settings missing from README.md: {missing}"


def test_the_contents_line_lists_every_section() -> None:
    sections = re.findall(r"^## (.+)$", README, re.M)
    contents = next(line for line in README.splitlines() if line.startswith("Contents: "))
    assert re.findall(r"\[([^\]]+)\]\(#", contents) == sections
