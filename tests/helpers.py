"""Small helpers for tests: running the real CLI in a subprocess, finding free ports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "backend.cli"]


def run_cli(
    args: list[str], env: dict[str, str] | None = None, input: str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run ``crosslink ARGS`` as a user would, with ``env`` on top of a clean environment."""
    return subprocess.run(
        CLI + args, cwd=REPO, env=cli_env(env), input=input, capture_output=True, text=True,
        timeout=timeout, check=False,
    )


def cli_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """A clean environment (no NEO4J_/CROSSLINK_ settings of the caller) plus ``env``."""
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("NEO4J_", "CROSSLINK_", "DATABASE_URL"))}
    full_env.update(env or {})
    full_env.setdefault("COLUMNS", "200")
    return full_env


def start_cli(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``crosslink ARGS`` in the background (to stop or kill it mid-way)."""
    return subprocess.Popen(CLI + args, cwd=REPO, env=cli_env(env), text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cli_commands() -> dict[str, Any]:
    """Every leaf command of ``crosslink`` by its path as typed (``crosslink team add``): its
    click command, with ``params``. (The top group loads its commands when asked, so they are
    asked for by name.)"""
    import typer

    from backend.cli import app

    found: dict[str, Any] = {}

    def walk(command: Any, path: str, ctx: Any) -> None:
        if not hasattr(command, "list_commands"):
            found[path] = command
            return
        for name in command.list_commands(ctx):
            walk(command.get_command(ctx, name), f"{path} {name}", ctx)

    top = typer.main.get_command(app)
    walk(top, "crosslink", top.make_context("crosslink", [], resilient_parsing=True))
    return found
