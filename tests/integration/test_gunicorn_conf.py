"""docker/gunicorn.conf.py: settings from the environment, and the metrics clean-up hooks."""
from __future__ import annotations

import os
import runpy
from pathlib import Path
from types import SimpleNamespace


CONF = Path(__file__).resolve().parents[2] / "docker" / "gunicorn.conf.py"
VARS = ("PORT", "WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "GUNICORN_GRACEFUL_TIMEOUT",
        "GUNICORN_MAX_REQUESTS", "LOG_LEVEL", "PROMETHEUS_MULTIPROC_DIR")


def load(monkeypatch, **env: str) -> dict:
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_defaults(monkeypatch):
    conf = load(monkeypatch)
    conf["on_exit"](None)  # removes the temporary metrics directory it made
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["workers"] == len(os.sched_getaffinity(0))
    assert conf["timeout"] == 60 and conf["graceful_timeout"] == 30
    assert conf["max_requests"] == 1000 and 0 < conf["max_requests_jitter"] < 1000
    assert conf["accesslog"] is None and conf["errorlog"] == "-"
    assert conf["logconfig_dict"]["handlers"]["stdout"]["stream"] == "ext://sys.stdout"
    assert conf["control_socket_disable"] is True


def test_environment(monkeypatch):
    conf = load(monkeypatch, PORT="9123", WEB_CONCURRENCY="5", GUNICORN_TIMEOUT="12",
                GUNICORN_MAX_REQUESTS="0", LOG_LEVEL="WARNING")
    conf["on_exit"](None)
    assert conf["bind"] == "0.0.0.0:9123"
    assert conf["workers"] == 5 and conf["timeout"] == 12
    assert conf["max_requests"] == 0 and conf["max_requests_jitter"] == 0
    assert conf["loglevel"] == "warning"


def test_on_starting_empties_the_metrics_directory(monkeypatch, tmp_path):
    directory = tmp_path / "prom"
    conf = load(monkeypatch, PROMETHEUS_MULTIPROC_DIR=str(directory))
    conf["on_starting"](None)
    assert directory.is_dir()
    (directory / "counter_123.db").write_bytes(b"stale")
    (directory / "keep.txt").write_text("not ours")
    conf["on_starting"](None)
    assert sorted(p.name for p in directory.iterdir()) == ["keep.txt"]


def test_child_exit_marks_the_worker_dead(monkeypatch, tmp_path):
    conf = load(monkeypatch, PROMETHEUS_MULTIPROC_DIR=str(tmp_path))
    (tmp_path / "gauge_livesum_4242.db").write_bytes(b"")
    (tmp_path / "gauge_livesum_4343.db").write_bytes(b"")
    conf["child_exit"](None, SimpleNamespace(pid=4242))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gauge_livesum_4343.db"]


def test_without_the_variable_a_temporary_directory_is_made_and_removed(monkeypatch):
    conf = load(monkeypatch)
    made = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    assert made.is_dir() and conf["_OWN_METRICS_DIR"] == str(made)
    conf["on_starting"](None)
    conf["on_exit"](None)
    assert not made.exists()


def test_a_given_directory_is_never_removed(monkeypatch, tmp_path):
    conf = load(monkeypatch, PROMETHEUS_MULTIPROC_DIR=str(tmp_path))
    assert conf["_OWN_METRICS_DIR"] is None
    conf["on_exit"](None)
    assert tmp_path.is_dir()
