"""A small Python client for the statement-attribution service (HTTP contract v1).

    from service.client import AttributionClient

    client = AttributionClient("http://localhost:8000", timeout=10.0)
    result = client.attribute("“We will not back down,” the minister said.", id="draft-1")
    for quote in result.quotes:
        print(quote.type, quote.text, quote.speaker.name if quote.speaker else None)

What it does for you:

* retries with exponential backoff on connection errors and on ``503 Service Unavailable``
  (attribution is a pure computation, so repeating a POST is safe);
* :meth:`AttributionClient.attribute_batch` splits any number of documents into requests that stay
  within the service's limits (documents per batch, characters per batch, body bytes);
* typed, frozen results (:class:`Attribution`, :class:`Quote`, ...) that keep the service's JSON in
  :attr:`Attribution.raw`;
* every 4xx/5xx answer raises a :class:`ProblemError` (or a subclass per status) carrying the
  problem+json fields ``type``, ``title``, ``status``, ``detail`` and ``errors``;
* ``language=``: sent only when given (``attribute(..., language="en")``, a batch's
  ``language=`` or a document's own ``language``); left out, the service uses its default,
  ``en``. :meth:`AttributionClient.languages` lists the codes the service has, with their names
  in English and in themselves; an unknown one is a :class:`ValidationFailed` whose ``errors``
  names the field.

Only ``requests`` and the standard library are used, so this module can be copied into systems
that do not install the whole service.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

__all__ = [
    "DEFAULT_MAX_BATCH_CHARS", "DEFAULT_MAX_BATCH_DOCUMENTS", "DEFAULT_MAX_BODY_BYTES",
    "Affiliation", "Attribution", "AttributionClient", "AttributionClientError", "BadRequest",
    "Cue", "Document", "Language", "Meta", "PayloadTooLarge", "ProblemError", "Quote",
    "ServerError", "ServiceUnavailable", "Span", "Speaker", "SpeakerRef", "Stance", "TransportError",
    "UnsupportedMediaType", "ValidationFailed",
]

# The service's own defaults (``service/config.py``: MAX_BATCH_DOCUMENTS, MAX_BATCH_CHARS,
# MAX_BODY_BYTES); a test keeps the two in step.
DEFAULT_MAX_BATCH_DOCUMENTS = 100
DEFAULT_MAX_BATCH_CHARS = 1_000_000
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024

_JSON = "application/json"


# --------------------------------------------------------------------------- typed results


@dataclass(frozen=True, slots=True)
class Span:
    """Offsets into the document (``text[start:end]``); ``text`` when the service sends it."""

    start: int
    end: int
    text: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), data.get("text"))


@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    lemma: str | None
    start: int
    end: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cue:
        return cls(data["text"], data.get("lemma"), int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Affiliation:
    organization: str | None
    role: str | None
    party: str | None = None        # None also from a server older than the field

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Affiliation:
        return cls(data.get("organization"), data.get("role"), data.get("party"))


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who said one statement: ``name`` is the resolved entity, ``mention`` the attribution's words."""

    name: str | None
    kind: str
    entity: str | None
    mention: Span | None
    gender: str | None = None       # "female", "male" or None (also from an older server)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpeakerRef:
        return cls(data.get("name"), data.get("kind") or "unknown", data.get("entity"),
                   _opt(Span, data.get("mention")), data.get("gender"))


@dataclass(frozen=True, slots=True)
class Stance:
    label: str
    score: float
    hedged: bool
    evidence: tuple[Span, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stance:
        return cls(data["label"], float(data.get("score") or 0.0), bool(data.get("hedged")),
                   tuple(Span.from_dict(e) for e in data.get("evidence") or ()))


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    type: str
    text: str
    span: Span
    fragments: tuple[Span, ...]
    cue: Cue | None
    speaker: SpeakerRef | None
    affiliation: Affiliation | None
    stance: Stance | None
    confidence: float
    rule: str | None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        return cls(
            id=data["id"], type=data["type"], text=data["text"], span=Span.from_dict(data["span"]),
            fragments=tuple(Span.from_dict(f) for f in data.get("fragments") or ()),
            cue=_opt(Cue, data.get("cue")), speaker=_opt(SpeakerRef, data.get("speaker")),
            affiliation=_opt(Affiliation, data.get("affiliation")),
            stance=_opt(Stance, data.get("stance")),
            confidence=float(data.get("confidence") or 0.0), rule=data.get("rule"))


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str | None
    kind: str
    affiliation: Affiliation | None
    mentions: tuple[Span, ...]
    quotes: tuple[str, ...]
    gender: str | None = None
    gender_evidence: tuple[Span, ...] = ()     # the words that decided ``gender``

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        return cls(data["id"], data.get("name"), data.get("kind") or "unknown",
                   _opt(Affiliation, data.get("affiliation")),
                   tuple(Span.from_dict(m) for m in data.get("mentions") or ()),
                   tuple(data.get("quotes") or ()), data.get("gender"),
                   tuple(Span.from_dict(e) for e in data.get("gender_evidence") or ()))


@dataclass(frozen=True, slots=True)
class Meta:
    """How the document was processed; ``language`` is None from a service older than it."""

    characters: int
    elapsed_ms: float
    engine: str
    language: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Meta:
        return cls(int(data["characters"]), float(data["elapsed_ms"]), str(data["engine"]),
                   data.get("language"))


@dataclass(frozen=True, slots=True)
class Language:
    """One language the service has (``GET /v1/languages``): its code, whether it is the default,
    and its name in English and in itself (``German``, ``Deutsch``); the names are None from a
    service older than them."""

    code: str
    default: bool
    name: str | None = None
    native: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Language:
        return cls(str(data["code"]), bool(data["default"]), _opt_str(data.get("name")),
                   _opt_str(data.get("native")))


@dataclass(frozen=True, slots=True)
class Attribution:
    """The service's answer for one document; ``raw`` is the JSON object exactly as received."""

    id: str | None
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    meta: Meta
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attribution:
        """Build from one v1 response object; raises ``KeyError``/``TypeError``/``ValueError``."""
        return cls(data.get("id"), tuple(Quote.from_dict(q) for q in data["quotes"]),
                   tuple(Speaker.from_dict(s) for s in data["speakers"]),
                   Meta.from_dict(data["meta"]), data)


def _opt(kind: Any, data: Mapping[str, Any] | None) -> Any:
    return None if data is None else kind.from_dict(data)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Document:
    """One input of :meth:`AttributionClient.attribute_batch`; ``language`` overrides the
    batch's for this document."""

    text: str
    id: str | None = None
    language: str | None = None


# --------------------------------------------------------------------------- errors


class AttributionClientError(Exception):
    """Base class of everything this client raises on purpose."""


class TransportError(AttributionClientError):
    """The service could not be reached (after the retries), timed out, or sent no valid JSON."""


class ProblemError(AttributionClientError):
    """A 4xx/5xx answer; the attributes are the problem+json fields (RFC 9457)."""

    def __init__(self, status: int, title: str, detail: str | None = None,
                 type: str = "about:blank", errors: Any = None,
                 response: requests.Response | None = None) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.errors = errors
        self.response = response
        text = f"{status} {title}" + (f": {detail}" if detail else "")
        if errors:
            text += f" {json.dumps(errors, ensure_ascii=False, sort_keys=True)}"
        super().__init__(text)

    @classmethod
    def from_response(cls, response: requests.Response) -> ProblemError:
        """The right subclass for ``response.status_code``, filled from its problem+json body.

        A body that is not problem+json (a proxy's HTML page, say) still gives a clear error: the
        title is the HTTP reason and the detail the first 200 characters of the body.
        """
        status = response.status_code
        body: Any = None
        try:
            body = response.json()
        except ValueError:
            pass
        klass = _BY_STATUS.get(status) or (ServerError if status >= 500 else ProblemError)
        if isinstance(body, dict) and "title" in body:
            return klass(status=int(body.get("status") or status), title=str(body["title"]),
                         detail=body.get("detail"), type=body.get("type") or "about:blank",
                         errors=body.get("errors"), response=response)
        return klass(status=status, title=response.reason or "HTTP error",
                     detail=(response.text or "").strip()[:200] or None, response=response)


class BadRequest(ProblemError):
    """400: the body could not be read as JSON or text."""


class PayloadTooLarge(ProblemError):
    """413: the request body is over the service's byte limit."""


class UnsupportedMediaType(ProblemError):
    """415: a media type other than JSON or plain text."""


class ValidationFailed(ProblemError):
    """422: the request was read but is invalid; ``errors`` is keyed by field."""


class ServerError(ProblemError):
    """5xx other than 503."""


class ServiceUnavailable(ServerError):
    """503 after every retry."""


_BY_STATUS: dict[int, type[ProblemError]] = {400: BadRequest, 413: PayloadTooLarge,
                                             415: UnsupportedMediaType, 422: ValidationFailed,
                                             503: ServiceUnavailable}


# --------------------------------------------------------------------------- the client


DocumentLike = str | Document | Mapping[str, Any] | tuple[str | None, str]


class AttributionClient:
    """Client for one service instance.

    ``retries`` is how many times a request is repeated after a connection error or a 503; the
    n-th repeat waits ``backoff * 2**(n-1)`` seconds, or the 503's ``Retry-After`` when that is
    longer, never more than ``max_backoff``. ``max_batch_documents``, ``max_batch_chars`` and
    ``max_body_bytes`` bound each request of :meth:`attribute_batch`; their defaults are the
    service's defaults for ``MAX_BATCH_DOCUMENTS``, ``MAX_BATCH_CHARS`` and ``MAX_BODY_BYTES``:
    lower them to match a service configured with smaller limits.
    """

    def __init__(self, base_url: str = "http://localhost:8000", *, timeout: float = 30.0,
                 retries: int = 3, backoff: float = 0.5, max_backoff: float = 8.0,
                 max_batch_documents: int = DEFAULT_MAX_BATCH_DOCUMENTS,
                 max_batch_chars: int = DEFAULT_MAX_BATCH_CHARS,
                 max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
                 session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if timeout <= 0 or retries < 0 or backoff < 0 or max_backoff < 0:
            raise ValueError("timeout must be > 0; retries, backoff and max_backoff >= 0")
        if min(max_batch_documents, max_batch_chars, max_body_bytes) < 1:
            raise ValueError("max_batch_documents, max_batch_chars and max_body_bytes must be >= 1")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_batch_documents = max_batch_documents
        self.max_batch_chars = max_batch_chars
        self.max_body_bytes = max_body_bytes
        self.session = session or requests.Session()
        self._sleep = sleep

    def __enter__(self) -> AttributionClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.session.close()

    # ---- public calls

    def attribute(self, text: str, id: str | None = None,
                  language: str | None = None) -> Attribution:
        """Attribute the statements of one document, in ``language`` (a code of
        :meth:`languages`; None: not sent, the service's default)."""
        payload: dict[str, Any] = {"text": _check_text(text)}
        if id is not None:
            payload["id"] = str(id)
        if language is not None:
            payload["language"] = _check_language(language)
        return _parse(self._post("/v1/attributions", _encode(payload)))

    def attribute_batch(self, documents: Iterable[DocumentLike],
                        language: str | None = None) -> list[Attribution]:
        """Attribute many documents, in as many requests as the limits need; results in input order.

        A document is a ``str``, a :class:`Document`, a mapping with ``text`` (and ``id``,
        ``language``) or an ``(id, text)`` pair; one without an id gets ``id: None`` back.
        ``language`` is sent with every request, for the documents that name none (None: not
        sent, the service's default). A single document over a limit by itself is sent in a
        request of its own, so that the service decides (and answers 413 or 422, raised as
        :class:`PayloadTooLarge` / :class:`ValidationFailed`).
        """
        return list(self.iter_attribute_batch(documents, language))

    def iter_attribute_batch(self, documents: Iterable[DocumentLike],
                             language: str | None = None) -> Iterator[Attribution]:
        """Like :meth:`attribute_batch`, yielding results batch by batch (for long archives)."""
        for batch in self.batches(documents, language):
            body = self._post("/v1/attributions/batch", _batch_body(batch, language))
            results = body.get("results") if isinstance(body, dict) else None
            if not isinstance(results, list) or len(results) != len(batch):
                raise TransportError("batch answer does not have one result per document")
            yield from (_parse(r) for r in results)

    def languages(self) -> tuple[Language, ...]:
        """The languages the service has (``GET /v1/languages``); one is the default."""
        body = self._request("GET", "/v1/languages")
        try:
            return tuple(Language.from_dict(item) for item in body["languages"])
        except (KeyError, TypeError, ValueError) as exc:
            raise TransportError(f"answer is not a list of languages: {exc!r}") from exc

    def batches(self, documents: Iterable[DocumentLike],
                language: str | None = None) -> Iterator[list[dict[str, Any]]]:
        """The document lists ``attribute_batch`` sends, one per request, within the limits
        (``language`` is the batch's, which adds to each request's size)."""
        if language is not None:
            _check_language(language)
        overhead = len(_batch_body([], language)) - len(_SEPARATOR)
        batch: list[dict[str, Any]] = []
        chars = size = 0
        for index, doc in enumerate(documents):
            item = _document(doc, index)
            item_chars = len(item["text"])
            item_bytes = len(_encode(item)) + len(_SEPARATOR)
            if batch and (len(batch) >= self.max_batch_documents
                          or chars + item_chars > self.max_batch_chars
                          or overhead + size + item_bytes > self.max_body_bytes):
                yield batch
                batch, chars, size = [], 0, 0
            batch.append(item)
            chars += item_chars
            size += item_bytes
        if batch:
            yield batch

    # ---- transport

    def _post(self, path: str, body: bytes) -> Any:
        return self._request("POST", path, body)

    def _request(self, method: str, path: str, body: bytes | None = None) -> Any:
        url = self.base_url + path
        headers = {"Accept": _JSON} if body is None else {"Content-Type": _JSON, "Accept": _JSON}
        attempt = 0
        while True:
            try:
                response = self.session.request(method, url, data=body, timeout=self.timeout,
                                                headers=headers)
            except requests.ConnectionError as exc:
                if attempt >= self.retries:
                    raise TransportError(f"cannot reach {url} after {attempt + 1} attempts: "
                                         f"{exc}") from exc
                self._sleep(self._delay(attempt, None))
                attempt += 1
                continue
            except requests.RequestException as exc:  # read timeout, invalid URL, ...
                raise TransportError(f"{url}: {exc}") from exc
            if response.status_code == 503 and attempt < self.retries:
                self._sleep(self._delay(attempt, response.headers.get("Retry-After")))
                attempt += 1
                continue
            if response.status_code >= 400:
                raise ProblemError.from_response(response)
            try:
                return response.json()
            except ValueError as exc:
                raise TransportError(f"{url} answered {response.status_code} without JSON") \
                    from exc

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        delay = self.backoff * (2 ** attempt)
        if retry_after is not None and retry_after.strip().isdigit():
            delay = max(delay, float(retry_after))
        return min(delay, self.max_backoff)


def _encode(payload: Any) -> bytes:
    """UTF-8 JSON: a curly quote costs 3 bytes, not the 6 of an ASCII escape. A text holding lone
    surrogates (not encodable as UTF-8) is sent with ASCII escapes, which JSON allows."""
    try:
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(payload).encode("ascii")


_SEPARATOR = b", "


def _batch_body(batch: list[dict[str, Any]], language: str | None = None) -> bytes:
    """Exactly the bytes :meth:`AttributionClient.batches` counted."""
    tail = b"]}" if language is None else b'], "language": ' + _encode(language) + b"}"
    return b'{"documents": [' + _SEPARATOR.join(_encode(d) for d in batch) + tail


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def _check_language(language: Any) -> str:
    """A str; whether the service has that language is the service's to say (422)."""
    if not isinstance(language, str):
        raise TypeError(f"language must be str, not {type(language).__name__}")
    return language


def _document(doc: DocumentLike, index: int) -> dict[str, Any]:
    """``{"text"}``, with ``id`` and ``language`` when given, for one input of a batch."""
    doc_id: Any
    text: Any
    language: Any = None
    if isinstance(doc, str):
        doc_id, text = None, doc
    elif isinstance(doc, Document):
        doc_id, text, language = doc.id, doc.text, doc.language
    elif isinstance(doc, Mapping):
        doc_id, text, language = doc.get("id"), doc.get("text"), doc.get("language")
    elif isinstance(doc, tuple) and len(doc) == 2:
        doc_id, text = doc
    else:
        raise TypeError(f"document {index + 1}: expected str, Document, mapping or (id, text)")
    item: dict[str, Any] = {"text": _check_text(text)}
    if doc_id is not None:
        item["id"] = str(doc_id)
    if language is not None:
        item["language"] = _check_language(language)
    return item


def _parse(body: Any) -> Attribution:
    try:
        return Attribution.from_dict(body)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TransportError(f"answer is not a v1 attribution result: {exc!r}") from exc
