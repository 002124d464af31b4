"""A WSGI app for the limit tests: the production app, with the engine wrapped so that every
call appends the text's length to the file named by ENGINE_CALL_LOG. Served by real gunicorn,
it shows over the wire whether a request reached the engine at all."""
import os

import service.api
from service.app import create_app

_engine = service.api.attribute
_calls = os.environ["ENGINE_CALL_LOG"]


def _recording_engine(text, language="en"):
    with open(_calls, "a", encoding="ascii") as calls:
        calls.write(f"{len(text)}\n")
    return _engine(text, language)


app = create_app()  # the warm-up text goes to the real engine, not through the spy
service.api.attribute = _recording_engine
