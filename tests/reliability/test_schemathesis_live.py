"""schemathesis against the live /openapi.json of a real gunicorn: for every operation the
document declares, generated requests, valid and invalid, get no 5xx, and every response matches
the document (status declared, content type, body schema, headers).

Bounded: MAX_EXAMPLES generated cases per operation and mode, no Hypothesis deadline (the server,
not the test, decides how long a request takes; the HTTP timeout catches a hang).

schemathesis's own pytest loader (``schemathesis.pytest.from_fixture``) does not run under
pytest 9 (it sets a private node attribute pytest no longer has), so the operations are
listed from the app's document at collection time and each one's Hypothesis strategy is driven
here.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from service.app import create_app
from service.openapi import build_spec

MAX_EXAMPLES = 100
HTTP_TIMEOUT = 60

_PATHS = build_spec(create_app()).get("paths", {})
OPERATIONS = sorted((path, method.upper()) for path, operations in _PATHS.items()
                    for method in operations)
# Invalid data can only be made for an operation that takes input (a body or parameters).
CASES = [(path, method, mode) for path, method in OPERATIONS
         for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
         if mode is GenerationMode.POSITIVE or {"requestBody", "parameters"} &
         set(_PATHS[path][method.lower()])]


@pytest.fixture(scope="session")
def api_schema(live):
    return schemathesis.openapi.from_url(live.url("/openapi.json"))


def test_every_operation_is_listed():
    # The parametrization below is only as good as this list.
    assert ("/v1/attributions", "POST") in OPERATIONS
    assert ("/v1/attributions/batch", "POST") in OPERATIONS
    assert len(OPERATIONS) >= 7
    assert ("/v1/attributions", "POST", GenerationMode.NEGATIVE) in CASES


@pytest.mark.parametrize("path,method,mode", CASES,
                         ids=[f"{m} {p} {mode.value}" for p, m, mode in CASES])
def test_operation_conforms(api_schema, live, path, method, mode):
    operation = api_schema[path][method]
    seen: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call_and_validate(timeout=HTTP_TIMEOUT)
        seen.append(response.status_code)

    run()
    assert seen, "no request was sent"
    assert all(status < 500 for status in seen)
