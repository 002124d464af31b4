"""The main endpoint answers with the contract's top-level shape."""

TEXT = 'The minister said, "We will not give up." Then she left.'


def test_json_request_returns_contract_shape(client):
    response = client.post("/v1/attributions", json={"text": TEXT, "id": "doc-1"})
    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == ["id", "quotes", "speakers", "meta"]
    assert body["id"] == "doc-1"
    assert body["meta"]["characters"] == len(TEXT)
    for quote in body["quotes"]:
        assert TEXT[quote["span"]["start"]:quote["span"]["end"]] == quote["text"]
