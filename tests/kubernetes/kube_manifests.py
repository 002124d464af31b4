"""Render the Kustomize tree under docker/kubernetes/ and check it against the code.

Two renderers give the same objects:

- ``kubectl kustomize DIR`` when kubectl is on PATH (the project's machine image has it; the
  kubectl that Debian packages is 1.20, whose built-in kustomize predates the ``patches`` field);
- ``render_python(DIR)``: a small merge of its own for the subset of Kustomize the tree uses
  (``resources`` files and directories, ``namespace``, ``images``, ``patches`` with ``path`` as
  strategic merge patches). A test checks it gives what kubectl gives, wherever kubectl exists,
  and the rest of the tests use whichever is there, so CI needs no binary the registries lack.

The drift checks return lists of problems, so tests can show them failing on altered manifests.
"""
from __future__ import annotations

import ast
import copy
import functools
import os
import pathlib
import re
import runpy
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
KUBE = ROOT / "docker" / "kubernetes"
BASE = KUBE / "base"
OVERLAYS = sorted(p.parent for p in (KUBE / "overlays").glob("*/kustomization.yaml"))
GUNICORN_CONF = ROOT / "docker" / "gunicorn.conf.py"

# Kinds that Kustomize leaves without a namespace.
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
                  "PersistentVolume", "StorageClass", "PriorityClass"}


# ------------------------------------------------------------------------------ rendering

def render_kubectl(directory: pathlib.Path) -> list[dict]:
    out = subprocess.run(["kubectl", "kustomize", str(directory)], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def render_python(directory: pathlib.Path) -> list[dict]:
    spec = yaml.safe_load((directory / "kustomization.yaml").read_text())
    known = {"apiVersion", "kind", "resources", "namespace", "images", "patches"}
    unknown = set(spec) - known
    if unknown:
        raise ValueError(f"{directory}: render_python does not handle {sorted(unknown)}")
    objects: list[dict] = []
    for entry in spec.get("resources", []):
        path = (directory / entry).resolve()
        if path.is_dir():
            objects.extend(render_python(path))
        else:
            objects.extend(doc for doc in yaml.safe_load_all(path.read_text()) if doc)
    for patch in spec.get("patches", []):
        if set(patch) != {"path"}:
            raise ValueError(f"{directory}: only `patches: - path: FILE` is handled")
        for change in yaml.safe_load_all((directory / patch["path"]).read_text()):
            target = _find(objects, change["kind"], change["metadata"]["name"])
            _merge(target, change)
    for image in spec.get("images", []):
        for container in _containers(objects):
            name, tag = _split_image(container["image"])
            if name == image["name"]:
                container["image"] = (f"{image.get('newName', name)}"
                                      f":{image.get('newTag', tag)}")
    if "namespace" in spec:
        for obj in objects:
            if obj["kind"] not in CLUSTER_SCOPED:
                obj["metadata"]["namespace"] = spec["namespace"]
    return objects


def render(directory: pathlib.Path) -> list[dict]:
    """kubectl's rendering where kubectl exists, else the Python one."""
    if shutil.which("kubectl"):
        return render_kubectl(directory)
    return render_python(directory)


def _find(objects: list[dict], kind: str, name: str) -> dict:
    for obj in objects:
        if obj["kind"] == kind and obj["metadata"]["name"] == name:
            return obj
    raise KeyError(f"patch target {kind}/{name} not found")


def _merge(target: dict, change: Mapping) -> None:
    """Strategic merge as Kustomize does it for these kinds: maps merge key by key, lists of
    named maps (containers, ports, volumes, env) merge by name, other lists are replaced."""
    for key, value in change.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        elif (isinstance(value, list) and isinstance(target.get(key), list)
              and all(isinstance(v, Mapping) and "name" in v for v in value + target[key])):
            for item in value:
                match = next((t for t in target[key] if t["name"] == item["name"]), None)
                if match is None:
                    target[key].append(copy.deepcopy(item))
                else:
                    _merge(match, item)
        else:
            target[key] = copy.deepcopy(value)


def _split_image(image: str) -> tuple[str, str]:
    name, _, tag = image.rpartition(":")
    if not name or "/" in tag:
        return image, "latest"
    return name, tag


def _containers(objects: Iterable[dict]) -> Iterable[dict]:
    for obj in objects:
        pod = obj.get("spec", {}).get("template", {}).get("spec", {})
        yield from pod.get("containers", [])
        yield from pod.get("initContainers", [])


def one(objects: Iterable[dict], kind: str) -> dict:
    found = [o for o in objects if o["kind"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


# ------------------------------------------------------------------- what the code reads

@functools.cache
def env_names_read_by_code() -> frozenset[str]:
    """Every environment variable the service reads, found in its source, not listed here.

    - the fields of ``service.config.Settings``: ``Settings.load`` reads each field's name
      from the environment;
    - in every module under service/ and in docker/gunicorn.conf.py, the string literals given
      to ``os.environ.get``, ``os.environ[...]``, ``os.getenv``, and to any function of that
      module whose body reads the environment with its first parameter (gunicorn.conf.py's
      ``_int("PORT", 8000)``).
    """
    from service.config import Settings

    names = {f.name for f in fields(Settings)}
    files = [GUNICORN_CONF, *sorted((ROOT / "service").rglob("*.py"))]
    for path in files:
        names |= _env_reads(ast.parse(path.read_text(), filename=str(path)))
    return frozenset(names)


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ"
            or isinstance(node, ast.Name) and node.id == "environ")


def _env_key(node: ast.AST) -> ast.AST | None:
    """The key expression when ``node`` reads the environment, else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        if node.func.attr == "get" and _is_environ(node.func.value):
            return node.args[0]
        if node.func.attr == "getenv":
            return node.args[0]
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        return node.slice
    return None


def _env_reads(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    readers: set[str] = set()  # functions that read the environment with their first parameter
    for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        if not func.args.args:
            continue
        first = func.args.args[0].arg
        for node in ast.walk(func):
            key = _env_key(node)
            if isinstance(key, ast.Name) and key.id == first:
                readers.add(func.name)
    for node in ast.walk(tree):
        key = _env_key(node)
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in readers and node.args
                and isinstance(node.args[0], ast.Constant)):
            names.add(node.args[0].value)
    return names


def gunicorn_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """docker/gunicorn.conf.py evaluated with exactly ``env`` as the environment."""
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        settings = runpy.run_path(str(GUNICORN_CONF))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    own = settings.get("_OWN_METRICS_DIR")  # made when env has no PROMETHEUS_MULTIPROC_DIR
    if own:
        shutil.rmtree(own, ignore_errors=True)
    return settings


def worker_client_timeout(env: Mapping[str, str]) -> float:
    """service/gunicorn_worker.py's client timeout with exactly ``env`` as the environment."""
    from service import gunicorn_worker

    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        return gunicorn_worker.client_timeout()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _setting(env: Mapping[str, str], name: str) -> Any:
    """A service setting as the service reads it from ``env``; None when it has no such one."""
    from service.config import ConfigError, Settings

    try:
        return getattr(Settings.load(environ=env), name, None)
    except ConfigError:
        return None  # reported by the start-up check


def bound_port(settings: Mapping[str, Any]) -> int:
    match = re.fullmatch(r"[^:]*:(\d+)", settings["bind"])
    assert match, settings["bind"]
    return int(match.group(1))


@functools.cache
def app_routes() -> dict[str, frozenset[str]]:
    """Path -> HTTP methods, from the app's own url_map."""
    from service.app import create_app

    routes: dict[str, set[str]] = {}
    for rule in create_app().url_map.iter_rules():
        routes.setdefault(rule.rule, set()).update(rule.methods or ())
    return {path: frozenset(methods) for path, methods in routes.items()}


# ------------------------------------------------------------------------- drift checks

def container_env(objects: list[dict]) -> dict[str, str]:
    """The environment the Deployment gives its container: ConfigMaps by envFrom, then env."""
    deployment = one(objects, "Deployment")
    maps = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}
    env: dict[str, str] = {}
    for container in deployment["spec"]["template"]["spec"]["containers"]:
        for source in container.get("envFrom", []):
            ref = source.get("configMapRef")
            assert ref, f"envFrom other than configMapRef: {source}"
            assert ref["name"] in maps, f"envFrom names a ConfigMap that is not rendered: {ref}"
            env.update(maps[ref["name"]].get("data", {}))
        for var in container.get("env", []):
            env[var["name"]] = var.get("value", "")
    return env


def drift_problems(objects: list[dict]) -> list[str]:
    """Everything in the rendered manifests that disagrees with the code."""
    problems: list[str] = []
    env = container_env(objects)
    read = env_names_read_by_code()
    for name in sorted(set(env) - read):
        problems.append(f"env {name} is set but the service never reads it")

    from service.config import ConfigError, Settings
    try:
        Settings.load(environ=env)
    except ConfigError as exc:
        problems.append(f"the service would not start with these settings: {exc}")

    gunicorn = gunicorn_settings(env)
    try:
        worker_client_timeout(env)
    except ValueError as exc:
        problems.append(f"gunicorn would not start with these settings: {exc}")
    service_timeout = _setting(env, "REQUEST_TIMEOUT")
    if service_timeout is not None and service_timeout >= gunicorn["timeout"]:
        problems.append(f"REQUEST_TIMEOUT {service_timeout} is not below gunicorn's worker "
                        f"timeout {gunicorn['timeout']}: slow requests would kill workers "
                        "instead of being answered 504")
    default_port = bound_port(gunicorn_settings({}))
    port = bound_port(gunicorn)
    deployment = one(objects, "Deployment")
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
    if list(ports.values()) != [port]:
        problems.append(f"containerPort {list(ports.values())} but gunicorn binds {port}")
    if port != default_port:
        problems.append(f"containerPort {port} differs from gunicorn's PORT default "
                        f"{default_port}")

    routes = app_routes()
    for probe_name, wanted in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
        probe = container.get(probe_name, {}).get("httpGet")
        if not probe:
            problems.append(f"{probe_name} is not an httpGet probe")
            continue
        if probe["path"] != wanted:
            problems.append(f"{probe_name} path {probe['path']} is not {wanted}")
        if "GET" not in routes.get(probe["path"], set()):
            problems.append(f"{probe_name} path {probe['path']} is no GET route of the app")
        if ports.get(probe["port"], probe["port"]) != port:
            problems.append(f"{probe_name} port {probe['port']} is not the container's {port}")
    startup = container.get("startupProbe", {}).get("httpGet")
    if startup and "GET" not in routes.get(startup["path"], set()):
        problems.append(f"startupProbe path {startup['path']} is no GET route of the app")

    notes = deployment["spec"]["template"]["metadata"].get("annotations", {})
    if notes.get("prometheus.io/scrape") != "true":
        problems.append("pod template lacks prometheus.io/scrape: \"true\"")
    if "GET" not in routes.get(notes.get("prometheus.io/path", ""), set()):
        problems.append(f"prometheus.io/path {notes.get('prometheus.io/path')} is no GET route")
    if notes.get("prometheus.io/port") != str(port):
        problems.append(f"prometheus.io/port {notes.get('prometheus.io/port')} is not {port}")

    grace = pod.get("terminationGracePeriodSeconds", 30)
    pre_stop = _pre_stop_seconds(container)
    if grace <= gunicorn["graceful_timeout"] + pre_stop:
        problems.append(f"terminationGracePeriodSeconds {grace} does not exceed the preStop "
                        f"sleep {pre_stop} + gunicorn graceful_timeout "
                        f"{gunicorn['graceful_timeout']}")
    live = container["livenessProbe"]
    window = live.get("periodSeconds", 10) * live.get("failureThreshold", 3)
    if window <= gunicorn["timeout"]:
        problems.append(f"liveness gives up after {window} s, before gunicorn's own worker "
                        f"timeout of {gunicorn['timeout']} s")

    cpu_limit = container.get("resources", {}).get("limits", {}).get("cpu")
    if cpu_limit is not None and _cores(cpu_limit) < gunicorn["workers"]:
        problems.append(f"{gunicorn['workers']} workers on a CPU limit of {cpu_limit}")

    for service in (o for o in objects if o["kind"] == "Service"):
        for sp in service["spec"]["ports"]:
            target = sp.get("targetPort", sp["port"])
            if ports.get(target, target) != port:
                problems.append(f"Service port {sp['port']} targets {target}, not {port}")
        selector = service["spec"]["selector"]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        if any(labels.get(k) != v for k, v in selector.items()):
            problems.append(f"Service selector {selector} does not select the pods")
    return problems


def _pre_stop_seconds(container: dict) -> int:
    command = (container.get("lifecycle", {}).get("preStop", {}).get("exec", {})
               .get("command", []))
    if len(command) == 2 and command[0] == "sleep":
        return int(command[1])
    return 0


def _cores(quantity: str | int) -> float:
    text = str(quantity)
    return int(text[:-1]) / 1000 if text.endswith("m") else float(text)


def security_problems(objects: list[dict]) -> list[str]:
    """The hardening the issue asks for, on every container of the Deployment."""
    problems: list[str] = []
    pod = one(objects, "Deployment")["spec"]["template"]["spec"]
    pod_ctx = pod.get("securityContext", {})
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for container in pod["containers"]:
        ctx = {**pod_ctx, **container.get("securityContext", {})}
        name = container["name"]
        if ctx.get("runAsNonRoot") is not True:
            problems.append(f"{name}: runAsNonRoot is not true")
        user = ctx.get("runAsUser")
        if not isinstance(user, int) or user == 0:
            problems.append(f"{name}: runAsUser {user!r} is not a numeric non-root user")
        if ctx.get("readOnlyRootFilesystem") is not True:
            problems.append(f"{name}: root filesystem is writable")
        if ctx.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{name}: privilege escalation is allowed")
        if ctx.get("capabilities", {}).get("drop") != ["ALL"]:
            problems.append(f"{name}: capabilities are not all dropped")
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        if "emptyDir" not in volumes.get(mounts.get("/tmp", ""), {}):
            problems.append(f"{name}: no emptyDir mounted at /tmp")
        limits = container.get("resources", {}).get("limits", {})
        requests = container.get("resources", {}).get("requests", {})
        for key in ("cpu", "memory"):
            if key not in requests:
                problems.append(f"{name}: no {key} request")
        if "memory" not in limits:
            problems.append(f"{name}: no memory limit")
    return problems
