"""The rendered Kustomize trees: the base and every overlay under docker/kubernetes/overlays/."""
from __future__ import annotations

import copy

import pytest

from tests.kubernetes.kube_manifests import BASE, OVERLAYS, render

TREES = {"base": BASE, **{f"overlays/{p.name}": p for p in OVERLAYS}}
_cache: dict[str, list[dict]] = {}


@pytest.fixture(params=sorted(TREES))
def tree(request) -> tuple[str, list[dict]]:
    """(name, rendered objects); a deep copy each time, so a test may alter it."""
    name = request.param
    if name not in _cache:
        _cache[name] = render(TREES[name])
    return name, copy.deepcopy(_cache[name])
