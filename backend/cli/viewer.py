"""The command line as a named server-side viewer: ``cli:<login>``.

Commands that change something open the app database with ``cli_viewer`` and call the same
service functions as the API, passing this viewer: the services check and audit them as they
do a request, and the audit log names the operator's login instead of a user.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer, system_viewer
from backend.cli.app_db import cli_db
from backend.settings import Settings

CLI_PREFIX = "cli:"


def os_login() -> str:
    """Who runs the command (LOGNAME, USER, ... then the password database)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor in /etc/passwd
        return f"uid-{os.getuid()}"


def cli_username() -> str:
    return CLI_PREFIX + os_login()


@contextmanager
def cli_viewer(settings: Settings | None = None) -> Iterator[tuple[Session, Viewer]]:
    """The app database (migrated) and the command line's viewer, for one command."""
    with cli_db(settings) as db:
        yield db, system_viewer(cli_username())
