"""The rendered manifests are valid Kubernetes objects, checked offline against the schemas that
ship inside the pinned kubernetes-validate package, in strict mode (unknown fields fail)."""
from __future__ import annotations

import shutil

import kubernetes_validate
import pytest

from tests.kubernetes.kube_manifests import BASE, OVERLAYS, one, render_kubectl, render_python

# The oldest Kubernetes the manifests target (autoscaling/v2 behaviour, policy/v1 PDB and
# seccompProfile are all there by 1.28) and the newest the validator knows.
VERSIONS = ("1.28", ".".join(kubernetes_validate.latest_version().split(".")[:2]))


def test_every_tree_has_the_objects_the_issue_asks_for(tree):
    name, objects = tree
    kinds = sorted(o["kind"] for o in objects)
    for kind in ("ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                 "Service"):
        assert kinds.count(kind) == 1, (name, kinds)
    assert OVERLAYS, "no example overlay under docker/kubernetes/overlays/"


@pytest.mark.parametrize("version", VERSIONS)
def test_manifests_validate_against_the_kubernetes_schemas(tree, version):
    name, objects = tree
    for obj in objects:
        kubernetes_validate.validate(obj, version, strict=True)


def test_the_validator_rejects_a_broken_deployment(tree):
    """Guard against a validator that accepts anything: a wrong type and an unknown field."""
    _, objects = tree
    deployment = one(objects, "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["ports"][0]["containerPort"] = "eight thousand"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSIONS[0], strict=True)
    container["ports"][0]["containerPort"] = 8000
    container["readinessProbes"] = container.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSIONS[0], strict=True)


def test_the_schemas_ship_inside_the_package():
    """Validation never needs the network: the schema files are in the installed package."""
    from importlib.resources import files

    schemas = files("kubernetes_validate") / "kubernetes-json-schema"
    for version in VERSIONS:
        folder = schemas / f"v{version}.0-local-strict"
        assert (folder / "deployment-apps-v1.json").is_file(), folder
        assert (folder / "horizontalpodautoscaler-autoscaling-v2.json").is_file(), folder


@pytest.mark.skipif(not shutil.which("kubectl"), reason="kubectl is not installed")
@pytest.mark.parametrize("directory", [BASE, *OVERLAYS], ids=lambda p: p.name)
def test_python_rendering_matches_kubectl_kustomize(directory):
    """The fallback renderer (used where kubectl is missing) gives what kustomize gives."""
    def keyed(objects):
        return {(o["kind"], o["metadata"]["name"]): o for o in objects}

    assert keyed(render_python(directory)) == keyed(render_kubectl(directory))
