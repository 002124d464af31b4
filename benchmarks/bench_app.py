"""Benchmark-only WSGI app: the production app from ``create_app()`` with two additions that
are never part of the service (only benchmarks/ serve this module):

* ``POST /bench/noop`` reads the body and answers a small JSON object without the engine. It
  goes through the same hooks (request id, security headers, metrics, log line) and the same
  gunicorn configuration, so its throughput is the stack's own limit (benchmarks/load.py).
* A text that starts with ``SLOW <seconds>:`` makes the engine busy-wait that long in Python
  before it runs, through the real view and its REQUEST_TIMEOUT deadline: a slow request on
  demand, whatever the speed of the engine of the day (benchmarks/faults.py).
"""
import re
import time

from flask import request

import service.api
from service.app import create_app

app = create_app()
_engine = service.api.attribute
_SLOW = re.compile(r"SLOW (\d+(?:\.\d+)?):")


def _engine_with_slow_texts(text, language="en"):
    match = _SLOW.match(text)
    if match:
        end = time.monotonic() + float(match.group(1))
        while time.monotonic() < end:
            pass
    return _engine(text, language)


service.api.attribute = _engine_with_slow_texts


@app.post("/bench/noop")
def noop():
    request.get_data(cache=False)
    return app.response_class('{"ok": true}\n', mimetype="application/json")
