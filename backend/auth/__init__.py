"""Login, sessions, API tokens, roles and the per-request access context.

Modules: ``passwords`` (argon2id), ``session`` (cookies, CSRF), ``tokens`` (Bearer tokens for
scripts), ``ratelimit`` (failed-login limiter), ``roles``
(``Role``, ``Permission``, ``require``), ``viewer`` (``Viewer``, ``viewer_for``). Checking a
password at login is a service (``backend.services.login``: it audits and uses the users service).

Contract for the Dash UI (it runs in the same process and shares the API's cookie)
-------------------------------------------------------------------------------------
``create_dash_app(settings, graph, db)`` receives the app-state database ``db``
(``backend.db.engine.AppDB``). In a callback or a Flask route::

    import flask
    from backend.auth.session import user_from_cookies
    from backend.auth.viewer import viewer_for

    with db.session() as s:
        user = user_from_cookies(flask.request.cookies, s)   # None: not logged in
        if user is None:
            ...  # show the login page (or redirect to /login)
        viewer = viewer_for(s, user, ip=flask.request.remote_addr)
        hits = backend.services.search.search(graph, s, viewer, "text")  # access enforced

Every service takes ``(graph, db_session, viewer, ...)`` and raises
``backend.errors.CrosslinkError`` subclasses (``.message`` to show, ``.field`` at fault,
``.status``); never catch more than that.

Logging in, the simple way: the login page POSTs JSON ``{"username", "password"}`` with
``fetch("/api/auth/login", {method: "POST", credentials: "same-origin", headers:
{"Content-Type": "application/json"}, body})``. A 200 sets the cookies (``crosslink_session``,
HttpOnly; ``crosslink_csrf``, readable) and returns the user (``/api/auth/me`` shape); then
reload the page. 401 ``{"error": {"code": "bad_credentials", "message": ...}}``; 429 with a
``Retry-After`` header when the failed-login limit is hit.

Logging in from a Dash callback instead::

    from backend.services.login import authenticate
    from backend.auth.ratelimit import shared_limiter
    from backend.auth.session import set_session_cookies, start_session

    user = authenticate(s, shared_limiter(settings), username, password, ip)  # raises
    token = start_session(s, user, hours=settings.session_hours, ip=ip)
    set_session_cookies(dash.callback_context.response, token,
                        secure=flask.request.scheme == "https",
                        max_age=int(settings.session_hours * 3600))

Logging out: ``POST /api/auth/logout`` with header ``X-CSRF-Token`` = the value of the
``crosslink_csrf`` cookie (every cookie-authenticated write to ``/api`` needs that header;
Bearer-token requests do not). Dash's own callback requests are not under ``/api``; the
SameSite=Strict session cookie is not sent by other sites, which protects them.
"""
