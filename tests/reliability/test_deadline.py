"""REQUEST_TIMEOUT: engine work that runs too long is stopped and answered 504 problem+json,
and the process goes on answering (service/deadline.py). In-process, with the test client."""
from __future__ import annotations

import re
import signal
import threading
import time

import pytest

import service.api
from service.app import create_app
from service.attribution import attribute as real_attribute
from service.deadline import deadline


SLOW_SECONDS = 6  # how long the stand-in engines take when nothing stops them


def _spin(text: str):
    """A stand-in engine busy in pure Python (like the real one) for SLOW_SECONDS, then done:
    without a working deadline the request is answered 200 and the tests below fail."""
    end = time.monotonic() + SLOW_SECONDS
    while time.monotonic() < end:
        pass
    return real_attribute(text)


def _catastrophic_regex(text: str):
    """A stand-in engine stuck in one long regular-expression match (inside C code, not
    between bytecodes): about 2**27 backtracking steps, about 4 s on this machine (2**25 took
    only 1.1 s, too close to the 1 s deadline to tell a stopped match from a finished one)."""
    re.match(r"(a+)+$", "a" * 27 + "b")
    return real_attribute(text)


def _swallowing(text: str):
    """A stand-in engine that catches every Exception around its slow part."""
    try:
        _spin(text)
    except Exception:  # noqa: BLE001 - the point of the test
        pass
    return real_attribute(text)


@pytest.fixture()
def client_1s():
    return create_app({"REQUEST_TIMEOUT": 1}).test_client()


@pytest.mark.parametrize("engine", [_spin, _catastrophic_regex, _swallowing])
def test_slow_engine_work_is_answered_504_problem(client_1s, monkeypatch, engine):
    monkeypatch.setattr(service.api, "attribute", engine)
    started = time.monotonic()
    response = client_1s.post("/v1/attributions", json={"text": "x"})
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 504 and body["type"] == "/docs#problem-request-timeout"
    assert "REQUEST_TIMEOUT=1" in body["detail"]
    assert elapsed < SLOW_SECONDS - 2, elapsed
    # The same app answers the next request normally, and no timer is left armed.
    monkeypatch.setattr(service.api, "attribute", real_attribute)
    assert client_1s.post("/v1/attributions", json={"text": "y"}).status_code == 200
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_slow_batch_is_answered_504(client_1s, monkeypatch):
    monkeypatch.setattr(service.api, "attribute", _spin)
    response = client_1s.post("/v1/attributions/batch",
                              json={"documents": [{"id": "a", "text": "x"}]})
    assert response.status_code == 504
    assert "REQUEST_TIMEOUT=1" in response.get_json()["detail"]


def test_504_is_in_the_openapi_document(client_1s):
    spec = client_1s.get("/openapi.json").get_json()
    for path in ("/v1/attributions", "/v1/attributions/batch"):
        assert "504" in spec["paths"][path]["post"]["responses"]
    assert "problem-request-timeout" in client_1s.get("/docs").get_data(as_text=True)


def test_fast_work_leaves_no_timer_and_restores_the_handler(client_1s):
    before = signal.getsignal(signal.SIGALRM)
    assert client_1s.post("/v1/attributions", json={"text": '"Yes," she said.'}).status_code == 200
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    time.sleep(1.2)  # past the deadline: nothing may ring now


def test_deadline_outside_the_main_thread_runs_without_a_timer():
    outcome = []

    def work():
        with deadline(0.05, lambda: RuntimeError("must not fire")):
            time.sleep(0.2)
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=5)
    assert outcome == ["done"]


def test_request_timeout_setting_is_checked():
    from service.config import ConfigError, Settings
    assert Settings.load(environ={}).REQUEST_TIMEOUT == 30
    assert Settings.load(environ={"REQUEST_TIMEOUT": "5"}).REQUEST_TIMEOUT == 5
    with pytest.raises(ConfigError, match="REQUEST_TIMEOUT"):
        Settings.load(environ={"REQUEST_TIMEOUT": "0"})
