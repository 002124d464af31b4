"""Operational endpoints: liveness, readiness and Prometheus metrics."""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app

from schemas import HealthSchema, ReadySchema

from .attribution import BUILD, ENGINE_VERSION
from .metrics import METRICS_MEDIA_TYPE, exposition
from .openapi import operation

bp = Blueprint("ops", __name__)

JSON_MEDIA_TYPE = "application/json"
_health = HealthSchema()
_ready = ReadySchema()


@bp.get("/healthz")
@operation(summary="Liveness: the process answers", tag="operations",
           description="200 whenever the process can answer HTTP at all.",
           responses={200: ("The process is alive.", JSON_MEDIA_TYPE, HealthSchema)})
def healthz() -> Response:
    return _json(_health.dump({"status": "ok"}))


@bp.get("/readyz")
@operation(summary="Readiness: the engine is loaded and answered a warm-up text",
           tag="operations",
           description="200 once the app has run the engine on a warm-up text at start-up; "
                       "503 otherwise.",
           responses={200: ("Ready to take traffic.", JSON_MEDIA_TYPE, ReadySchema),
                      503: ("Not ready.", JSON_MEDIA_TYPE, ReadySchema)})
def readyz() -> Response:
    ready = bool(current_app.config.get("ENGINE_READY"))
    body = _ready.dump({"status": "ready" if ready else "not ready", "engine": ENGINE_VERSION,
                        "build": BUILD.label})
    return _json(body, 200 if ready else 503)


@bp.get("/metrics")
@operation(summary="Prometheus metrics", tag="operations",
           description="Request counts and latency histograms by endpoint and status, documents, "
                       "characters and statements processed. Under gunicorn with "
                       "PROMETHEUS_MULTIPROC_DIR set, the figures cover all workers.",
           responses={200: ("Metrics in the Prometheus text exposition format.",
                            "text/plain", {"type": "string"})})
def metrics() -> Response:
    return current_app.response_class(exposition(), mimetype=None,
                                      content_type=METRICS_MEDIA_TYPE)


def _json(body: dict, status: int = 200) -> Response:
    return current_app.response_class(json.dumps(body) + "\n", status=status,
                                      mimetype=JSON_MEDIA_TYPE)
