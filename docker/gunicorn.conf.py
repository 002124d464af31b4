"""gunicorn settings for the statement attribution service, all overridable by environment.

Used by ``make serve`` and by the container image:
    gunicorn --config docker/gunicorn.conf.py service.wsgi:app

PORT                      port to bind on 0.0.0.0 (default 8000)
WEB_CONCURRENCY           worker processes (default: the CPUs this process may use; the engine
                          is CPU-bound, so more workers than CPUs only queue)
GUNICORN_TIMEOUT          seconds a worker may spend on one request before it is restarted (60)
GUNICORN_CLIENT_TIMEOUT   seconds a client may leave a read or write of its connection waiting
                          before the request is dropped (10; service/gunicorn_worker.py)
GUNICORN_GRACEFUL_TIMEOUT seconds to finish in-flight requests on shutdown or restart (30)
GUNICORN_MAX_REQUESTS     requests after which a worker is replaced (1000; 0 disables), with a
                          random jitter of up to a tenth of that so workers do not restart together
LOG_LEVEL                 gunicorn's own log level too (default INFO)
PROMETHEUS_MULTIPROC_DIR  directory through which the workers share their metrics, so that
                          /metrics adds up all of them; created and emptied at start. When unset,
                          a new temporary directory is used (and removed at exit); with no
                          writable temporary directory, each worker reports only its own
"""
import os
import shutil
import tempfile


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# Workers read this when they import prometheus-client, so it is set here, in the master,
# before any worker starts.
_OWN_METRICS_DIR = None
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    try:
        _OWN_METRICS_DIR = tempfile.mkdtemp(prefix="attribution-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = _OWN_METRICS_DIR
    except OSError:  # no writable temporary directory: each worker reports only its own
        _OWN_METRICS_DIR = None

bind = f"0.0.0.0:{_int('PORT', 8000)}"
workers = _int("WEB_CONCURRENCY", _cpus())
# The stock sync worker plus a client socket timeout and problem+json for gunicorn's own
# refusals (service/gunicorn_worker.py).
worker_class = "service.gunicorn_worker.SyncWorker"
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a (possibly slow, possibly read-only) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket: nothing written under $HOME, no clash between two servers on one machine.
control_socket_disable = True

# Logs go to stdout. The app writes one JSON line per request itself, so gunicorn's access log
# stays off; gunicorn's own messages are JSON lines too.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "service.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json",
                            "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": [], "propagate": False},  # the app logs requests
    },
}


def on_starting(server):
    """Start every run with an empty metrics directory (stale files would add old counts)."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):
        if name.endswith(".db"):
            os.remove(os.path.join(directory, name))


def on_exit(server):
    """Remove the temporary metrics directory this configuration made, if it made one."""
    if _OWN_METRICS_DIR:
        shutil.rmtree(_OWN_METRICS_DIR, ignore_errors=True)


def child_exit(server, worker):
    """Tell prometheus-client a worker is gone, so its live gauges stop counting."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
