"""Settings: documented defaults, environment variables, overrides, and loud failures."""
from __future__ import annotations

import pytest

from service.app import create_app
from service.config import DEFAULTS, ConfigError, Settings


def test_defaults_when_the_environment_is_empty():
    settings = Settings.load(environ={})
    assert settings == Settings(**{name: default for name, (default, _) in DEFAULTS.items()})
    assert settings.MAX_BODY_BYTES == 2 * 1024 * 1024
    assert settings.MAX_TEXT_CHARS == 500_000
    assert settings.MAX_BATCH_DOCUMENTS == 100


def test_environment_then_overrides():
    environ = {"MAX_TEXT_CHARS": "1234", "MAX_BATCH_DOCUMENTS": " 7 ", "LOG_LEVEL": "debug"}
    settings = Settings.load({"MAX_BATCH_DOCUMENTS": 9}, environ=environ)
    assert settings.MAX_TEXT_CHARS == 1234
    assert settings.MAX_BATCH_DOCUMENTS == 9
    assert settings.LOG_LEVEL == "DEBUG"


def test_create_app_reads_the_process_environment(monkeypatch):
    monkeypatch.setenv("MAX_BODY_BYTES", "4096")
    app = create_app()
    assert app.config["SETTINGS"].MAX_BODY_BYTES == 4096
    assert app.config["MAX_CONTENT_LENGTH"] == 4096
    response = app.test_client().post("/v1/attributions", data=b"x" * 4097,
                                      content_type="text/plain")
    assert response.status_code == 413


@pytest.mark.parametrize("name,value", [("MAX_TEXT_CHARS", "lots"), ("MAX_BODY_BYTES", "0"),
                                        ("MAX_BATCH_DOCUMENTS", "-1"), ("LOG_LEVEL", "LOUD")])
def test_bad_values_fail_at_start_up_with_the_name(name, value):
    with pytest.raises(ConfigError, match=name):
        Settings.load(environ={name: value})


def test_unknown_override_fails():
    with pytest.raises(ConfigError, match="MAX_TEXTCHARS"):
        create_app({"MAX_TEXTCHARS": 5})
