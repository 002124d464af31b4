"""The manifests agree with the code: every environment variable they set is one the service
reads, the ports and probe paths are the app's, and the timing fits gunicorn's settings.

The names, routes, ports and timeouts come from the code itself (service/config.py's Settings,
an AST scan of service/ and docker/gunicorn.conf.py, create_app's url_map, the gunicorn config
evaluated with the manifests' environment), never from a list kept here. Each check is shown to
fail on a manifest altered the way drift happens.
"""
from __future__ import annotations

import pytest

from tests.kubernetes.kube_manifests import (BASE, app_routes, container_env, drift_problems,
                                             env_names_read_by_code, gunicorn_settings, one,
                                             render, security_problems, worker_client_timeout)


def _container(objects):
    return one(objects, "Deployment")["spec"]["template"]["spec"]["containers"][0]


def _configmap(objects):
    return one(objects, "ConfigMap")["data"]


def test_manifests_match_the_code(tree):
    name, objects = tree
    assert drift_problems(objects) == [], name


def test_manifests_are_hardened(tree):
    name, objects = tree
    assert security_problems(objects) == [], name


def test_the_env_scan_finds_what_the_service_reads():
    """The scan sees every Settings field and the names gunicorn.conf.py reads, through its
    ``_int`` helper (PORT, WEB_CONCURRENCY) and os.environ.get (LOG_LEVEL), and nothing that
    is merely a string in those files."""
    from dataclasses import fields

    from service.config import Settings

    names = env_names_read_by_code()
    assert {f.name for f in fields(Settings)} <= names
    assert {"PORT", "WEB_CONCURRENCY", "GUNICORN_GRACEFUL_TIMEOUT", "LOG_LEVEL",
            "PROMETHEUS_MULTIPROC_DIR"} <= names
    assert not {"INFO", "DEBUG", "WARNING", "version", "stdout"} & names


def test_the_env_scan_reads_the_patterns_it_claims():
    import ast

    from tests.kubernetes.kube_manifests import _env_reads

    source = (
        "import os\n"
        "def _flag(name, default=False):\n    return os.environ.get(name, '') == '1'\n"
        "a = os.environ.get('A_NAME')\nb = os.environ['B_NAME']\nc = os.getenv('C_NAME')\n"
        "d = _flag('D_NAME')\ne = print('NOT_A_NAME')\n")
    assert _env_reads(ast.parse(source)) == {"A_NAME", "B_NAME", "C_NAME", "D_NAME"}


def test_each_configmap_setting_changes_what_the_service_runs_with():
    """Change one value at a time: the service's Settings or gunicorn's config follow it."""
    from dataclasses import fields

    from service.config import Settings

    env = container_env(render(BASE))
    settings_names = {f.name for f in fields(Settings)}
    gunicorn_keys = {"PORT": "bind", "WEB_CONCURRENCY": "workers", "GUNICORN_TIMEOUT": "timeout",
                     "GUNICORN_GRACEFUL_TIMEOUT": "graceful_timeout",
                     "GUNICORN_MAX_REQUESTS": "max_requests", "LOG_LEVEL": "loglevel"}
    for name, value in env.items():
        changed = dict(env, **{name: "DEBUG" if name == "LOG_LEVEL" else
                               "/tmp/other" if not value.isdigit() else str(int(value) + 1)})
        if name in settings_names:
            assert getattr(Settings.load(environ=changed), name) != \
                getattr(Settings.load(environ=env), name), name
        if name in gunicorn_keys:
            key = gunicorn_keys[name]
            assert gunicorn_settings(changed)[key] != gunicorn_settings(env)[key], name
        if name == "GUNICORN_CLIENT_TIMEOUT":
            assert worker_client_timeout(changed) != worker_client_timeout(env)
        assert name in settings_names or name in gunicorn_keys or name in (
            "PROMETHEUS_MULTIPROC_DIR", "GUNICORN_CLIENT_TIMEOUT"), \
            f"{name}: no check says what it changes"


def test_probe_and_metrics_paths_are_app_routes():
    routes = app_routes()
    for path in ("/readyz", "/healthz", "/metrics"):
        assert "GET" in routes[path], path


# -- each drift check fails when the manifests drift ---------------------------------------

def test_an_env_var_the_service_does_not_read_is_caught(tree):
    _, objects = tree
    _configmap(objects)["MAX_TEXT_CHARACTERS"] = "1000"  # a misspelt MAX_TEXT_CHARS
    assert drift_problems(objects) == [
        "env MAX_TEXT_CHARACTERS is set but the service never reads it"]


def test_an_env_var_set_directly_on_the_container_is_checked_too(tree):
    _, objects = tree
    _container(objects)["env"] = [{"name": "WORKERS", "value": "4"}]
    assert drift_problems(objects) == ["env WORKERS is set but the service never reads it"]


def test_a_setting_the_service_rejects_is_caught(tree):
    _, objects = tree
    _configmap(objects)["MAX_BATCH_DOCUMENTS"] = "lots"
    assert any("would not start" in p and "MAX_BATCH_DOCUMENTS" in p
               for p in drift_problems(objects))


def test_a_container_port_gunicorn_does_not_bind_is_caught(tree):
    _, objects = tree
    _container(objects)["ports"][0]["containerPort"] = 8080
    problems = drift_problems(objects)
    assert any("containerPort [8080] but gunicorn binds 8000" in p for p in problems), problems


def test_a_port_moved_away_from_gunicorns_default_is_caught(tree):
    _, objects = tree
    _configmap(objects)["PORT"] = "9000"
    _container(objects)["ports"][0]["containerPort"] = 9000
    # the probes and the Service use the port's name, so they follow it
    one(objects, "Deployment")["spec"]["template"]["metadata"]["annotations"][
        "prometheus.io/port"] = "9000"
    assert drift_problems(objects) == [
        "containerPort 9000 differs from gunicorn's PORT default 8000"]


@pytest.mark.parametrize("probe, path", [("readinessProbe", "/ready"),
                                         ("livenessProbe", "/health")])
def test_a_probe_path_the_app_does_not_serve_is_caught(tree, probe, path):
    _, objects = tree
    _container(objects)[probe]["httpGet"]["path"] = path
    problems = drift_problems(objects)
    assert any(f"{probe} path {path} is no GET route of the app" in p for p in problems)


def test_a_metrics_annotation_off_the_route_is_caught(tree):
    _, objects = tree
    notes = one(objects, "Deployment")["spec"]["template"]["metadata"]["annotations"]
    notes["prometheus.io/path"] = "/prometheus"
    assert drift_problems(objects) == ["prometheus.io/path /prometheus is no GET route"]


def test_a_request_timeout_not_below_gunicorns_is_caught(tree):
    _, objects = tree
    _configmap(objects)["REQUEST_TIMEOUT"] = "60"
    problems = drift_problems(objects)
    assert any(p.startswith("REQUEST_TIMEOUT 60 is not below gunicorn's worker timeout 60")
               for p in problems), problems


def test_a_client_timeout_gunicorn_rejects_is_caught(tree):
    _, objects = tree
    _configmap(objects)["GUNICORN_CLIENT_TIMEOUT"] = "soon"
    problems = drift_problems(objects)
    assert any("gunicorn would not start" in p and "GUNICORN_CLIENT_TIMEOUT" in p
               for p in problems), problems


def test_a_grace_period_shorter_than_gunicorns_is_caught(tree):
    _, objects = tree
    _configmap(objects)["GUNICORN_GRACEFUL_TIMEOUT"] = "60"
    problems = drift_problems(objects)
    assert any(p.startswith("terminationGracePeriodSeconds 45 does not exceed") for p in
               problems), problems


def test_a_liveness_probe_quicker_than_gunicorns_timeout_is_caught(tree):
    _, objects = tree
    _container(objects)["livenessProbe"]["failureThreshold"] = 3
    assert drift_problems(objects) == [
        "liveness gives up after 30 s, before gunicorn's own worker timeout of 60 s"]


def test_more_workers_than_the_cpu_limit_is_caught(tree):
    _, objects = tree
    _configmap(objects)["WEB_CONCURRENCY"] = "4"
    assert drift_problems(objects) == ["4 workers on a CPU limit of 2"]


def test_a_service_targeting_another_port_is_caught(tree):
    _, objects = tree
    one(objects, "Service")["spec"]["ports"][0]["targetPort"] = 8001
    assert drift_problems(objects) == ["Service port 80 targets 8001, not 8000"]


@pytest.mark.parametrize("change, problem", [
    (lambda c: c["securityContext"].update(readOnlyRootFilesystem=False),
     "api: root filesystem is writable"),
    (lambda c: c["securityContext"].update(capabilities={"drop": ["NET_RAW"]}),
     "api: capabilities are not all dropped"),
    (lambda c: c.update(volumeMounts=[]), "api: no emptyDir mounted at /tmp"),
])
def test_a_weakened_container_is_caught(tree, change, problem):
    _, objects = tree
    change(_container(objects))
    assert security_problems(objects) == [problem]


def test_a_root_user_is_caught(tree):
    _, objects = tree
    _container(objects)["securityContext"]["runAsUser"] = 0
    one(objects, "Deployment")["spec"]["template"]["spec"]["securityContext"]["runAsUser"] = 0
    assert security_problems(objects) == ["api: runAsUser 0 is not a numeric non-root user"]
