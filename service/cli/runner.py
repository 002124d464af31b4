"""Where the command line gets its results: the engine in-process, or a running service.

Both give :class:`service.client.Attribution` objects whose ``raw`` is the v1 JSON object, so
every output format and the editorial check work the same on either.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Protocol

from ..client import Attribution, AttributionClient, Document, ProblemError
from .inputs import InputDocument

Outcome = tuple[InputDocument, "Attribution | ProblemError"]


class Runner(Protocol):
    def run(self, docs: Iterable[InputDocument]) -> Iterator[Outcome]:
        """Each document with its result, or with the service's refusal of it, in input order."""


class LocalRunner:
    """Runs the engine in this process; the JSON goes through the HTTP layer's schema.
    ``language`` None is the service's default (en)."""

    def __init__(self, language: str | None = None) -> None:
        # Imported here so that ``--url`` runs and ``--help`` never load the engine.
        from schemas import DEFAULT_LANGUAGE

        from .serialize import to_response
        self._to_response = to_response
        self.language = language or DEFAULT_LANGUAGE

    def run(self, docs: Iterable[InputDocument]) -> Iterator[Outcome]:
        for doc in docs:
            yield doc, Attribution.from_dict(self._to_response(doc.text, doc.id,
                                                               self.language))


class RemoteRunner:
    """Sends the documents to a service in batches within its limits.

    When the service rejects a batch (4xx: a document over a limit, an id it refuses), each of
    the batch's documents is sent again alone, so that one bad document costs only itself; its
    problem is yielded in place of a result. 5xx and connection failures are raised.
    """

    def __init__(self, client: AttributionClient, language: str | None = None) -> None:
        self.client = client
        self.language = language  # None: not sent, the service's default

    def run(self, docs: Iterable[InputDocument]) -> Iterator[Outcome]:
        pending: deque[InputDocument] = deque()

        def feed() -> Iterator[Document]:
            for doc in docs:
                pending.append(doc)
                yield Document(doc.text, doc.id)

        for batch in self.client.batches(feed(), self.language):
            group = [pending.popleft() for _ in batch]
            try:
                results = self.client.attribute_batch(batch, self.language)
            except ProblemError as exc:
                if not 400 <= exc.status < 500:
                    raise
                if len(group) == 1:
                    yield group[0], exc
                    continue
                yield from self._one_by_one(group)
            else:
                yield from zip(group, results)

    def _one_by_one(self, group: list[InputDocument]) -> Iterator[Outcome]:
        for doc in group:
            try:
                yield doc, self.client.attribute(doc.text, id=doc.id, language=self.language)
            except ProblemError as exc:
                if not 400 <= exc.status < 500:
                    raise
                yield doc, exc
