"""Property-based contract test: schemathesis generates requests from /openapi.json (valid ones
and, in negative mode, invalid ones) and checks every response against the same document: no
5xx, documented status codes, documented media types, bodies that fit their schemas."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from service.app import create_app

pytestmark = pytest.mark.slow   # schemathesis: hundreds of generated requests (tests/conftest.py)

app = create_app()
schema = schemathesis.openapi.from_wsgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_documented_contract(case):
    case.call_and_validate()
