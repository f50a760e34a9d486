"""Login over real HTTP: the session cookie and its flags, CSRF on cookie writes, logout,
API tokens, the failed-login limit, and the CLI that creates users."""

from __future__ import annotations

import httpx

from backend.services import users
from tests.helpers import run_cli

from .conftest import PASSWORD, ApiServer


def test_login_sets_an_httponly_strict_cookie_and_me_answers(api_server: ApiServer) -> None:
    with httpx.Client(base_url=api_server.url) as c:
        r = c.post("/api/auth/login", json={"username": "gt-investigator",
                                            "password": PASSWORD})
        assert r.status_code == 200
        assert r.json()["authority"]["id"] == "GT-PNC"
        cookies = r.headers.get_list("set-cookie")
        session = next(h for h in cookies if h.startswith("crosslink_session="))
        csrf = next(h for h in cookies if h.startswith("crosslink_csrf="))
        assert "HttpOnly" in session and "SameSite=strict" in session
        assert "Secure" not in session  # plain http here; https requests get Secure
        assert "HttpOnly" not in csrf
        me = c.get("/api/auth/me").json()
        assert me["username"] == "gt-investigator" and me["role"] == "investigator"
        assert "upload" in me["permissions"] and "console" not in me["permissions"]


def test_every_answer_forbids_framing_and_sniffing(api_server: ApiServer) -> None:
    with httpx.Client(base_url=api_server.url) as c:
        for answer in (c.get("/api/health"), c.get("/api/auth/me"), c.get("/api/docs")):
            assert answer.headers["x-frame-options"] == "DENY"
            assert answer.headers["x-content-type-options"] == "nosniff"
            assert answer.headers["referrer-policy"] == "no-referrer"
            assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_cookie_writes_need_the_csrf_header(api_server: ApiServer) -> None:
    with api_server.browser("gt-investigator") as c:
        chart = {"name": "chart", "elements": {"nodes": [{"id": "Person:gt-pnc:P-1"}]}}
        r = c.post("/api/subgraphs", json=chart)
        assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
        r = c.post("/api/subgraphs", json=chart,
                   headers={"X-CSRF-Token": c.cookies["crosslink_csrf"]})
        assert r.status_code == 201
        created = r.json()
        assert created["version"] == 1
        r = c.patch(f"/api/subgraphs/{created['id']}", json={"name": "chart 2"},
                    headers={"X-CSRF-Token": c.cookies["crosslink_csrf"]})
        assert r.json()["version"] == 2 and r.json()["name"] == "chart 2"
        r = c.post("/api/auth/logout", headers={"X-CSRF-Token": c.cookies["crosslink_csrf"]})
        assert r.status_code == 204
        assert c.get("/api/auth/me").status_code == 401


def test_tokens_work_without_csrf_and_bad_tokens_are_refused(api_server: ApiServer) -> None:
    with api_server.browser("gt-analyst") as c:
        r = c.post("/api/auth/tokens", json={"name": "script"},
                   headers={"X-CSRF-Token": c.cookies["crosslink_csrf"]})
        token = r.json()["token"]
    with httpx.Client(base_url=api_server.url,
                      headers={"Authorization": f"Bearer {token}"}) as script:
        assert script.get("/api/auth/me").json()["username"] == "gt-analyst"
        assert script.post("/api/console", json={"cypher": "RETURN 1 AS x"}).status_code == 200
    with httpx.Client(base_url=api_server.url,
                      headers={"Authorization": "Bearer clk_nope"}) as bad:
        r = bad.get("/api/auth/me")
        assert r.status_code == 401 and r.json()["error"]["code"] == "bad_token"


def test_people_change_their_own_password(api_server: ApiServer) -> None:
    with api_server.db.session() as s:
        users.create_user(s, "pw-changer", PASSWORD, authority_id="GT-PNC", role="viewer")
    new = "a-new-password-42"
    with api_server.browser("pw-changer") as c, api_server.browser("pw-changer") as elsewhere:
        csrf = {"X-CSRF-Token": c.cookies["crosslink_csrf"]}
        wrong = c.post("/api/auth/password", headers=csrf,
                       json={"current_password": "not it", "new_password": new})
        assert wrong.status_code == 422
        assert wrong.json()["error"]["field"] == "current_password"
        weak = c.post("/api/auth/password", headers=csrf,
                      json={"current_password": PASSWORD, "new_password": "short"})
        assert weak.status_code == 422 and weak.json()["error"]["field"] == "new_password"
        done = c.post("/api/auth/password", headers=csrf,
                      json={"current_password": PASSWORD, "new_password": new})
        assert done.status_code == 204, done.text
        assert c.get("/api/auth/me").status_code == 200  # this session goes on
        assert elsewhere.get("/api/auth/me").status_code == 401  # the others end
    with httpx.Client(base_url=api_server.url) as c:
        old = c.post("/api/auth/login", json={"username": "pw-changer", "password": PASSWORD})
        assert old.status_code == 401
        assert c.post("/api/auth/login", json={"username": "pw-changer",
                                               "password": new}).status_code == 200


def test_failed_logins_are_limited_per_user_and_address(api_server: ApiServer) -> None:
    with httpx.Client(base_url=api_server.url) as c:
        for _ in range(3):
            r = c.post("/api/auth/login", json={"username": "mx-viewer", "password": "nope"})
            assert r.status_code == 401
            assert r.json()["error"]["message"] == "wrong user name or password"
        r = c.post("/api/auth/login", json={"username": "mx-viewer", "password": PASSWORD})
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) > 0
        assert "too many failed logins" in r.json()["error"]["message"]
        # another user from the same address is not affected
        r = c.post("/api/auth/login", json={"username": "mx-analyst", "password": PASSWORD})
        assert r.status_code == 200


def test_cli_creates_authorities_and_users(crosslink_env: dict[str, str]) -> None:
    r = run_cli(["authority", "add", "TH-DSI", "--name", "Department of Special Investigation",
                 "--country", "th", "--kind", "police"], env=crosslink_env)
    assert r.returncode == 0, r.stderr
    r = run_cli(["authority", "add-source", "TH-DSI", "th-dsi", "th-dsi-hq"], env=crosslink_env)
    assert r.returncode == 0 and "authority TH-DSI: sources th-dsi, th-dsi-hq" in r.stdout
    r = run_cli(["authority", "add-source", "TH-DSI", "th dsi"], env=crosslink_env)
    assert r.returncode == 1 and "source id: not a source id" in r.stderr
    r = run_cli(["authority", "add-source", "TH-NONE", "x"], env=crosslink_env)
    assert r.returncode == 1 and "no authority 'TH-NONE'" in r.stderr
    r = run_cli(["user", "add", "somchai", "--authority", "TH-DSI", "--role", "analyst",
                 "--password-stdin"], env=crosslink_env, input="a long passphrase\n")
    assert r.returncode == 0, r.stderr
    r = run_cli(["user", "add", "anong", "--authority", "TH-DSI", "--role", "chief",
                 "--password-stdin"], env=crosslink_env, input="a long passphrase\n")
    assert r.returncode == 1 and "role 'chief' is not one of" in r.stderr
    r = run_cli(["user", "list", "--format", "json"], env=crosslink_env)
    assert '"somchai"' in r.stdout and '"TH-DSI"' in r.stdout
    r = run_cli(["token", "create", "somchai"], env=crosslink_env)
    assert r.returncode == 0 and r.stdout.startswith("clk_")
