"""The Flask application factory.

``create_app(config)`` reads the settings (environment variables, then ``config``), wires the
blueprints, the error handlers, the per-request hooks (request id, security headers, metrics,
one JSON log line) and warms the engine up so that ``/readyz`` can say it is ready.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, request

from . import api, docs, ops, ui
from .attribution import attribute
from .config import Settings, log_level
from .errors import register_error_handlers
from .logs import REQUEST_ID_HEADER, configure, request_id_from
from .metrics import observe_request

access_log = logging.getLogger("service.request")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}

_WARM_UP_TEXT = '"The service is starting," an engineer said.'


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` overrides settings by name (``{"MAX_TEXT_CHARS": 100}``)."""
    settings = Settings.load(config)
    configure(log_level(settings))

    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.MAX_BODY_BYTES
    app.json.sort_keys = False  # keep the contract's field order

    app.register_blueprint(api.bp)
    app.register_blueprint(ops.bp)
    app.register_blueprint(docs.bp)
    app.register_blueprint(ui.bp)
    register_error_handlers(app)

    app.before_request(_start_request)
    app.after_request(_finish_request)

    attribute(_WARM_UP_TEXT)  # fails start-up loudly if the engine cannot run at all
    app.config["ENGINE_READY"] = True
    return app


def _start_request() -> None:
    g.started = time.perf_counter()
    g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))


def _finish_request(response: Response) -> Response:
    started = g.get("started", time.perf_counter())
    request_id = g.get("request_id") or request_id_from(None)
    seconds = time.perf_counter() - started
    response.headers[REQUEST_ID_HEADER] = request_id
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Cache-Control", "no-store")

    rule = request.url_rule
    endpoint = rule.rule if rule is not None else "<unmatched>"
    observe_request(request.method, endpoint, response.status_code, seconds)
    access_log.info("request", extra={
        "request_id": request_id, "method": request.method, "path": request.path,
        "endpoint": endpoint, "status": response.status_code,
        "duration_ms": round(seconds * 1000.0, 3),
        **g.get("log_fields", {})})
    return response
