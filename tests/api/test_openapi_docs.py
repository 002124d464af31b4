"""/openapi.json validates and describes every route; /docs is readable and self-contained."""
from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

POST_ERRORS = {"400", "405", "413", "415", "422", "500", "504"}  # 504: REQUEST_TIMEOUT


def test_openapi_document_is_valid(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_every_route_of_the_app_is_described(app, spec):
    routes = {(rule.rule, method.lower()) for rule in app.url_map.iter_rules()
              if rule.endpoint != "static"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert routes == described
    assert {"/v1/attributions", "/v1/attributions/batch", "/healthz", "/readyz", "/metrics",
            "/openapi.json", "/docs"} <= set(spec["paths"])


def test_post_operations_describe_bodies_and_every_error(spec):
    for path in ("/v1/attributions", "/v1/attributions/batch"):
        operation = spec["paths"][path]["post"]
        assert "application/json" in operation["requestBody"]["content"]
        assert POST_ERRORS | {"200"} == set(operation["responses"])
    single = spec["paths"]["/v1/attributions"]["post"]["requestBody"]["content"]
    assert single["text/plain"]["schema"]["type"] == "string"


def test_every_response_has_a_schema_and_errors_are_problem_json(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation["summary"] and operation["operationId"]
            for status, response in operation["responses"].items():
                if "$ref" in response:
                    response = spec["components"]["responses"][response["$ref"].split("/")[-1]]
                assert response["description"]
                for media_type, content in response["content"].items():
                    assert "schema" in content, (path, method, status)
                    if int(status) >= 400 and int(status) != 503:
                        assert media_type == "application/problem+json"
                        assert content["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_document_lists_the_contract_fields(spec):
    schemas = spec["components"]["schemas"]
    assert list(schemas["AttributionResponse"]["properties"]) == ["id", "quotes", "speakers",
                                                                  "meta"]
    assert list(schemas["Quote"]["properties"]) == [
        "id", "type", "text", "span", "fragments", "cue", "speaker", "affiliation", "stance",
        "confidence", "rule"]
    assert set(schemas["Quote"]["required"]) == set(schemas["Quote"]["properties"])
    assert list(schemas["Speaker"]["properties"]) == ["id", "name", "kind", "affiliation",
                                                      "mentions", "quotes", "gender",
                                                      "gender_evidence"]
    assert list(schemas["SpeakerRef"]["properties"]) == ["name", "kind", "entity", "mention", "gender"]
    assert list(schemas["Affiliation"]["properties"]) == ["organization", "role", "party"]
    assert list(schemas["Meta"]["properties"]) == ["characters", "elapsed_ms", "engine",
                                                   "language"]
    assert set(schemas["Meta"]["required"]) == set(schemas["Meta"]["properties"])
    assert list(schemas["Problem"]["properties"]) == ["type", "title", "status", "detail",
                                                      "errors"]
    assert "errors" not in schemas["Problem"]["required"]


def test_document_states_this_servers_limits(small_client):
    description = small_client.get("/openapi.json").get_json()["info"]["description"]
    assert "MAX_TEXT_CHARS=100" in description and "MAX_BATCH_DOCUMENTS=3" in description


def test_docs_page_describes_every_operation_and_schema(client, spec):
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    for path, operations in spec["paths"].items():
        assert path in html
        for operation in operations.values():
            assert f'id="op-{operation["operationId"]}"' in html
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in html
    for slug in ("invalid-body", "limit-exceeded", "unsupported-media-type",
                 "validation-failed"):
        assert f'id="problem-{slug}"' in html


def test_docs_page_loads_nothing_from_outside(client):
    html = client.get("/docs").get_data(as_text=True)
    assert "<script" not in html.lower()
    external = re.findall(r'(?:src|href)\s*=\s*["\']?\s*(?:https?:)?//', html, re.IGNORECASE)
    assert external == []
    assert "@import" not in html and "url(" not in html


@pytest.mark.parametrize("problem_type", ["/docs#problem-limit-exceeded"])
def test_problem_types_point_at_the_docs_page(client, problem_type):
    anchor = problem_type.split("#")[1]
    assert f'id="{anchor}"' in client.get("/docs").get_data(as_text=True)


def test_docs_text_is_escaped_and_backticks_become_code():
    from service.docs import inline_code
    assert str(inline_code("<b>`x<y`</b> and `z`")) == (
        "&lt;b&gt;<code>x&lt;y</code>&lt;/b&gt; and <code>z</code>")


def test_operations_are_listed_api_first(spec):
    assert list(spec["paths"])[:2] == ["/v1/attributions", "/v1/attributions/batch"]
