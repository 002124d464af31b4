"""Settings of the HTTP layer, read from environment variables with documented defaults.

Every setting is named after its environment variable. ``create_app(config)`` takes a mapping
whose keys override the environment (tests use it to set small limits).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

# name -> (default, description); README's configuration table says the same.
DEFAULTS: dict[str, tuple[Any, str]] = {
    "MAX_BODY_BYTES": (2 * 1024 * 1024, "largest request body accepted, in bytes (413 above it)"),
    "MAX_TEXT_CHARS": (500_000, "largest text accepted, in characters (code points), per document"),
    "MAX_BATCH_DOCUMENTS": (100, "most documents in one batch request"),
    "MAX_BATCH_CHARS": (1_000_000, "most characters in all the texts of one batch request"),
    "REQUEST_TIMEOUT": (30, "seconds one request may spend in the engine before it is answered "
                            "504 (keep it below GUNICORN_TIMEOUT, which kills the worker)"),
    "LOG_LEVEL": ("INFO", "level of the service's JSON logs (DEBUG, INFO, WARNING, ERROR)"),
}

_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A setting has a value the service cannot run with; raised at start-up, never per request."""


@dataclass(frozen=True, slots=True)
class Settings:
    MAX_BODY_BYTES: int
    MAX_TEXT_CHARS: int
    MAX_BATCH_DOCUMENTS: int
    MAX_BATCH_CHARS: int
    REQUEST_TIMEOUT: int
    LOG_LEVEL: str

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None,
             environ: Mapping[str, str] | None = None) -> "Settings":
        """Defaults, then the environment, then ``overrides``; every value checked."""
        environ = os.environ if environ is None else environ
        overrides = dict(overrides or {})
        values: dict[str, Any] = {}
        for f in fields(cls):
            default, _ = DEFAULTS[f.name]
            raw = overrides.pop(f.name, environ.get(f.name, default))
            values[f.name] = _parse(f.name, raw, default)
        if overrides:
            raise ConfigError(f"unknown settings: {', '.join(sorted(overrides))}")
        return cls(**values)


def _parse(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, int):
        try:
            value = int(str(raw).strip().replace("_", ""))
        except ValueError:
            raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
        if value < 1:
            raise ConfigError(f"{name} must be at least 1, got {value}")
        return value
    level = str(raw).strip().upper()
    if level not in _LEVELS:
        raise ConfigError(f"{name} must be one of {', '.join(_LEVELS)}, got {raw!r}")
    return level


def log_level(settings: Settings) -> int:
    return logging.getLevelName(settings.LOG_LEVEL)
