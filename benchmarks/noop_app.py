"""Benchmark-only WSGI app: the production app from ``create_app()`` plus one no-op route,
``POST /bench/noop``, that reads the body and answers a small JSON object without calling the
engine. It goes through the same hooks (request id, security headers, metrics, log line) and the
same gunicorn configuration, so its throughput is the stack's own limit. Never part of the
service: only benchmarks/load.py serves it."""
from flask import request

from service.app import create_app

app = create_app()


@app.post("/bench/noop")
def noop():
    request.get_data(cache=False)
    return app.response_class('{"ok": true}\n', mimetype="application/json")
