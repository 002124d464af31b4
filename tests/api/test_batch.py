"""POST /v1/attributions/batch: one result per document, in order, each like a single call."""
from __future__ import annotations

TEXTS = ['He said, "First."', "No statement in this one.", "«Deuxième», a-t-elle dit.", '"Third," they said. "Indeed."']


def _without_timing(result: dict) -> dict:
    return {**result, "meta": {k: v for k, v in result["meta"].items() if k != "elapsed_ms"}}


def test_batch_results_match_single_calls_in_order(client, check_against_spec):
    documents = [{"id": f"d{i}", "text": text} for i, text in enumerate(TEXTS)]
    response = client.post("/v1/attributions/batch", json={"documents": documents})
    assert response.status_code == 200
    check_against_spec(response, "/v1/attributions/batch")
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == [d["id"] for d in documents]
    for document, result in zip(documents, results):
        single = client.post("/v1/attributions", json=document).get_json()
        assert _without_timing(result) == _without_timing(single)


def test_batch_reversed_gives_reversed_results(client):
    documents = [{"id": f"d{i}", "text": text} for i, text in enumerate(TEXTS)]
    forward = client.post("/v1/attributions/batch", json={"documents": documents}).get_json()
    backward = client.post("/v1/attributions/batch",
                           json={"documents": documents[::-1]}).get_json()
    assert [_without_timing(r) for r in backward["results"]] == [
        _without_timing(r) for r in forward["results"][::-1]]


def test_batch_ids_are_optional_and_null(client):
    response = client.post("/v1/attributions/batch", json={"documents": [{"text": "a"}]})
    assert response.status_code == 200
    assert response.get_json()["results"][0]["id"] is None


def test_empty_batch_gives_empty_results(client, engine_spy):
    response = client.post("/v1/attributions/batch", json={"documents": []})
    assert response.status_code == 200
    assert response.get_json() == {"results": []}
    assert engine_spy.texts == []


def test_batch_at_every_limit_is_accepted(small_client, small_app):
    settings = small_app.config["SETTINGS"]
    per_doc = settings.MAX_BATCH_CHARS // settings.MAX_BATCH_DOCUMENTS
    assert per_doc <= settings.MAX_TEXT_CHARS
    documents = [{"id": str(i), "text": "y" * per_doc}
                 for i in range(settings.MAX_BATCH_DOCUMENTS)]
    response = small_client.post("/v1/attributions/batch", json={"documents": documents})
    assert response.status_code == 200
    assert len(response.get_json()["results"]) == settings.MAX_BATCH_DOCUMENTS
