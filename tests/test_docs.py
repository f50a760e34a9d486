"""The README is kept true by tests: every command and every setting is documented."""

from __future__ import annotations

from collections.abc import Iterator

import click
import typer.main

from backend.cli import app
from backend.settings import Settings

from .helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_paths(command: click.Command, prefix: str = "crosslink") -> Iterator[str]:
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _command_paths(sub, f"{prefix} {name}")
    else:
        yield prefix


def test_every_cli_command_is_in_the_readme() -> None:
    missing = [p for p in _command_paths(typer.main.get_command(app)) if p not in README]
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
