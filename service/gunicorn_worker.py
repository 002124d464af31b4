"""gunicorn's sync worker with two changes for hostile clients; used by docker/gunicorn.conf.py.

1. **A stalled client cannot pin and kill a worker.** The stock sync worker reads a client's
   request with no socket timeout: a client that connects and sends nothing, or announces a
   Content-Length and sends less, holds the worker until GUNICORN_TIMEOUT, and then the master
   kills the worker. Here every client socket gets a timeout of GUNICORN_CLIENT_TIMEOUT seconds
   per read or write (10 by default, well below GUNICORN_TIMEOUT): past it the request is
   dropped (an unfinished body is answered 400 by the app) and the worker moves on.
2. **gunicorn's own refusals look like the app's.** Requests gunicorn cannot parse (request
   line or headers too long, malformed HTTP) are answered by gunicorn itself, before the app,
   with an HTML page and none of the app's headers. Here the same status is sent as
   ``application/problem+json`` with the app's security headers, and with a fixed detail
   (gunicorn's message quotes the request back).
"""
from __future__ import annotations

import json
import logging
import os

from gunicorn.workers.sync import SyncWorker as _StockSyncWorker

CLIENT_TIMEOUT_DEFAULT = 10.0


def client_timeout() -> float:
    """GUNICORN_CLIENT_TIMEOUT in seconds; a bad value stops gunicorn at start-up (the master
    imports this module to load the worker class)."""
    value = os.environ.get("GUNICORN_CLIENT_TIMEOUT", "").strip()
    try:
        seconds = float(value) if value else CLIENT_TIMEOUT_DEFAULT
    except ValueError:
        raise ValueError(f"GUNICORN_CLIENT_TIMEOUT must be a number of seconds, got "
                         f"{value!r}") from None
    if not seconds > 0:
        raise ValueError(f"GUNICORN_CLIENT_TIMEOUT must be above 0, got {value!r}")
    return seconds


client_timeout()  # checked once at import, in the master


_DETAILS = {
    400: "The request is not valid HTTP/1.1 this server can read.",
    403: "The request is forbidden.",
    414: "The request line (method, path and query) is too long.",
    417: "The Expect header is not supported.",
    431: "The request's header fields are too large or too many.",
    500: "The server failed to process the request; it has been logged.",
    501: "The transfer coding of the request is not supported.",
}


def problem_answer(page: bytes) -> bytes:
    """gunicorn's HTML error answer (status line first) rewritten as problem+json."""
    status_line = page.split(b"\r\n", 1)[0].decode("latin-1")
    try:
        _, code, reason = status_line.split(" ", 2)
        status = int(code)
    except ValueError:
        status, reason = 400, "Bad Request"
    from .app import SECURITY_HEADERS  # imported in the worker, when first needed

    body = json.dumps({"type": "about:blank", "title": reason, "status": status,
                       "detail": _DETAILS.get(status, _DETAILS[400])}).encode() + b"\n"
    headers = {"Connection": "close", "Content-Type": "application/problem+json",
               "Content-Length": str(len(body)), **SECURITY_HEADERS,
               "Cache-Control": "no-store"}
    head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    return head.encode("latin-1") + body


class _ProblemJsonSocket:
    """The client socket, as gunicorn's error writer sees it: what it sends is rewritten."""

    def __init__(self, sock):
        self._sock = sock

    def sendall(self, data: bytes) -> None:
        self._sock.sendall(problem_answer(bytes(data)))

    def __getattr__(self, name):
        return getattr(self._sock, name)


class _ClientTimeoutsAreNotErrors(logging.Filter):
    """The stock worker logs any socket error, a client's timeout included, as an ERROR with a
    traceback; a client that went quiet is routine, so it becomes one INFO line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], TimeoutError):
            record.msg, record.args = "Client sent or read nothing for %ss; connection closed.", (
                client_timeout(),)
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.exc_info = record.exc_text = None
        return True


class SyncWorker(_StockSyncWorker):
    def init_process(self):
        self.log.error_log.addFilter(_ClientTimeoutsAreNotErrors())
        super().init_process()

    def handle(self, listener, client, addr):
        client.settimeout(client_timeout())
        super().handle(listener, client, addr)

    def handle_error(self, req, client, addr, exc):
        super().handle_error(req, _ProblemJsonSocket(client), addr, exc)
