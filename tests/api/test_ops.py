"""GET /healthz, /readyz and /metrics."""
from __future__ import annotations

import re

from service.attribution import BUILD, ENGINE_VERSION


def test_healthz(client, check_against_spec):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    check_against_spec(response, "/healthz", "get")


def test_readyz_when_the_engine_answered_the_warm_up(client, check_against_spec):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "engine": ENGINE_VERSION, "build": BUILD.label}
    assert BUILD.label in ("compiled", "python")
    check_against_spec(response, "/readyz", "get")


def test_readyz_is_503_when_not_ready(app, check_against_spec):
    app.config["ENGINE_READY"] = False
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "not ready"
    check_against_spec(response, "/readyz", "get")


def sample(metrics_text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (0 when it is not there yet)."""
    for line in metrics_text.splitlines():
        if line.startswith("#"):
            continue
        match = re.fullmatch(r"([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)", line)
        if not match or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
        if found == labels:
            return float(match.group(3))
    return 0.0


def test_metrics_count_requests_latency_statements_and_characters(client):
    text = 'She said, "One." He said, "Two."'
    before = client.get("/metrics").get_data(as_text=True)
    body = client.post("/v1/attributions", json={"text": text}).get_json()
    client.post("/v1/attributions", json={"text": 1})  # a 422
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    after = response.get_data(as_text=True)

    def delta(name, **labels):
        return sample(after, name, **labels) - sample(before, name, **labels)

    ok = {"method": "POST", "endpoint": "/v1/attributions", "status": "200"}
    assert delta("attribution_http_requests_total", **ok) == 1
    assert delta("attribution_http_requests_total", **{**ok, "status": "422"}) == 1
    assert delta("attribution_http_request_duration_seconds_count", **ok) == 1
    assert delta("attribution_http_request_duration_seconds_bucket", **ok, le="+Inf") == 1
    assert delta("attribution_characters_total") == len(text)
    assert delta("attribution_documents_total") == 1
    by_type: dict[str, int] = {}
    for quote in body["quotes"]:
        by_type[quote["type"]] = by_type.get(quote["type"], 0) + 1
    for quote_type, count in by_type.items():
        assert delta("attribution_statements_total", type=quote_type) == count


def test_unknown_paths_share_one_metrics_label(client):
    client.get("/no/such/path/123")
    client.get("/no/such/path/456")
    text = client.get("/metrics").get_data(as_text=True)
    assert "/no/such/path" not in text
    assert sample(text, "attribution_http_requests_total", method="GET",
                  endpoint="<unmatched>", status="404") >= 2
