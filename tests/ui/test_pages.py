"""The other pages in Chromium: open a network in the chart, cases, a saved query and a
console query, confirm a candidate, upload a file with a bad row, the audit log."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

from backend.auth.passwords import verify_password
from backend.services import users
from ingest.writers import write_csv

from .conftest import PASSWORD, UiServer, choose, log_in, shot


def test_open_a_network_from_the_networks_page(analyst: Page, ui_server: UiServer) -> None:
    analyst.click("#nav-networks")
    table = analyst.locator("#networks-table")
    expect(table).to_be_visible(timeout=60_000)
    expect(table).to_contain_text("GT-PNC (GT)")  # authorities and indicators read as text,
    expect(table).to_contain_text("debt bondage: ")
    expect(table).not_to_contain_text('{"')  # not as raw records
    # the score says what it is made of
    expect(table.locator(".score-parts").first).to_contain_text(re.compile(r"jurisdictions: \+\d"))
    # an agency reported by several sources is listed once, with why its licence fails
    expect(table).to_contain_text(re.compile(r"\(\d records\): works in [A-Z]{2}.*; licensed in"))
    shot(analyst, "networks")
    analyst.locator("#networks-table a:has-text('Open in chart')").first.click()
    expect(analyst.locator("#explore-message")).to_contain_text("linking evidence highlighted",
                                                                timeout=60_000)
    expect(analyst.locator("#explore-counts")).to_have_text(re.compile(r"^\d+ nodes"))
    nodes = int(re.match(r"(\d+) nodes", analyst.inner_text("#explore-counts")).group(1))
    assert nodes >= 2
    # the map shades the countries the network touches; a click on one selects what is there
    shaded = analyst.locator("#explore-map path.choroplethlocation")
    expect(shaded.first).to_be_visible(timeout=30_000)
    assert shaded.count() >= 3  # the network spans three jurisdictions at least
    shaded.first.scroll_into_view_if_needed()  # the map is under the chart and its time bar
    box = shaded.first.bounding_box()
    assert box is not None
    analyst.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    analyst.wait_for_function("window.cy && window.cy.$('node:selected').length > 0",
                              timeout=15_000)
    analyst.wait_for_timeout(1000)
    shot(analyst, "explore-network")


def test_cases_filter_and_open_in_chart(analyst: Page) -> None:
    analyst.click("#nav-cases")
    expect(analyst.locator("#cases-list")).to_be_visible(timeout=40_000)
    analyst.fill("#cases-jurisdiction", "GT")
    analyst.press("#cases-jurisdiction", "Enter")
    expect(analyst.locator("#cases-list tbody tr").first).to_contain_text("GT", timeout=30_000)
    rows = analyst.locator("#cases-list tbody tr")
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").nth(2).inner_text() == "GT"
    # indicators read as words, the core ones in bold; a case id stays on one line
    indicators = analyst.locator("#cases-list tbody td:nth-child(8)")
    assert "_" not in "".join(indicators.all_inner_texts())
    expect(analyst.locator("#cases-list tbody td:nth-child(8) b").first).to_have_attribute(
        "title", "core ILO indicator")
    uid = rows.first.locator("td").first.locator("span")
    assert uid.evaluate("span => span.getClientRects().length") == 1  # one line box
    shot(analyst, "cases")
    rows.first.locator("a:has-text('Open in chart')").click()
    expect(analyst.locator("#explore-message")).to_contain_text("opened case", timeout=40_000)


def test_run_a_saved_query_and_a_console_query(analyst: Page) -> None:
    analyst.click("#nav-queries")
    analyst.click("#query-name")
    analyst.get_by_role("option", name=re.compile("Money chains")).click()
    expect(analyst.locator("#query-form")).to_contain_text("days", timeout=30_000)
    analyst.fill("input[id*='\"name\":\"days\"']", "60")
    analyst.click("#query-run")
    expect(analyst.locator("#query-count")).to_contain_text("row(s)", timeout=30_000)
    expect(analyst.locator("#query-rows")).to_contain_text("account a")
    analyst.fill("#console-cypher", "MATCH (c:Case)-[r:REPORTED_BY]->(a:Authority) "
                                    "RETURN c, r, a LIMIT 5")
    analyst.click("#console-run")
    expect(analyst.locator("#console-count")).to_contain_text("5 row(s)", timeout=30_000)
    expect(analyst.locator("#console-chart")).to_be_visible()
    analyst.wait_for_timeout(800)
    shot(analyst, "queries")
    analyst.fill("#console-cypher", "MATCH (n) DETACH DELETE n")
    analyst.click("#console-run")
    expect(analyst.locator("#console-result")).to_contain_text("refused", timeout=30_000)
    # a misspelt label finds nothing: the page says why, and what was meant
    analyst.fill("#console-cypher", "MATCH (c:Cse) RETURN c LIMIT 5")
    analyst.click("#console-run")
    expect(analyst.locator("#console-result .msg-warning")).to_have_text(
        "Warning: the label `Cse` is not in the graph (line 1, column 10): did you mean Case?",
        timeout=30_000)
    expect(analyst.locator("#console-count")).to_contain_text("0 row(s)")


def test_query_results_open_in_explore(analyst: Page) -> None:
    analyst.click("#nav-queries")
    analyst.fill("#console-cypher", "MATCH (c:Case)-[r:REPORTED_BY]->(a:Authority) "
                                    "RETURN c, r, a ORDER BY c.uid LIMIT 3")
    analyst.click("#console-run")
    expect(analyst.locator("#console-count")).to_contain_text("3 row(s)", timeout=30_000)
    analyst.click("#console-explore")
    expect(analyst.locator("#explore-message")).to_contain_text("opened the query's results",
                                                                timeout=30_000)
    shown = analyst.inner_text("#explore-counts")
    cases = int(re.search(r"(\d+) nodes", shown).group(1))
    assert cases >= 4  # three cases and their authorities, with the relationships
    assert re.search(r"\b3 edges", shown), shown
    # a chart like any other: it grows from there
    analyst.evaluate("window.cy.nodes('[type = \"Case\"]')[0].emit('tap')")
    expect(analyst.locator("#explore-details")).to_contain_text("Case:", timeout=30_000)
    analyst.click("#explore-expand")
    expect(analyst.locator("#explore-message")).to_contain_text("expanded", timeout=40_000)


def test_compare_a_candidate_in_the_chart(analyst: Page) -> None:
    analyst.click("#nav-review")
    card = analyst.locator(".candidate").first
    expect(card).to_be_visible(timeout=30_000)
    label = card.locator("h4").inner_text().split(" · ")[0]
    a, b = (f"{label}:{uid}" for uid in card.locator("h5").all_inner_texts())
    card.get_by_text("Compare in chart").click()
    # the demo's candidates share an address (their reasons say so): named and highlighted
    expect(analyst.locator("#explore-message")).to_contain_text(
        f"comparing {a} and {b}: both linked to", timeout=40_000)
    expect(analyst.locator("#explore-message")).to_contain_text("Address")
    analyst.wait_for_function("window.cy && window.cy.nodes().length > 2")
    shown = analyst.evaluate(
        """ids => ids.map(id => { const n = window.cy.getElementById(id);
               return [n.length, n.hasClass('highlight'), n.connectedEdges().length]; })""",
        [a, b])
    assert [(found, marked) for found, marked, _ in shown] == [(1, True), (1, True)]
    assert all(edges > 1 for *_, edges in shown)  # each with its neighbours
    # what they share: a common neighbour, or an identifier only they share, folded into a
    # link between them (its details name what it stands for)
    shared = analyst.evaluate(
        """([a, b]) => {
             const na = window.cy.getElementById(a), nb = window.cy.getElementById(b);
             const nodes = na.neighborhood('node').intersection(nb.neighborhood('node'))
               .filter(n => n.id() !== a && n.id() !== b)
               .map(n => [n.data('type').toLowerCase(), n.hasClass('highlight')]);
             const links = na.edgesWith(nb)
               .filter(e => e.data('type') === 'SHARES')
               .map(e => [e.data('caption').split(' ')[0], e.hasClass('highlight')]);
             return nodes.concat(links); }""", [a, b])
    assert ["address", True] in shared and all(marked for _, marked in shared)
    shot(analyst, "review-compare")


def test_confirm_a_candidate(analyst: Page) -> None:
    analyst.click("#nav-review")
    card = analyst.locator(".candidate").first
    expect(card).to_be_visible(timeout=30_000)
    shot(analyst, "review")
    expect(card).to_contain_text(re.compile(r"[A-F] \((completely|usually|fairly|not usually|"
                                            r"unreliable|cannot)"))  # grades with meanings
    title = card.locator("h5").first.inner_text()
    card.locator(".why input").fill("same passport and phone")
    card.locator("button:has-text('confirm')").click()
    expect(analyst.locator("#review-message")).to_contain_text("confirmed", timeout=30_000)
    expect(analyst.locator("#review-message")).to_contain_text(title)


def test_upload_a_file_with_a_bad_row(analyst: Page, ui_server: UiServer,
                                      tmp_path: Path) -> None:
    analyst.click("#nav-ingest")
    # the blank template from the page, filled in as people do: rows added under its header
    analyst.get_by_text("Templates: blank files to fill in").click()
    templates = analyst.locator("#ingest-templates")
    expect(templates).to_contain_text("RecruitmentAgency")
    persons = templates.locator("tr", has=analyst.get_by_role("link", name="persons.csv",
                                                             exact=True))
    expect(persons.locator("b", has_text="full_name")).to_have_count(1)  # required: bold
    with analyst.expect_download() as download:
        templates.get_by_role("link", name="persons.csv", exact=True).click()
    blank = Path(download.value.path()).read_text(encoding="utf-8")
    assert blank.startswith("\ufeffperson_id,full_name,") and blank.count("\n") == 1
    bad = tmp_path / "persons.csv"
    bad.write_text(blank + "UP-1,Maria Lopez Test,,1990-02-03,female,GT,,,,,,\r\n"
                   "UP-2,,,1990-02-03,male,GT,,,,,,\r\n"
                   "UP-3,Jose Test,,31/31/1990,male,GT,,,,,,\r\n", encoding="utf-8")
    analyst.set_input_files("#ingest-files input[type=file]", str(bad))
    expect(analyst.locator("#ingest-chosen")).to_contain_text("persons.csv")
    analyst.fill("#ingest-source", "ui-test")
    analyst.fill("#ingest-source-name", "UI test police")
    analyst.fill("#ingest-source-country", "gt")
    analyst.check("#ingest-strict input[type=checkbox]")
    analyst.click("#ingest-run")
    summary = analyst.locator("#ingest-summary")
    expect(summary).to_contain_text("Strict: nothing loaded, because 1 row is rejected",
                                    timeout=60_000)
    analyst.uncheck("#ingest-strict input[type=checkbox]")
    analyst.click("#ingest-run")
    expect(summary).to_contain_text("2 rows loaded, 1 rejected, 1 value dropped",
                                    timeout=60_000)
    # the summary names the load's batch and source (waited for: it is what is read next)
    expect(summary).to_contain_text(re.compile(r"\(batch [0-9a-f]+, source ui-test\)"))
    batch = re.search(r"\(batch ([0-9a-f]+), source ui-test\)", summary.inner_text())
    assert batch is not None, summary.inner_text()
    history = analyst.locator("#ingest-history-table tbody tr")
    expect(history).to_have_count(2)  # newest first: this load, then the strict one
    for text in ("persons.csv", "ui-test", batch.group(1), "ok"):
        expect(history.first).to_contain_text(text)
    expect(history.nth(1).locator("td").nth(4)).to_have_text("yes")  # the strict one
    (source,) = ui_server.graph.read("MATCH (s:Source {id: 'ui-test'}) "
                                     "RETURN s.name AS name, s.country AS country")
    assert source == {"name": "UI test police", "country": "GT"}
    files = analyst.locator("#ingest-files-table tbody tr").first
    expect(files.locator("td").last).to_have_text("no")  # refused: no, not Python's False
    errors = analyst.locator("#ingest-errors tbody tr")
    # the row without a name is an error; the bad date costs that date only (a warning)
    for i, texts in enumerate([("error", "3", "full_name"),
                               ("warning", "4", "date_of_birth", "the row, without")]):
        for text in texts:
            expect(errors.nth(i)).to_contain_text(text)
    shot(analyst, "ingest")


def test_an_unknown_address_says_so(analyst: Page, ui_server: UiServer) -> None:
    analyst.goto(ui_server.url + "/resolution")
    expect(analyst.locator("#not-found")).to_contain_text(
        "There is no page /resolution", timeout=30_000)
    analyst.locator("#not-found a", has_text="Review").click()
    expect(analyst.locator("#nav-review")).to_have_class("active", timeout=30_000)


def test_form_a_team_add_a_member_and_share_a_case(analyst: Page, ui_server: UiServer) -> None:
    (other,) = ui_server.graph.read("MATCH (c:Case) WHERE c.authority <> 'GT-PNC' "
                                    "RETURN c.uid AS uid ORDER BY c.uid LIMIT 1")
    analyst.click("#nav-teams")
    analyst.fill("#teams-new-name", "JIT Finca UI")
    analyst.fill("#teams-new-description", "coffee farm workers, GT and MX")
    analyst.click("#teams-form")
    expect(analyst.locator("#teams-message")).to_contain_text(
        "team 'JIT Finca UI' formed: you lead it", timeout=30_000)
    card = analyst.locator("#teams-list .card", has_text="JIT Finca UI")
    expect(card).to_contain_text("ui-analyst (GT-PNC, lead)")
    for member in ("ui-viewer", "ui-investigator"):
        analyst.fill("#teams-user", member)
        analyst.click("#teams-add-member")
        expect(card).to_contain_text(f"{member} (GT-PNC)", timeout=30_000)
    # the lead takes one out again
    card.locator("li", has_text="ui-investigator").get_by_role("button", name="Remove").click()
    expect(analyst.locator("#teams-message")).to_contain_text("taken out", timeout=30_000)
    expect(card).not_to_contain_text("ui-investigator")
    # the cases offered are the analyst's authority's: another's is theirs to share
    analyst.click("#teams-case")
    analyst.locator("input.dash-dropdown-search").fill(other["uid"])
    expect(analyst.get_by_text("No options found")).to_be_visible()
    analyst.locator("input.dash-dropdown-search").fill("PNC-0001")
    analyst.get_by_role("option", name=re.compile("^gt-pnc:PNC-0001 · ")).click()
    analyst.click("#teams-share")
    expect(analyst.locator("#teams-message")).to_contain_text("shared with the team",
                                                              timeout=30_000)
    expect(card.get_by_role("link", name="gt-pnc:PNC-0001")).to_have_attribute(
        "href", "/explore?case=gt-pnc%3APNC-0001")
    shot(analyst, "teams")
    # the Cases page says which of your teams a case is shared with
    analyst.click("#nav-cases")
    row = analyst.locator("#cases-list tr", has_text="gt-pnc:PNC-0001 ")
    expect(row.locator("td").nth(8)).to_have_text("JIT Finca UI", timeout=30_000)


def test_change_your_own_password(browser: Browser, ui_server: UiServer) -> None:
    with ui_server.db.session() as s:
        users.create_user(s, "ui-pw", PASSWORD, authority_id="GT-PNC", role="viewer")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, ui_server.url, "ui-pw")
    page.click("#nav-account")
    expect(page.locator("#account-who")).to_contain_text("ui-pw: viewer of GT-PNC",
                                                         timeout=30_000)
    for again, said in (("a-new-password-4", "the two new passwords differ"),
                        ("a-new-password-42", "Password changed")):
        page.fill("#account-current", PASSWORD)
        page.fill("#account-new", "a-new-password-42")
        page.fill("#account-again", again)
        page.click("#account-change")
        expect(page.locator("#account-message")).to_contain_text(said, timeout=30_000)
    expect(page.locator("#account-current")).to_have_value("")  # not left in the page
    shot(page, "account")
    context.close()
    with ui_server.db.session() as s:
        assert verify_password(users.require_user(s, "ui-pw").password_hash, "a-new-password-42")


def test_an_admin_adds_and_deactivates_a_person(browser: Browser, ui_server: UiServer) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, ui_server.url, "ui-admin")
    page.click("#nav-people")
    expect(page.locator("#people-users")).to_contain_text("ui-analyst", timeout=30_000)
    # the authority ids the cases use are offered, but for those that have an entry already
    offered = page.locator("#people-graph-authorities option").evaluate_all(
        "options => options.map(o => o.value)")
    assert "MX-STPS" in offered and "GT-PNC" not in offered
    page.fill("#people-username", "ui-newcomer")
    choose(page, "#people-authority", "^GT-PNC$")
    choose(page, "#people-role", "^investigator$")
    page.fill("#people-password", "first-password-1")
    page.click("#people-add")
    expect(page.locator("#people-message")).to_contain_text(
        "ui-newcomer added (investigator, GT-PNC)", timeout=30_000)
    row = page.locator("#people-users tr", has_text="ui-newcomer")
    expect(row).to_contain_text("yes")
    row.get_by_role("button", name="Deactivate").click()
    expect(page.locator("#people-message")).to_contain_text("ui-newcomer is deactivated",
                                                            timeout=30_000)
    expect(row.locator("td").nth(3)).to_have_text("no")
    shot(page, "people")
    context.close()
    with ui_server.db.session() as s:
        assert users.require_user(s, "ui-newcomer").active is False


def test_audit_is_for_admins(browser: Browser, ui_server: UiServer, analyst: Page) -> None:
    analyst.goto(ui_server.url + "/audit")
    expect(analyst.locator("#page")).to_contain_text("may not open Audit", timeout=30_000)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in(page, ui_server.url, "ui-admin")
    page.click("#nav-audit")
    page.wait_for_timeout(3000)
    shot(page, "audit")
    events = page.locator("#audit-events")
    expect(events).to_contain_text("ui-analyst", timeout=40_000)
    expect(events).to_contain_text("login")
    expect(page.locator("#audit-summary")).to_contain_text("events match")
    # what an auditor looks for: the failed logins of today, and the same as a CSV file
    today, tomorrow = page.evaluate(
        "[0, 1].map(d => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10))")
    failed = page.request.post(ui_server.url + "/api/auth/login",
                               data={"username": "ui-analyst", "password": PASSWORD + "x"})
    assert failed.status == 401
    choose(page, "#audit-outcome", "^failed$")
    page.fill("#audit-from", today)
    page.fill("#audit-to", tomorrow)  # (the failed login may fall after midnight UTC)
    # the link is written with the table, once every filter has been applied
    expect(page.locator("#audit-csv")).to_have_attribute(
        "href", re.compile(f"outcome=failed.*since={today}.*until="), timeout=30_000)
    expect(page.locator("#audit-summary")).to_contain_text(
        re.compile(r"^(1 event matches|\d+ events match), newest first"))
    # (the text as written, not as rendered: a table being refreshed is hidden for a moment)
    outcomes = page.locator("#audit-events tbody tr td:nth-child(5)").all_text_contents()
    assert outcomes and set(outcomes) == {"failed"}
    href = page.get_attribute("#audit-csv", "href")
    download = page.request.get(ui_server.url + href)
    assert download.ok and download.headers["content-type"].startswith("text/csv")
    lines = download.text().strip().splitlines()
    assert lines[0].startswith("id,at,username,action,outcome")
    assert len(lines) - 1 == len(outcomes)
    assert all(",failed," in line for line in lines[1:])
    shot(page, "audit")
    context.close()


def test_an_upload_under_another_source_says_who_sees_it(browser: Browser, ui_server: UiServer,
                                                          tmp_path: Path) -> None:
    persons = write_csv(tmp_path / "persons.csv", [
        {"person_id": "INV-1", "full_name": "Rosa Tzul Test", "nationality": "GT"}])
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    investigator, admin = context.new_page(), browser.new_page()
    log_in(investigator, ui_server.url, "ui-investigator")

    def upload() -> Locator:
        investigator.goto(ui_server.url + "/ingest")  # a fresh page: no report yet
        investigator.set_input_files("#ingest-files input[type=file]", str(persons))
        investigator.fill("#ingest-source", "ui-inv-src")
        investigator.click("#ingest-run")
        report = investigator.locator("#ingest-report")
        expect(report).to_contain_text("1 row loaded, 0 rejected", timeout=60_000)
        return report

    expect(upload()).to_contain_text("ui-inv-src is not a source of GT-PNC: you see its "
                                     "records only where they are tied to GT-PNC's cases")
    log_in(admin, ui_server.url, "ui-admin")
    admin.click("#nav-people")
    choose(admin, "#people-sources-authority", "^GT-PNC$")
    admin.fill("#people-more-sources", "ui-inv-src")
    admin.click("#people-sources-add")
    expect(admin.locator("#people-message")).to_contain_text(
        "authority GT-PNC: sources ui-inv-src", timeout=30_000)
    expect(admin.locator("#people-authorities tr", has_text="GT-PNC")).to_contain_text(
        "ui-inv-src")
    expect(upload()).not_to_contain_text("is not a source of")
    admin.close()
    context.close()
