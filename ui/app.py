"""The Dash workbench, served by the same process as the API.

One Dash app; ``dcc.Location`` routes to the page modules of ``ui.pages``; every page is
behind the login (the API's session cookie) and its role permission. Everything the browser
loads is served from here (``serve_locally``, assets, map outlines): it works air-gapped.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qsl

import dash
import dash_cytoscape as cyto
import flask
from dash import Input, Output, State, dcc, html, set_props

from backend import __version__
from backend.auth.ratelimit import shared_limiter
from backend.auth.session import set_session_cookies, start_session
from backend.db.engine import AppDB
from backend.errors import CrosslinkError
from backend.services.login import authenticate
from backend.settings import Settings
from graph.connection import Graph
from ui.chart.cache import ChartCache
from ui.components.messages import error
from ui.context import UiContext
from ui.pages import Page
from ui.pages.registry import all_pages
from ui.topojson import TOPOJSON_URL

log = logging.getLogger("crosslink.ui")


def _unexpected(exc: Exception) -> None:
    """Any error a callback did not expect: logged with its traceback on the server, a short
    message in the page."""
    log.exception("UI callback failed", exc_info=exc)
    set_props("global-error", {"children": error(
        "Something went wrong on the server; the action was not completed. Try again; if it "
        "persists, tell your administrator (the server log has the details).")})


def login_layout() -> html.Div:
    return html.Div([
        html.H2("Log in to Crosslink"),
        html.Label("User name", htmlFor="login-user"),
        dcc.Input(id="login-user", type="text", autoComplete="username", autoFocus=True),
        html.Label("Password", htmlFor="login-password"),
        dcc.Input(id="login-password", type="password", autoComplete="current-password",
                  n_submit=0),
        html.Button("Log in", id="login-button", n_clicks=0, className="primary"),
        html.Div(id="login-message"),
        dcc.Store(id="login-done"),
    ], className="login-box")


def not_found(path: str, pages: list[Page]) -> html.Div:
    links: list[Any] = []
    for page in pages:
        links += [", "] if links else []
        links.append(dcc.Link(page.title, href=page.path))
    return html.Div([error(f"There is no page {path} in Crosslink."),
                     html.P(["Go to ", *links, "."])], id="not-found")


def _nav_link(ctx: UiContext, page: Page, viewer: Any, path: str) -> Any:
    """A page's link; a page with a badge (Notifications) shows its count beside the title."""
    title: list[Any] = [page.title]
    if page.badge is not None:
        count = page.badge(ctx, viewer)
        title.append(html.Span(str(count) if count else "", id="nav-alert-count",
                               className="badge", title="open alerts"))
    return dcc.Link(title, href=page.path, id=f"nav-{page.path.strip('/')}",
                    className="active" if path == page.path else "")


def _nav(ctx: UiContext, pages: list[Page], viewer: Any, path: str) -> list[Any]:
    links = [_nav_link(ctx, p, viewer, path)
             for p in pages if p.in_nav and viewer.may(p.permission)]
    return [html.Span("Crosslink", className="brand"), *links,
            dcc.Link(f"{viewer.username} ({viewer.role.value}, {viewer.authority_id})",
                     href="/account", id="nav-account", className="who",
                     title="Your account: role, authority, password"),
            html.Button("Log out", id="logout-button", n_clicks=0, className="link"),
            dcc.Store(id="logout-ready")]


def create_dash_app(settings: Settings, graph: Graph, db: AppDB) -> dash.Dash:
    cyto.load_extra_layouts()
    ctx = UiContext(settings, graph, db, ChartCache(settings.ui_chart_cache_size,
                                                    settings.ui_chart_idle_minutes * 60))
    pages = all_pages()
    app = dash.Dash(
        __name__, title="Crosslink", requests_pathname_prefix="/", serve_locally=True,
        # None (no 'Updating...' title) is documented; dash's hint says str only
        update_title=None,  # type: ignore[arg-type]
        suppress_callback_exceptions=True, on_error=_unexpected,
        assets_folder="assets",
    )
    app.layout = html.Div([
        dcc.Location(id="url"),
        dcc.Location(id="go", refresh=True),
        html.Nav(id="nav", className="nav"),
        html.Div(id="global-error"),
        html.Main(id="page"),
        html.Footer(f"Crosslink {__version__} · API: /api/docs", className="footer"),
    ])
    _register_routing(app, ctx, pages)
    _register_login(app, ctx)
    _register_logout(app, ctx)
    for page in pages:
        page.register(app, ctx)
    app.server.config["TOPOJSON_URL"] = TOPOJSON_URL
    return app


def _register_routing(app: dash.Dash, ctx: UiContext, pages: list[Page]) -> None:
    """The address decides the page: the login when there is no session, else the page if
    the viewer's role may open it, and the navigation bar of the pages it may."""
    by_path = {p.path: p for p in pages}

    @app.callback(Output("page", "children"), Output("nav", "children"),
                  Input("url", "pathname"), Input("url", "search"))
    def route(path: str | None, search: str | None) -> tuple[Any, Any]:
        viewer = ctx.current_viewer()
        if viewer is None:
            return login_layout(), [html.Span("Crosslink", className="brand")]
        path = "/overview" if path in (None, "", "/") else path
        page = by_path.get(path)
        if page is None:  # a mistyped or outdated address: say so, not another page
            content: Any = not_found(path, [p for p in pages if p.in_nav
                                            and viewer.may(p.permission)])
        elif not viewer.may(page.permission):
            content = error(f"Your role ({viewer.role.value}) may not open {page.title}: it "
                            f"needs permission to {page.permission.value}.")
        else:
            query = dict(parse_qsl((search or "").lstrip("?")))
            try:
                content = page.layout(ctx, viewer, query)
            except CrosslinkError as exc:
                content = error(exc)
        return content, _nav(ctx, pages, viewer, path)


def _register_login(app: dash.Dash, ctx: UiContext) -> None:
    """The login form checks the password with the login service and sets the API's session
    cookies; the page is then drawn again with them."""
    settings, db = ctx.settings, ctx.db

    @app.callback(Output("login-message", "children"), Output("login-done", "data"),
                  Input("login-button", "n_clicks"), Input("login-password", "n_submit"),
                  State("login-user", "value"), State("login-password", "value"),
                  prevent_initial_call=True)
    def log_in(_: int, __: int, username: str | None, password: str | None
               ) -> tuple[Any, Any]:
        if not username or not password:
            return error("Enter your user name and password."), dash.no_update
        ip = flask.request.remote_addr or ""
        try:
            with db.session() as s:
                user = authenticate(s, shared_limiter(settings), username, password, ip)
                token = start_session(s, user, hours=settings.session_hours, ip=ip)
        except CrosslinkError as exc:
            return error(exc.message), dash.no_update
        set_session_cookies(dash.callback_context.response, token,
                            secure=flask.request.scheme == "https",
                            max_age=int(settings.session_hours * 3600))
        return "", True

    app.clientside_callback(  # the page is drawn again with the new session cookie
        "function(done) { if (done) { window.location.reload(); } return ''; }",
        Output("login-message", "title"), Input("login-done", "data"),
        prevent_initial_call=True)


def _register_logout(app: dash.Dash, ctx: UiContext) -> None:
    """Log out: the session's charts are dropped, then the API ends the session."""
    @app.callback(Output("logout-ready", "data"), Input("logout-button", "n_clicks"),
                  prevent_initial_call=True)
    def forget_charts(n: int) -> Any:
        """The session's charts leave the server's memory before the session ends."""
        ctx.charts.drop_owner(ctx.session_owner())
        return n

    app.clientside_callback(
        """function(n) {
            if (!n) { return window.dash_clientside.no_update; }
            const m = document.cookie.match(/(?:^|; )crosslink_csrf=([^;]*)/);
            return fetch('/api/auth/logout', {method: 'POST', credentials: 'same-origin',
                headers: {'X-CSRF-Token': m ? decodeURIComponent(m[1]) : ''}})
              .then(() => '/');
        }""",
        Output("go", "href", allow_duplicate=True), Input("logout-ready", "data"),
        prevent_initial_call=True)
