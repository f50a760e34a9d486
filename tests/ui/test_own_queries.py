"""Analysts' own Cypher queries on the Queries page, in Chromium: save one for a team with
its parameters, a team mate loads and runs it, bad parameters are a readable error, the owner
deletes it."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from backend.services import teams, users

from .conftest import PASSWORD, UiServer, choose, log_in, shot

CYPHER = ("MATCH (c:Case) WHERE c.jurisdiction = $country "
          "RETURN c.uid AS uid, c.title AS title ORDER BY uid LIMIT 3")


def test_save_a_query_for_the_team_and_a_team_mate_runs_it(
        analyst: Page, browser: Browser, ui_server: UiServer) -> None:
    with ui_server.db.session() as s:
        mate = users.create_user(s, "ui-analyst-mate", PASSWORD, authority_id="GT-PNC",
                                 role="analyst")
        me = users.require_user(s, "ui-analyst")
        team = teams.create_team(s, "JIT Corridor Queries")
        teams.add_member(s, team.id, me.id, lead=True)
        teams.add_member(s, team.id, mate.id)

    analyst.click("#nav-queries")
    analyst.fill("#console-cypher", CYPHER)
    analyst.fill("#console-params", '{"country": oops}')
    analyst.click("#console-run")
    expect(analyst.locator("#console-result")).to_contain_text(
        "parameters must be a JSON object", timeout=30_000)
    analyst.fill("#console-params", '{"country": "GT"}')
    analyst.click("#console-run")
    expect(analyst.locator("#console-count")).to_contain_text("3 row(s)", timeout=30_000)

    analyst.click("#console-save")
    expect(analyst.locator("#console-save-message")).to_contain_text("Give the query a name")
    analyst.fill("#console-save-name", "Three GT cases")
    choose(analyst, "#console-save-share", "Team JIT Corridor Queries")
    analyst.click("#console-save")
    expect(analyst.locator("#console-save-message")).to_contain_text(
        "Saved as 'Three GT cases' for your team", timeout=30_000)
    expect(analyst.locator("#console-saved")).to_contain_text("Three GT cases")
    shot(analyst, "queries-own")

    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        page = context.new_page()
        log_in(page, ui_server.url, "ui-analyst-mate")
        page.click("#nav-queries")
        choose(page, "#console-saved", "Three GT cases")
        expect(page.locator("#console-cypher")).to_have_value(CYPHER, timeout=30_000)
        expect(page.locator("#console-params")).to_have_value('{"country": "GT"}')
        page.click("#console-run")
        expect(page.locator("#console-count")).to_contain_text("3 row(s)", timeout=30_000)
        expect(page.locator("#console-rows")).to_contain_text("GT")
        page.click("#console-delete")  # not the owner: refused, the query stays
        expect(page.locator("#console-save-message")).to_contain_text("of yours",
                                                                      timeout=30_000)
    finally:
        context.close()

    analyst.click("#console-delete")
    expect(analyst.locator("#console-save-message")).to_contain_text("Query deleted",
                                                                     timeout=30_000)
    analyst.reload()
    analyst.click("#console-saved")
    expect(analyst.get_by_role("option", name=re.compile("Three GT cases"))).to_have_count(0)
