"""Every page of the workbench in navigation order; ``ui.app`` routes between them. Kept apart
from ``ui.pages`` (the ``Page`` type the page modules import) so that no page module imports
the module that imports it."""

from __future__ import annotations

from ui.pages import (
    Page,
    account,
    audit,
    cases,
    explore,
    ingest,
    networks,
    notifications,
    overview,
    people,
    queries,
    referrals,
    review,
    saved,
    teams,
)


def all_pages() -> list[Page]:
    return [overview.PAGE, explore.PAGE, networks.PAGE, cases.PAGE, review.PAGE, queries.PAGE,
            saved.PAGE, teams.PAGE, referrals.PAGE, notifications.PAGE, ingest.PAGE, people.PAGE,
            audit.PAGE, account.PAGE]
