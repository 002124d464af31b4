"""The request's language: GET /v1/languages, `language` in the JSON bodies (single, batch,
per document) and in the query, 422 for a code the engine has no data for (checked before any
engine work), and `meta.language` echoing the language used."""
from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from schemas import DEFAULT_LANGUAGE
from service.attribution import LANGUAGES, attribute
from service.attribution.engine import LANGUAGE_NAMES

ROOT = Path(__file__).resolve().parents[2]
TEXT = '"We will rebuild the bridge," Mayor Ana Ruiz said on Monday.'
BATCH = "/v1/attributions/batch"


def unknown(code: str, available: tuple[str, ...] = LANGUAGES) -> list[str]:
    return [f"Unknown language {code!r}; available: {', '.join(available)}."]


def problem_422(response) -> dict:
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == "/docs#problem-validation-failed" and body["status"] == 422
    return body["errors"]


def without_timing(body: dict) -> dict:
    return {**body, "meta": {k: v for k, v in body["meta"].items() if k != "elapsed_ms"}}


# --- GET /v1/languages -------------------------------------------------------------------------

def test_languages_lists_the_engines_languages_and_the_default(client, check_against_spec):
    response = client.get("/v1/languages")
    assert response.status_code == 200
    check_against_spec(response, "/v1/languages", "get")
    languages = response.get_json()["languages"]
    assert [language["code"] for language in languages] == list(LANGUAGES)
    assert [language["code"] for language in languages if language["default"]] == ["en"]


def test_each_language_is_named_in_english_and_in_itself(client):
    languages = client.get("/v1/languages").get_json()["languages"]
    for language in languages:
        assert set(language) == {"code", "default", "name", "native"}
        assert (language["name"], language["native"]) == LANGUAGE_NAMES[language["code"]]
    named = {language["code"]: (language["name"], language["native"]) for language in languages}
    assert named["en"] == ("English", "English") and named["de"] == ("German", "Deutsch")


def test_the_contracts_default_is_the_engines_default():
    assert DEFAULT_LANGUAGE == "en" == inspect.signature(attribute).parameters["language"].default
    assert DEFAULT_LANGUAGE in LANGUAGES


# --- the default, and an explicit code ---------------------------------------------------------

def test_no_language_means_en_and_the_engine_is_asked_for_it(client, engine_spy):
    json_body = client.post("/v1/attributions", json={"text": TEXT}).get_json()
    plain = client.post("/v1/attributions", data=TEXT.encode(), content_type="text/plain")
    batch = client.post(BATCH, json={"documents": [{"text": TEXT}]}).get_json()
    assert json_body["meta"]["language"] == "en"
    assert plain.get_json()["meta"]["language"] == "en"
    assert batch["results"][0]["meta"]["language"] == "en"
    assert engine_spy.languages == ["en", "en", "en"]  # passed, not left to the engine


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_available_language_is_accepted_everywhere(client, engine_spy, check_against_spec,
                                                         code):
    default = without_timing(client.post("/v1/attributions", json={"text": TEXT}).get_json())
    engine_spy.languages.clear()
    responses = [
        client.post("/v1/attributions", json={"text": TEXT, "language": code}),
        client.post("/v1/attributions", json={"text": TEXT}, query_string={"language": code}),
        client.post(f"/v1/attributions?language={code}", data=TEXT.encode(),
                    content_type="text/plain; charset=utf-8"),
    ]
    for response in responses:
        check_against_spec(response, "/v1/attributions")
        body = response.get_json()
        assert body["meta"]["language"] == code
        if code == DEFAULT_LANGUAGE:
            assert without_timing({**body, "id": None}) == default
    for payload in ({"documents": [{"text": TEXT}], "language": code},
                    {"documents": [{"text": TEXT, "language": code}]}):
        response = client.post(BATCH, json=payload)
        check_against_spec(response, BATCH)
        assert response.get_json()["results"][0]["meta"]["language"] == code
    assert engine_spy.languages == [code] * 5


# --- 422 for a code the engine does not have, before any engine work ---------------------------

@pytest.mark.parametrize("code", ["xx", "EN", "en-US", "", " en", "de"])
def test_unknown_language_in_the_json_body_is_422(client, engine_spy, check_against_spec, code):
    if code in LANGUAGES:
        pytest.skip(f"{code!r} is available now")
    response = client.post("/v1/attributions", json={"text": TEXT, "language": code})
    assert problem_422(response) == {"language": unknown(code)}
    check_against_spec(response, "/v1/attributions")
    assert engine_spy.texts == []


def test_unknown_language_in_the_query_is_422_for_text_and_for_json(client, engine_spy,
                                                                    check_against_spec):
    plain = client.post("/v1/attributions?language=xx", data=TEXT.encode(),
                        content_type="text/plain")
    assert problem_422(plain) == {"language": unknown("xx")}
    check_against_spec(plain, "/v1/attributions")
    as_json = client.post("/v1/attributions?language=xx", json={"text": TEXT})
    assert problem_422(as_json) == {"language": unknown("xx")}
    assert engine_spy.texts == []


def test_unknown_language_of_the_batch_and_of_a_document_by_index(client, engine_spy,
                                                                  check_against_spec):
    top = client.post(BATCH, json={"documents": [{"text": TEXT}], "language": "xx"})
    assert problem_422(top) == {"language": unknown("xx")}
    check_against_spec(top, BATCH)
    documents = [{"text": TEXT}, {"text": TEXT, "language": "en"},
                 {"text": TEXT, "language": "yy"}]
    per_document = client.post(BATCH, json={"documents": documents})
    assert problem_422(per_document) == {"documents": {"2": {"language": unknown("yy")}}}
    both = client.post(BATCH, json={"documents": documents, "language": "xx"})
    assert problem_422(both) == {"documents": {"2": {"language": unknown("yy")}},
                                 "language": unknown("xx")}
    assert engine_spy.texts == []


@pytest.mark.parametrize("value, message", [(None, "Field may not be null."),
                                            (5, "Not a valid string."),
                                            (["en"], "Not a valid string.")])
def test_language_must_be_a_string(client, value, message):
    response = client.post("/v1/attributions", json={"text": TEXT, "language": value})
    assert problem_422(response) == {"language": [message]}


def test_a_long_unknown_code_is_cut_in_the_message(client):
    code = "q" * 5000
    errors = problem_422(client.post("/v1/attributions", json={"text": TEXT, "language": code}))
    (message,) = errors["language"]
    assert message == f"Unknown language {'q' * 40 + '...'!r}; available: {', '.join(LANGUAGES)}."


def test_other_query_parameters_are_still_ignored(client):
    response = client.post("/v1/attributions?lang=xx&id=7", data=TEXT.encode(),
                           content_type="text/plain")
    assert response.status_code == 200
    assert response.get_json()["meta"]["language"] == "en"


# --- OpenAPI ----------------------------------------------------------------------------------

def test_openapi_describes_the_language_everywhere(spec):
    schemas = spec["components"]["schemas"]
    for name in ("AttributionRequest", "BatchRequest", "BatchDocument"):
        language = schemas[name]["properties"]["language"]
        assert language["type"] == "string" and language["enum"] == list(LANGUAGES)
        assert "language" not in schemas[name].get("required", [])
    assert schemas["AttributionRequest"]["properties"]["language"]["default"] == "en"
    assert schemas["BatchRequest"]["properties"]["language"]["default"] == "en"
    assert "default" not in schemas["BatchDocument"]["properties"]["language"]  # the batch's
    (parameter,) = spec["paths"]["/v1/attributions"]["post"]["parameters"]
    assert parameter["in"] == "query" and parameter["name"] == "language"
    assert parameter["required"] is False and parameter["schema"]["enum"] == list(LANGUAGES)
    assert "parameters" not in spec["paths"][BATCH]["post"]
    assert "Meta" in schemas and "language" in schemas["Meta"]["required"]


def test_docs_page_shows_the_query_parameter(client):
    html = client.get("/docs").get_data(as_text=True)
    section = html.split('id="op-attributions_attribute_one"', 1)[1].split("</section>", 1)[0]
    assert "Query parameters" in section and "<code>language</code>" in section


# --- a second language, as when the engine gains one: precedence and per-document override ----

SECOND_LANGUAGE_SCRIPT = textwrap.dedent('''
    import json, sys
    import service.attribution as attribution
    import service.attribution.engine as engine
    engine.LANGUAGES = attribution.LANGUAGES = ("en", "zz")   # before the schemas read it
    engine.LANGUAGE_NAMES = {"en": ("English", "English"), "zz": ("Zedish", "Zeddisch")}
    import service.api
    from service.app import create_app

    asked = []
    real = service.api.attribute
    def spy(text, language="en"):
        asked.append(language)
        return real(text, language=language)
    client = create_app().test_client()
    service.api.attribute = spy

    def post(path, **kwargs):
        response = client.post(path, **kwargs)
        return response.status_code, response.get_json()

    def languages(answer):
        status, body = answer
        results = body["results"] if "results" in body else [body]
        return status, [result["meta"]["language"] for result in results]

    out = {
        "list": client.get("/v1/languages").get_json(),
        "body": languages(post("/v1/attributions", json={"text": "x", "language": "zz"})),
        "query_json": languages(post("/v1/attributions?language=zz", json={"text": "x"})),
        "body_over_query": languages(post("/v1/attributions?language=zz",
                                          json={"text": "x", "language": "en"})),
        "query_plain": languages(post("/v1/attributions?language=zz", data=b"x",
                                      content_type="text/plain")),
        "batch": languages(post("/v1/attributions/batch", json={"language": "zz", "documents": [
            {"text": "a"}, {"text": "b", "language": "en"}, {"text": "c", "language": "zz"}]})),
        "batch_default": languages(post("/v1/attributions/batch", json={"documents": [
            {"text": "a"}, {"text": "b", "language": "zz"}]})),
        "unknown": post("/v1/attributions", json={"text": "x", "language": "xx"})[1]["errors"],
        "asked": asked,
    }
    sys.stdout.write("RESULT " + json.dumps(out) + "\\n")
''')


def test_a_second_language_is_carried_per_request_and_per_document():
    """This run gives the engine a made-up code (served by English's data) before the schemas read
    LANGUAGES, so that a spy sees which language each document is run in."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "-c", SECOND_LANGUAGE_SCRIPT], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    out = json.loads(line.removeprefix("RESULT "))
    assert out["list"] == {"languages": [
        {"code": "en", "default": True, "name": "English", "native": "English"},
        {"code": "zz", "default": False, "name": "Zedish", "native": "Zeddisch"}]}
    assert out["body"] == [200, ["zz"]]
    assert out["query_json"] == [200, ["zz"]]
    assert out["body_over_query"] == [200, ["en"]]
    assert out["query_plain"] == [200, ["zz"]]
    assert out["batch"] == [200, ["zz", "en", "zz"]]
    assert out["batch_default"] == [200, ["en", "zz"]]
    assert out["unknown"] == {"language": unknown("xx", ("en", "zz"))}
    assert out["asked"] == ["zz", "zz", "en", "zz", "zz", "en", "zz", "en", "zz"]
