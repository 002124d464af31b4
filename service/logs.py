"""Structured logs: one JSON object a line on standard output.

One line per request (logger ``service.request``) with the request id, method, path, status and
duration. Article text never goes into a log line: views add counts (characters, documents,
statements), never content.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from datetime import datetime, timezone

REQUEST_ID_HEADER = "X-Request-ID"
# A caller's request id is kept only if it is short and plain (it goes into logs and headers).
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is logged.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def request_id_from(header_value: str | None) -> str:
    """The caller's ``X-Request-ID`` when it is well-formed, else a new random id."""
    if header_value and _REQUEST_ID.fullmatch(header_value):
        return header_value
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON: ts, level, logger, message, then the extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc)
                          .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class StdoutHandler(logging.StreamHandler):
    """A stream handler that always writes to the current ``sys.stdout``."""

    def __init__(self) -> None:
        super().__init__(sys.stdout)

    @property  # type: ignore[override]
    def stream(self):  # noqa: D401 - property
        return sys.stdout

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(level: int | str) -> None:
    """Route the ``service`` loggers to stdout as JSON lines (idempotent)."""
    logger = logging.getLogger("service")
    logger.setLevel(level)
    logger.propagate = False
    if not any(isinstance(h, StdoutHandler) for h in logger.handlers):
        handler = StdoutHandler()
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
