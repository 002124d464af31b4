"""Clients that stall (connect and send nothing, send half a request line, announce a body and
send less, or stop mid-chunk) against the live gunicorn: each connection is closed, or answered
400 problem+json, after GUNICORN_CLIENT_TIMEOUT seconds, long before GUNICORN_TIMEOUT, and no
worker is killed (service/gunicorn_worker.py). With the stock sync worker the same clients hold
a worker until GUNICORN_TIMEOUT and the master then kills it."""
from __future__ import annotations

import json
import socket
import time

import pytest
import requests

from tests.reliability.reliability_settings import TEST_CLIENT_TIMEOUT, TEST_GUNICORN_TIMEOUT
from tests.support.live_server import LiveServer

STALLS = {
    "nothing": b"",
    "half-a-request-line": b"POST /v1/attri",
    "headers-without-end": b"POST /v1/attributions HTTP/1.1\r\nHost: x\r\nContent-Type: te",
    "short-body": b"POST /v1/attributions HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                  b"Content-Length: 1000\r\n\r\nonly a few bytes",
    "unfinished-chunk": b"POST /v1/attributions HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain"
                        b"\r\nTransfer-Encoding: chunked\r\n\r\n100\r\nabc",
}


@pytest.mark.parametrize("name", sorted(STALLS))
def test_a_stalled_client_is_let_go_and_no_worker_dies(live, name):
    assert TEST_CLIENT_TIMEOUT * 3 < TEST_GUNICORN_TIMEOUT
    before = live.worker_pids()
    with socket.create_connection(("127.0.0.1", live.port), timeout=TEST_GUNICORN_TIMEOUT) as sock:
        sock.sendall(STALLS[name])
        started = time.monotonic()
        received = b""
        while chunk := sock.recv(65536):  # until the server closes the connection
            received += chunk
        waited = time.monotonic() - started
    assert TEST_CLIENT_TIMEOUT - 0.5 <= waited < TEST_CLIENT_TIMEOUT * 3, waited
    if received:  # a request the app had started on is answered; the others just closed
        head, body = received.split(b"\r\n\r\n", 1)
        assert head.split(b" ", 2)[1] == b"400", head
        assert b"application/problem+json" in head and b"nosniff" in head
        assert json.loads(body)["status"] == 400
    assert live.worker_pids() == before
    assert requests.get(live.url("/healthz"), timeout=10).status_code == 200


def test_stalled_clients_do_not_block_the_others(live):
    # Both workers' worth of stalled connections at once; a normal request still gets through
    # as soon as one of them is let go.
    sockets = [socket.create_connection(("127.0.0.1", live.port), timeout=30)
               for _ in range(live.workers)]
    try:
        for sock in sockets:
            sock.sendall(STALLS["short-body"])
        started = time.monotonic()
        response = requests.post(live.url("/v1/attributions"), json={"text": "x"},
                                 timeout=TEST_CLIENT_TIMEOUT * 4)
        assert response.status_code == 200
        assert time.monotonic() - started < TEST_CLIENT_TIMEOUT * 3
    finally:
        for sock in sockets:
            sock.close()


@pytest.mark.parametrize("value", ["soon", "0", "-3"])
def test_a_bad_client_timeout_stops_gunicorn_at_start_up(tmp_path, value):
    server = LiveServer({"GUNICORN_CLIENT_TIMEOUT": value}, workers=2, log=tmp_path / "gunicorn.log")
    with pytest.raises(RuntimeError, match="exited"):
        server.start(timeout=30)
    server.stop()
    assert "GUNICORN_CLIENT_TIMEOUT" in server.log_text()
