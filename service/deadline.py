"""A time limit on the engine work of one request, so that a slow request is answered, not dropped.

Under gunicorn's sync workers a request that outlives ``GUNICORN_TIMEOUT`` is never answered:
the master kills the worker (SIGABRT, then SIGKILL) and the client sees its connection closed
with no response at all. The views therefore run the engine and the serialization under a
shorter limit, ``REQUEST_TIMEOUT``: a ``SIGALRM`` timer interrupts the work (CPython runs signal
handlers between bytecodes and also inside long regular-expression matches), and the request is
answered ``504`` problem+json while the worker lives on for the next request (504, the HTTP
status of a deadline exceeded, not 503: the same text would take as long again, so clients that
retry 503s should not retry this). gunicorn's own
timeout stays as the backstop for anything the timer cannot reach (a C call that never returns).

The timer needs the main thread of a process on a platform with ``SIGALRM`` (gunicorn's sync
workers, the test client); anywhere else the work runs without a deadline.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class _Expired(BaseException):
    """Raised by the timer inside the work. Not an ``Exception``, so that no ``except
    Exception`` in the work can swallow it; it never leaves :func:`deadline`."""


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float, expired: Callable[[], Exception]) -> Iterator[None]:
    """Run the ``with`` body for at most ``seconds``; past that, raise ``expired()`` instead."""
    if seconds <= 0 or not _can_time():
        yield
        return

    def ring(_signum, _frame):
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            # Disarm first; a ring that lands just before this line is caught below all the same.
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise expired() from None
    finally:
        signal.signal(signal.SIGALRM, previous)
