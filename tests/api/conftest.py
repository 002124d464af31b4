"""Fixtures for the API tests: apps (default and small limits), the OpenAPI document, a
response validator against it, a spy on the engine, and a fully populated engine result."""
from __future__ import annotations

import json

import pytest
from openapi_schema_validator import OAS31Validator

import service.api
from service.app import create_app
from service.attribution import attribute as real_attribute
from service.attribution.model import (Affiliation, Cue, Quote, Result, Span, Speaker,
                                       SpeakerRef, Stance)


@pytest.fixture()
def app():
    return create_app()


@pytest.fixture()
def client(app):
    return app.test_client()


SMALL_LIMITS = {"MAX_BODY_BYTES": 2000, "MAX_TEXT_CHARS": 100, "MAX_BATCH_DOCUMENTS": 3,
                "MAX_BATCH_CHARS": 150}


@pytest.fixture()
def small_app():
    """Limits small enough to cross in a test without megabytes of data."""
    return create_app(SMALL_LIMITS)


@pytest.fixture()
def small_client(small_app):
    return small_app.test_client()


@pytest.fixture()
def spec(client):
    return client.get("/openapi.json").get_json()


@pytest.fixture()
def check_against_spec(spec):
    """Validate a test-client response against the document's schema for its path, method,
    status and media type; fails if the document does not describe that response at all."""
    def check(response, path: str, method: str = "post") -> None:
        operation = spec["paths"][path][method]
        described = operation["responses"].get(str(response.status_code))
        assert described is not None, f"{response.status_code} not described for {path}"
        if "$ref" in described:
            described = spec["components"]["responses"][described["$ref"].rsplit("/", 1)[-1]]
        media_type = response.mimetype
        assert media_type in described["content"], (media_type, list(described["content"]))
        schema = dict(described["content"][media_type]["schema"], components=spec["components"])
        OAS31Validator(schema).validate(json.loads(response.get_data(as_text=True)))
    return check


class EngineSpy:
    """Stands in for the engine: records each text it is given (and the language it was asked
    for, None when none was passed), then runs the real engine."""

    def __init__(self):
        self.texts: list[str] = []
        self.languages: list[str | None] = []

    def __call__(self, text: str, language: str | None = None) -> Result:
        self.texts.append(text)
        self.languages.append(language)
        return real_attribute(text) if language is None else real_attribute(text, language)


@pytest.fixture()
def engine_spy(monkeypatch):
    spy = EngineSpy()
    monkeypatch.setattr(service.api, "attribute", spy)
    return spy


# A text and a result with every optional part present, built by hand to match the text, so
# that the mapping from the engine's dataclasses to the contract is checked field by field.
FULL_TEXT = ('"We will rebuild," Mayor Ana Ruiz of Springfield said. '
             '"It may take years," she told reporters.')


def _span(text: str, piece: str, start_at: int = 0) -> Span:
    start = text.index(piece, start_at)
    return Span(start, start + len(piece), piece)


def full_result() -> Result:
    t = FULL_TEXT
    first = _span(t, "We will rebuild,")
    second = _span(t, "It may take years,")
    name = _span(t, "Mayor Ana Ruiz")
    she = _span(t, "she")
    said = _span(t, "said")
    told = _span(t, "told reporters")
    affiliation = Affiliation("Springfield", "Mayor", "Independent")
    q1 = Quote("q1", "direct", first, (first,), Cue(said.text, "say", said.start, said.end),
               SpeakerRef("Ana Ruiz", "person", "s1", name, "female"), affiliation,
               Stance("support", 0.6, False, (_span(t, "rebuild"),)), 0.9, "quote-comma-name-verb")
    q2 = Quote("q2", "direct", second, (second,), Cue(told.text, "tell", told.start, told.end),
               SpeakerRef("Ana Ruiz", "person", "s1", she, "female"), None,
               Stance("neutral", 0.0, True, (_span(t, "may"),)), 0.8, "quote-comma-pronoun-verb")
    speaker = Speaker("s1", "Ana Ruiz", "person", affiliation, (name, she), ("q1", "q2"), "female", (she,))
    return Result((q1, q2), (speaker,), len(t), 1.23456, "test-engine")


class FakeEngine:
    """The result the fake engine returns, and the text that result belongs to."""
    text = FULL_TEXT
    result = None


@pytest.fixture()
def fake_engine(monkeypatch):
    """The engine replaced by one that returns :func:`full_result` for any text."""
    monkeypatch.setattr(service.api, "attribute", lambda text, language="en": full_result())
    fake = FakeEngine()
    fake.result = full_result()
    return fake
